import Foundation
import Tickmark
import TickmarkProbes

/// GitHub Actions workflow commands and the step summary, when `GITHUB_ACTIONS=true`.
enum GitHubActions {
    static func report(_ outcome: RunOutcome, console: Console) {
        guard console.environment["GITHUB_ACTIONS"] == "true" else { return }
        for checklist in outcome.checklists {
            for item in checklist.items where item.blocks || item.uncheckedTick {
                let title = "\(item.item.id): \(RunSummaryText.label(item))"
                console.line("::error file=\(escapeProperty(checklist.checklist.path)),line=\(item.item.position.line),col=\(item.item.position.column),title=\(escapeProperty(title))::\(escapeMessage(item.item.text + " — " + item.reason))")
            }
        }
        if let path = console.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            appendSummary(outcome, to: path)
        }
    }

    /// Escaping of a workflow command's message: `%`, CR, LF.
    static func escapeMessage(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping of a property value: as a message, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeMessage(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    static func summaryMarkdown(_ outcome: RunOutcome) -> String {
        var lines = ["## Tickmark: \(outcome.decision == .go ? "✅ GO" : "❌ NO-GO")", ""]
        for checklist in outcome.checklists {
            lines.append("### \(checklist.checklist.title ?? checklist.checklist.id) — \(checklist.decision.rawValue)")
            lines.append("")
            lines.append("| | Item | Result |")
            lines.append("| --- | --- | --- |")
            for item in checklist.items {
                let mark = item.isNotApplicable ? "➖" : item.status == .pass || item.status == .signedOff || (item.status == .manual && item.ownSatisfied) ? "✅" : item.status == .skipped ? "⏭️" : item.status == .manual ? "⏳" : item.item.severity == .advisory ? "⚠️" : "❌"
                let indent = String(repeating: "&nbsp;&nbsp;", count: item.depth)
                lines.append("| \(mark) | \(indent)\(cell(item.item.text)) | \(cell(item.reason)) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private static func appendSummary(_ outcome: RunOutcome, to path: String) {
        guard let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(summaryMarkdown(outcome).utf8))
    }
}
