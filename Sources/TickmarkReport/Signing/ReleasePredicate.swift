import Foundation
import Tickmark

/// The in-toto predicate of a signed release report (`https://tickmark.dev/release-report/v1`):
/// the decision, version, commit, checklist digests and approvers, taken from the run records.
///
/// Each signed approval carries its `signature`: the key's `fingerprint`, the `principal` the
/// roster or allowed signers give it, and `signer` (`verified`, `unverified`: nobody says whose
/// key it is, `refused`: a bad signature or not the signer's key, with its `problem`).
package enum ReleasePredicate {
    /// The predicate for `records`, evaluated at `now` (sign-off validity), with signed sign-offs'
    /// keys bound to people by `trust`.
    package static func make(records: [RunRecord], trust: SignerTrust = .none, now: Date = Date()) -> InTotoPredicate {
        let checklists = records.flatMap(\.checklists)
        let decision = records.allSatisfy { $0.decision == .go } && !records.isEmpty ? "GO" : "NO-GO"
        let version = checklists.lazy.compactMap { $0.variables["version"] }.first
        let commit = records.lazy.compactMap(\.environment.gitCommit).first
        var approvers: [JSONValue] = []
        for record in records {
            var itemOfID: [String: [String: RunRecord.ItemRecord]] = [:]
            for checklist in record.checklists where itemOfID[checklist.id] == nil {
                itemOfID[checklist.id] = Dictionary(checklist.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            for signOff in record.signOffs {
                let item = itemOfID[signOff.checklist]?[signOff.item]
                let validity: String
                if let item, item.digest != signOff.itemDigest {
                    validity = "stale"
                } else if let expires = signOff.expires, expires <= now {
                    validity = "expired"
                } else {
                    validity = "valid"
                }
                var members: [JSONValue.Member] = [
                    .init("by", .string(signOff.by)),
                    .init("checklist", .string(signOff.checklist)),
                    .init("item", .string(signOff.item)),
                    .init("decision", .string(signOff.decision.rawValue)),
                    .init("at", .string(RunRecord.timestamp(signOff.at))),
                    .init("validity", .string(validity)),
                    .init("signed", .bool(signOff.signature != nil)),
                ]
                if let role = signOff.role { members.append(.init("role", .string(role))) }
                if signOff.signature != nil { members.append(.init("signature", signature(trust.check(signOff, now: now)))) }
                approvers.append(.object(members))
            }
        }
        var content: [JSONValue.Member] = [
            .init("decision", .string(decision)),
            .init("version", version.map(JSONValue.string) ?? .null),
            .init("commit", commit.map(JSONValue.string) ?? .null),
            .init("checklists", .array(checklists.map { checklist in
                .object([
                    .init("id", .string(checklist.id)),
                    .init("path", .string(checklist.path)),
                    .init("sha256", .string(checklist.sha256)),
                    .init("decision", .string(checklist.decision.rawValue)),
                ])
            })),
            .init("approvers", .array(approvers)),
        ]
        if let tool = records.first?.tool {
            content.append(.init("generator", .object([.init("name", .string(tool.name)), .init("version", .string(tool.version))])))
        }
        return InTotoPredicate(content: .object(content))
    }

    /// A sign-off's signature for the predicate: fingerprint, principal, standing, problem.
    private static func signature(_ check: SignerCheck) -> JSONValue {
        var members: [JSONValue.Member] = [.init("fingerprint", check.fingerprint.map(JSONValue.string) ?? .null)]
        members.append(.init("principal", check.principal.map(JSONValue.string) ?? .null))
        members.append(.init("signer", .string(check.standing.rawValue)))
        if let problem = check.problem { members.append(.init("problem", .string(problem))) }
        return .object(members)
    }
}
