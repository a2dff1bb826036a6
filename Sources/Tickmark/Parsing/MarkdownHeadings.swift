/// A heading of a Markdown document, as cmark-gfm reads it.
package struct MarkdownHeading: Sendable, Equatable {
    /// 1 for `#`, 2 for `##` (setext headings: 1 for `===`, 2 for `---`).
    package var level: Int
    /// The heading's plain text: code spans keep their content, links their text, emphasis is
    /// dropped, runs of whitespace become one space. Note that a bracketed `[1.2.0]` that matches
    /// a link reference definition is a link, so its text is `1.2.0`.
    package var text: String
    /// The 1-based line the heading starts on.
    package var line: Int

    /// Creates a heading.
    package init(level: Int, text: String, line: Int) {
        self.level = level
        self.text = text
        self.line = line
    }
}

/// The headings of a Markdown document, for checks that look for a section (such as a
/// changelog's release headings) without reading Markdown structure from raw text.
package enum MarkdownHeadings {
    /// Every heading of `bytes`, in document order, including those inside block quotes and
    /// lists; none from code blocks or HTML.
    package static func headings(in bytes: [UInt8]) -> [MarkdownHeading] {
        let buffer = ParseBuffer(source: SourceText(bytes: bytes), blanked: nil)
        let document = MarkdownConverter.convert(buffer.bytes)
        return document.blocks.compactMap { block in
            guard case .heading(let level) = block.kind else { return nil }
            var text = InlineText()
            for inline in document.inlines(of: block) {
                if case .html = inline { continue }
                text.add(inline, of: document)
            }
            return MarkdownHeading(level: level, text: text.text, line: block.start.line)
        }
    }
}
