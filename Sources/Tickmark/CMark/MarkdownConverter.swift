import CCmarkGFM
import Glibc
import Synchronization

/// The names of cmark-gfm's extensions and of the node types they add, which the installed
/// headers do not declare.
fileprivate enum ExtensionName {
    static let tasklist = "tasklist"
    static let strikethrough = "strikethrough"
    /// The syntax extensions a checklist is parsed with.
    static let parsing = ["tasklist", "table", "strikethrough", "autolink"]
}

/// Parses Markdown with cmark-gfm and converts the tree into a `MarkdownDocument` of owned
/// values in one iterative walk. This file (with `MarkdownHTML`) is the only place that touches
/// the C library: no C pointer leaves it, and the tree is freed before `convert` returns.
enum MarkdownConverter {
    /// cmark-gfm registers its extensions in a global list behind an unlocked flag, and adds and
    /// removes its extensions' special characters in a global table around each parse, so parses
    /// from several threads take turns (`MarkdownHTML` takes the same lock).
    private static let parserLock = Mutex(())

    /// Runs `body` while no other cmark-gfm parse runs.
    static func withParserLock<Result>(_ body: () -> Result) -> Result {
        parserLock.withLock { _ in body() }
    }

    /// Parses `bytes` with the tasklist, table, strikethrough and autolink extensions.
    static func convert(_ bytes: [UInt8]) -> MarkdownDocument {
        withParserLock {
            cmark_gfm_core_extensions_ensure_registered()
            guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return MarkdownDocument() }
            defer { cmark_parser_free(parser) }
            var tasklist: OpaquePointer?
            for name in ExtensionName.parsing {
                guard let syntaxExtension = cmark_find_syntax_extension(name) else { continue }
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
                if name == ExtensionName.tasklist { tasklist = syntaxExtension }
            }
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress, chars.count > 0 {
                        cmark_parser_feed(parser, base, chars.count)
                    }
                }
            }
            guard let root = cmark_parser_finish(parser) else { return MarkdownDocument() }
            defer { cmark_node_free(root) }
            var converter = TreeConverter(tasklist: tasklist, sizeHint: bytes.count)
            return converter.document(of: root)
        }
    }
}

/// The walk over cmark-gfm's nodes, with `cmark_iter` (no recursion, however deep the nesting).
fileprivate struct TreeConverter {
    let tasklist: OpaquePointer?
    /// The node type the strikethrough extension registered, once one has been seen.
    private var strikethroughType: cmark_node_type?
    private var document = MarkdownDocument()
    /// Indices in `document.blocks` of the containers the walk is inside of.
    private var open: [Int] = []

    init(tasklist: OpaquePointer?, sizeHint: Int) {
        self.tasklist = tasklist
        // Inline text is at most about the size of the input, and a block or an inline piece
        // takes a few bytes of it at least. Reserving saves copying growing arrays; pages of the
        // reserve that are never written are never touched.
        document.text.reserveCapacity(sizeHint)
        document.blocks.reserveCapacity(sizeHint / 16)
        document.inlines.reserveCapacity(sizeHint / 16)
    }

    mutating func document(of root: OpaquePointer) -> MarkdownDocument {
        guard let iterator = cmark_iter_new(root) else { return document }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let kind = blockKind(node)
            if event == CMARK_EVENT_EXIT {
                if kind.isContainer, !open.isEmpty { open.removeLast() }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            var block = MarkdownBlock(kind: kind, start: start(node), end: end(node), parent: open.last)
            switch kind {
            case .paragraph, .heading:
                let first = document.inlines.count
                readInlines(of: node)
                block.inlines = first..<document.inlines.count
            default:
                break
            }
            document.blocks.append(block)
            if kind.isContainer {
                open.append(document.blocks.count - 1)
            } else if cmark_node_first_child(node) != nil {
                // Inlines were read above; nothing in a table can be a task item. Skip to the exit.
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            }
        }
        return document
    }

    private func blockKind(_ node: OpaquePointer) -> MarkdownBlock.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item(task: tasklist != nil && cmark_node_get_syntax_extension(node) == tasklist)
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_CODE_BLOCK:
            .codeBlock(info: ownedString(cmark_node_get_fence_info(node)), literal: ownedString(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_FOOTNOTE_DEFINITION: .footnoteDefinition
        default: .other
        }
    }

    /// Appends the inline content of a paragraph or heading, in order, to the document's inlines.
    private mutating func readInlines(of block: OpaquePointer) {
        guard cmark_node_first_child(block) != nil, let iterator = cmark_iter_new(block) else { return }
        defer { cmark_iter_free(iterator) }
        var struckDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator), node != block else { continue }
            let entering = event == CMARK_EVENT_ENTER
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_TEXT:
                document.inlines.append(.text(copyLiteral(node), struck: struckDepth > 0))
            case CMARK_NODE_CODE:
                document.inlines.append(.code(copyLiteral(node), struck: struckDepth > 0, start: start(node)))
            case CMARK_NODE_HTML_INLINE:
                document.inlines.append(.html(copyLiteral(node), start: start(node)))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                document.inlines.append(.lineBreak)
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_FOOTNOTE_REFERENCE:
                break
            default:
                if strikethroughType == nil, ownedString(cmark_node_get_type_string(node)) == ExtensionName.strikethrough {
                    strikethroughType = type
                }
                if type == strikethroughType { struckDepth += entering ? 1 : -1 }
            }
        }
    }

    /// Copies a node's literal into the document's text and returns where it went.
    private mutating func copyLiteral(_ node: OpaquePointer) -> Range<Int> {
        let first = document.text.count
        if let literal = cmark_node_get_literal(node) {
            document.text.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
        }
        return first..<document.text.count
    }

    private func start(_ node: OpaquePointer) -> LineColumn {
        LineColumn(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private func end(_ node: OpaquePointer) -> LineColumn {
        LineColumn(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
    }
}

/// A copy of a C string that may be NULL (NULL reads as empty).
fileprivate func ownedString(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
}
