import Foundation
import Tickmark

extension Verdict {
    /// The standing of a manual item with approval rules, as `options.approvals` judges it.
    /// `passed` holds the probe items that have a result (id → passed), for `after=`.
    static func approvalStatus(
        _ item: ChecklistItem, plan: PlannedChecklist, options: RunOptions, now: Date, passed: [String: Bool], depth: Int = 0
    ) -> ApprovalVerdict {
        let judge = options.approvals ?? UncheckedApprovals()
        return judge.decide(
            rules: item.approvals, item: item.id, digest: item.contentDigest, checklist: plan.checklist.id,
            signOffs: options.signOffs, at: now, fresh: item.freshness(defaults: plan.checklist.defaults).fresh
        ) { id in
            prerequisite(id, plan: plan, options: options, now: now, passed: passed, depth: depth + 1)
        }
    }

    /// Whether the item at `itemIndex` has an approval rule that must follow a probe item.
    static func followsProbeItem(_ itemIndex: Int, plan: PlannedChecklist) -> Bool {
        let rules = plan.items[itemIndex].item.approvals
        guard rules.contains(where: { !$0.after.isEmpty }) else { return false }
        let probeItems = Set(plan.items.filter { !$0.item.probes.isEmpty }.map(\.item.id))
        return rules.contains { $0.after.contains(where: probeItems.contains) }
    }

    /// The probe items that have a result (id → passed), from the outcomes of each item's probes.
    static func probeItemsPassed(plan: PlannedChecklist, probes: [[ProbeOutcome]]) -> [String: Bool] {
        var passed: [String: Bool] = [:]
        for (index, outcomes) in probes.enumerated() where !plan.items[index].item.probes.isEmpty && !outcomes.isEmpty {
            let status = probeStatus(outcomes).0
            passed[plan.items[index].item.id] = status == .pass || status == .skipped
        }
        return passed
    }

    /// The probe items that have a result so far in `store`.
    static func probeItemsPassed(plan: PlannedChecklist, store: ResultStore, checklistIndex: Int) async -> [String: Bool] {
        var probes: [[ProbeOutcome]] = []
        for itemIndex in plan.items.indices {
            probes.append(await store.outcomes(checklist: checklistIndex, item: itemIndex, count: plan.items[itemIndex].item.probes.count))
        }
        return probeItemsPassed(plan: plan, probes: probes)
    }

    /// Whether item `id` of `plan` is done, for an `after=` rule: a probe item when it passed, a
    /// manual item when signed off (at the time of the sign-off that did it) or ticked (no time).
    static func prerequisite(
        _ id: String, plan: PlannedChecklist, options: RunOptions, now: Date, passed: [String: Bool], depth: Int
    ) -> ApprovalPrerequisite {
        guard depth < 16 else { return .notDone("its after= rules go round in a circle") }
        guard let planned = plan.items.first(where: { $0.item.id == id })?.item else { return .unknown }
        if planned.state == .na { return .done(at: nil) }
        if !planned.probes.isEmpty {
            guard let result = passed[id] else { return .unknown }
            return result ? .done(at: nil) : .notDone("its probes did not pass")
        }
        if !planned.approvals.isEmpty {
            let verdict = approvalStatus(planned, plan: plan, options: options, now: now, passed: passed, depth: depth)
            return verdict.satisfied ? .done(at: verdict.completedAt) : .notDone(verdict.reason)
        }
        let manual = manualStatus(planned, checklistID: plan.checklist.id, signOffs: options.signOffs, strict: options.strict, now: now)
        guard manual.satisfied else { return .notDone(manual.reason) }
        let latest = options.signOffs.filter {
            $0.checklist == plan.checklist.id && $0.item == id && $0.decision == .approve && $0.validity(for: planned, at: now) == .valid
        }.map(\.at).max()
        return .done(at: manual.status == .signedOff ? latest : nil)
    }
}
