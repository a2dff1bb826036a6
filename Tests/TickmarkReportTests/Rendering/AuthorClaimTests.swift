import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport

/// A manual item ticked in a pull request's body is its author's claim, in records and reports
/// alike: decided again at report time, it stays a claim (not "ticked in the file").
@Suite struct AuthorClaimTests {
    static let fixture = RecordFixture(source: "# Pre-merge\n\n- [x] I updated the docs\n- [ ] Migration reviewed\n")

    static func report(claim strict: Bool) throws -> (RunRecord.ItemRecord, String) {
        var record = fixture.record()
        let index = record.checklists[0].items.firstIndex { $0.text.contains("docs") }!
        record.checklists[0].path = "github:pr#12"
        record.checklists[0].items[index].reason = AuthorClaim.reason(by: "@ana-dev", strict: strict)
        let report = try ReleaseReport.combine([("run.json", record)], at: RecordFixture.start.addingTimeInterval(60), toolVersion: "0.1.0")
        let item = report.record.checklists[0].items[index]
        return (item, try ReportRenderer.render(report, format: .md))
    }

    @Test func aClaimCountsAndIsShownAsTheAuthors() throws {
        let (item, markdown) = try Self.report(claim: false)
        #expect(item.status == .manual && item.satisfied && !item.blocking)
        #expect(item.reason == "claimed by @ana-dev, the pull request's author")
        #expect(markdown.contains("- [x] I updated the docs — ☑️ claimed by @ana-dev, the pull request's author, not signed off\n"))
    }

    @Test func underStrictAClaimDoesNotCountAndSaysWhy() throws {
        let (item, _) = try Self.report(claim: true)
        #expect(item.status == .manual && !item.satisfied && item.blocking)
        #expect(item.reason == "claimed by @ana-dev, the pull request's author, but --strict needs a sign-off")
    }

    @Test func theClaimantIsReadBackFromTheReason() {
        #expect(AuthorClaim.claimant(in: AuthorClaim.reason(by: "@dependabot[bot]", strict: true)) == "@dependabot[bot]")
        #expect(AuthorClaim.claimant(in: "ticked in the file") == nil)
    }
}
