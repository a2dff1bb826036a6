import Foundation
import Tickmark

/// Whether an item that an approval rule's `after=` names is done, and since when.
package enum ApprovalPrerequisite: Sendable, Equatable {
    /// The item is not in the run (not selected, or no such item).
    case unknown
    /// The item is not done; the words say why (`waiting for a sign-off`).
    case notDone(String)
    /// The item is done: signed off at a time, or passed / ticked with no time to order by.
    case done(at: Date?)
}

/// A manual item's standing under its approval rules.
package struct ApprovalVerdict: Sendable, Equatable {
    /// `signed-off` when every rule is met, `rejected` when an eligible person rejected it, else `manual`.
    package var status: ItemStatus
    /// The decision in words: what is missing, why sign-offs do not count, who may still approve.
    package var reason: String
    /// Whether the item itself is done.
    package var satisfied: Bool
    /// When the last needed approval was given, when satisfied.
    package var completedAt: Date?

    package init(status: ItemStatus, reason: String, satisfied: Bool, completedAt: Date? = nil) {
        self.status = status
        self.reason = reason
        self.satisfied = satisfied
        self.completedAt = completedAt
    }
}

/// Decides manual items that have approval rules (`approve: N @role …`): who counts needs the
/// roster and the signatures, which live outside the runner, so the command gives one.
package protocol ApprovalJudging: Sendable {
    /// The standing of item `item` (content digest `digest`) of checklist `checklist` under
    /// `rules`, from `signOffs` (all of the record's; the judge picks the item's), as of `date`.
    /// `prerequisite` tells whether an item named by `after=` is done. A sign-off older than
    /// `fresh` (the item's `fresh:` time) does not count.
    func decide(
        rules: [ApprovalRule], item: String, digest: String, checklist: String, signOffs: [SignOff], at date: Date,
        fresh: Duration?, prerequisite: (String) -> ApprovalPrerequisite
    ) -> ApprovalVerdict
}

/// The judge when a command has none: the rules cannot be checked, so the item waits.
package struct UncheckedApprovals: ApprovalJudging {
    package init() {}

    package func decide(
        rules: [ApprovalRule], item: String, digest: String, checklist: String, signOffs: [SignOff], at date: Date,
        fresh: Duration?, prerequisite: (String) -> ApprovalPrerequisite
    ) -> ApprovalVerdict {
        ApprovalVerdict(status: .manual, reason: "waiting for approvals (\(rules.map(\.source).joined(separator: "; "))): this command does not check approval rules", satisfied: false)
    }
}
