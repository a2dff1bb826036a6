import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport
import TickmarkTestSupport

/// Approval rules decided with real keys (`ssh-keygen`) and a roster (SPEC §6): quorum met and
/// not met, the same person twice, the author approving, order violated, another person's key, a
/// sign-off left stale by an edit, a rejection; each decision's exact words.
@Suite struct ApprovalDecisionTests {
    static let checklist = """
    # Release

    - [ ] Smoke test passed on staging <!-- id: qa/smoke-test -->
    - [ ] Production deploy approved `approve: 2 @release-manager not=author`
    - [ ] Security review done `approve: 1 @security after=qa/smoke-test signed=true`

    """

    static let deploy = "release/production-deploy-approved"
    static let security = "release/security-review-done"
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// The team, the trust built from its roster, and the parsed checklist.
    struct Setting {
        let folder: TemporaryFolder
        let team: ApprovalTeam
        let trust: SignerTrust
        let checklist: Checklist

        init() throws {
            folder = try TemporaryFolder()
            team = try ApprovalTeam(in: folder)
            let roster = try RosterFile.parse(Array(team.roster.utf8), path: ".tickmark/roster.yml")
            trust = try SignerTrust(roster: roster, path: ".tickmark/roster.yml")
            checklist = ChecklistParser.parse(Array(ApprovalDecisionTests.checklist.utf8), path: "release.md")
            #expect(checklist.diagnostics.isEmpty, "\(checklist.diagnostics)")
        }

        func item(_ id: String) throws -> ChecklistItem { try #require(checklist.allItems.first { $0.id == id }) }

        /// A sign-off of `id` by `member` at `minutes` after the start, signed with `key` when given.
        func signOff(
            _ id: String, by member: ApprovalTeam.Member, minutes: Double, decision: SignOff.Decision = .approve,
            key: String? = nil, digest: String? = nil
        ) throws -> SignOff {
            var signOff = SignOff(
                checklist: "release", item: id, itemDigest: try digest ?? item(id).contentDigest, by: member.by,
                at: ApprovalDecisionTests.start.addingTimeInterval(minutes * 60), decision: decision
            )
            if let key { signOff.signature = try SSHSignOffSigner().sign(signOff.canonicalText, keyPath: key) }
            return signOff
        }

        /// The decision on `id` with `signOffs`, Bo being the author of the change; `smokeTestDone`
        /// is when the smoke test was signed off (nil: not done).
        func decide(_ id: String, _ signOffs: [SignOff], smokeTestDone: Double? = 1, fresh: Duration? = nil) throws -> ApprovalVerdict {
            let judge = ApprovalJudge(trust: trust, author: ChangeAuthor("Bo Berg <bo@example.com>"))
            let item = try item(id)
            return judge.decide(
                rules: item.approvals, item: id, digest: item.contentDigest, checklist: "release", signOffs: signOffs,
                at: ApprovalDecisionTests.start.addingTimeInterval(3600), fresh: fresh
            ) { prerequisite in
                guard prerequisite == "qa/smoke-test" else { return .unknown }
                return smokeTestDone.map { .done(at: ApprovalDecisionTests.start.addingTimeInterval($0 * 60)) } ?? .notDone("waiting for a sign-off")
            }
        }
    }

    @Test func quorumMet() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let verdict = try s.decide(Self.deploy, [s.signOff(Self.deploy, by: s.team.ana, minutes: 5), s.signOff(Self.deploy, by: s.team.chen, minutes: 6)])
        #expect(verdict == ApprovalVerdict(
            status: .signedOff, reason: "approved by Ana Lima and Chen Wu (2 of 2 from @release-manager)", satisfied: true,
            completedAt: Self.start.addingTimeInterval(360)
        ))
    }

    @Test func quorumNotMetNamesWhoMayStillApprove() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let none = try s.decide(Self.deploy, [])
        #expect(none.reason == "0 of 2 approvals from @release-manager; may still approve: Ana Lima, Chen Wu")
        let one = try s.decide(Self.deploy, [s.signOff(Self.deploy, by: s.team.ana, minutes: 5)])
        #expect(one == ApprovalVerdict(status: .manual, reason: "1 of 2 approvals from @release-manager; may still approve: Chen Wu", satisfied: false))
    }

    @Test func theSamePersonTwiceCountsOnce() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let verdict = try s.decide(Self.deploy, [s.signOff(Self.deploy, by: s.team.ana, minutes: 5), s.signOff(Self.deploy, by: s.team.ana, minutes: 7)])
        #expect(verdict.status == .manual)
        #expect(verdict.reason == "1 of 2 approvals from @release-manager; Ana Lima approved twice and counts once; may still approve: Chen Wu")
    }

    @Test func theAuthorCannotApproveHisOwnChange() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let verdict = try s.decide(Self.deploy, [s.signOff(Self.deploy, by: s.team.ana, minutes: 5), s.signOff(Self.deploy, by: s.team.bo, minutes: 6)])
        #expect(verdict == ApprovalVerdict(
            status: .manual, reason: "1 of 2 approvals from @release-manager; Bo Berg cannot approve his own change; may still approve: Chen Wu", satisfied: false
        ))
    }

    @Test func someoneOutsideTheRoleDoesNotCount() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let verdict = try s.decide(Self.deploy, [s.signOff(Self.deploy, by: s.team.dee, minutes: 5)])
        #expect(verdict.reason == "0 of 2 approvals from @release-manager; Dee Diaz is not in @release-manager and cannot approve this; may still approve: Ana Lima, Chen Wu")
    }

    @Test func anApprovalBeforeTheItemItFollowsDoesNotCount() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let early = try s.signOff(Self.security, by: s.team.dee, minutes: 5, key: s.team.dee.keyPath)
        let violated = try s.decide(Self.security, [early], smokeTestDone: 10)
        #expect(violated == ApprovalVerdict(
            status: .manual,
            reason: "0 of 1 approval from @security; Dee Diaz approved before qa/smoke-test was done, and approvals count only after it (after=qa/smoke-test); may still approve: Chen Wu, Dee Diaz",
            satisfied: false
        ))
        let notDone = try s.decide(Self.security, [], smokeTestDone: nil)
        #expect(notDone.reason == "0 of 1 approval from @security; qa/smoke-test must be done first (after=qa/smoke-test); may still approve: Chen Wu, Dee Diaz")
        // Approved while the item it follows is not done: that approval can never count.
        let pending = try s.decide(Self.security, [early, s.signOff(Self.security, by: s.team.chen, minutes: 6, key: s.team.chen.keyPath)], smokeTestDone: nil)
        #expect(pending == ApprovalVerdict(
            status: .manual,
            reason: "0 of 1 approval from @security; qa/smoke-test must be done first (after=qa/smoke-test); Dee Diaz approved before qa/smoke-test was done, and approvals count only after it (after=qa/smoke-test); Chen Wu approved before qa/smoke-test was done, and approvals count only after it (after=qa/smoke-test); may still approve: Chen Wu, Dee Diaz",
            satisfied: false
        ))
        let inOrder = try s.decide(Self.security, [early], smokeTestDone: 2)
        #expect(inOrder.reason == "approved by Dee Diaz (1 of 1 from @security)")
        #expect(inOrder.satisfied)
    }

    @Test func aKeyOfAnotherPersonDoesNotCount() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let verdict = try s.decide(Self.security, [s.signOff(Self.security, by: s.team.dee, minutes: 5, key: s.team.ana.keyPath)])
        #expect(verdict.reason == "0 of 1 approval from @security; Dee Diaz's approval does not count: it is signed with the key \(s.team.ana.fingerprint) of Ana Lima <ana@example.com>, not a key of dee@example.com in the roster .tickmark/roster.yml; may still approve: Chen Wu, Dee Diaz")
        #expect(!verdict.satisfied)
    }

    @Test func signedTrueNeedsASignature() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let verdict = try s.decide(Self.security, [s.signOff(Self.security, by: s.team.dee, minutes: 5)])
        #expect(verdict.reason == "0 of 1 approval from @security; Dee Diaz's approval is not signed, and this approval must be signed with a roster key (signed=true); may still approve: Chen Wu, Dee Diaz")
    }

    @Test func aSignOffLeftStaleByAnEditDoesNotCount() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let before = ChecklistParser.parse(Array(Self.checklist.replacingOccurrences(of: "Production deploy approved", with: "Production deploy (v1) approved").utf8), path: "release.md")
        let oldDigest = try #require(before.allItems.first { $0.id == "release/production-deploy-v1-approved" }).contentDigest
        let verdict = try s.decide(Self.deploy, [
            s.signOff(Self.deploy, by: s.team.ana, minutes: 5, digest: oldDigest), s.signOff(Self.deploy, by: s.team.chen, minutes: 6),
        ])
        #expect(verdict.reason == "1 of 2 approvals from @release-manager; Ana Lima's approval is stale: the item changed after it was given; may still approve: Ana Lima")
    }

    @Test func aRejectionBySomeoneWhoMayApproveRejects() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        var rejection = try s.signOff(Self.deploy, by: s.team.chen, minutes: 6, decision: .reject)
        rejection.note = "rollback plan missing"
        let verdict = try s.decide(Self.deploy, [s.signOff(Self.deploy, by: s.team.ana, minutes: 5), rejection])
        #expect(verdict == ApprovalVerdict(status: .rejected, reason: "rejected by Chen Wu (@release-manager): rollback plan missing", satisfied: false))
    }

    @Test func thePullRequestsAuthorIsKnownByTheirGitHubLogin() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let author = ChangeAuthor("@Bo-Berg")
        #expect(author.isAuthor(s.team.bo.by, trust: s.trust))
        #expect(!author.isAuthor(s.team.ana.by, trust: s.trust))
        let judge = ApprovalJudge(trust: s.trust, author: author)
        let item = try s.item(Self.deploy)
        let verdict = judge.decide(
            rules: item.approvals, item: Self.deploy, digest: item.contentDigest, checklist: "release",
            signOffs: [try s.signOff(Self.deploy, by: s.team.bo, minutes: 5)], at: Self.start.addingTimeInterval(600), fresh: nil
        ) { _ in .unknown }
        #expect(verdict.reason == "0 of 2 approvals from @release-manager; Bo Berg cannot approve his own change; may still approve: Ana Lima, Chen Wu")
    }

    @Test func withTheAuthorUnknownNotAuthorFailsClosed() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        let judge = ApprovalJudge(trust: s.trust, author: nil)
        let item = try s.item(Self.deploy)
        let verdict = judge.decide(
            rules: item.approvals, item: Self.deploy, digest: item.contentDigest, checklist: "release",
            signOffs: [try s.signOff(Self.deploy, by: s.team.ana, minutes: 5), try s.signOff(Self.deploy, by: s.team.chen, minutes: 6)],
            at: Self.start.addingTimeInterval(600), fresh: nil
        ) { _ in .unknown }
        #expect(verdict == ApprovalVerdict(
            status: .manual,
            reason: "2 of 2 approvals from @release-manager given; the author of the change is not known (no git commit where the checklist ran, and no pull request), so not=author cannot be checked",
            satisfied: false
        ))
    }

    /// An approval older than the item's `fresh:` time no longer counts towards the quorum.
    @Test func anApprovalOlderThanFreshDoesNotCount() throws {
        let s = try Setting()
        defer { s.folder.remove() }
        // Decided an hour after the start: Ana approved 55 minutes before, Chen 50.
        let signOffs = [try s.signOff(Self.deploy, by: s.team.ana, minutes: 5), try s.signOff(Self.deploy, by: s.team.chen, minutes: 10)]
        #expect(try s.decide(Self.deploy, signOffs, fresh: .seconds(3600)).satisfied)
        let verdict = try s.decide(Self.deploy, signOffs, fresh: .seconds(52 * 60))
        #expect(!verdict.satisfied)
        #expect(verdict.reason == "1 of 2 approvals from @release-manager; the sign-off by \(s.team.ana.by) was given 55 minutes ago; fresh: 52m; may still approve: Ana Lima")
    }
}
