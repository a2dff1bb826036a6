import Foundation
import Tickmark
import TickmarkProbes

/// GitHub Actions workflow commands and the step summary, when `GITHUB_ACTIONS=true`.
///
/// Only a failed or errored blocking item is an `::error`; an advisory failure is a `::warning`;
/// a manual item waiting for a person is a `::notice`. Errors come first, so the failures that
/// decide NO-GO lead the list of annotations.
enum GitHubActions {
    static func report(_ outcome: RunOutcome, console: Console) {
        guard console.environment["GITHUB_ACTIONS"] == "true" else { return }
        var errors: [String] = [], warnings: [String] = [], notices: [String] = []
        for checklist in outcome.checklists {
            let path = checklist.checklist.path
            for item in checklist.items where !item.isNotApplicable {
                let title = "\(item.item.id): \(RunSummaryText.label(item))"
                let failed = [.fail, .error, .rejected].contains(item.status)
                if item.blocks && failed {
                    errors.append(command("error", path, item, title: title, message: item.item.text + " — " + item.reason))
                } else if item.blocks && item.status == .manual {
                    notices.append(command("notice", path, item, title: title, message: item.item.text + " — " + waitingMessage(item.reason)))
                } else if failed && item.item.severity == .advisory {
                    warnings.append(command("warning", path, item, title: title, message: item.item.text + " — " + item.reason + " (advisory)"))
                } else {
                    for probe in item.probes where probe.advisory && [.fail, .error].contains(probe.result.status) {
                        let probeTitle = "\(item.item.id): \(probe.result.status.rawValue.uppercased()) (advisory probe)"
                        warnings.append(command("warning", path, item, title: probeTitle, message: item.item.text + " — " + probe.result.reason + " (advisory)"))
                    }
                }
                if item.uncheckedTick && !(item.blocks && failed) {
                    let reason = item.item.probes.isEmpty ? "no valid sign-off backs it" : "its probes did not pass"
                    errors.append(command("error", path, item, title: "\(item.item.id): ticked, not backed", message: item.item.text + " — ticked in the file, but " + reason))
                }
            }
        }
        for line in errors + warnings + notices { console.line(line) }
        if let path = console.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            appendSummary(outcome, to: path)
        }
    }

    /// `::KIND file=…,line=…,col=…,title=…::message`, escaped. A checklist that is no file of
    /// the repository (`github:pr#12`, a pull request's body) gets no `file`: its place is named
    /// in the message instead.
    static func command(_ kind: String, _ path: String, _ item: ItemOutcome, title: String, message: String) -> String {
        let position = item.item.position
        if path.hasPrefix("github:") {
            return "::\(kind) title=\(escapeProperty(title))::\(escapeMessage("\(path):\(position.line): " + message))"
        }
        return "::\(kind) file=\(escapeProperty(path)),line=\(position.line),col=\(position.column),title=\(escapeProperty(title))::\(escapeMessage(message))"
    }

    /// A manual item's reason in the words reports use: `waiting for sign-off`, and what follows.
    static func waitingMessage(_ reason: String) -> String {
        let run = "waiting for a sign-off"
        return reason.hasPrefix(run) ? RunSummaryText.waitingWords + reason.dropFirst(run.count) : reason
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
                lines.append("| \(mark) | \(indent)\(cell(item.item.text)) | \(cell(item.status == .manual ? waitingMessage(item.reason) : item.reason)) |")
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
