import Testing

/// One of the project's own Markdown files in `Fixtures/`, each covering a family of constructs
/// that real checklists use, with the number of task items `cmark-gfm` finds in it and every place
/// where Tickmark departs from it on purpose.
///
/// Both numbers are pinned: a fixture whose count or departures change fails, whichever side
/// changed. To add a fixture, write the file and a row here; the test prints what both sides find.
struct ConformanceFixture: Sendable, CustomTestStringConvertible {
    var name: String
    /// The task items `cmark-gfm` reports.
    var cmarkTasks: Int
    var departures: [Departure]

    init(_ name: String, cmarkTasks: Int, departures: [Departure] = []) {
        self.name = name
        self.cmarkTasks = cmarkTasks
        self.departures = departures
    }

    var testDescription: String { name }

    /// `Fixtures/` beside this source file, inside the repository.
    static let folder: String = {
        let source = #filePath
        return String(source[..<source.lastIndex(of: "/")!]) + "/Fixtures"
    }()

    var path: String { Self.folder + "/" + name }

    static let all: [ConformanceFixture] = [
        // Front matter of an issue template, a comment full of boxes, nested tasks.
        ConformanceFixture("issue-template.md", cmarkTasks: 9),
        // Comments, `[x]` and `[X]`, `*` and `+` bullets, trailing spaces, links, emoji shortcodes.
        ConformanceFixture("pull-request-template.md", cmarkTasks: 9),
        // Five levels of nesting, plain items between tasks, ordered and bullet lists mixed.
        ConformanceFixture("nested-lists.md", cmarkTasks: 18),
        // `1.`, `2)`, lists starting at 0 and 7, two and nine digits, ten digits (no list), loose.
        ConformanceFixture("ordered-lists.md", cmarkTasks: 15),
        // Tabs after the marker and the box, nesting by tabs, tab-indented code, a tab in the box.
        ConformanceFixture("tabs.md", cmarkTasks: 11),
        ConformanceFixture("crlf.md", cmarkTasks: 6),
        ConformanceFixture("lone-cr.md", cmarkTasks: 4),
        ConformanceFixture("mixed-line-endings.md", cmarkTasks: 5),
        // Boxes in backtick and tilde fences, indented code, fences inside items: never tasks.
        ConformanceFixture("code-blocks.md", cmarkTasks: 4),
        // Boxes in comments and HTML blocks are not tasks; after `<details>` and a blank line they are.
        ConformanceFixture("html-blocks.md", cmarkTasks: 4),
        // Boxes in table cells are not tasks; a list right after a table row is.
        ConformanceFixture("tables.md", cmarkTasks: 3),
        // ATX headings of every level, setext headings, a heading inside an item.
        ConformanceFixture("headings.md", cmarkTasks: 12),
        // Blank lines between items, second paragraphs, a box on a continuation line.
        ConformanceFixture("loose-lists.md", cmarkTasks: 7),
        // Links, autolinks, emoji, CJK, accents, emphasis, mentions, escapes, footnotes.
        ConformanceFixture("inline-content.md", cmarkTasks: 11, departures: [
            Departure(.laterBoxOnTheLine, line: 12, column: 1),
        ]),
        // Almost-boxes: `[]`, `[xx]`, `[ x]`, a no-break space, no space after the box, and more.
        ConformanceFixture("odd-boxes.md", cmarkTasks: 10),
        // A realistic enhancement plan: front matter, table of contents, comments, ordered tasks.
        ConformanceFixture("release-plan.md", cmarkTasks: 11),
        // UTF-8 text saved as UTF-8 a second time: valid bytes, garbled letters, C1 controls.
        ConformanceFixture("mojibake.md", cmarkTasks: 7, departures: [
            Departure(.quotedTask, line: 26, column: 3),
        ]),
        // Latin-1 bytes, stray 0xFF 0xFE, a cut multi-byte sequence at the end of a task's line.
        ConformanceFixture("invalid-utf8.md", cmarkTasks: 5),
        ConformanceFixture("block-quotes.md", cmarkTasks: 2, departures: [
            Departure(.quotedTask, line: 6, column: 3),
            Departure(.quotedTask, line: 7, column: 3),
            Departure(.quotedTask, line: 8, column: 5),
            Departure(.quotedTask, line: 10, column: 3),
            Departure(.quotedTask, line: 11, column: 2),
            Departure(.quotedTask, line: 13, column: 5),
            Departure(.quotedTask, line: 16, column: 3),
            Departure(.quotedTask, line: 19, column: 5),
        ]),
        ConformanceFixture("byte-order-mark.md", cmarkTasks: 2, departures: [
            Departure(.firstLineAfterByteOrderMark, line: 1, column: 4),
        ]),
        ConformanceFixture("byte-order-mark-heading.md", cmarkTasks: 2),
        ConformanceFixture("second-box.md", cmarkTasks: 7, departures: [
            Departure(.laterBoxOnTheLine, line: 3, column: 1),
            Departure(.laterBoxOnTheLine, line: 4, column: 1),
            Departure(.laterBoxOnTheLine, line: 5, column: 1),
            Departure(.laterBoxOnTheLine, line: 7, column: 1),
            Departure(.laterBoxOnTheLine, line: 8, column: 1),
            Departure(.laterBoxOnTheLine, line: 9, column: 1),
        ]),
        // `[~]` and struck-through items; `[-]` and `[/]` are no boxes for either side.
        ConformanceFixture("not-applicable.md", cmarkTasks: 4, departures: [
            Departure(.notApplicableBox, line: 7, column: 1),
            Departure(.notApplicableBox, line: 11, column: 1),
            Departure(.notApplicableBox, line: 12, column: 1),
            Departure(.notApplicableBox, line: 14, column: 3),
        ]),
        // Lazy continuation lines, and an item with no box that cmark-gfm marks from a later line.
        ConformanceFixture("lazy-continuation.md", cmarkTasks: 5, departures: [
            Departure(.boxFromALaterLine, line: 12, column: 1),
        ]),
    ]
}
