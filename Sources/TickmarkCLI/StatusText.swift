import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// `tickmark status` as text: per checklist, one line per item with its standing, why, and what
/// backs it; then the decision and the next evidence to expire.
enum StatusText {
    static func print(_ standings: [ChecklistStanding], records: RecordSet, now: Date, console: Console) {
        let width = 8
        for standing in standings {
            let title = standing.title.map { " — \($0)" } ?? ""
            console.line("\(standing.path) (\(standing.id))\(title)")
            for item in standing.items {
                let indent = String(repeating: "  ", count: item.depth + 1)
                let state = item.state.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                var line = "\(indent)\(state)  \(item.id)"
                if item.severity == .advisory { line += " (advisory)" }
                line += ": \(item.reason)"
                if let backing = source(of: item.backing) { line += " [\(backing)]" }
                console.line(line)
            }
            for requirement in standing.requirements {
                console.line("  requires \(requirement.id): \(requirement.go ? "GO now" : requirement.reason)")
            }
            let blockers = standing.blockers.count
            var verdict = "\(standing.id): \(standing.decision.rawValue)"
            if blockers > 0 { verdict += " (\(blockers) blocker\(blockers == 1 ? "" : "s"))" }
            if let next = standing.nextExpiry {
                verdict += "; next to expire: \(next.item.id) in \(AgeText.words(seconds: next.at.timeIntervalSince(now)))"
            }
            console.line(verdict)
            console.line("")
        }
        if !records.skipped.isEmpty {
            console.errorLine("warning: \(records.skipped.count) file\(records.skipped.count == 1 ? "" : "s") in the records folder \(records.skipped.count == 1 ? "is" : "are") not a run record: \(records.skipped.prefix(3).joined(separator: ", "))")
        }
        let decision: Decision = standings.allSatisfy { $0.decision == .go } ? .go : .noGo
        console.line("Status at \(RunRecord.timestamp(now)): \(decision.rawValue)")
    }

    /// Where the evidence is: the record (and who signed), or the file for a tick.
    private static func source(of backing: ItemStanding.Backing?) -> String? {
        guard let backing else { return nil }
        switch backing.kind {
        case .tick: return "the box in the file"
        case .probes, .signOff: return backing.record
        }
    }
}
