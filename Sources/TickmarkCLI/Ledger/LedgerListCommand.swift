import ArgumentParser
import Foundation
import Tickmark
import TickmarkLedger
import TickmarkReport

/// `tickmark ledger list [--from DATE] [--to DATE] [--format text|json]`.
struct LedgerListCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the ledger's releases, oldest first.",
        discussion: """
        One line per entry: number, release time (the last record's end), decision, version, commit, approvers, whether signed, and the start of its hash. --format json prints the same as a JSON array (schema tickmark.ledger-list/v1).

        Examples:
          tickmark ledger list
          tickmark ledger list --from 2026-12-01 --format json
        """
    )

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: String = "text"

    @OptionGroup var range: LedgerRangeArguments
    @OptionGroup var ledgerArguments: LedgerArguments

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json, not '\(format)'") }
        try range.check()
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let store = try ledgerArguments.open(console, create: false)
        let rows = try store.entries()
        let interval = try range.interval()
        var listed: [(row: StoredEntry, entry: LedgerEntry?)] = []
        for row in rows {
            let entry = LedgerEntry(body: row.body)
            if let entry, !interval.contains(entry.release.releasedAt) { continue }
            listed.append((row, entry))
        }
        if format == "json" {
            let items: [JSONValue] = listed.map { row, entry in
                guard let entry else {
                    return .object([.init("sequence", .integer(row.sequence)), .init("hash", .string(row.hash)), .init("readable", .bool(false))])
                }
                return .object([
                    .init("sequence", .integer(row.sequence)), .init("hash", .string(row.hash)), .init("previous", .string(row.previous)),
                    .init("addedAt", .string(RunRecord.timestamp(entry.addedAt))), .init("addedBy", .string(entry.addedBy)),
                    .init("releasedAt", .string(RunRecord.timestamp(entry.release.releasedAt))),
                    .init("decision", .string(entry.release.decision)),
                    .init("version", entry.release.version.map(JSONValue.string) ?? .null),
                    .init("commit", entry.release.commit.map(JSONValue.string) ?? .null),
                    .init("approvers", .array(entry.release.approvers.compactMap { $0["by"] }.uniqued())),
                    .init("signer", entry.signer.map(JSONValue.string) ?? .null),
                    .init("files", .integer(entry.files.count)),
                ])
            }
            let document: JSONValue = .object([.init("schema", .string("tickmark.ledger-list/v1")), .init("entries", .array(items))])
            console.out(document.text(pretty: true) + "\n")
            return 0
        }
        if listed.isEmpty {
            console.line("\(store.description): no releases\(range.isSet ? " in that period" : "")")
            return 0
        }
        for (row, entry) in listed {
            guard let entry else {
                console.line("\(row.sequence)  (unreadable entry: run `tickmark ledger verify`)")
                continue
            }
            let approvers = entry.release.approvers.compactMap { $0["by"]?.stringValue }.uniqued()
            let fields = [
                String(row.sequence), RunRecord.timestamp(entry.release.releasedAt), entry.release.decision.padding(toLength: 5, withPad: " ", startingAt: 0),
                entry.release.version ?? "-", String((entry.release.commit ?? "-").prefix(12)),
                approvers.isEmpty ? "no approvers" : approvers.joined(separator: ", "), entry.signer == nil ? "unsigned" : "signed",
                String(row.hash.prefix(12)),
            ]
            console.line(fields.joined(separator: "  "))
        }
        return 0
    }
}

/// `--from DATE --to DATE`: which releases, by release time; a date alone means the whole UTC day.
struct LedgerRangeArguments: ParsableArguments {
    @Option(help: ArgumentHelp("First release time (YYYY-MM-DD, or an ISO 8601 time).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last release time (YYYY-MM-DD includes that whole UTC day, or an ISO 8601 time).", valueName: "date"))
    var to: String?

    var isSet: Bool { from != nil || to != nil }

    func check() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, LedgerDates.parse(value, endOfDay: false) == nil {
                throw ValidationError("\(name) must be a date such as 2026-12-01 or a time such as 2026-12-01T18:00Z, not '\(value)'")
            }
        }
    }

    func interval() throws(TickmarkError) -> ClosedRange<Date> {
        let start = from.flatMap { LedgerDates.parse($0, endOfDay: false) } ?? .distantPast
        let end = to.flatMap { LedgerDates.parse($0, endOfDay: true) } ?? .distantFuture
        guard start <= end else { throw TickmarkError(.usage, "--from \(from ?? "") is after --to \(to ?? "")") }
        return start...end
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
