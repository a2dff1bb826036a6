import Foundation
import Testing
import Tickmark
@testable import TickmarkReport

@Suite struct HTMLReportTests {
    static let source = """
    # Launch ![logo](https://cdn.example.com/logo.png)

    See <https://wiki.example.com/launch> and the [runbook](http://runbook.example.com).

    <script src="https://evil.example.com/x.js"></script>

    - [ ] Health is green `probe: http GET https://api.example.com/health status=200`
    - [ ] Go/no-go call held @release-manager

    """

    static func html() throws -> String {
        let fixture = RecordFixture(source: source)
        let report = try ReleaseReport.combine([("run.json", fixture.record())], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        return try ReportRenderer.render(report, format: .html)
    }

    @Test func theHTMLReportLoadsNothingFromElsewhere() throws {
        let html = try Self.html()
        let lowered = html.lowercased()
        for forbidden in ["<script", "<link", "<img src=\"http", "<img src=\"//", "<iframe", "@import", "url(http", "url(//"] {
            #expect(!lowered.contains(forbidden), "the report contains \(forbidden)")
        }
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">"))
        // Links stay links; the image became a link to its address.
        #expect(html.contains("<a href=\"https://cdn.example.com/logo.png\">logo</a>"))
        #expect(html.contains("<a href=\"http://runbook.example.com\">runbook</a>"))
        #expect(html.contains("&lt;script src=\"https://evil.example.com/x.js\">"))
    }

    @Test func theHTMLReportHasABannerEvidenceAndPrintStyles() throws {
        let html = try Self.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<header class=\"banner nogo\">"))
        #expect(html.contains("<div class=\"decision\">⛔ NO-GO</div>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<details><summary>Evidence: pass — ok</summary>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> "))
    }

    @Test func markdownHTMLKeepsDetailsAndTicksQuotedTasks() {
        let html = MarkdownHTML.render(Array("> - [x] quoted done\n> - [ ] quoted open\n\n<details><summary>S</summary>\n\n*kept*\n\n</details>\n".utf8))
        #expect(html.contains("<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> quoted done</li>"))
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" /> quoted open</li>"))
        #expect(html.contains("<details><summary>S</summary>\n<p><em>kept</em></p>\n</details>"))
    }
}

@Suite struct TemplateTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates")

    @Test(arguments: EmbeddedTemplates.all.map(\.file))
    func embeddedTemplatesEqualTheFilesByteForByte(file: String) throws {
        let onDisk = try Data(contentsOf: Self.templates.appendingPathComponent(file))
        let embedded = try #require(EmbeddedTemplates.all.first { $0.file == file }).text
        #expect(Array(embedded.utf8) == Array(onDisk), "run scripts/embed-resources.py after editing templates/\(file)")
    }

    @Test func textTemplatesDeclareTheirContentType() {
        #expect(EmbeddedTemplates.reportMarkdown.hasPrefix("{{% CONTENT_TYPE: TEXT}}\n"))
    }

    @Test func aTemplateReplacesTheBuiltInOne() throws {
        let report = try GoldenReportTests.report()
        let text = try ReportRenderer.render(report, format: .md, template: "{{% CONTENT_TYPE: TEXT}}\n{{decision}} {{#checklists}}{{id}}{{/checklists}} <{{title}}>\n")
        #expect(text == "NO-GO release <Release report 1.4.0>\n")
        let html = try ReportRenderer.render(report, format: .html, template: "<p>{{#signOffs}}{{by}};{{/signOffs}}</p>")
        #expect(html.hasPrefix("<p>Chen Wei &lt;chen@example.com&gt;;"))
    }

    @Test func anInvalidTemplateIsReportedWithItsPosition() throws {
        let report = try GoldenReportTests.report()
        do {
            _ = try ReportRenderer.render(report, format: .md, template: "line one\n{{#checklists}}\n", templatePath: "mine.mustache")
            Issue.record("an unfinished section was accepted")
        } catch {
            #expect(error.path == "mine.mustache")
            #expect(error.description.hasPrefix("mine.mustache:"))
        }
    }

    @Test func theJSONReportIsValidJSONWithTheCombinedResult() throws {
        let text = try ReportRenderer.render(GoldenReportTests.report(), format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "tickmark.report/v1")
        #expect(object["decision"] as? String == "NO-GO")
        let signOffs = try #require(object["signOffs"] as? [[String: Any]])
        #expect(signOffs.compactMap { $0["validity"] as? String } == ["expired", "valid", "stale", "valid", "valid"])
    }

    @Test func junitComesFromTheCombinedRecord() throws {
        let xml = try ReportRenderer.render(GoldenReportTests.report(), format: .junit)
        #expect(xml.contains("<testsuite name=\"release\""))
        #expect(xml.contains("<failure message=\"rejected by Chen Wei &lt;chen@example.com&gt;: Checkout fails for EU cards\" type=\"rejected\">"))
    }
}
