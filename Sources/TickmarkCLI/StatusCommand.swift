import ArgumentParser
import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// `tickmark status [PATH…]`: where each item stands now, from the run records alone.
struct StatusCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where each item stands now, from the run records alone (nothing runs).",
        discussion: """
        Reads every run record in the records folder and judges each item of the checklists as they are now: done (with the age of what backs it: which record, whose sign-off, which probes), expiring (within its warn: time), stale (older than its fresh: time), waiting (never run, changed since, or no sign-off) or failing. A probe item's newest result counts; a manual item's newest valid sign-off from any record counts. Without PATH, every checklist found in the records is shown, judged by its file when it is still there, else by the text its newest record holds. Exit 0 when every checklist is GO now, 1 when not, 2 for invalid input.

        Examples:
          tickmark status RELEASING.md
          tickmark status checklists/ --records ci-records
          tickmark status
          tickmark status RELEASING.md --format json
        """
    )

    @Argument(help: "Checklist files or folders of them (default: every checklist in the records).")
    var paths: [String] = []

    @OptionGroup var recordsArguments: RecordsArguments

    @Option(help: ArgumentHelp("Output format: text or json (tickmark.status/v1).", valueName: "format"))
    var format: String = "text"

    @Flag(help: "Manual items count only when signed off, not when ticked.")
    var strict = false

    @OptionGroup var trustArguments: SignerTrustArguments

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json, not '\(format)'") }
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        try execute(console, clock: SystemClock())
    }

    /// Does the work with the time taken from `clock`.
    func execute(_ console: Console, clock: any WallClock) throws -> Int32 {
        let now = clock.now()
        let folder = recordsArguments.absoluteFolder(console)
        let records = RecordSet.load(folder: folder, shownFolder: recordsArguments.folder(console))
        let checklists = try self.checklists(records: records, console: console)
        let problems = checklists.flatMap { $0.diagnostics.filter { $0.severity == .error } }
        if !problems.isEmpty {
            let formatter = DiagnosticFormatter(colored: console.colors)
            for problem in problems { console.errorLine(formatter.format(problem, source: checklists.first { $0.path == problem.path }?.source)) }
            console.errorLine("error: \(problems.count) problem\(problems.count == 1 ? "" : "s") in the checklists must be fixed first (tickmark lint)")
            return 2
        }
        let evaluator = StandingEvaluator(records: records, now: now, strict: strict, trust: try trustArguments.trust(console))
        let standings = checklists.map { evaluator.standing(of: $0) }
        if format == "json" {
            let bytes = StatusJSON.bytes(standings, now: now, skipped: records.skipped)
            bytes.withUnsafeBytes { console.outBytes($0) }
        } else {
            StatusText.print(standings, records: records, now: now, console: console)
        }
        return standings.allSatisfy { $0.decision == .go } ? 0 : 1
    }

    /// The checklists named, or every checklist in the records.
    private func checklists(records: RecordSet, console: Console) throws(TickmarkError) -> [Checklist] {
        if !paths.isEmpty {
            let files = try ChecklistPaths.expand(paths, base: console.currentDirectory)
            guard !files.isEmpty else { throw TickmarkError(.usage, "no checklist files found in \(paths.joined(separator: ", "))") }
            return try files.map { path throws(TickmarkError) in try ChecklistPaths.load(path, base: console.currentDirectory) }
        }
        let ids = records.checklistIDs
        guard !ids.isEmpty else {
            throw TickmarkError(.usage, "no run records in \(recordsArguments.folder(console)); name checklist files, or --records DIR")
        }
        return ids.compactMap { id -> Checklist? in
            guard let (entry, recorded) = records.latest(of: id) else { return nil }
            let candidates = recorded.path.hasPrefix("/") ? [recorded.path] : [
                CommandPaths.absolute(recorded.path, base: console.currentDirectory),
                CommandPaths.absolute(recorded.path, base: entry.record.environment.workingDirectory),
            ]
            if let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
               var checklist = try? ChecklistPaths.load(file, base: console.currentDirectory), checklist.id == id {
                checklist.rename(to: recorded.path)
                return checklist
            }
            guard let bytes = recorded.sourceBytes else { return nil }
            return ChecklistParser.parse(bytes, path: recorded.path)
        }
    }
}
