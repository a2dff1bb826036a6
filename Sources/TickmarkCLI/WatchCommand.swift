import ArgumentParser
import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// `tickmark watch PATH --for 30m --every 1m`: the watch period after a release.
struct WatchCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-run the probe items every interval for a period; NO-GO if an item keeps failing.",
        discussion: """
        A watch re-runs probe items only: manual items and `requires:` belong to the gate before it and are left out (the output says which). Each round tries each probe once, whatever its `retry` says (the next round is the retry); its timeout still applies. Every item that fails is printed under its round, with its reason.

        An item may fail --tolerate rounds in a row (default 0) before the watch is NO-GO; a round where it passes resets its count, and an item still failing in the last round makes the watch NO-GO. The watch stops at the first NO-GO round unless --keep-going.

        Writes one record for the whole watch: each item holds the round where it made the watch NO-GO (else its last round), and `watch.failures` keeps every failing item of every round. Ctrl-C ends the watch cleanly and still writes the record of what was seen (exit 1, as the period was not completed).

        Examples:
          tickmark watch checklists/post-release.md --for 30m --every 1m
          tickmark watch checklists/post-release.md --section "Watch period" --for 2h --every 5m --tolerate 2
          tickmark watch checklists/post-release.md --for 30m --every 1m --keep-going --no-record
        """
    )

    @Argument(help: "Checklist files, or folders of them.")
    var paths: [String]

    @Option(name: .customLong("for"), help: ArgumentHelp("How long to watch, such as 30m.", valueName: "duration"))
    var period: String

    @Option(help: ArgumentHelp("Interval between rounds, such as 1m.", valueName: "duration"))
    var every: String = "1m"

    @Option(help: ArgumentHelp("Rounds in a row an item may fail before the watch is NO-GO.", valueName: "rounds"))
    var tolerate: Int = 0

    @Flag(help: "Keep watching after a NO-GO round; decide at the end.")
    var keepGoing = false

    @OptionGroup var variableArguments: VariableArguments

    @Option(help: ArgumentHelp("Run only the items under this heading (repeatable).", valueName: "name"))
    var section: [String] = []

    @Option(help: ArgumentHelp("Where to write the record (default: a new <records folder>/runs/<id>-<UTC time>.json).", valueName: "file"))
    var record: String?

    @OptionGroup var recordsArguments: RecordsArguments

    @Flag(help: "Do not write a record.")
    var noRecord = false

    @Option(help: "Probes running at once (default 8, and 256 for http, tcp and tls probes, which wait on the network).")
    var jobs: Int?

    func validate() throws {
        guard let total = DurationText.parse(period), total > .zero else {
            throw ValidationError(DurationText.tooLong(period, option: "--for") ?? "--for must be a duration such as 30m, not '\(period)'")
        }
        guard let interval = DurationText.parse(every), interval > .zero else {
            throw ValidationError(DurationText.tooLong(every, option: "--every") ?? "--every must be a duration such as 1m, not '\(every)'")
        }
        guard interval <= total else { throw ValidationError("--every (\(every)) must not be longer than --for (\(period))") }
        guard tolerate >= 0 else { throw ValidationError("--tolerate must be a number of rounds, 0 or more, not \(tolerate)") }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !(noRecord && record != nil) else { throw ValidationError("--record and --no-record cannot be used together") }
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let loop = WatchLoop(duration: DurationText.parse(period)!, interval: DurationText.parse(every)!, keepGoing: keepGoing, tolerate: tolerate)
        return try await Self.watch(paths: paths, loop: loop, command: self, console: console)
    }

    /// Runs the watch with `loop` (tests inject its clock), handling Ctrl-C.
    static func watch(paths: [String], loop: WatchLoop, command: WatchCommand, console: Console) async throws -> Int32 {
        let files = try ChecklistPaths.expand(paths, base: console.currentDirectory)
        guard !files.isEmpty else { throw TickmarkError(.usage, "no checklist files found in \(paths.joined(separator: ", "))") }
        let checklists = try files.map { path throws(TickmarkError) in try ChecklistPaths.load(path, base: console.currentDirectory) }
        var selection = RunOptions()
        if let jobs = command.jobs {
            selection.jobs = jobs
            selection.networkJobs = jobs
        }
        selection.sections = command.section
        let scope = WatchScope(checklists, options: selection)
        guard scope.probeItems > 0 else {
            let which = command.section.isEmpty ? "no item" : "no selected item"
            throw TickmarkError(.usage, "nothing to watch in \(files.joined(separator: ", ")): \(which) has a probe (manual items are not part of a watch)")
        }
        let options = WatchScope.roundOptions(selection)
        let sources = try command.variableArguments.sources(console)
        VariableArguments.warnUnused(sources, checklists: checklists, console: console)
        var liveContext = ProbeContext.live(workingDirectory: console.currentDirectory, environment: console.environment, timeout: options.defaultTimeout)
        liveContext.recordsFolder = command.recordsArguments.absoluteFolder(console)
        let context = liveContext
        // Plan once up front so that an invalid checklist stops before the first round.
        do {
            _ = try await ProbeRunner.dryRun(checklists, sources: sources, options: options, context: context)
        } catch {
            RunDiagnostics.print(error.diagnostics, checklists: checklists, console: console)
            return 2
        }
        WatchOutput.start(scope, command: command, console: console)
        let recordGit = command.noRecord ? nil : RecordGit.start(folder: console.currentDirectory, console: console)
        let watchTask = Task {
            try await loop.run(round: {
                try await ProbeRunner.run(checklists, sources: sources, options: options, context: context)
            }, onRound: { round in
                WatchOutput.round(round, tolerate: loop.tolerate, console: console)
            })
        }
        let interrupt = InterruptHandler { watchTask.cancel() }
        defer { interrupt.stop() }
        let outcome: WatchOutcome
        do {
            outcome = try await watchTask.value
        } catch {
            console.errorLine("watch interrupted before the first round finished; no record written")
            return 1
        }
        console.line()
        RunSummaryText.print(outcome.merged, console: console)
        WatchOutput.summary(outcome, console: console)
        if let recordGit {
            let git = await recordGit.environment(of: outcome.merged.checklists)
            var record = RunRecord(outcome: outcome.merged, environment: RunRecord.currentEnvironment(
                variables: console.environment, workingDirectory: console.currentDirectory, gitCommit: git.commit, gitBranch: git.branch
            ), version: TickmarkCommand.version)
            record.watch = RunRecord.WatchInfo(outcome: outcome, every: command.every, period: command.period)
            let path: String
            if let explicit = command.record {
                path = explicit
                try record.write(to: explicit.hasPrefix("/") ? explicit : (console.currentDirectory as NSString).appendingPathComponent(explicit))
            } else {
                path = try record.writeNew(ids: outcome.merged.checklists.map(\.checklist.id), at: outcome.merged.startedAt,
                                           in: command.recordsArguments.folder(console), base: console.currentDirectory)
            }
            console.line("Record: \(path)")
        }
        if outcome.end == .interrupted { return 1 }
        return outcome.decision == .go ? 0 : 1
    }
}

/// Turns Ctrl-C (SIGINT) into a callback for as long as it lives.
final class InterruptHandler: @unchecked Sendable {
    // The dispatch source is created once and only cancelled in `stop`.
    private let source: DispatchSourceSignal

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: onInterrupt)
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
