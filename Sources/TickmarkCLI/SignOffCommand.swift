import ArgumentParser
import Foundation
import Tickmark
import TickmarkReport

/// `tickmark sign-off RECORD ITEM --by "Name <email>"`: records an approval or rejection.
struct SignOffCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-off",
        abstract: "Record a person's approval (or rejection) of a manual item in a run record.",
        discussion: """
        ITEM is an item id, or a case-insensitive part of the item's text that matches exactly one item; otherwise the candidates are listed. The sign-off is bound to the item's content: the checklist file is read again, and if the item changed since the run, nothing is signed (run the checklist again first). The record is updated in place, atomically; earlier sign-offs are kept, and the item's status and the checklist's decision are updated.

        Examples:
          tickmark sign-off run.json "rollback plan" --by "Ana <ana@example.com>"
          tickmark sign-off run.json rollback --by "Ana <ana@example.com>" --role qa
          tickmark sign-off run.json data/migration --by "Bo <bo@example.com>" --reject
          tickmark sign-off run.json smoke --by "Ana <ana@example.com>" --note "ok"
          tickmark sign-off run.json smoke --by "Ana <ana@example.com>" \\
              --expires 2026-12-01T18:00Z
        """
    )

    @Argument(help: "The run record (written by `tickmark run --record FILE`).")
    var record: String

    @Argument(help: "The item's id, or a part of its text.")
    var item: String

    @Option(help: ArgumentHelp("Who signs off, as \"Name <email>\".", valueName: "name <email>"))
    var by: String

    @Option(help: ArgumentHelp("The role signed in, such as release-manager.", valueName: "role"))
    var role: String?

    @Option(help: ArgumentHelp("A note kept with the sign-off.", valueName: "text"))
    var note: String?

    @Flag(help: "Record a rejection instead of an approval.")
    var reject = false

    @Option(help: ArgumentHelp("When the approval stops counting (ISO 8601, such as 2026-12-01T18:00Z).", valueName: "time"))
    var expires: String?

    @Option(help: ArgumentHelp("Look for the item in this checklist only (by id).", valueName: "id"))
    var checklist: String?

    @Option(help: ArgumentHelp("Sign the sign-off with this OpenSSH Ed25519 private key.", valueName: "key"))
    var key: String?

    func validate() throws {
        guard SignOffRequest.isSigner(by) else {
            throw ValidationError("--by must name a person as \"Name <email>\", such as \"Ana Lima <ana@example.com>\", not '\(by)'")
        }
        if let expires, RunRecord.parseTimestamp(expires) == nil {
            throw ValidationError("--expires must be an ISO 8601 time such as 2026-12-01T18:00Z, not '\(expires)'")
        }
    }

    func execute(_ console: Console) async throws -> Int32 {
        try await execute(console, signer: SSHSignOffSigner(), now: Date())
    }

    /// Does the work with an injected signer and clock.
    func execute(_ console: Console, signer: any SignOffSigner, now: Date) async throws -> Int32 {
        let recordPath = CommandPaths.absolute(record, base: console.currentDirectory)
        let bytes = try ChecklistFile.readBytes(recordPath)
        let runRecord = try RunRecord.decode(bytes, path: record)
        let request = SignOffRequest(
            item: item, checklist: checklist, by: by, role: role, note: note,
            decision: reject ? .reject : .approve, expires: expires.flatMap(RunRecord.parseTimestamp), keyPath: key
        )
        let outcome = try SignOffRecorder.record(
            request, in: runRecord, recordPath: record, now: now, signer: signer
        ) { checklist throws(TickmarkError) in
            let path = try locate(checklist, in: runRecord, console: console)
            return (path, try ChecklistFile.readBytes(path))
        }
        try outcome.record.write(to: recordPath, expected: bytes)

        let verb = outcome.signOff.decision == .approve ? "Signed off" : "Rejected"
        let role = outcome.signOff.role.map { " as \($0)" } ?? ""
        console.line("\(verb) \(outcome.match.checklistID) › \(outcome.item.id) (line \(outcome.item.line)) by \(outcome.signOff.by)\(role)")
        console.line("  \(outcome.item.text)")
        if let expires = outcome.signOff.expires { console.line("  expires \(RunRecord.timestamp(expires))") }
        if outcome.signOff.signature != nil { console.line("  signed with \(key ?? "the key")") }
        for note in outcome.notes { console.line("  note: \(note)") }
        let blockers = outcome.record.checklists[outcome.match.checklistIndex].blockers.count
        let decision = outcome.checklistDecision == .go ? "GO" : "NO-GO (\(blockers) blocker\(blockers == 1 ? "" : "s"))"
        console.line("\(outcome.match.checklistID): \(decision)")
        console.line("Record: \(record)")
        return 0
    }

    /// The checklist file of a recorded checklist: its path as given to `run`, resolved against the
    /// current folder, then against the folder the run happened in.
    private func locate(_ checklist: RunRecord.ChecklistRecord, in record: RunRecord, console: Console) throws(TickmarkError) -> String {
        let candidates = checklist.path.hasPrefix("/") ? [checklist.path] : [
            CommandPaths.absolute(checklist.path, base: console.currentDirectory),
            CommandPaths.absolute(checklist.path, base: record.environment.workingDirectory),
        ]
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        throw TickmarkError(
            .unreadable,
            "cannot find the checklist file to check that the item is unchanged (looked at \(candidates.joined(separator: " and "))); run sign-off from the folder the checklist was run in",
            path: checklist.path
        )
    }
}

/// Resolving paths the user typed.
enum CommandPaths {
    /// `path` made absolute against `base`.
    static func absolute(_ path: String, base: String) -> String {
        path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }
}
