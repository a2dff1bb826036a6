import ArgumentParser
import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// `tickmark run PATH…`: runs the probes, decides GO / NO-GO, writes the record.
struct RunCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the probes of checklists and decide GO / NO-GO.",
        discussion: """
        Probes run concurrently; results print in document order (as soon as an item and all before it have finished when standard output is not a terminal, with a "still running" line every --heartbeat). Manual items count when ticked in the file (or, with --strict, only when signed off). With --pull-request the checklist is the pull request's description (GitHub Actions: GITHUB_EVENT_PATH, or with =api the REST API and GITHUB_TOKEN); manual items ticked there are claimed by the author. A run command gets each ${name} as the environment variable TICKMARK_VAR_name, never as command text (--dry-run shows both). A run that checked nothing is NO-GO; --only or --section matching no item is invalid input. Exit 0 means GO, 1 NO-GO, 2 invalid input.

        Examples:
          tickmark run checklists/pre-merge.md
          tickmark run checklists/staging.md --var base_url=https://staging.example.com --junit junit.xml
          tickmark run checklists/ --section "Before tagging" --fail-fast
          tickmark run checklists/production-readiness.md --dry-run
          tickmark run RELEASING.md --write --record .tickmark/release.json
          tickmark run --pull-request --probes-only --write      (in GitHub Actions, on a pull_request event)
        """
    )

    @Argument(help: "Checklist files, or folders of them; github:pr (or github:pr#NUMBER) for a pull request's body.")
    var paths: [String] = []

    @Option(name: .customLong("pull-request"), defaultAsFlag: PullRequestSource.event, parsing: .next, help: ArgumentHelp("Run the checklist in the pull request's body: as the event file has it (event), or its current text from the API (api). Manual items ticked there count as claimed by the author; --write ticks probe boxes in the body; results go to one comment.", valueName: "source"))
    var pullRequest: PullRequestSource?

    @Flag(help: "With a pull request, do not post the results as a comment.")
    var noComment = false

    @OptionGroup var variableArguments: VariableArguments

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Run only these item ids (and their children).", valueName: "id"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Run only the items under this heading (repeatable).", valueName: "name"))
    var section: [String] = []

    @Flag(help: "Run and count only items with probes; leave manual items out (for CI gates).")
    var probesOnly = false

    @Option(help: "Probes running at once (default 8, and 256 for http, tcp and tls probes, which wait on the network).")
    var jobs: Int?

    @Flag(help: "Stop starting probes after the first blocking failure.")
    var failFast = false

    @Flag(help: "List what would run, run nothing.")
    var dryRun = false

    @Flag(help: "Tick and untick boxes in the checklist files to mirror the results.")
    var write = false

    @Option(help: ArgumentHelp("Where to write the run record (default: a new <records folder>/runs/<id>-<UTC time>.json). Sign-offs in an existing record are carried over.", valueName: "file"))
    var record: String?

    @OptionGroup var recordsArguments: RecordsArguments

    @Flag(help: "Do not write a run record.")
    var noRecord = false

    @Option(help: ArgumentHelp("Write JUnit XML here.", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Write the run as JSON (tickmark.run/v1) here.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Time limit for the whole run, such as 10m.", valueName: "duration"))
    var timeout: String?

    @Flag(help: "Manual items count only when signed off, not when ticked.")
    var strict = false

    @Flag(help: "NO-GO when a box ticked in the file is not backed by this run or a valid, fresh sign-off; names who or what ticked it (the record that last backed it, the commit that changed its line).")
    var check = false

    @Option(help: ArgumentHelp("Run probes in this folder instead of the current one.", valueName: "dir"))
    var cwd: String?

    @Option(help: ArgumentHelp("When standard output is not a terminal, print a \"still running\" line for an item whose probes run longer than this, and again at each multiple.", valueName: "duration"))
    var heartbeat: String = "30s"

    @OptionGroup var trustArguments: SignerTrustArguments

    func validate() throws {
        guard !paths.isEmpty || pullRequest != nil else { throw ValidationError("name checklist files or folders, or --pull-request") }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let timeout, DurationText.parse(timeout) == nil {
            throw ValidationError(DurationText.tooLong(timeout, option: "--timeout") ?? "--timeout must be a duration such as 90s, 10m or 1h, not '\(timeout)'")
        }
        guard let every = DurationText.parse(heartbeat), every > .zero else {
            throw ValidationError(DurationText.tooLong(heartbeat, option: "--heartbeat") ?? "--heartbeat must be a duration such as 30s or 1m, not '\(heartbeat)'")
        }
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let workingDirectory = absolute(cwd ?? console.currentDirectory, base: console.currentDirectory)
        let pullRequestRun = try await PullRequestRun.open(
            paths: paths, option: pullRequest, write: write && !dryRun, comment: !noComment && !dryRun, console: console,
            transport: ProbeContext.live(workingDirectory: workingDirectory, environment: console.environment, timeout: .seconds(30)).http
        )
        let filePaths = paths.filter { !$0.hasPrefix("github:") }
        let files = try ChecklistPaths.expand(filePaths, base: console.currentDirectory)
        guard !files.isEmpty || pullRequestRun != nil else { throw TickmarkError(.usage, "no checklist files found in \(paths.joined(separator: ", "))") }
        let inputs = files + (variableArguments.varsFile.map { [$0] } ?? []) + (record.map { [$0] } ?? [])
        try OutputFile.refuseInput(junit, option: "--junit", inputs: inputs, base: console.currentDirectory)
        try OutputFile.refuseInput(json, option: "--json", inputs: inputs, base: console.currentDirectory)
        let checklists = try (pullRequestRun.map { [$0.checklist] } ?? []) + files.map { path throws(TickmarkError) in try ChecklistPaths.load(path, base: console.currentDirectory) }
        var options = RunOptions()
        if let pullRequestRun { options.claimants[pullRequestRun.checklist.path] = pullRequestRun.claimant }
        if let jobs {
            options.jobs = jobs
            options.networkJobs = jobs
        }
        options.failFast = failFast
        options.strict = strict
        options.check = check
        options.only = only
        options.sections = section
        options.probesOnly = probesOnly
        try RunSelection.check(checklists, options: options)
        options.runTimeout = timeout.flatMap(DurationText.parse)
        var carried: RunRecord?
        if let record, FileManager.default.fileExists(atPath: record) {
            carried = try RunRecord.load(record)
            options.signOffs = try trustArguments.countedSignOffs(carried?.signOffs ?? [], recordPath: record, console: console)
        }
        let approvals = try RunApprovals.setup(
            checklists, claimant: pullRequestRun?.claimant, signOffs: carried?.signOffs ?? [], trustArguments: trustArguments,
            workingDirectory: workingDirectory, console: console
        )
        options.approvals = approvals?.judge
        let sources = try variableArguments.sources(console)
        VariableArguments.warnUnused(sources, checklists: checklists, console: console)

        var context = ProbeContext.live(workingDirectory: workingDirectory, environment: console.environment, timeout: options.defaultTimeout)
        context.recordsFolder = recordsArguments.absoluteFolder(console)
        if dryRun {
            return try await DryRun.print(checklists, sources: sources, options: options, context: context, console: console)
        }
        // Only what the run writes needs the commit and branch: a record, --json, --junit.
        let recordGit = noRecord && json == nil && junit == nil ? nil : RecordGit.start(folder: workingDirectory, console: console)
        let progress = RunProgress(checklists: checklists, console: console, heartbeat: DurationText.parse(heartbeat) ?? .seconds(30))
        let signals = RunSignals()
        defer { signals.stop() }
        var outcome: RunOutcome
        do {
            outcome = try await ProbeRunner.run(checklists, sources: sources, options: options, context: context) { event in
                progress.handle(event)
            }
        } catch {
            progress.finish()
            RunDiagnostics.print(error.diagnostics, checklists: checklists, console: console)
            return 2
        }
        progress.finish()
        if check {
            let folder = recordsArguments.folder(console)
            outcome = TickAttribution.annotate(outcome, records: RecordSet.load(folder: recordsArguments.absoluteFolder(console), shownFolder: folder), now: outcome.finishedAt, base: console.currentDirectory)
        }
        if progress.streams {
            RunSummaryText.printTotals(outcome, console: console)
        } else {
            RunSummaryText.print(outcome, console: console)
        }

        let git = await recordGit?.environment(of: outcome.checklists) ?? (commit: nil, branch: nil)
        let environment = RunRecord.currentEnvironment(
            variables: console.environment, workingDirectory: workingDirectory, gitCommit: git.commit, gitBranch: git.branch
        )
        var runRecord = RunRecord(outcome: outcome, environment: environment, version: TickmarkCommand.version, signOffs: carried?.signOffs ?? [])
        runRecord.environment.author = approvals?.author?.text
        var failures: [TickmarkError] = []
        func attempt(_ body: () throws(TickmarkError) -> Void) {
            do { try body() } catch { failures.append(error) }
        }
        if !noRecord {
            attempt { () throws(TickmarkError) in
                guard let path = record else {
                    let path = try runRecord.writeNew(ids: outcome.checklists.map(\.checklist.id), at: outcome.startedAt,
                                                      in: recordsArguments.folder(console), base: console.currentDirectory)
                    console.line("Record: \(path)")
                    return
                }
                let kept = try LockedWrites.replaceRecord(runRecord, at: absolute(path, base: console.currentDirectory))
                console.line("Record: \(path)")
                if let kept { console.line(kept) }
            }
        }
        if let json { attempt { () throws(TickmarkError) in try OutputFile.write(try runRecord.jsonBytes(), to: json, console: console) } }
        if let junit { attempt { () throws(TickmarkError) in try OutputFile.write(Array(JUnitWriter.xml(for: [runRecord]).utf8), to: junit, console: console) } }
        if write { attempt { () throws(TickmarkError) in try BoxWriter.write(pullRequestRun?.filesOnly(outcome) ?? outcome, console: console) } }
        GitHubActions.report(outcome, console: console)
        if let pullRequestRun {
            do { try await pullRequestRun.finish(outcome, write: write, console: console) } catch { failures.append(error) }
        }
        for failure in failures { console.errorLine(failure.description) }
        if !failures.isEmpty { return 2 }
        return outcome.decision == .go ? 0 : 1
    }

    private func absolute(_ path: String, base: String) -> String {
        path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }
}
