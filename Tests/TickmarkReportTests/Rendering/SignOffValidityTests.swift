import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport

/// How sign-offs decide manual items at report time.
@Suite struct SignOffValidityTests {
    static let fixture = RecordFixture(source: "# Go live\n\n- [ ] Rollback plan reviewed @release-manager\n- [x] Smoke test passed @qa\n")
    static let rollback = fixture.id("Rollback")

    static func signOff(_ decision: SignOff.Decision = .approve, digest: String? = nil, after seconds: Double = 60, expires: Double? = nil) -> SignOff {
        SignOff(
            checklist: fixture.checklist.id, item: rollback, itemDigest: digest ?? fixture.digest("Rollback"),
            by: "Ana Lima <ana@example.com>", role: "release-manager", at: RecordFixture.start.addingTimeInterval(seconds),
            decision: decision, expires: expires.map { RecordFixture.start.addingTimeInterval($0) }
        )
    }

    static func report(_ signOffs: [SignOff], at seconds: Double = 3600, format: ReportFormat? = nil) throws -> (ReleaseReport, String) {
        var record = fixture.record()
        record.signOffs = signOffs
        let report = try ReleaseReport.combine([("run.json", record)], at: RecordFixture.start.addingTimeInterval(seconds), toolVersion: "0.1.0")
        return (report, try format.map { try ReportRenderer.render(report, format: $0) } ?? "")
    }

    static func rollbackItem(_ report: ReleaseReport) -> RunRecord.ItemRecord {
        report.record.checklists[0].items.first { $0.id == rollback }!
    }

    @Test func aValidApprovalSatisfiesTheItem() throws {
        let (report, markdown) = try Self.report([Self.signOff()], format: .md)
        #expect(Self.rollbackItem(report).status == .signedOff)
        #expect(report.decision == .go)
        #expect(markdown.contains("- [x] Rollback plan reviewed @release-manager — ✍️ signed off by Ana Lima\n"))
        #expect(report.signOffs.map(\.validity) == [.valid])
    }

    @Test func aSignOffOfEarlierContentIsStaleAndDoesNotCount() throws {
        let (report, markdown) = try Self.report([Self.signOff(digest: Digest.sha256Hex("Rollback plan reviewed"))], format: .md)
        let item = Self.rollbackItem(report)
        #expect(item.status == .manual && !item.satisfied && item.blocking)
        #expect(item.reason == "waiting for a sign-off; the sign-off by Ana Lima <ana@example.com> is stale")
        #expect(report.decision == .noGo)
        #expect(report.signOffs.map(\.validity) == [.stale])
        #expect(markdown.contains("- [ ] Rollback plan reviewed @release-manager — ⏳ waiting for sign-off (Ana Lima's sign-off is stale)\n"))
        #expect(markdown.contains("🟠 stale: the item changed since"))
    }

    @Test func anApprovalCountsUntilItExpires() throws {
        let signOff = Self.signOff(expires: 7200)
        let (before, _) = try Self.report([signOff], at: 7199)
        #expect(Self.rollbackItem(before).status == .signedOff)
        let (after, html) = try Self.report([signOff], at: 7200, format: .html)
        #expect(Self.rollbackItem(after).status == .manual)
        #expect(after.decision == .noGo)
        #expect(after.signOffs.map(\.validity) == [.expired])
        #expect(html.contains("⌛ expired"))
    }

    @Test func theLatestValidSignOffWins() throws {
        let (rejected, _) = try Self.report([Self.signOff(after: 60), Self.signOff(.reject, after: 120)])
        #expect(Self.rollbackItem(rejected).status == .rejected)
        #expect(rejected.decision == .noGo)
        let (approvedAgain, _) = try Self.report([Self.signOff(after: 60), Self.signOff(.reject, after: 120), Self.signOff(after: 180)])
        #expect(Self.rollbackItem(approvedAgain).status == .signedOff)
        // A later stale rejection does not undo a valid approval.
        let (stillApproved, _) = try Self.report([Self.signOff(after: 60), Self.signOff(.reject, digest: "0", after: 120)])
        #expect(Self.rollbackItem(stillApproved).status == .signedOff)
    }

    @Test func strictReportsCountOnlySignOffs() throws {
        var record = Self.fixture.record()
        record.signOffs = [Self.signOff()]
        let lenient = try ReleaseReport.combine([("run.json", record)], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        #expect(lenient.decision == .go)
        let strict = try ReleaseReport.combine([("run.json", record)], at: ReleaseFixture.reportTime, strict: true, toolVersion: "0.1.0")
        #expect(strict.decision == .noGo)
        #expect(strict.record.checklists[0].blockers == ["go-live/smoke-test-passed (line 4): ticked in the file, but --strict needs a sign-off"])
        let markdown = try ReportRenderer.render(strict, format: .md)
        #expect(markdown.contains("- [ ] Smoke test passed @qa — ⏳ waiting for sign-off\n"))
    }
}
