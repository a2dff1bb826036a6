import Foundation
import Tickmark
import TickmarkProbes

/// Live progress on a terminal (standard error), and results printed in document order as
/// soon as every item before them has finished.
final class RunProgress: @unchecked Sendable {
    // All state is guarded by `lock`: events arrive from concurrent probe tasks.
    private let lock = NSLock()
    private let console: Console
    private let total: Int
    private var started = 0
    private var finished: [Int: Set<Int>] = [:]
    private var lastLine = ""

    init(checklists: [Checklist], options: RunOptions, console: Console) {
        self.console = console
        self.total = checklists.reduce(0) { $0 + $1.allItems.reduce(0) { $0 + $1.probes.count } }
    }

    func handle(_ event: RunEvent) {
        guard console.isInteractive else { return }
        lock.withLock {
            switch event {
            case .probeStarted(_, _, let label):
                started += 1
                let width = 100
                let text = "[\(min(started, total))/\(total)] \(label)"
                lastLine = text.count > width ? String(text.prefix(width - 1)) + "…" : text
            case .itemFinished(let checklist, let item):
                finished[checklist, default: []].insert(item)
            }
            console.err("\r\u{1B}[2K" + lastLine)
        }
    }

    func finish() {
        guard console.isInteractive else { return }
        lock.withLock { console.err("\r\u{1B}[2K") }
    }
}

/// The results and summary printed by `tickmark run`.
enum RunSummaryText {
    static func label(_ item: ItemOutcome) -> String {
        if item.isNotApplicable { return "N/A" }
        switch item.status {
        case .pass: return "PASS"
        case .fail: return "FAIL"
        case .error: return "ERROR"
        case .manual: return item.ownSatisfied ? "TICKED" : "MANUAL"
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

    static func print(_ outcome: RunOutcome, console: Console) {
        for checklist in outcome.checklists {
            console.line(console.style("\(checklist.checklist.title ?? checklist.checklist.id)", "1") + "  (\(checklist.checklist.path))")
            for item in checklist.items {
                let indent = String(repeating: "  ", count: item.depth + 1)
                let tag = label(item).padding(toLength: 8, withPad: " ", startingAt: 0)
                var line = indent + console.style(tag, color(item)) + " " + item.item.text
                let milliseconds = item.probes.reduce(0) { $0 + Int($1.duration.seconds * 1000) }
                if !item.probes.isEmpty { line += console.style("  \(formatTime(milliseconds))", "2") }
                if item.item.severity == .advisory { line += console.style("  (advisory)", "2") }
                console.line(line)
                let detailIndent = indent + String(repeating: " ", count: 9)
                let showReason = item.status != .pass && !item.isNotApplicable
                if showReason { console.line(detailIndent + item.reason) }
                if item.status == .fail || item.status == .error {
                    for probe in item.probes where probe.result.status == .fail || probe.result.status == .error {
                        console.line(detailIndent + console.style(probe.result.evidence.action, "2"))
                    }
                }
                if item.uncheckedTick { console.line(detailIndent + console.style("ticked in the file, but nothing in this run backs it (--check)", "31")) }
            }
            console.line()
        }
        let counts = outcome.counts
        let notApplicable = outcome.checklists.reduce(0) { $0 + $1.items.filter(\.isNotApplicable).count }
        var parts = ["\(counts[.pass, default: 0]) passed", "\(counts[.fail, default: 0]) failed", "\(counts[.error, default: 0]) errors"]
        parts.append("\(counts[.manual, default: 0]) manual")
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
