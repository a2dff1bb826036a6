import ArgumentParser
import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// `tickmark watch PATH --for 30m --every 1m`: the watch period after a release.
struct WatchCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-run the probes every interval for a period; NO-GO if any round fails.",
        discussion: """
        Writes one record for the whole watch: each item holds the worst round it had. Stops at the first failing round unless --keep-going. Ctrl-C ends the watch cleanly and still writes the record of what was seen (exit 1, as the period was not completed).

        Examples:
          tickmark watch checklists/post-release.md --for 30m --every 1m
          tickmark watch checklists/post-release.md --section "Watch period" --for 2h --every 5m --keep-going
        """
    )

    @Argument(help: "Checklist files, or folders of them.")
    var paths: [String]

    @Option(name: .customLong("for"), help: ArgumentHelp("How long to watch, such as 30m.", valueName: "duration"))
    var period: String

    @Option(help: ArgumentHelp("Interval between rounds, such as 1m.", valueName: "duration"))
    var every: String = "1m"

    @Flag(help: "Keep watching after a failing round; decide at the end.")
    var keepGoing = false

    @OptionGroup var variableArguments: VariableArguments

    @Option(help: ArgumentHelp("Run only the items under this heading (repeatable).", valueName: "name"))
    var section: [String] = []

    @Option(help: ArgumentHelp("Where to write the record (default: a new <records folder>/runs/<id>-<UTC time>.json).", valueName: "file"))
    var record: String?

    @OptionGroup var recordsArguments: RecordsArguments

    @Option(help: "Probes running at once.")
    var jobs: Int = 8

    func validate() throws {
        guard let total = DurationText.parse(period), total > .zero else { throw ValidationError("--for must be a duration such as 30m, not '\(period)'") }
        guard let interval = DurationText.parse(every), interval > .zero else { throw ValidationError("--every must be a duration such as 1m, not '\(every)'") }
        guard interval <= total else { throw ValidationError("--every (\(every)) must not be longer than --for (\(period))") }
    }

    func execute(_ console: Console) async throws -> Int32 {
        let loop = WatchLoop(duration: DurationText.parse(period)!, interval: DurationText.parse(every)!, keepGoing: keepGoing)
        return try await Self.watch(paths: paths, loop: loop, command: self, console: console)
    }

    /// Runs the watch with `loop` (tests inject its clock), handling Ctrl-C.
    static func watch(paths: [String], loop: WatchLoop, command: WatchCommand, console: Console) async throws -> Int32 {
        let files = try ChecklistPaths.expand(paths, base: console.currentDirectory)
        let checklists = try files.map { path throws(TickmarkError) in try ChecklistPaths.load(path, base: console.currentDirectory) }
        var options = RunOptions()
        options.jobs = command.jobs
        options.sections = command.section
        let sources = try command.variableArguments.sources(console)
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
        let frozenOptions = options
        let frozenSources = sources
        let watchTask = Task {
            try await loop.run(round: {
                try await ProbeRunner.run(checklists, sources: frozenSources, options: frozenOptions, context: context)
            }, onRound: { index, outcome in
                let failing = outcome.checklists.flatMap(\.blockers)
                var line = "round \(index): \(outcome.decision.rawValue)"
                if let first = failing.first { line += " — \(first)" }
                console.line(line)
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
        RunSummaryText.print(outcome.merged, console: console)
        let failedRounds = outcome.rounds.filter { $0 == .noGo }.count
        console.line("Watch: \(outcome.rounds.count) round\(outcome.rounds.count == 1 ? "" : "s"), \(failedRounds) NO-GO, \(outcome.end.rawValue)")
        var record = RunRecord(outcome: outcome.merged, environment: RunRecord.currentEnvironment(
            variables: console.environment, workingDirectory: console.currentDirectory, gitCommit: nil, gitBranch: nil
        ), version: TickmarkCommand.version)
        record.watch = RunRecord.WatchInfo(rounds: outcome.rounds.count, roundsNoGo: failedRounds, every: command.every, period: command.period, end: outcome.end)
        if let path = command.record {
            try record.write(to: path.hasPrefix("/") ? path : (console.currentDirectory as NSString).appendingPathComponent(path))
            console.line("Record: \(path)")
        } else {
            let path = try record.writeNew(ids: outcome.merged.checklists.map(\.checklist.id), at: outcome.merged.startedAt,
                                           in: command.recordsArguments.folder(console), base: console.currentDirectory)
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
