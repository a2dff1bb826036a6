import Foundation
import Tickmark

/// GO or NO-GO.
public enum Decision: String, Sendable, Codable {
    case go = "GO"
    case noGo = "NO-GO"
}

/// How an item ended in a run (SPEC §3).
public enum ItemStatus: String, Sendable, Codable {
    case pass, fail, error, manual, skipped
    case signedOff = "signed-off"
    case rejected
}

/// One probe's run: what it was, every attempt's final result, and timings.
public struct ProbeOutcome: Sendable, Equatable {
    /// The probe kind.
    public var kind: String
    /// Where the probe is written.
    public var position: SourcePosition
    /// What it was set to do (after variable substitution, redacted).
    public var summary: String
    /// The last attempt's result (redacted).
    public var result: ProbeResult
    /// Attempts made.
    public var attempts: Int
    /// When the first attempt started.
    public var startedAt: Date
    /// Time from the first attempt's start to the last attempt's end.
    public var duration: Duration
    /// Whether the probe is advisory.
    public var advisory: Bool
}

/// One item's result in a run.
public struct ItemOutcome: Sendable {
    /// The item as parsed (its `children` hold the parsed children; results are in the flat list).
    public var item: ChecklistItem
    /// The id of the parent item, if nested.
    public var parentID: String?
    /// Nesting depth (0 for top-level items).
    public var depth: Int
    /// Pass, fail, error, manual, skipped, signed-off or rejected.
    public var status: ItemStatus
    /// One line explaining the status.
    public var reason: String
    /// The item's probes, in the order written.
    public var probes: [ProbeOutcome]
    /// The sign-offs recorded for the item (valid or not), oldest first.
    public var signOffs: [SignOff]
    /// Whether the item itself counts as done (probes passed, or signed off / ticked if manual).
    public var ownSatisfied: Bool
    /// Whether the item and all its blocking children are done.
    public var satisfied: Bool
    /// Whether the item blocks GO (blocking severity, not N/A, and not satisfied).
    public var blocks: Bool
    /// With `--check`: the box is ticked in the file but nothing backs it.
    public var uncheckedTick: Bool

    /// Whether the item is N/A.
    public var isNotApplicable: Bool { item.state == .na }
}

/// One checklist's result in a run.
public struct ChecklistOutcome: Sendable {
    /// The checklist as parsed.
    public var checklist: Checklist
    /// Items in document order (parents before children), only those selected.
    public var items: [ItemOutcome]
    /// The variables used (secret values already shown as `***`), sorted by name.
    public var variables: [(name: String, value: String)]
    /// GO or NO-GO.
    public var decision: Decision
    /// Why NO-GO: one line per blocking item or unmet requirement.
    public var blockers: [String]
}

/// A whole run.
public struct RunOutcome: Sendable {
    /// Each checklist's result, in the order given.
    public var checklists: [ChecklistOutcome]
    /// NO-GO when any checklist is NO-GO.
    public var decision: Decision
    /// When the run started and finished.
    public var startedAt: Date
    public var finishedAt: Date

    /// Counts of item statuses across all checklists (N/A items are not counted).
    public var counts: [ItemStatus: Int] {
        var counts: [ItemStatus: Int] = [:]
        for checklist in checklists {
            for item in checklist.items where !item.isNotApplicable { counts[item.status, default: 0] += 1 }
        }
        return counts
    }
}
