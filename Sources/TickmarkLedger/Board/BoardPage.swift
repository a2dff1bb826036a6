import Foundation
import Tickmark
import TickmarkReport

/// The board as one self-contained HTML page: the verdict first, then the phases in `requires:`
/// order, each with what blocks it, the sign-offs it waits for and who may give them, approvals
/// and evidence about to expire, and the watch period's rounds. Everything from a checklist or a
/// record is escaped, so no checklist text can paint over a verdict.
package enum BoardPage {
    package static func html(_ view: BoardView) -> String {
        func e(_ text: String) -> String { HTMLPage.escape(text) }
        let title = "Release board\(view.release.map { ": \($0)" } ?? "")"
        let go = view.phases.filter { $0.decision == "GO" }.count
        let blockers = view.phases.reduce(0) { $0 + $1.blockers.count }
        let missing = view.phases.reduce(0) { $0 + $1.signOffsMissing.count + $1.approvalsMissing.count }
        var body = "<h1>\(e(title))</h1>\n"
        body += "<p class=\"lead\">\(view.phases.count) phase\(view.phases.count == 1 ? "" : "s") from \(view.recordsRead) run record\(view.recordsRead == 1 ? "" : "s"), as of \(e(HTMLPage.time(view.generatedAt))).</p>\n"
        var summary: [String] = ["\(go) of \(view.phases.count) phases GO"]
        if blockers > 0 { summary.append("\(blockers) blocker\(blockers == 1 ? "" : "s")") }
        if missing > 0 { summary.append("\(missing) sign-off\(missing == 1 ? "" : "s") missing") }
        let question = view.decision == "GO" ? "Yes: every phase is GO." : "Not yet: \(summary.joined(separator: ", "))."
        body += "<div class=\"banner\">\(HTMLPage.verdict(view.decision))<div><strong>Can we release now?</strong> \(e(question))</div></div>\n"
        body += "<table><thead><tr><th>#</th><th>Phase</th><th>Decision</th><th>Blockers</th><th>Sign-offs missing</th><th>Last run</th></tr></thead><tbody>\n"
        for (index, phase) in view.phases.enumerated() {
            body += "<tr><td>\(index + 1)</td><td><a href=\"#phase-\(index + 1)\">\(e(phase.title))</a></td><td>\(HTMLPage.verdict(phase.decision))</td>"
            body += "<td>\(phase.blockers.count)</td><td>\(phase.signOffsMissing.count + phase.approvalsMissing.count)</td>"
            body += "<td>\(phase.recordFinishedAt.map { e(HTMLPage.time($0)) } ?? "<span class=\"muted\">never</span>")</td></tr>\n"
        }
        body += "</tbody></table>\n"
        for (index, phase) in view.phases.enumerated() {
            body += section(phase, number: index + 1, now: view.generatedAt)
        }
        body += "<footer>Written by Tickmark (tickmark board). This page loads nothing from the network; print it as it is.</footer>"
        return HTMLPage.document(title: title, body: body)
    }

    private static func section(_ phase: BoardView.Phase, number: Int, now: Date) -> String {
        func e(_ text: String) -> String { HTMLPage.escape(text) }
        let kind = phase.decision == "GO" ? "go" : phase.decision == "NO-GO" ? "nogo" : "other"
        var html = "<section class=\"phase \(kind)\" id=\"phase-\(number)\"><header><h2>\(number). \(e(phase.title))</h2>\(HTMLPage.verdict(phase.decision))</header>\n"
        var facts = ["<code>\(e(phase.path))</code>"]
        if !phase.requires.isEmpty { facts.append("requires \(phase.requires.map { e($0) }.joined(separator: ", "))") }
        if let path = phase.recordPath, let finished = phase.recordFinishedAt {
            facts.append("last run \(e(HTMLPage.time(finished))) (<code>\(e(path))</code>)")
        }
        if let commit = phase.commit { facts.append("commit <code>\(e(String(commit.prefix(12))))</code>") }
        html += "<p class=\"note\">\(facts.joined(separator: " · "))</p>\n"
        if phase.blockers.isEmpty && phase.signOffsMissing.isEmpty && phase.approvalsMissing.isEmpty && phase.decision == "GO" {
            html += "<p>Nothing blocks this phase.</p>\n"
        }
        if !phase.blockers.isEmpty {
            html += "<h3>Blockers</h3><ul>"
            for blocker in phase.blockers {
                let place = blocker.line.map { "line \($0): " } ?? ""
                html += "<li>\(e(place))<strong>\(e(blocker.text))</strong>\(blocker.reason.isEmpty ? "" : " — \(e(blocker.reason))")</li>"
            }
            html += "</ul>\n"
        }
        if !phase.signOffsMissing.isEmpty {
            html += "<h3>Sign-offs missing</h3><table><thead><tr><th>Item</th><th>Who may sign off</th></tr></thead><tbody>"
            for missing in phase.signOffsMissing {
                let who = missing.whoMay.isEmpty ? "<span class=\"muted\">anyone (no owner named)</span>" : missing.whoMay.map { e($0) }.joined(separator: ", ")
                html += "<tr><td>line \(missing.line): \(e(missing.text))<br><span class=\"note\">tickmark sign-off \(e(phase.recordPath ?? "RECORD")) \(e(missing.item)) --by \"Name &lt;email&gt;\"</span></td><td>\(who)</td></tr>"
            }
            html += "</tbody></table>\n"
        }
        if !phase.approvalsMissing.isEmpty {
            html += "<h3>Approvals missing</h3><table><thead><tr><th>Item</th><th>Missing</th><th>Who may approve</th></tr></thead><tbody>"
            for approval in phase.approvalsMissing {
                html += "<tr><td>\(e(approval.text))</td><td>\(e(approval.missing))</td><td>\(approval.whoMay.map { e($0) }.joined(separator: ", "))</td></tr>"
            }
            html += "</tbody></table>\n"
        }
        if !phase.expiring.isEmpty {
            html += "<h3>Evidence about to expire</h3><ul>"
            for countdown in phase.expiring {
                let left = AgeText.words(seconds: max(0, countdown.expiresAt.timeIntervalSince(now)))
                html += "<li><strong>\(e(countdown.text))</strong>: expires in \(e(left)) (\(e(HTMLPage.time(countdown.expiresAt))))</li>"
            }
            html += "</ul>\n"
        }
        if let watch = phase.watch {
            let bad = watch.rounds.filter { !$0 }.count
            html += "<h3>Watch period</h3><p class=\"note\">\(watch.rounds.count) round\(watch.rounds.count == 1 ? "" : "s") every \(e(watch.every)) for \(e(watch.period)), \(e(watch.end)); \(bad) NO-GO.</p><div class=\"rounds\">"
            for (index, good) in watch.rounds.enumerated() {
                html += "<span class=\"round \(good ? "go" : "nogo")\" title=\"round \(index + 1): \(good ? "GO" : "NO-GO")\">\(good ? "✓" : "✗")\(index + 1)</span>"
            }
            html += "</div>"
            if !watch.failures.isEmpty {
                html += "<ul>"
                for failure in watch.failures.prefix(20) { html += "<li>round \(failure.round): \(e(failure.text))</li>" }
                if watch.failures.count > 20 { html += "<li class=\"muted\">and \(watch.failures.count - 20) more</li>" }
                html += "</ul>"
            }
            html += "\n"
        }
        html += "</section>\n"
        return html
    }
}
