import Foundation
import Testing
import Tickmark
@testable import TickmarkReport

/// The Markdown and HTML reports of a fixed record at a fixed time, against golden files.
@Suite struct GoldenReportTests {
    static func report() throws -> ReleaseReport {
        try ReleaseReport.combine(
            [(path: ".tickmark/release.json", record: ReleaseFixture.record())], at: ReleaseFixture.reportTime, trust: ReleaseFixture.roster(), toolVersion: "0.1.0"
        )
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


/// Golden files in `Tests/TickmarkReportTests/Golden/`, re-recorded when `TICKMARK_RECORD_GOLDEN=1`.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["TICKMARK_RECORD_GOLDEN"] == "1" }

    /// Expects `actual` to equal the golden file `name`, or writes it when recording.
    static func assert(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name); run the tests with TICKMARK_RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record("""
                \(name) differs from the golden file at line \(first + 1) (re-record with TICKMARK_RECORD_GOLDEN=1 if intended)
                expected: \(first < expectedLines.count ? String(expectedLines[first]) : "<end>")
                actual:   \(first < actualLines.count ? String(actualLines[first]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }
}
