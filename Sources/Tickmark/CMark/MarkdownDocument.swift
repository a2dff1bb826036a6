/// A line and byte column as cmark-gfm reports them, in the bytes it parsed (0 means unknown).
struct LineColumn: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// A piece of a paragraph's or heading's inline content; its bytes are the range it names in
/// `MarkdownDocument.text`.
enum MarkdownInline: Equatable, Sendable {
    /// Visible text (also the text of links, emphasis and image descriptions).
    case text(Range<Int>, struck: Bool)
    /// A code span's content.
    case code(Range<Int>, struck: Bool, start: LineColumn)
    /// Raw inline HTML such as `<!-- id: x -->`.
    case html(Range<Int>, start: LineColumn)
    /// A soft or hard line break.
    case lineBreak
}

/// A block of a parsed Markdown document, reduced to what a checklist needs.
struct MarkdownBlock: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case document
        case blockQuote
        case list
        /// A list item; `task` is true when cmark-gfm's tasklist extension recognised it.
        case item(task: Bool)
        case paragraph
        case heading(level: Int)
        /// A fenced or indented code block with its info string and content (boxed: code blocks
        /// are rare, and every other block stays smaller).
        indirect case codeBlock(info: String, literal: String)
        case htmlBlock
        /// A footnote definition.
        case footnoteDefinition
        /// Any other block: thematic breaks, and tables, whose content is left out.
        case other

        /// Whether blocks of this kind hold other blocks.
        var isContainer: Bool {
            switch self {
            case .document, .blockQuote, .list, .item, .footnoteDefinition: true
            default: false
            }
        }
    }

    var kind: Kind
    var start: LineColumn
    var end: LineColumn
    /// The index of the enclosing block in `MarkdownDocument.blocks`; nil for the document.
    var parent: Int?
    /// The range of `MarkdownDocument.inlines` that holds the inline content of a paragraph or
    /// heading; empty for other blocks.
    var inlines: Range<Int> = 0..<0
}

/// A Markdown document as owned values: every block in document order, each after its parent.
///
/// A flat list rather than a tree, so that reading a document nested ten thousand levels deep
/// needs no recursion, and releasing it none either. The inline pieces of every block sit in one
/// array and their bytes in one buffer, so a document of thirty thousand items is a handful of
/// allocations rather than one per piece.
struct MarkdownDocument: Equatable, Sendable {
    var blocks: [MarkdownBlock] = []
    /// Every block's inline pieces, block after block.
    var inlines: [MarkdownInline] = []
    /// The bytes of every text, code and HTML piece, one after the other.
    var text: [UInt8] = []

    /// The inline pieces of `block`.
    func inlines(of block: MarkdownBlock) -> ArraySlice<MarkdownInline> {
        inlines[block.inlines]
    }

    /// The bytes of a piece, as a string (invalid UTF-8 shown as U+FFFD).
    func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }
}
