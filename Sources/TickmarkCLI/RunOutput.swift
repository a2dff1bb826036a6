import Foundation
import Tickmark
import TickmarkProbes

/// The results and summary printed by `tickmark run`.
enum RunSummaryText {
    static func label(_ item: ItemOutcome) -> String {
        if item.isNotApplicable { return "N/A" }
        switch item.status {
        case .pass: return "PASS"
        case .fail: return "FAIL"
        case .error: return "ERROR"
        case .manual: return !item.ownSatisfied ? "WAITING" : AuthorClaim.isClaim(item.reason) ? "CLAIMED" : "TICKED"
        case .skipped: return "SKIP"
        case .signedOff: return "SIGNED"
        case .rejected: return "REJECTED"
        }
    }

    static func color(_ item: ItemOutcome) -> String {
        if item.isNotApplicable { return "2" }
        switch item.status {
        case .pass, .signedOff: return "32"
        case .fail, .error, .rejected: return item.item.severity == .advisory ? "33" : "31"
        case .manual: return item.ownSatisfied ? "32" : "33"
        case .skipped: return "2"
        }
    }

    /// Prints every checklist's results, then the totals.
    static func print(_ outcome: RunOutcome, console: Console) {
        for checklist in outcome.checklists {
            printTitle(checklist.checklist, console: console)
            for item in checklist.items { printItem(item, console: console) }
            console.line()
        }
        printTotals(outcome, console: console)
    }

    /// `Title  (path)`, the line above a checklist's results.
    static func printTitle(_ checklist: Checklist, console: Console) {
        console.line(console.style("\(checklist.title ?? checklist.id)", "1") + "  (\(checklist.path))")
    }

    /// One item's result line, with its reason and evidence below when it did not pass.
    static func printItem(_ item: ItemOutcome, console: Console) {
        let indent = String(repeating: "  ", count: item.depth + 1)
        let tag = label(item).padding(toLength: 8, withPad: " ", startingAt: 0)
        var line = indent + console.style(tag, color(item)) + " " + item.item.text
        let milliseconds = item.probes.reduce(0) { $0 + Int($1.duration.seconds * 1000) }
        if !item.probes.isEmpty { line += console.style("  \(formatTime(milliseconds))", "2") }
        if item.item.severity == .advisory { line += console.style("  (advisory)", "2") }
        console.line(line)
        let detailIndent = indent + String(repeating: " ", count: 9)
        // WAITING and TICKED say it already; a reason that adds something (a stale sign-off) is shown.
        let saidByLabel = item.status == .manual && (item.reason == "waiting for a sign-off" || item.reason == "ticked in the file")
        if item.status != .pass && !item.isNotApplicable && !saidByLabel { console.line(detailIndent + item.reason) }
        if item.status == .fail || item.status == .error {
            for probe in item.probes where probe.result.status == .fail || probe.result.status == .error {
                console.line(detailIndent + console.style(probe.result.evidence.action, "2"))
            }
        }
        if item.uncheckedTick { console.line(detailIndent + console.style("ticked in the file, but nothing in this run backs it (--check)", "31")) }
    }

    /// The `Result:` line (with the words reports use) and the blocking items.
    static func printTotals(_ outcome: RunOutcome, console: Console) {
        let counts = outcome.counts
        let items = outcome.checklists.flatMap(\.items)
        let notApplicable = items.filter(\.isNotApplicable).count
        let counted = items.filter { !$0.isNotApplicable && $0.status == .manual && $0.ownSatisfied }
        let claimed = counted.filter { AuthorClaim.isClaim($0.reason) }.count
        let ticked = counted.count - claimed
        var parts = ["\(counts[.pass, default: 0]) passed", "\(counts[.fail, default: 0]) failed", "\(counts[.error, default: 0]) errors"]
        parts.append("\(counts[.manual, default: 0] - counted.count) \(waitingWords)")
        if ticked > 0 { parts.append("\(ticked) ticked without sign-off") }
        if claimed > 0 { parts.append("\(claimed) claimed by the author") }
        if let signed = counts[.signedOff] { parts.append("\(signed) signed off") }
        if let rejected = counts[.rejected] { parts.append("\(rejected) rejected") }
        parts.append("\(counts[.skipped, default: 0]) skipped")
        if notApplicable > 0 { parts.append("\(notApplicable) n/a") }
        let elapsed = Int(outcome.finishedAt.timeIntervalSince(outcome.startedAt) * 1000)
        let decision = outcome.decision == .go ? console.style("GO", "1;32") : console.style("NO-GO", "1;31")
        console.line("Result: \(decision) — \(parts.joined(separator: ", ")) (\(formatTime(elapsed)))")
        let blockers = outcome.checklists.flatMap { checklist in checklist.blockers.map { "\(checklist.checklist.path): \($0)" } }
        if !blockers.isEmpty {
            console.line("Blocking:")
            for blocker in blockers { console.line("  - \(blocker)") }
        }
    }

    /// What reports call a manual item that no sign-off or counted tick satisfies yet.
    static let waitingWords = "waiting for sign-off"

    static func formatTime(_ milliseconds: Int) -> String {
        milliseconds < 1000 ? "\(milliseconds)ms" : String(format: "%.2fs", Double(milliseconds) / 1000)
    }
}

/// Prints the problems that stopped a run before it started.
enum RunDiagnostics {
    static func print(_ diagnostics: [Diagnostic], checklists: [Checklist], console: Console) {
        let formatter = DiagnosticFormatter(colored: console.colors)
        for diagnostic in diagnostics {
            let source = checklists.first { $0.path == diagnostic.path }?.source
            console.errorLine(formatter.format(diagnostic, source: source))
        }
        console.errorLine("error: the run did not start: \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") must be fixed first")
    }
}
