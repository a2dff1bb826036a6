import Foundation
import Tickmark

/// The words of approval decisions, one function each, so they can be reviewed and tested in one
/// place. A decision reads, for example:
///
/// - `approved by Ana Lima and Chen Wu (2 of 2 from @release-manager)`
/// - `1 of 2 approvals from @release-manager; Bo Berg cannot approve his own change; may still approve: Chen Wu`
struct ApprovalWording {
    let rule: ApprovalRule
    let trust: SignerTrust
    /// Why sign-offs do not count, or what else stands in the way, in the order found.
    var problems: [String] = []

    init(rule: ApprovalRule, trust: SignerTrust) {
        self.rule = rule
        self.trust = trust
    }

    /// The person's name as the roster gives it, else the name of `--by`.
    func name(of signOff: SignOff) -> String {
        let email = SignOff.email(of: signOff.by) ?? signOff.by
        return trust.person(email: email)?.name ?? signOff.signerName
    }

    /// `approvals from @release-manager`, `approval from @security`, `approvals`.
    private var what: String {
        (rule.count == 1 ? "approval" : "approvals") + (rule.role.map { " from @\($0)" } ?? "")
    }

    /// `approved by Ana Lima and Chen Wu (2 of 2 from @release-manager)`.
    func met(_ names: [String]) -> String {
        "approved by \(Self.list(names)) (\(names.count) of \(rule.count)\(rule.role.map { " from @\($0)" } ?? ""))"
    }

    /// `1 of 2 approvals from @release-manager; <problems>; may still approve: Chen Wu`. With
    /// enough approvals and something else in the way (an `after=` item outside the run):
    /// `2 of 2 approvals from @release-manager given; <problems>`.
    func missing(given: Int, candidates: [String], anyone: Bool) -> String {
        let enough = given >= rule.count
        var parts = [enough ? "\(rule.count) of \(rule.count) \(what) given" : "\(given) of \(rule.count) \(what)"]
        var unique: [String] = []
        for problem in problems where !unique.contains(problem) { unique.append(problem) }
        parts += unique
        if enough {
            // Nobody else's approval would change the decision.
        } else if anyone {
            parts.append("anyone else may approve")
        } else if let members = trust.members(of: rule.role ?? ""), members.isEmpty {
            parts.append("the roster \(trust.rosterPath ?? "") has nobody in @\(rule.role ?? "") yet")
        } else if trust.members(of: rule.role ?? "") != nil {
            let names = candidates.map { trust.person(email: $0)?.name ?? $0 }
            parts.append(names.isEmpty ? "nobody else in @\(rule.role ?? "") may approve" : "may still approve: \(names.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }

    /// `Ana Lima`, `Ana Lima and Bo Berg`, `Ana Lima, Bo Berg and Chen Wu`.
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    // MARK: Why a sign-off does not count

    /// The item was edited after the approval.
    static func stale(_ name: String, _ signOff: SignOff) -> String {
        "\(name)'s \(noun(signOff)) is stale: the item changed after it was given"
    }

    /// The approval's expiry has passed.
    static func expired(_ name: String, _ signOff: SignOff) -> String {
        "\(name)'s \(noun(signOff)) expired at \(signOff.expires.map(RunRecord.timestamp) ?? "?")"
    }

    /// The signature is bad, or made with a key that is not the signer's.
    static func refused(_ name: String, _ signOff: SignOff, _ check: SignerCheck) -> String {
        if let refusal = check.refusal {
            return "\(name)'s \(noun(signOff)) does not count: it is signed with \(refusal.keyDescription)"
        }
        return "\(name)'s \(noun(signOff)) does not count: \(check.problem ?? "its signature is refused")"
    }

    /// `signed=true` and the sign-off is not signed.
    static func unsigned(_ name: String, _ signOff: SignOff) -> String {
        "\(name)'s \(noun(signOff)) is not signed, and this approval must be signed with a roster key (signed=true)"
    }

    /// `signed=true` and no roster says whose the key is.
    static func signerUnknown(_ name: String, _ signOff: SignOff) -> String {
        "\(name)'s \(noun(signOff)) is signed, but no roster or allowed signers say whose the key is (signed=true)"
    }

    /// The person does not hold the rule's role.
    static func notInRole(_ name: String, _ signOff: SignOff, rule: ApprovalRule) -> String {
        "\(name) is not in @\(rule.role ?? "") and cannot \(signOff.decision == .approve ? "approve" : "reject") this"
    }

    /// `not=author` and the person made the change.
    static func ownChange(_ name: String, _ signOff: SignOff, pronoun: String?) -> String {
        let possessive = ["he": "his", "she": "her"][pronoun ?? ""] ?? "their"
        return "\(name) cannot approve \(possessive) own change"
    }

    /// `after=ITEM` and the approval was given before ITEM was done.
    static func tooEarly(_ name: String, _ signOff: SignOff, before id: String) -> String {
        "\(name) \(signOff.decision == .approve ? "approved" : "rejected") before \(id) was done, and approvals count only after it (after=\(id))"
    }

    /// The same person approved again: one person counts once.
    static func twice(_ name: String) -> String {
        "\(name) approved twice and counts once"
    }

    // MARK: What else stands in the way

    /// `after=ITEM` and ITEM is not done.
    static func notDoneYet(_ id: String, rule: ApprovalRule) -> String {
        "\(id) must be done first (after=\(id))"
    }

    /// `after=ITEM` and ITEM is not in the run.
    static func notInRun(_ id: String) -> String {
        "\(id) must be done first (after=\(id)), and this run has no result for it"
    }

    /// The rule names a role no roster has.
    static func roleUnknown(_ rule: ApprovalRule, trust: SignerTrust) -> String {
        guard let path = trust.rosterPath else {
            return "no roster says who is in @\(rule.role ?? "") (write .tickmark/roster.yml, or pass --roster)"
        }
        return "the roster \(path) has no role @\(rule.role ?? "")"
    }

    /// `not=author` and nobody knows who the author is.
    static func authorUnknown() -> String {
        "the author of the change is not known (no git commit where the checklist ran, and no pull request), so not=author cannot be checked"
    }

    /// A valid rejection by a person who may approve.
    static func rejected(_ name: String, _ signOff: SignOff, rule: ApprovalRule) -> String {
        "rejected by \(name)\(rule.role.map { " (@\($0))" } ?? "")" + (signOff.note.map { ": \($0)" } ?? "")
    }

    private static func noun(_ signOff: SignOff) -> String {
        signOff.decision == .approve ? "approval" : "rejection"
    }
}
