import Foundation
import Tickmark

/// Probe outcomes as they arrive, by position, and the fail-fast flag.
actor ResultStore {
    private var outcomes: [String: ProbeOutcome] = [:]
    private var finishedPerItem: [String: Int] = [:]
    private(set) var failFastTriggered = false

    private func key(_ checklist: Int, _ item: Int, _ index: Int) -> String { "\(checklist)/\(item)/\(index)" }

    /// Stores an outcome; returns true when it was the item's last probe.
    func record(_ outcome: ProbeOutcome, checklist: Int, item: Int, index: Int, expected: Int, blocking: Bool) -> Bool {
        outcomes[key(checklist, item, index)] = outcome
        if blocking, outcome.result.status == .fail || outcome.result.status == .error { failFastTriggered = true }
        let itemKey = "\(checklist)/\(item)"
        finishedPerItem[itemKey, default: 0] += 1
        return finishedPerItem[itemKey] == expected
    }

    /// The outcomes of an item's first `count` probes that ran, in the order written.
    func outcomes(checklist: Int, item: Int, count: Int) -> [ProbeOutcome] {
        (0..<count).compactMap { outcomes[key(checklist, item, $0)] }
    }

    /// The outcome of one probe, if it ran.
    func outcome(checklist: Int, item: Int, index: Int) -> ProbeOutcome? {
        outcomes[key(checklist, item, index)]
    }

    /// Whether an item needed by another passed: all its probes passed, or (manual) it is ticked or
    /// signed off, or it is N/A (done by not applying).
    func itemPassed(checklist: Int, item: Int, plan: PlannedChecklist, options: RunOptions, now: Date) -> Bool {
        let planned = plan.items[item].item
        if planned.state == .na { return true }
        if planned.probes.isEmpty, !planned.approvals.isEmpty {
            return Verdict.approvalStatus(planned, plan: plan, options: options, now: now, passed: [:]).satisfied
        }
        if planned.probes.isEmpty {
            return Verdict.manualStatus(planned, checklistID: plan.checklist.id, signOffs: options.signOffs, strict: options.strict, now: now).satisfied
        }
        return planned.probes.indices.allSatisfy { outcomes[key(checklist, item, $0)]?.result.status == .pass }
    }
}
