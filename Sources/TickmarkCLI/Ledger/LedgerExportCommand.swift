import ArgumentParser
import Foundation
import Tickmark
import TickmarkLedger

/// `tickmark ledger export --from DATE --to DATE -o DIR`: the audit pack.
struct LedgerExportCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an audit pack of the releases in a period: files, approvers, digests, index.html.",
        discussion: """
        For each release released in the period (its last record's end time): releases/NNNNN-VERSION/ with entry.json (the exact bytes the chain hashes) and its signature, approvers.json, and the records, reports and signatures stored with it. Beside them: ledger.json (the chain), index.html (open it offline) and SHA256SUMS (check with `sha256sum -c SHA256SUMS`). The whole ledger is verified first; the pack is written either way and says so, and the exit code is 1 when the chain does not verify. DIR must be new or empty.

        Examples:
          tickmark ledger export --from 2026-10-01 --to 2026-12-31 -o audit-q4
          tickmark ledger export --from 2026-12-01T00:00Z --to 2026-12-02T00:00Z -o audit --ledger postgres://ci@db/releases
        """
    )

    @OptionGroup var range: LedgerRangeArguments

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The folder to write (new or empty).", valueName: "dir"))
    var output: String

    @OptionGroup var ledgerArguments: LedgerArguments

    func validate() throws { try range.check() }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let store = try ledgerArguments.open(console, create: false)
        let folder = CommandPaths.absolute(output, base: console.currentDirectory)
        let periodText = switch (range.from, range.to) {
        case (nil, nil): "of every date"
        case (let from?, nil): "from \(from)"
        case (nil, let to?): "up to \(to)"
        case (let from?, let to?): "from \(from) to \(to)"
        }
        let summary = try AuditPack.export(from: store, period: try range.interval(), periodText: periodText, to: folder)
        for problem in summary.chain.problems {
            console.errorLine("\(store.description): error: \(problem)")
        }
        console.line("Wrote the audit pack of \(summary.releases) release\(summary.releases == 1 ? "" : "s") (\(summary.files) files) to \(output): open \(output)/index.html")
        return summary.chain.problems.isEmpty ? 0 : 1
    }
}
