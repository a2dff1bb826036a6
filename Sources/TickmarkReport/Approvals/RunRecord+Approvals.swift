import Foundation
import Tickmark
import TickmarkProbes

extension RunRecord.ChecklistRecord {
    /// The standing of the recorded item `item`, which has approval rules, from `signOffs` as of
    /// `date`, judged with the roster of `trust` and the recorded `author` of the change.
    func approvalStatus(
        _ item: RunRecord.ItemRecord, signOffs: [SignOff], at date: Date, trust: SignerTrust, author: String?, depth: Int = 0
    ) -> ApprovalVerdict {
        let rules = (item.approvals ?? []).compactMap { try? ApprovalRule.parse($0).get() }
        let judge = ApprovalJudge(trust: trust, author: author.map(ChangeAuthor.init))
        let fresh = RecordedFreshness(self).fresh(of: item.id)
        return judge.decide(rules: rules, item: item.id, digest: item.digest, checklist: id, signOffs: signOffs, at: date, fresh: fresh) { prerequisiteID in
            approvalPrerequisite(prerequisiteID, signOffs: signOffs, at: date, trust: trust, author: author, depth: depth + 1)
        }
    }

    /// Whether the recorded item `id` is done, for an `after=` rule: a probe item when it passed,
    /// a manual item when signed off (at the time of the sign-off that did it) or ticked (no time).
    private func approvalPrerequisite(
        _ id: String, signOffs: [SignOff], at date: Date, trust: SignerTrust, author: String?, depth: Int
    ) -> ApprovalPrerequisite {
        guard depth < 16 else { return .notDone("its after= rules go round in a circle") }
        guard let item = items.first(where: { $0.id == id }) else { return .unknown }
        if item.state == .na { return .done(at: nil) }
        if item.approvals != nil {
            let verdict = approvalStatus(item, signOffs: signOffs, at: date, trust: trust, author: author, depth: depth)
            return verdict.satisfied ? .done(at: verdict.completedAt) : .notDone(verdict.reason)
        }
        guard item.isManual else {
            return item.status == .pass || item.status == .skipped ? .done(at: nil) : .notDone(item.reason)
        }
        let decided = Self.manualStatus(item, checklist: self.id, signOffs: signOffs, at: date, strict: false, trust: trust)
        guard decided.satisfied else { return .notDone(decided.reason) }
        guard decided.status == .signedOff else { return .done(at: nil) }
        let latest = signOffs.filter {
            $0.checklist == self.id && $0.item == id && $0.decision == .approve && $0.standing(digest: item.digest, at: date, trust: trust).counts
        }.map(\.at).max()
        return .done(at: latest)
    }
}
