/// Which results count as done when GO is decided, beyond pass and sign-off: a blocking item that
/// did not run because an item it `needs` did not pass blocks, and a checklist of which nothing
/// was checked is not GO. The runner and the record's re-decision both use these rules.
package enum CheckedRule {
    /// The start of the reason of a probe skipped because an item it needs did not pass.
    static let unmetNeedsPrefix = "skipped: needs '"

    /// The reason of a probe skipped because the item `id` it needs did not pass.
    static func unmetNeedsReason(_ id: String) -> String {
        "\(unmetNeedsPrefix)\(id)', which did not pass"
    }

    /// Whether a skipped result with `reason` means the check never ran for want of another.
    package static func isUnmetNeeds(_ reason: String) -> Bool {
        reason.hasPrefix(unmetNeedsPrefix)
    }

    /// Whether a probe item with `status` and `reason` is itself done: it passed, or it was
    /// skipped by its `when` (it does not apply); a skip for an unmet `needs` is not done.
    package static func probeItemDone(_ status: ItemStatus, reason: String) -> Bool {
        status == .pass || (status == .skipped && !isUnmetNeeds(reason))
    }

    /// The blocker of a checklist whose items (their statuses) include nothing that was checked:
    /// no items, or every one skipped or N/A. `nil` when something was checked.
    package static func nothingCheckedBlocker(_ statuses: [ItemStatus]) -> String? {
        if statuses.isEmpty { return "nothing was checked: the checklist has no items" }
        guard statuses.allSatisfy({ $0 == .skipped }) else { return nil }
        return "nothing was checked: every item was skipped or is N/A"
    }
}
