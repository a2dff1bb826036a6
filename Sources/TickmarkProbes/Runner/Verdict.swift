import Foundation
import Tickmark

/// Turns probe outcomes and sign-offs into item statuses and the checklist's decision.
enum Verdict {
    static func decide(
        plan: PlannedChecklist, store: ResultStore, checklistIndex: Int, options: RunOptions, now: Date,
        requirements: [(String, ProbeResult)], redactor: Redactor
    ) async -> ChecklistOutcome {
        var items: [ItemOutcome] = []
        var probesOfItems: [[ProbeOutcome]] = []
        for itemIndex in plan.items.indices {
            probesOfItems.append(await store.outcomes(checklist: checklistIndex, item: itemIndex, count: plan.items[itemIndex].item.probes.count))
        }
        let passed = probeItemsPassed(plan: plan, probes: probesOfItems)
        for itemIndex in plan.items.indices {
            items.append(item(itemIndex, plan: plan, probes: probesOfItems[itemIndex], options: options, now: now, passed: passed))
        }
        // Children come after parents, so a reverse pass folds children into their parents.
        for index in items.indices.reversed() {
            guard let parent = plan.items[index].parent else { continue }
            let child = items[index]
            let childCounts = child.item.severity == .blocking && !child.isNotApplicable
            if childCounts && !child.satisfied { items[parent].satisfied = false }
        }
        var blockers: [String] = []
        for index in items.indices {
            let item = items[index]
            let blocking = item.item.severity == .blocking && !item.isNotApplicable
            items[index].blocks = blocking && !item.ownSatisfied
            if items[index].blocks {
                blockers.append("\(item.item.id) (line \(item.item.position.line)): \(item.reason)")
            }
            if item.uncheckedTick {
                blockers.append("\(item.item.id) (line \(item.item.position.line)): ticked in the file, but \(item.item.probes.isEmpty ? "no valid sign-off backs it" : "its probes did not pass")")
            }
        }
        if let nothing = CheckedRule.nothingCheckedBlocker(items.map(\.status)) { blockers.append(nothing) }
        for (id, result) in requirements where result.status != .pass {
            blockers.append("requires '\(id)' to be GO: \(result.reason)")
        }
        let variables = plan.scope.values.keys.sorted().map { name -> (name: String, value: String) in
            let value = plan.scope.secretNames.contains(name) ? "***" : redactor.redact(plan.scope.values[name] ?? "")
            return (name, value)
        }
        return ChecklistOutcome(
            checklist: plan.checklist, items: items, variables: variables,
            decision: blockers.isEmpty ? .go : .noGo, blockers: blockers
        )
    }

    /// One item's own result from its probes' outcomes (or, if manual, its sign-offs and box);
    /// `satisfied` and `blocks` are settled by `decide`, once the children are known.
    static func item(_ itemIndex: Int, plan: PlannedChecklist, probes: [ProbeOutcome], options: RunOptions, now: Date, passed: [String: Bool] = [:]) -> ItemOutcome {
        let planned = plan.items[itemIndex]
        let item = planned.item
        let signOffs = options.signOffs.filter { $0.checklist == plan.checklist.id && $0.item == item.id }.sorted { $0.at < $1.at }
        var status: ItemStatus
        var reason: String
        var ownSatisfied: Bool
        if item.state == .na {
            (status, reason, ownSatisfied) = (.skipped, "not applicable", true)
        } else if item.probes.isEmpty, !item.approvals.isEmpty {
            let verdict = approvalStatus(item, plan: plan, options: options, now: now, passed: passed)
            (status, reason, ownSatisfied) = (verdict.status, verdict.reason, verdict.satisfied)
        } else if item.probes.isEmpty {
            let manual = manualStatus(
                item, checklistID: plan.checklist.id, signOffs: options.signOffs, strict: options.strict, now: now,
                claimant: options.claimants[plan.checklist.path], fresh: item.freshness(defaults: plan.checklist.defaults).fresh
            )
            (status, reason, ownSatisfied) = (manual.status, manual.reason, manual.satisfied)
        } else {
            (status, reason) = probeStatus(probes)
            ownSatisfied = CheckedRule.probeItemDone(status, reason: reason)
        }
        var uncheckedTick = false
        if options.check, item.state == .checked {
            uncheckedTick = item.probes.isEmpty ? status != .signedOff : status != .pass
        }
        return ItemOutcome(
            item: item, parentID: planned.parent.map { plan.items[$0].item.id }, depth: planned.depth,
            status: status, reason: reason, probes: probes, signOffs: signOffs, ownSatisfied: ownSatisfied,
            satisfied: ownSatisfied, blocks: false, uncheckedTick: uncheckedTick
        )
    }

    /// A probe item's status from its probes: any error → error, any fail → fail, all skipped → skipped.
    static func probeStatus(_ probes: [ProbeOutcome]) -> (ItemStatus, String) {
        let blocking = probes.filter { !$0.advisory }
        let considered = blocking.isEmpty ? probes : blocking
        if let failed = considered.first(where: { $0.result.status == .fail }) { return (.fail, failed.result.reason) }
        if let errored = considered.first(where: { $0.result.status == .error }) { return (.error, errored.result.reason) }
        if let notRun = considered.first(where: { $0.result.status == .skipped && CheckedRule.isUnmetNeeds($0.result.reason) }) {
            return (.skipped, notRun.result.reason)
        }
        if considered.allSatisfy({ $0.result.status == .skipped }) {
            return (.skipped, considered.first?.result.reason ?? "skipped")
        }
        let passed = considered.filter { $0.result.status == .pass }
        return (.pass, passed.count == 1 ? passed[0].result.reason : "\(passed.count) probes passed")
    }

    /// A manual item's status from its sign-offs (latest valid one wins) and its box; a box
    /// ticked by a `claimant` (a pull request's author) is their claim.
    static func manualStatus(
        _ item: ChecklistItem, checklistID: String, signOffs: [SignOff], strict: Bool, now: Date, claimant: String? = nil, fresh: Duration? = nil
    ) -> (status: ItemStatus, reason: String, satisfied: Bool) {
        let mine = signOffs.filter { $0.checklist == checklistID && $0.item == item.id }.sorted { $0.at < $1.at }
        let valid = mine.filter { $0.validity(for: item, at: now) == .valid && !SignOffFreshness.isTooOld($0, fresh: fresh, at: now) }
        if let latest = valid.last {
            if latest.decision == .reject {
                return (.rejected, "rejected by \(latest.by)" + (latest.note.map { ": \($0)" } ?? ""), false)
            }
            return (.signedOff, "signed off by \(latest.by)" + (latest.role.map { " as \($0)" } ?? ""), true)
        }
        var reason = item.state != .checked ? "waiting for a sign-off" : claimant.map { AuthorClaim.reason(by: $0, strict: false) } ?? "ticked in the file"
        if let fresh, item.state == .checked, claimant == nil { reason = SignOffFreshness.tickNeedsSignOff(fresh: fresh) }
        if let invalid = mine.last {
            let validity = invalid.validity(for: item, at: now)
            reason += validity == .valid && fresh != nil ? "; " + SignOffFreshness.tooOld(invalid, fresh: fresh!, at: now)
                : "; the sign-off by \(invalid.by) is \(validity.rawValue)"
        }
        if item.state == .checked && strict {
            reason = claimant.map { AuthorClaim.reason(by: $0, strict: true) } ?? "ticked in the file" + AuthorClaim.strictSuffix
        }
        return (.manual, reason, item.state == .checked && !strict && fresh == nil)
    }
}
