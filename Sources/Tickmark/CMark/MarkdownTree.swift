import CCmarkGFM
import Synchronization

/// A line and byte column as cmark-gfm reports them (in the parse buffer; 0 means unknown).
struct LineColumn: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// A piece of a paragraph or heading's inline content, flattened.
struct MarkdownInline: Sendable {
    enum Kind: Equatable, Sendable {
        /// Visible text (also the text of links, emphasis, and image alt text).
        case text(String)
        /// A code span with its literal.
        case code(String)
        /// Raw inline HTML such as `<!-- id: x -->`.
        case html(String)
        /// A soft or hard line break.
        case lineBreak
    }

    var kind: Kind
    /// Whether the piece lies inside `~~strikethrough~~`.
    var struck: Bool
    var start: LineColumn
    var end: LineColumn
}

/// A block of the cmark-gfm tree, reduced to what a checklist needs. Nodes are stored in
/// document (pre-)order in a flat array, each naming its parent, so no walk over them recurses.
struct MarkdownNode: Sendable {
    enum Kind: Equatable, Sendable {
        case document
        case blockQuote
        case list
        /// A list item; `task` is true when cmark-gfm's tasklist extension recognised it.
        case item(task: Bool)
        case paragraph
        case heading(level: Int)
        case codeBlock(info: String, literal: String, fenced: Bool)
        case htmlBlock
        case other
    }

    var kind: Kind
    var parent: Int
    var start: LineColumn
    var end: LineColumn
    /// The node's inline pieces in `MarkdownTree.inlines` (paragraphs and headings only).
    var inlines: Range<Int> = 0..<0
}

/// The cmark-gfm parse of a document as plain Swift values. This file is the only place that
/// touches the C library; every C object is freed before `parse` returns.
struct MarkdownTree: Sendable {
    private(set) var nodes: [MarkdownNode] = []
    private(set) var inlines: [MarkdownInline] = []

    /// cmark-gfm registers its extensions in a global list behind an unlocked flag, so parses
    /// from several threads take turns rather than race on first use.
    private static let parserLock = Mutex(())

    /// Parses `bytes` with the tasklist, table, strikethrough and autolink extensions.
    static func parse(_ bytes: [UInt8]) -> MarkdownTree {
        parserLock.withLock { _ in parseLocked(bytes) }
    }

    private static func parseLocked(_ bytes: [UInt8]) -> MarkdownTree {
        cmark_gfm_core_extensions_ensure_registered()
        var tree = MarkdownTree()
        tree.nodes.reserveCapacity(bytes.count / 16 + 8)
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return tree }
        defer { cmark_parser_free(parser) }
        var tasklist: OpaquePointer?
        for name in ["tasklist", "table", "strikethrough", "autolink"] {
            guard let extensionPointer = cmark_find_syntax_extension(name) else { continue }
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
            if name == "tasklist" { tasklist = extensionPointer }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress, chars.count > 0 {
                    cmark_parser_feed(parser, base, chars.count)
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return tree }
        defer { cmark_node_free(document) }
        tree.walk(document, tasklist: tasklist)
        return tree
    }

    private mutating func walk(_ document: OpaquePointer, tasklist: OpaquePointer?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var openBlocks: [Int] = []       // indices of container blocks currently entered
        var collecting: Int? = nil       // the paragraph or heading whose inlines are being gathered
        var struckDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER

            if let owner = collecting {
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                    // Leaving the block whose inlines were being gathered.
                    nodes[owner].inlines = nodes[owner].inlines.lowerBound..<inlines.count
                    collecting = nil
                    struckDepth = 0
                    openBlocks.removeLast()
                    continue
                }
                collectInline(node, type: type, entering: entering, struckDepth: &struckDepth)
                continue
            }

            guard entering else {
                if isContainer(type) || isExtensionContainer(node, type: type) { openBlocks.removeLast() }
                continue
            }
            let parent = openBlocks.last ?? -1
            let start = LineColumn(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
            let end = LineColumn(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
            var kind: MarkdownNode.Kind
            switch type {
            case CMARK_NODE_DOCUMENT: kind = .document
            case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
            case CMARK_NODE_LIST: kind = .list
            case CMARK_NODE_ITEM:
                let isTask = tasklist != nil && cmark_node_get_syntax_extension(node) == tasklist
                kind = .item(task: isTask)
            case CMARK_NODE_PARAGRAPH: kind = .paragraph
            case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
            case CMARK_NODE_CODE_BLOCK:
                var fenceLength: Int32 = 0
                var fenceOffset: Int32 = 0
                var fenceCharacter: CChar = 0
                let fenced = cmark_node_get_fenced(node, &fenceLength, &fenceOffset, &fenceCharacter) != 0
                kind = .codeBlock(
                    info: MarkdownTree.string(cmark_node_get_fence_info(node)),
                    literal: MarkdownTree.string(cmark_node_get_literal(node)),
                    fenced: fenced
                )
            case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
            default: kind = .other
            }
            nodes.append(MarkdownNode(kind: kind, parent: parent, start: start, end: end))
            let index = nodes.count - 1
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                if cmark_node_first_child(node) == nil {
                    continue   // an empty heading: the iterator still sends its exit event
                }
                nodes[index].inlines = inlines.count..<inlines.count
                collecting = index
                openBlocks.append(index)
            } else if isContainer(type) {
                openBlocks.append(index)
            } else if isExtensionContainer(node, type: type) {
                // Tables: nothing in them can be a task item; skip straight to their end.
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                openBlocks.append(index)
            }
        }
    }

    private mutating func collectInline(_ node: OpaquePointer, type: cmark_node_type, entering: Bool, struckDepth: inout Int) {
        let isKnown = type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE
            || type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_EMPH
            || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
            || type == CMARK_NODE_FOOTNOTE_REFERENCE
        if !isKnown {
            if MarkdownTree.string(cmark_node_get_type_string(node)) == "strikethrough" {
                struckDepth += entering ? 1 : -1
            }
            return
        }
        guard entering else { return }
        let kind: MarkdownInline.Kind
        switch type {
        case CMARK_NODE_TEXT: kind = .text(MarkdownTree.string(cmark_node_get_literal(node)))
        case CMARK_NODE_CODE: kind = .code(MarkdownTree.string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: kind = .html(MarkdownTree.string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: kind = .lineBreak
        default: return
        }
        let start = LineColumn(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
        let end = LineColumn(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
        inlines.append(MarkdownInline(kind: kind, struck: struckDepth > 0, start: start, end: end))
    }

    /// Block containers whose children the walk must see.
    private func isContainer(_ type: cmark_node_type) -> Bool {
        type == CMARK_NODE_DOCUMENT || type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST
            || type == CMARK_NODE_ITEM || type == CMARK_NODE_FOOTNOTE_DEFINITION
    }

    /// Extension blocks with children (tables); they are skipped whole.
    private func isExtensionContainer(_ node: OpaquePointer, type: cmark_node_type) -> Bool {
        guard type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK) else { return false }
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CODE_BLOCK,
             CMARK_NODE_HTML_BLOCK, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING,
             CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_FOOTNOTE_DEFINITION:
            return false
        default:
            return cmark_node_first_child(node) != nil
        }
    }

    /// A Swift string from a C string that may be NULL.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
