import Testing
import Tickmark

@Suite struct MarkdownHeadingsTests {
    @Test func headingsKeepLevelPlainTextAndLine() {
        let markdown = "\u{FEFF}# Title *here*\n\nText\n\n## [1.2.0] - 2026-05-01\n\nSetext\n---\n\n> ### `code` in a quote\n"
        #expect(MarkdownHeadings.headings(in: Array(markdown.utf8)) == [
            MarkdownHeading(level: 1, text: "Title here", line: 1),
            MarkdownHeading(level: 2, text: "[1.2.0] - 2026-05-01", line: 5),
            MarkdownHeading(level: 2, text: "Setext", line: 7),
            MarkdownHeading(level: 3, text: "code in a quote", line: 10),
        ])
    }

    @Test func headingsInCodeAndHTMLAreNotHeadings() {
        let markdown = "```\n# not a heading\n```\n\n    # indented code\n\n<div>\n# html\n</div>\n"
        #expect(MarkdownHeadings.headings(in: Array(markdown.utf8)).isEmpty)
    }

    @Test func aBracketedVersionThatIsALinkLosesItsBrackets() {
        let markdown = "## [1.2.0] - 2026-05-01\n\n[1.2.0]: https://example.com/v1.2.0\n"
        #expect(MarkdownHeadings.headings(in: Array(markdown.utf8)).map(\.text) == ["1.2.0 - 2026-05-01"])
    }
}
