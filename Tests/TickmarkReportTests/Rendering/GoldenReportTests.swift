import Foundation
import Testing
import Tickmark
@testable import TickmarkReport

/// The Markdown and HTML reports of a fixed record at a fixed time, against golden files.
@Suite struct GoldenReportTests {
    static func report() throws -> ReleaseReport {
        try ReleaseReport.combine([(path: ".tickmark/release.json", record: ReleaseFixture.record())], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
    }

    @Test func markdownReportMatchesTheGoldenFile() throws {
        let text = try ReportRenderer.render(Self.report(), format: .md)
        try Golden.assert(text, matches: "release-report.md")
    }

    @Test func htmlReportMatchesTheGoldenFile() throws {
        let text = try ReportRenderer.render(Self.report(), format: .html)
        try Golden.assert(text, matches: "release-report.html")
    }

    @Test func jsonReportMatchesTheGoldenFile() throws {
        let text = try ReportRenderer.render(Self.report(), format: .json)
        try Golden.assert(text, matches: "release-report.json")
    }
}
