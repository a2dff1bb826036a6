import ArgumentParser
import Foundation
import Tickmark
import TickmarkReport

/// `tickmark report RECORD…`: the release report of one or more run records.
struct ReportCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the release report of run records: Markdown, HTML, JSON or JUnit.",
        discussion: """
        Several records of one release (parallel CI jobs, re-runs) combine: each item's result comes from a record where it ran, and sign-offs are merged. GO / NO-GO is decided again from the item results and the sign-offs valid now; stale and expired sign-offs are shown as such and do not count. A signed sign-off is shown with its key's fingerprint and whose key it is; it counts only when the key is one of the signer's in the roster (.tickmark/roster.yml, or --roster) or --allowed-signers, and without either it is shown as "signer not verified: no roster". The Markdown and HTML reports re-render each checklist's own Markdown with the boxes ticked as the record says, a result after each item and the evidence in collapsible blocks. Exit 0 means GO, 1 NO-GO, 2 invalid input.

        Examples:
          tickmark report .tickmark/release.json > report.md
          tickmark report .tickmark/runs/*.json --format html -o report.html
          tickmark report job1.json job2.json --format json -o report.json
          tickmark report run.json --format html --template my-report.mustache
          tickmark report run.json --at 2026-12-01T18:00Z
        """
    )

    @Argument(help: "Run records (tickmark.run/v1) of one release.")
    var records: [String]

    @Option(help: ArgumentHelp("md, html, json or junit.", valueName: "format"))
    var format: String = "md"

    @Option(help: ArgumentHelp("A Mustache template replacing the built-in one (md and html).", valueName: "file"))
    var template: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the report here instead of to standard output (- for standard output). A regular file is replaced atomically; a device or FIFO is written to.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Judge sign-offs at this time instead of now (ISO 8601).", valueName: "time"))
    var at: String?

    @Flag(help: "Manual items count only when signed off, not when ticked in the file.")
    var strict = false

    @OptionGroup var trustArguments: SignerTrustArguments

    func validate() throws {
        guard let format = ReportFormat(rawValue: format) else {
            throw ValidationError("--format must be one of md, html, json, junit, not '\(format)'")
        }
        if template != nil, !format.usesTemplate {
            throw ValidationError("--template applies to the md and html formats only")
        }
        if let at, RunRecord.parseTimestamp(at) == nil {
            throw ValidationError("--at must be an ISO 8601 time such as 2026-12-01T18:00Z, not '\(at)'")
        }
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let format = ReportFormat(rawValue: format) ?? .md
        try OutputFile.refuseInput(output, option: "-o", inputs: records + (template.map { [$0] } ?? []), base: console.currentDirectory)
        let sources = try records.map { path throws(TickmarkError) in
            (path: path, record: try RunRecord.load(CommandPaths.absolute(path, base: console.currentDirectory)))
        }
        let date = at.flatMap(RunRecord.parseTimestamp) ?? Date()
        let trust = try trustArguments.trust(console, checklists: RunApprovals.rosterHints(sources.map(\.record)))
        let report = try ReleaseReport.combine(sources, at: date, strict: strict ? true : nil, trust: trust, toolVersion: TickmarkCommand.version)
        var templateText: String?
        if let template {
            let bytes = try ChecklistFile.readBytes(CommandPaths.absolute(template, base: console.currentDirectory))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw TickmarkError(.notText, "the template is not UTF-8 text", path: template)
            }
            templateText = text
        }
        let text = try ReportRenderer.render(report, format: format, template: templateText, templatePath: template)
        if let output, output != OutputFile.standardOutput {
            try OutputFile.write(Array(text.utf8), to: output, console: console)
            let blockers = report.record.checklists.reduce(0) { $0 + $1.blockers.count }
            console.errorLine("\(report.decision.rawValue)\(blockers > 0 ? " (\(blockers) blocker\(blockers == 1 ? "" : "s"))" : ""): wrote \(output)")
        } else {
            console.out(text)
        }
        return report.decision == .go ? 0 : 1
    }
}
