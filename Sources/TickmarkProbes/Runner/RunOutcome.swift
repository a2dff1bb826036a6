import Foundation
import Tickmark

/// GO or NO-GO.
package enum Decision: String, Sendable, Codable {
    case go = "GO"
    case noGo = "NO-GO"
}

/// How an item ended in a run (SPEC §3).
package enum ItemStatus: String, Sendable, Codable {
    case pass, fail, error, manual, skipped
    case signedOff = "signed-off"
    case rejected
}

/// One probe's run: what it was, every attempt's final result, and timings.
package struct ProbeOutcome: Sendable, Equatable {
    /// The probe kind.
    package var kind: String
    /// Where the probe is written.
    package var position: SourcePosition
    /// What it was set to do (after variable substitution, redacted).
    package var summary: String
    /// The last attempt's result (redacted).
    package var result: ProbeResult
    /// Attempts made.
    package var attempts: Int
    /// When the first attempt started.
    package var startedAt: Date
    /// Time from the first attempt's start to the last attempt's end.
    package var duration: Duration
    /// Whether the probe is advisory.
    package var advisory: Bool
}

/// One item's result in a run.
package struct ItemOutcome: Sendable {
    /// The item as parsed (its `children` hold the parsed children; results are in the flat list).
    package var item: ChecklistItem
    /// The id of the parent item, if nested.
    package var parentID: String?
    /// Nesting depth (0 for top-level items).
    package var depth: Int
    /// Pass, fail, error, manual, skipped, signed-off or rejected.
    package var status: ItemStatus
    /// One line explaining the status.
    package var reason: String
    /// The item's probes, in the order written.
    package var probes: [ProbeOutcome]
    /// The sign-offs recorded for the item (valid or not), oldest first.
    package var signOffs: [SignOff]
    /// Whether the item itself counts as done (probes passed, or signed off / ticked if manual).
    package var ownSatisfied: Bool
    /// Whether the item and all its blocking children are done.
    package var satisfied: Bool
    /// Whether the item blocks GO (blocking severity, not N/A, and not satisfied).
    package var blocks: Bool
    /// With `--check`: the box is ticked in the file but nothing backs it.
    package var uncheckedTick: Bool

    /// Whether the item is N/A.
    package var isNotApplicable: Bool { item.state == .na }
}

/// One checklist's result in a run.
package struct ChecklistOutcome: Sendable {
    /// The checklist as parsed.
    package var checklist: Checklist
    /// Items in document order (parents before children), only those selected.
    package var items: [ItemOutcome]
    /// The variables used (secret values already shown as `***`), sorted by name.
    package var variables: [(name: String, value: String)]
    /// GO or NO-GO.
    package var decision: Decision
    /// Why NO-GO: one line per blocking item or unmet requirement.
    package var blockers: [String]
}

/// A whole run.
package struct RunOutcome: Sendable {
    /// Each checklist's result, in the order given.
    package var checklists: [ChecklistOutcome]
    /// NO-GO when any checklist is NO-GO.
    package var decision: Decision
    /// When the run started and finished.
    package var startedAt: Date
    package var finishedAt: Date

    /// Counts of item statuses across all checklists (N/A items are not counted).
    package var counts: [ItemStatus: Int] {
        var counts: [ItemStatus: Int] = [:]
        for checklist in checklists {
            for item in checklist.items where !item.isNotApplicable { counts[item.status, default: 0] += 1 }
        }
        return counts
    }
}
