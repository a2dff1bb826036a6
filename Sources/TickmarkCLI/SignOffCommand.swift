import ArgumentParser
import Foundation
import Tickmark
import TickmarkReport

/// `tickmark sign-off RECORD ITEM… --by "Name <email>"`: records approvals or rejections.
struct SignOffCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-off",
        abstract: "Record a person's approval (or rejection) of manual items in a run record.",
        discussion: """
        Each ITEM is an item id, or a case-insensitive part of the item's text that matches exactly one item; otherwise the candidates are listed. --all-waiting takes every manual item still waiting for a sign-off (under the heading --section NAME only, when given). Every item is found and checked before anything is written: one problem refuses the whole command. Each sign-off is bound to its item's content: the checklist file is read again, and if the item changed since the run, nothing is signed (run the checklist again first). The record is updated in place, atomically, once; earlier sign-offs are kept, and the items' status and the checklists' decisions are updated.

        With --key, the sign-off is signed (SSHSIG, namespace tickmark-sign-off). When a roster (.tickmark/roster.yml, or --roster) or --allowed-signers says whose keys are whose, the key must be one of the --by person's keys, or nothing is signed off (exit 2).

        Several people sign the same item, each with a sign-off of their own: an item with an approval rule (`approve: 2 @release-manager not=author`, see docs/approvals.md) is done when enough people of the role approve, and after each sign-off the rule's decision is printed (what is missing, who may still approve).

        Examples:
          tickmark sign-off run.json "rollback plan" --by "Ana <ana@example.com>"
          tickmark sign-off run.json rollback --by "Ana <ana@example.com>" --role qa
          tickmark sign-off run.json data/migration --by "Bo <bo@example.com>" --reject
          tickmark sign-off run.json smoke --by "Ana <ana@example.com>" --note "ok"
          tickmark sign-off run.json smoke --by "Ana <ana@example.com>" \\
              --expires 2026-12-01T18:00Z
          tickmark sign-off run.json rollback "status page" --by "Bo <bo@example.com>"
          tickmark sign-off run.json --all-waiting --section "Go live" \\
              --by "Ana <ana@example.com>" --key ~/.ssh/id_ed25519
        """
    )

    @Argument(help: "The run record (written by `tickmark run --record FILE`).")
    var record: String

    @Argument(help: "Items: each an id, or a part of one item's text.")
    var items: [String] = []

    @Flag(help: "Sign off every manual item still waiting for a sign-off.")
    var allWaiting = false

    @Option(help: ArgumentHelp("With --all-waiting: only the items under this heading.", valueName: "name"))
    var section: String?

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

    @OptionGroup var trustArguments: SignerTrustArguments

    func validate() throws {
        if items.isEmpty && !allWaiting {
            throw ValidationError("name the items to sign off (ids or parts of their text), or pass --all-waiting")
        }
        if !items.isEmpty && allWaiting {
            throw ValidationError("name items or pass --all-waiting, not both")
        }
        if section != nil && !allWaiting {
            throw ValidationError("--section goes with --all-waiting; to sign off named items, name them")
        }
        guard SignOffRequest.isSigner(by) else {
            throw ValidationError("--by must name a person as \"Name <email>\", such as \"Ana Lima <ana@example.com>\", not '\(by)'")
        }
        if let expires, RunRecord.parseTimestamp(expires) == nil {
            throw ValidationError("--expires must be an ISO 8601 time such as 2026-12-01T18:00Z, not '\(expires)'")
        }
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        try await execute(console, signer: SSHSignOffSigner(), now: Date())
    }

    /// Does the work with an injected signer and clock.
    func execute(_ console: Console, signer: any SignOffSigner, now: Date) async throws -> Int32 {
        let recordPath = CommandPaths.absolute(record, base: console.currentDirectory)
        // Read, check and replace the record under its folder's lock: a sign-off made at the same
        // time by someone else waits, then reads the record with this one in it.
        let outcomes = try FileLock.exclusive(for: recordPath) {
            try signOff(recordPath: recordPath, console: console, signer: signer, now: now)
        }
        guard let last = outcomes.last else { return 0 }

        for outcome in outcomes {
            let verb = outcome.signOff.decision == .approve ? "Signed off" : "Rejected"
            let role = outcome.signOff.role.map { " as \($0)" } ?? ""
            console.line("\(verb) \(outcome.match.checklistID) › \(outcome.item.id) (line \(outcome.item.line)) by \(outcome.signOff.by)\(role)")
            if outcomes.count == 1 { console.line("  \(outcome.item.text)") }
            for note in outcome.notes { console.line("  note: \(note)") }
            if outcome.item.approvals != nil { console.line("  approvals: \(outcome.item.reason)") }
        }
        if let expires = last.signOff.expires { console.line("  expires \(RunRecord.timestamp(expires))") }
        if last.signOff.signature != nil { console.line("  signed with \(key ?? "the key"): \(last.signer.text)") }
        var shown: Set<Int> = []
        for outcome in outcomes where shown.insert(outcome.match.checklistIndex).inserted {
            let checklist = last.record.checklists[outcome.match.checklistIndex]
            let blockers = checklist.blockers.count
            let decision = checklist.decision == .go ? "GO" : "NO-GO (\(blockers) blocker\(blockers == 1 ? "" : "s"))"
            console.line("\(checklist.id): \(decision)")
        }
        console.line("Record: \(record)")
        return 0
    }

    /// Reads the record, records the sign-offs and writes the record back; the caller holds the
    /// lock of the record's folder.
    private func signOff(recordPath: String, console: Console, signer: any SignOffSigner, now: Date) throws -> [SignOffOutcome] {
        let bytes = try ChecklistFile.readBytes(recordPath)
        let runRecord = try RunRecord.decode(bytes, path: record)
        let trust = try trustArguments.trust(console, checklists: RunApprovals.rosterHints([runRecord]))
        let keyPath = key.map { CommandPaths.absolute(expandHome($0, console: console), base: console.currentDirectory) }
        let request = SignOffRequest(
            selection: allWaiting ? .allWaiting(section: section) : .items(items), checklist: checklist, by: by, role: role, note: note,
            decision: reject ? .reject : .approve, expires: expires.flatMap(RunRecord.parseTimestamp), keyPath: keyPath
        )
        let outcomes: [SignOffOutcome]
        do {
            outcomes = try SignOffRecorder.recordAll(
                request, in: runRecord, recordPath: record, now: now, signer: signer, trust: trust
            ) { checklist throws(TickmarkError) in
                let path = try locate(checklist, in: runRecord, console: console)
                return (path, try ChecklistFile.readBytes(path))
            }
        } catch {
            // Name the key as it was typed.
            var named = error
            if let keyPath, named.path == keyPath { named.path = key }
            throw named
        }
        if let last = outcomes.last { try last.record.write(to: recordPath, expected: bytes) }
        return outcomes
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
