import CCmarkGFM
import CTickmarkArena
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line and byte column as cmark-gfm reports them (in the parse buffer; 0 means unknown).
struct LineColumn: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// A block of the cmark-gfm tree, reduced to what a checklist needs.
struct MarkdownBlock {
    enum Kind: Equatable {
        case document
        case blockQuote
        case list
        /// A list item; `task` is true when cmark-gfm's tasklist extension recognised it.
        case item(task: Bool)
        case paragraph
        case heading(level: Int)
        case codeBlock
        case htmlBlock
        /// A footnote definition.
        case footnoteDefinition
        /// Any other block: thematic breaks, and tables, whose content is skipped.
        case other

        var isHeading: Bool {
            if case .heading = self { true } else { false }
        }

        /// Whether the walk sends an exit for the block (after its children, if any).
        var hasExit: Bool {
            switch self {
            case .codeBlock, .htmlBlock, .other: false
            default: true
            }
        }
    }

    var kind: Kind
    var start: LineColumn
    var end: LineColumn
}

/// A piece of a paragraph's or heading's inline content. Its bytes are borrowed from the parser
/// and valid only during the visitor call that receives them.
enum MarkdownInline {
    /// Visible text (also the text of links, emphasis and image descriptions).
    case text(UnsafeBufferPointer<UInt8>, struck: Bool)
    /// A code span's content.
    case code(UnsafeBufferPointer<UInt8>, struck: Bool, start: LineColumn)
    /// Raw inline HTML such as `<!-- id: x -->`.
    case html(UnsafeBufferPointer<UInt8>, start: LineColumn)
    /// A soft or hard line break.
    case lineBreak
}

/// Receives a cmark-gfm parse in document order: every block is entered, its inlines (for
/// paragraphs and headings) or children follow, and blocks whose kind `hasExit` are exited.
protocol MarkdownVisitor {
    mutating func enter(_ block: MarkdownBlock)
    /// A fenced or indented code block, with its info string and content (borrowed bytes).
    mutating func codeBlock(_ block: MarkdownBlock, info: UnsafeBufferPointer<UInt8>, literal: UnsafeBufferPointer<UInt8>)
    mutating func inline(_ inline: MarkdownInline)
    mutating func exit(_ kind: MarkdownBlock.Kind)
}

extension MarkdownVisitor {
    mutating func codeBlock(_ block: MarkdownBlock, info: UnsafeBufferPointer<UInt8>, literal: UnsafeBufferPointer<UInt8>) {
        enter(block)
    }
}

/// The cmark-gfm parse of a document, handed to a visitor. This file (with `MarkdownHTML`) is the
/// only place that touches the C library: trees live in a memory region that is taken back as a
/// whole after each walk, and no C pointer outlives `walk`.
enum MarkdownTree {
    /// cmark-gfm registers its extensions in a global list behind an unlocked flag, and adds and
    /// removes its extensions' special characters in a global table around each parse, so parses
    /// from several threads take turns (`MarkdownHTML` takes the same lock).
    private static let parserLock = Mutex(())

    /// Runs `body` while no other cmark-gfm parse runs.
    static func withParserLock<Result>(_ body: () -> Result) -> Result {
        parserLock.withLock { _ in body() }
    }

    /// Documents longer than this are parsed in pieces of about this size (see `MarkdownChunks`).
    /// A piece's tree takes about 17 bytes per byte of input, so 64 KiB pieces fill about 1 MiB
    /// of each of the two regions. Memory touched for the first time costs the kernel a cleared
    /// page; measured on the benchmark file, 64 KiB pieces gave 1.26x cmark-gfm's time where
    /// 256 KiB pieces (4.5 MiB a region) gave 1.34x, and smaller pieces gained nothing more.
    static let pieceSize = 64 * 1024

    /// Parses `bytes` with the tasklist, table, strikethrough and autolink extensions and walks
    /// the tree into `visitor`. Long documents are parsed a piece at a time on another thread
    /// while the previous piece is walked here; the visitor sees one document either way.
    static func walk<Visitor: MarkdownVisitor>(_ bytes: [UInt8], into visitor: inout Visitor, pieceSize: Int = pieceSize) {
        parserLock.withLock { _ in
            cmark_gfm_core_extensions_ensure_registered()
            let cuts = MarkdownChunks.cuts(in: bytes, target: pieceSize)
            if cuts.isEmpty {
                walkWhole(bytes, into: &visitor)
            } else {
                walkInPieces(bytes, cuts: cuts, pieceSize: pieceSize, into: &visitor)
            }
        }
    }

    private static func walkWhole<Visitor: MarkdownVisitor>(_ bytes: [UInt8], into visitor: inout Visitor) {
        tickmark_arena_begin(bytes.count)
        defer { tickmark_arena_end() }
        bytes.withUnsafeBufferPointer { buffer in
            guard let (document, tasklist) = parse(buffer) else { return }
            var walker = Walker(tasklist: tasklist, lineOffset: 0, isFirst: true, isLast: true)
            walker.walk(document, into: &visitor)
        }
    }

    /// A parsed piece waiting to be walked.
    private struct ParsedPiece {
        var document: OpaquePointer?
        var tasklist: OpaquePointer?
        var start: MarkdownChunks.Cut
        var isLast: Bool
    }

    /// Two slots, each with its own memory region, through which the parsing thread hands pieces
    /// to the walking one. A slot is written only between its `free` and `ready` signals and read
    /// only between `ready` and `free`.
    private final class PieceSlots: @unchecked Sendable {
        let regions: [OpaquePointer]
        var pieces: [ParsedPiece?] = [nil, nil]
        let ready = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let free = [DispatchSemaphore(value: 1), DispatchSemaphore(value: 1)]

        init(pieceSize: Int) {
            regions = [tickmark_arena_create(pieceSize), tickmark_arena_create(pieceSize)]
        }

        deinit {
            for region in regions { tickmark_arena_destroy(region) }
        }
    }

    private static func walkInPieces<Visitor: MarkdownVisitor>(
        _ bytes: [UInt8], cuts: [MarkdownChunks.Cut], pieceSize: Int, into visitor: inout Visitor
    ) {
        let slots = PieceSlots(pieceSize: pieceSize)
        guard let parser = HelperThread({ parsePieces(bytes, cuts: cuts, into: slots) }) else {
            walkWhole(bytes, into: &visitor)
            return
        }
        var slot = 0
        while true {
            slots.ready[slot].wait()
            let piece = slots.pieces[slot]!
            if let document = piece.document {
                tickmark_arena_use(slots.regions[slot])   // reading literals allocates in the piece's region
                var walker = Walker(tasklist: piece.tasklist, lineOffset: piece.start.line - 1, isFirst: piece.start.offset == 0, isLast: piece.isLast)
                walker.walk(document, into: &visitor)
                tickmark_arena_use(nil)
            }
            slots.free[slot].signal()
            if piece.isLast || piece.document == nil { break }
            slot ^= 1
        }
        parser.join()
    }

    /// Parses the pieces in order into alternating slots. A piece whose tree shows a fence or an
    /// HTML block running past its cut is parsed again up to the next cut.
    private static func parsePieces(_ bytes: [UInt8], cuts: [MarkdownChunks.Cut], into slots: PieceSlots) {
        bytes.withUnsafeBufferPointer { buffer in
            var start = MarkdownChunks.Cut(offset: 0, line: 1)
            var nextCut = 0
            var slot = 0
            while true {
                slots.free[slot].wait()
                let region = slots.regions[slot]
                tickmark_arena_use(region)
                var parsed = ParsedPiece(document: nil, tasklist: nil, start: start, isLast: true)
                while true {
                    tickmark_arena_clear(region)
                    let end = nextCut < cuts.count ? cuts[nextCut] : nil
                    let piece = UnsafeBufferPointer(rebasing: buffer[start.offset..<(end?.offset ?? buffer.count)])
                    guard let (document, tasklist) = parse(piece) else { break }
                    if let end, Walker.endsInsideOpenBlock(document, lastLine: end.line - start.line) {
                        nextCut += 1
                        continue
                    }
                    parsed = ParsedPiece(document: document, tasklist: tasklist, start: start, isLast: end == nil)
                    if let end {
                        start = end
                        nextCut += 1
                    }
                    break
                }
                tickmark_arena_use(nil)
                slots.pieces[slot] = parsed
                slots.ready[slot].signal()
                if parsed.isLast { return }
                slot ^= 1
            }
        }
    }

    /// Parses one piece in the current memory region; the tree is released with the region.
    private static func parse(_ piece: UnsafeBufferPointer<UInt8>) -> (OpaquePointer, OpaquePointer?)? {
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, tickmark_arena_memory()) else { return nil }
        var tasklist: OpaquePointer?
        for name in ["tasklist", "table", "strikethrough", "autolink"] {
            guard let extensionPointer = cmark_find_syntax_extension(name) else { continue }
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
            if name == "tasklist" { tasklist = extensionPointer }
        }
        piece.withMemoryRebound(to: CChar.self) { chars in
            if let base = chars.baseAddress, chars.count > 0 {
                cmark_parser_feed(parser, base, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        return (document, tasklist)
    }
}

/// The iterative walk over cmark-gfm's nodes.
private struct Walker {
    let tasklist: OpaquePointer?
    /// Added to every line number: the piece's first line, less one.
    let lineOffset: Int
    /// Whether the document is entered (first piece) and exited (last piece).
    let isFirst: Bool
    let isLast: Bool
    /// The node type the strikethrough extension registered, once one has been seen.
    private var strikethroughType: cmark_node_type?
    private var struckDepth = 0

    init(tasklist: OpaquePointer?, lineOffset: Int, isFirst: Bool, isLast: Bool) {
        self.tasklist = tasklist
        self.lineOffset = lineOffset
        self.isFirst = isFirst
        self.isLast = isLast
    }

    /// Whether a fenced code block or an HTML block is the last block of the piece and reaches its
    /// last line: one still open at the piece's end (see `MarkdownChunks`).
    static func endsInsideOpenBlock(_ document: OpaquePointer, lastLine: Int) -> Bool {
        var node = cmark_node_last_child(document)
        while let current = node {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK {
                return Int(cmark_node_get_end_line(current)) >= lastLine
            }
            guard type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM || type == CMARK_NODE_BLOCK_QUOTE
                    || type == CMARK_NODE_FOOTNOTE_DEFINITION else { return false }
            node = cmark_node_last_child(current)
        }
        return false
    }

    mutating func walk<Visitor: MarkdownVisitor>(_ document: OpaquePointer, into visitor: inout Visitor) {
        guard let iterator = cmark_iter_new(document) else { return }
        var inlineOwner: cmark_node_type? = nil   // the paragraph or heading whose inlines are being sent
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER

            if inlineOwner != nil {
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                    inlineOwner = nil
                    struckDepth = 0
                    visitor.exit(type == CMARK_NODE_PARAGRAPH ? .paragraph : .heading(level: Int(cmark_node_get_heading_level(node))))
                    continue
                }
                sendInline(node, type: type, entering: entering, to: &visitor)
                continue
            }

            guard entering else {
                if let kind = containerKind(node, type: type), kind != .document || isLast { visitor.exit(kind) }
                continue
            }
            let block = MarkdownBlock(kind: blockKind(node, type: type), start: start(node), end: end(node))
            if block.kind == .document && !isFirst { continue }
            switch block.kind {
            case .codeBlock:
                visitor.codeBlock(block, info: Walker.bytes(cmark_node_get_fence_info(node)), literal: Walker.bytes(cmark_node_get_literal(node)))
            case .paragraph, .heading:
                visitor.enter(block)
                if cmark_node_first_child(node) == nil {
                    visitor.exit(block.kind)   // empty: the iterator's exit event is then ignored
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                } else {
                    inlineOwner = type
                }
            case .other where cmark_node_first_child(node) != nil:
                // Tables: nothing in them can be a task item; skip straight past their end.
                visitor.enter(block)
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            default:
                visitor.enter(block)
            }
        }
    }

    private func blockKind(_ node: OpaquePointer, type: cmark_node_type) -> MarkdownBlock.Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item(task: tasklist != nil && cmark_node_get_syntax_extension(node) == tasklist)
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        default: return .other
        }
    }

    /// The kind of a block whose exit the visitor hears about, or nil for leaves.
    private func containerKind(_ node: OpaquePointer, type: cmark_node_type) -> MarkdownBlock.Kind? {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item(task: tasklist != nil && cmark_node_get_syntax_extension(node) == tasklist)
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        default: return nil   // leaves; tables are skipped past their exit
        }
    }

    private mutating func sendInline<Visitor: MarkdownVisitor>(
        _ node: OpaquePointer, type: cmark_node_type, entering: Bool, to visitor: inout Visitor
    ) {
        switch type {
        case CMARK_NODE_TEXT:
            visitor.inline(.text(Walker.bytes(cmark_node_get_literal(node)), struck: struckDepth > 0))
        case CMARK_NODE_CODE:
            visitor.inline(.code(Walker.bytes(cmark_node_get_literal(node)), struck: struckDepth > 0, start: start(node)))
        case CMARK_NODE_HTML_INLINE:
            visitor.inline(.html(Walker.bytes(cmark_node_get_literal(node)), start: start(node)))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            visitor.inline(.lineBreak)
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_FOOTNOTE_REFERENCE:
            break
        default:
            if strikethroughType == nil, Walker.bytes(cmark_node_get_type_string(node)).elementsEqual("strikethrough".utf8) {
                strikethroughType = type
            }
            if type == strikethroughType { struckDepth += entering ? 1 : -1 }
        }
    }

    private func start(_ node: OpaquePointer) -> LineColumn {
        documentLine(cmark_node_get_start_line(node), column: cmark_node_get_start_column(node))
    }

    private func end(_ node: OpaquePointer) -> LineColumn {
        documentLine(cmark_node_get_end_line(node), column: cmark_node_get_end_column(node))
    }

    /// A piece's line and column in the whole document (line 0, unknown, stays 0).
    private func documentLine(_ line: Int32, column: Int32) -> LineColumn {
        LineColumn(line: line > 0 ? Int(line) + lineOffset : 0, column: Int(column))
    }

    /// The bytes of a C string that may be NULL, borrowed.
    private static func bytes(_ pointer: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeRawPointer(pointer).withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            UnsafeBufferPointer(start: start, count: strlen(pointer))
        }
    }
}
