import ArgumentParser
import Foundation
import Tickmark
import TickmarkLedger
import TickmarkReport

/// `tickmark ledger show N [--format text|json]`.
struct LedgerShowCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one ledger entry: the release, its approvers and stored files.",
        discussion: """
        --format json prints the entry's stored content exactly (the bytes its hash covers), wrapped with its hash and signature.

        Examples:
          tickmark ledger show 12
          tickmark ledger show 12 --format json
        """
    )

    @Argument(help: "The entry's number (see `tickmark ledger list`).")
    var number: Int

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: String = "text"

    @OptionGroup var ledgerArguments: LedgerArguments

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json, not '\(format)'") }
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let store = try ledgerArguments.open(console, create: false)
        let rows = try store.entries()
        guard let row = rows.first(where: { $0.sequence == number }) else {
            throw TickmarkError(.usage, "the ledger has no entry \(number) (it holds \(rows.first?.sequence ?? 0)-\(rows.last?.sequence ?? 0))", path: store.description)
        }
        guard let entry = LedgerEntry(body: row.body) else {
            throw TickmarkError(.invalidInput, "entry \(number) is not readable: run `tickmark ledger verify`", path: store.description)
        }
        if format == "json" {
            let document: JSONValue = .object([
                .init("hash", .string(row.hash)), .init("entry", entry.json), .init("signature", row.signature.map(JSONValue.string) ?? .null),
            ])
            console.out(document.text(pretty: true) + "\n")
            return 0
        }
        let release = entry.release
        console.line("Entry \(row.sequence): \(release.decision) \(release.version ?? "(no version)") at \(release.commit ?? "(no commit)")")
        console.line("  released  \(RunRecord.timestamp(release.releasedAt))")
        console.line("  added     \(RunRecord.timestamp(entry.addedAt)) by \(entry.addedBy)")
        console.line("  hash      \(row.hash)")
        console.line("  previous  \(row.previous)")
        console.line("  signed    \(entry.signer ?? "no")")
        console.line("  checklists:")
        for checklist in release.checklists {
            console.line("    \(checklist["decision"]?.stringValue ?? "?")  \(checklist["id"]?.stringValue ?? "?")  \(checklist["path"]?.stringValue ?? "")  sha256:\(checklist["sha256"]?.stringValue ?? "")")
        }
        console.line(release.approvers.isEmpty ? "  approvers: none" : "  approvers:")
        for approver in release.approvers {
            let role = approver["role"]?.stringValue.map { " (\($0))" } ?? ""
            let signed = approver["signed"]?.boolValue == true ? ", signed" : ""
            console.line("    \(approver["decision"]?.stringValue ?? "?") \(approver["checklist"]?.stringValue ?? "?") › \(approver["item"]?.stringValue ?? "?") by \(approver["by"]?.stringValue ?? "?")\(role) at \(approver["at"]?.stringValue ?? "?") [\(approver["validity"]?.stringValue ?? "?")\(signed)]")
        }
        console.line("  files:")
        for file in entry.files {
            console.line("    \(file.role.padding(toLength: 9, withPad: " ", startingAt: 0)) \(file.name)  \(file.size) bytes  sha256:\(file.sha256)")
        }
        return 0
    }
}
