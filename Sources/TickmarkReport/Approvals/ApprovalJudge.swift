import Foundation
import Tickmark
import TickmarkProbes

/// Decides manual items with approval rules (SPEC §6) from sign-offs, the roster and the author
/// of the change: distinct people of the rule's role, the author excluded with `not=author`,
/// approvals given after the items of `after=` were done, signed with the person's own roster
/// key with `signed=true`. The decision says in words what is missing, why each sign-off that
/// does not count does not, and who may still approve (`ApprovalWording`).
///
/// A box ticked in the file does not satisfy an item with rules: only approvals do. The latest
/// sign-off of each person is theirs: an approval followed by a rejection is a rejection. A valid
/// rejection by a person who may approve makes the item rejected.
package struct ApprovalJudge: ApprovalJudging {
    /// Whose keys are whose, and who holds which role.
    package var trust: SignerTrust
    /// The author of the change, when known.
    package var author: ChangeAuthor?
    /// When set, the sign-offs judged instead of those a command passes (a run passes only those
    /// whose signatures count; the judge names the others).
    package var signOffs: [SignOff]?

    package init(trust: SignerTrust, author: ChangeAuthor?, signOffs: [SignOff]? = nil) {
        self.trust = trust
        self.author = author
        self.signOffs = signOffs
    }

    package func decide(
        rules: [ApprovalRule], item: String, digest: String, checklist: String, signOffs given: [SignOff], at date: Date,
        fresh: Duration?, prerequisite: (String) -> ApprovalPrerequisite
    ) -> ApprovalVerdict {
        let mine = (signOffs ?? given).filter { $0.checklist == checklist && $0.item == item }.sorted { $0.at < $1.at }
        let verdicts = rules.map { decide($0, mine: mine, digest: digest, at: date, fresh: fresh, prerequisite: prerequisite) }
        let reason = verdicts.map(\.reason).joined(separator: "; ")
        if let rejected = verdicts.first(where: { $0.status == .rejected }) {
            return ApprovalVerdict(status: .rejected, reason: rejected.reason, satisfied: false)
        }
        guard verdicts.allSatisfy(\.satisfied) else { return ApprovalVerdict(status: .manual, reason: reason, satisfied: false) }
        return ApprovalVerdict(status: .signedOff, reason: reason, satisfied: true, completedAt: verdicts.compactMap(\.completedAt).max())
    }

    /// One rule's standing.
    private func decide(
        _ rule: ApprovalRule, mine: [SignOff], digest: String, at date: Date, fresh: Duration?,
        prerequisite: (String) -> ApprovalPrerequisite
    ) -> ApprovalVerdict {
        var wording = ApprovalWording(rule: rule, trust: trust)
        let members = rule.role.flatMap { trust.members(of: $0) }.map { Set($0.map { $0.lowercased() }) }
        // The time each `after=` item was done (nil: done with no time to order by).
        var doneSince: [(id: String, at: Date?)] = []
        // An item of `after=` not done yet: every sign-off so far came before it.
        var notDone: String?
        for id in rule.after {
            switch prerequisite(id) {
            case .done(let at): doneSince.append((id, at))
            case .notDone:
                wording.problems.append(ApprovalWording.notDoneYet(id, rule: rule))
                notDone = notDone ?? id
            case .unknown: wording.problems.append(ApprovalWording.notInRun(id))
            }
        }
        if rule.role != nil, members == nil { wording.problems.append(ApprovalWording.roleUnknown(rule, trust: trust)) }
        // Separation of duties fails closed: with the author unknown, nobody can be cleared of it.
        let authorUnknown = rule.notAuthor && author == nil
        if authorUnknown { wording.problems.append(ApprovalWording.authorUnknown()) }
        // Each person's sign-offs that count, oldest first.
        var counted: [(person: String, signOff: SignOff)] = []
        var seen: Set<String> = []
        for signOff in mine {
            let person = (SignOff.email(of: signOff.by) ?? signOff.by).lowercased()
            let name = wording.name(of: signOff)
            let validity = signOff.validity(digest: digest, at: date)
            if validity == .stale { wording.problems.append(ApprovalWording.stale(name, signOff)); continue }
            if validity == .expired { wording.problems.append(ApprovalWording.expired(name, signOff)); continue }
            if let fresh, SignOffFreshness.isTooOld(signOff, fresh: fresh, at: date) {
                wording.problems.append(SignOffFreshness.tooOld(signOff, fresh: fresh, at: date)); continue
            }
            let check = trust.check(signOff, now: date)
            if !check.counts { wording.problems.append(ApprovalWording.refused(name, signOff, check)); continue }
            if rule.signed {
                if signOff.signature == nil { wording.problems.append(ApprovalWording.unsigned(name, signOff)); continue }
                if check.standing != .verified { wording.problems.append(ApprovalWording.signerUnknown(name, signOff)); continue }
            }
            if let members, !members.contains(person) { wording.problems.append(ApprovalWording.notInRole(name, signOff, rule: rule)); continue }
            if rule.notAuthor, let author, author.isAuthor(signOff.by, trust: trust) {
                wording.problems.append(ApprovalWording.ownChange(name, signOff, pronoun: trust.person(email: person)?.pronoun)); continue
            }
            if let early = notDone ?? doneSince.first(where: { $0.at.map { signOff.at < $0 } ?? false })?.id {
                wording.problems.append(ApprovalWording.tooEarly(name, signOff, before: early)); continue
            }
            if seen.contains(person), signOff.decision == .approve, counted.last(where: { $0.person == person })?.signOff.decision == .approve {
                wording.problems.append(ApprovalWording.twice(name))
            }
            seen.insert(person)
            counted.removeAll { $0.person == person }
            counted.append((person, signOff))
        }
        if let rejection = counted.last(where: { $0.signOff.decision == .reject })?.signOff {
            return ApprovalVerdict(status: .rejected, reason: ApprovalWording.rejected(wording.name(of: rejection), rejection, rule: rule), satisfied: false)
        }
        let approvals = counted.filter { $0.signOff.decision == .approve }
        let afterMet = doneSince.count == rule.after.count
        if approvals.count >= rule.count, afterMet, !authorUnknown, !(rule.role != nil && members == nil) {
            let given = approvals.prefix(rule.count)
            return ApprovalVerdict(
                status: .signedOff, reason: wording.met(given.map { wording.name(of: $0.signOff) }), satisfied: true,
                completedAt: given.map(\.signOff.at).max()
            )
        }
        let approved = Set(approvals.map(\.person))
        var candidates = (members.map { _ in trust.members(of: rule.role!) ?? [] } ?? [])
            .filter { !approved.contains($0.lowercased()) }
        if rule.notAuthor, let author { candidates.removeAll { author.isAuthor("<\($0)>", trust: trust) } }
        return ApprovalVerdict(
            status: .manual, reason: wording.missing(given: approvals.count, candidates: candidates, anyone: rule.role == nil), satisfied: false
        )
    }
}
