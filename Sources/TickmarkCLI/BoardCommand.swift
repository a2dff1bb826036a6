import ArgumentParser
import Foundation
import Tickmark
import TickmarkLedger
import TickmarkProbes
import TickmarkReport

/// `tickmark board PATH… [--records DIR] -o board.html`: the release board.
struct BoardCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "One self-contained HTML page: can we release now, and if not, what exactly is missing.",
        discussion: """
        For the checklists of a release, in requires: order, from the latest run record of each below the records folder (nothing is run): per phase GO / NO-GO, what blocks it, the sign-offs it still waits for and who may give them (the item's owners), the approvals its approval rules still lack and who may still give them (judged with the roster, as `report` does), evidence inside its warn: time with the moment it expires, and the watch period's rounds. Sign-offs are judged as of now, as `report` does. The page loads nothing from the network and prints as it is. Exit 0 when every phase is GO, 1 otherwise.

        Examples:
          tickmark board checklists/staging.md checklists/production.md -o board.html
          tickmark board checklists/*.md --records ci-records -o board.html
        """
    )

    @Argument(help: "The release's checklists.")
    var paths: [String]

    @OptionGroup var recordsArguments: RecordsArguments

    @OptionGroup var trustArguments: SignerTrustArguments

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the page here (atomically) instead of to standard output.", valueName: "file"))
    var output: String?

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        var checklists: [Checklist] = []
        for path in paths {
            let bytes = try ChecklistFile.readBytes(CommandPaths.absolute(path, base: console.currentDirectory))
            checklists.append(ChecklistParser.parse(bytes, path: path))
        }
        let folder = recordsArguments.absoluteFolder(console)
        var records: [(path: String, record: RunRecord)] = []
        for relative in RecordsFolder.jsonFiles(in: folder, files: LocalFileReader()) {
            let path = folder + "/" + relative
            guard let bytes = try? ChecklistFile.readBytes(path), let record = try? RunRecord.decode(bytes, path: path) else { continue }
            records.append((recordsArguments.folder(console) + "/" + relative, record))
        }
        let trust = try trustArguments.trust(console, checklists: RunApprovals.rosterHints(records.map(\.record)))
        let view = BoardBuilder.build(checklists: checklists, records: records, now: Date(), trust: trust)
        let html = BoardPage.html(view)
        if let output {
            let path = CommandPaths.absolute(output, base: console.currentDirectory)
            try AtomicFile.replace(path: path, expected: nil, with: Array(html.utf8))
            console.errorLine("\(view.decision): wrote \(output) (\(view.phases.count) phases, \(records.count) records)")
        } else {
            console.out(html)
        }
        return view.decision == "GO" ? 0 : 1
    }
}
