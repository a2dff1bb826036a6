import Foundation
import Tickmark

/// One item that failed (or errored) in one round of a watch.
package struct WatchFailure: Sendable, Equatable {
    /// The round, counted from 1.
    package var round: Int
    /// When the round started.
    package var at: Date
    /// The checklist's path, as given.
    package var path: String
    /// The checklist's id.
    package var checklist: String
    /// The item's id.
    package var item: String
    /// The item's text.
    package var text: String
    /// The item's line.
    package var line: Int
    /// `fail` or `error`.
    package var status: ItemStatus
    /// Why, one line (redacted).
    package var reason: String
    /// Rounds in a row the item has failed, this one included.
    package var streak: Int
    /// Whether this failure made the round NO-GO: not advisory, and past `--tolerate` (or still
    /// failing when the watch ended).
    package var blocking: Bool
    /// Whether the item is advisory or failed only advisory probes: it never blocks.
    package var advisory: Bool

    /// Creates a failure.
    package init(round: Int, at: Date, path: String, checklist: String, item: String, text: String, line: Int,
                 status: ItemStatus, reason: String, streak: Int, blocking: Bool, advisory: Bool) {
        self.round = round
        self.at = at
        self.path = path
        self.checklist = checklist
        self.item = item
        self.text = text
        self.line = line
        self.status = status
        self.reason = reason
        self.streak = streak
        self.blocking = blocking
        self.advisory = advisory
    }
}

/// One round of a watch, judged with the tolerance: every failing item, and the round's decision.
package struct WatchRound: Sendable {
    /// The round, counted from 1.
    package var index: Int
    /// What the round's run saw.
    package var outcome: RunOutcome
    /// Every item that failed or errored in this round, in document order.
    package var failures: [WatchFailure]
    /// Reasons the round's run was NO-GO that name no item, each after its checklist's path; they
    /// count in full, whatever the tolerance.
    package var otherBlockers: [String]
    /// Whether the round was judged as the last one: a failure still within the tolerance then blocks.
    package var last: Bool

    /// NO-GO when a failure blocks or something besides an item made the run NO-GO.
    package var decision: Decision {
        failures.contains(where: \.blocking) || !otherBlockers.isEmpty ? .noGo : .go
    }

    /// Failures that did not block only because of the tolerance.
    package var tolerated: [WatchFailure] { failures.filter { !$0.blocking && !$0.advisory } }

    /// The round as the last one: failures still within the tolerance block, as no later round
    /// can show that the item recovered.
    mutating func close() {
        last = true
        for index in failures.indices where !failures[index].advisory { failures[index].blocking = true }
    }
}

/// Counts, per item, the rounds in a row it has failed, and judges each round with `tolerate`.
struct WatchTally {
    /// Rounds in a row an item may fail before the watch is NO-GO.
    let tolerate: Int
    /// Rounds in a row each item has failed so far, by checklist index and item id.
    private var streaks: [String: Int] = [:]

    init(tolerate: Int) {
        self.tolerate = max(0, tolerate)
    }

    /// Judges `outcome`, round `index`; with `last`, failures within the tolerance block too.
    mutating func judge(_ outcome: RunOutcome, index: Int, last: Bool) -> WatchRound {
        var failures: [WatchFailure] = []
        var otherBlockers: [String] = []
        for (checklistIndex, checklist) in outcome.checklists.enumerated() {
            for item in checklist.items {
                let key = "\(checklistIndex)/\(item.item.id)"
                guard item.status == .fail || item.status == .error else {
                    streaks[key] = 0
                    continue
                }
                let streak = (streaks[key] ?? 0) + 1
                streaks[key] = streak
                let advisory = !item.blocks
                failures.append(WatchFailure(
                    round: index, at: outcome.startedAt, path: checklist.checklist.path, checklist: checklist.checklist.id,
                    item: item.item.id, text: item.item.text, line: item.item.position.line, status: item.status,
                    reason: item.reason, streak: streak, blocking: !advisory && (streak > tolerate || last), advisory: advisory
                ))
            }
            otherBlockers += Self.otherBlockers(of: checklist).map { "\(checklist.checklist.path): \($0)" }
        }
        return WatchRound(index: index, outcome: outcome, failures: failures, otherBlockers: otherBlockers, last: last)
    }

    /// The reasons `checklist` was NO-GO that name no item (the items' own are judged with the tolerance).
    static func otherBlockers(of checklist: ChecklistOutcome) -> [String] {
        let itemPrefixes = checklist.items.map { "\($0.item.id) (line " }
        return checklist.blockers.filter { line in !itemPrefixes.contains { line.hasPrefix($0) } }
    }
}
