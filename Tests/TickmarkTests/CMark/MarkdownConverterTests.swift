import Testing
@testable import Tickmark
import TickmarkTestSupport

/// `MarkdownConverter` turns cmark-gfm's tree into owned values: kinds, positions, inline pieces
/// and code block contents that outlive the C tree.
@Suite struct MarkdownConverterTests {
    /// The line and byte column of a marker, as cmark-gfm counts them.
    static func lineColumn(_ marked: MarkedText, _ marker: String, sourceLocation: SourceLocation = #_sourceLocation) -> LineColumn {
        let position = marked.position(marker, sourceLocation: sourceLocation)
        return LineColumn(line: position.line, column: position.column)
    }

    @Test func blocksComeInDocumentOrderEachAfterItsParent() {
        let document = MarkdownConverter.convert(Array("# Title\n\n- [ ] one\n  - [x] two\n> quoted\n".utf8))
        let kinds = document.blocks.map(\.kind)
        #expect(kinds == [
            .document, .heading(level: 1), .list, .item(task: true), .paragraph, .list, .item(task: true), .paragraph,
            .blockQuote, .paragraph,
        ])
        #expect(document.blocks.map(\.parent) == [nil, 0, 0, 2, 3, 3, 5, 6, 0, 8])
        for (index, block) in document.blocks.enumerated() {
            if let parent = block.parent { #expect(parent < index) }
        }
    }

    @Test func positionsCountUTF8BytesWithEmojiAndCJK() {
        let marked = MarkedText("# 發佈 🚀\n\n1️⃣- [ ] café 🚀 發佈 2️⃣`probe: run true` 3️⃣<!-- id: x -->\n  4️⃣- [x] 準備\n")
        let document = MarkdownConverter.convert(marked.bytes)
        let items = document.blocks.filter { if case .item = $0.kind { true } else { false } }
        #expect(items.map(\.start) == [Self.lineColumn(marked, "1️⃣"), Self.lineColumn(marked, "4️⃣")])
        let paragraph = document.blocks.first { $0.kind == .paragraph }
        // A code span starts at its first text byte, one past the backtick.
        let code = Self.lineColumn(marked, "2️⃣")
        #expect(paragraph.map(document.pieces) == [
            .text("café 🚀 發佈 ", struck: false),
            .code("probe: run true", struck: false, start: LineColumn(line: code.line, column: code.column + 1)),
            .text(" ", struck: false),
            .html("<!-- id: x -->", start: Self.lineColumn(marked, "3️⃣")),
        ])
    }

    @Test func codeBlocksKeepTheirInfoAndLiteral() {
        let document = MarkdownConverter.convert(Array("```probe extra\nrun: true\n```\n\n    indented\n".utf8))
        let code = document.blocks.compactMap { block -> [String]? in
            guard case .codeBlock(let info, let literal) = block.kind else { return nil }
            return [info, literal]
        }
        #expect(code == [["probe extra", "run: true\n"], ["", "indented\n"]])
    }

    @Test func inlinePiecesKnowStrikethroughAndLineBreaks() {
        let document = MarkdownConverter.convert(Array("- [ ] ~~gone *now*~~ kept\n  next line\n".utf8))
        let paragraph = document.blocks.first { $0.kind == .paragraph }
        #expect(paragraph.map(document.pieces) == [
            .text("gone ", struck: true), .text("now", struck: true), .text(" kept", struck: false),
            .lineBreak, .text("next line", struck: false),
        ])
    }

    /// A table is one block: nothing in it can be a task item.
    @Test func tablesAreOneBlockWithoutContent() {
        let document = MarkdownConverter.convert(Array("| a | b |\n|---|---|\n| - [ ] x | y |\n".utf8))
        #expect(document.blocks.map(\.kind) == [.document, .other])
        #expect(document.inlines(of: document.blocks[1]).isEmpty)
        #expect(document.text.isEmpty)
    }

    @Test func emptyInputIsAnEmptyDocument() {
        let document = MarkdownConverter.convert([])
        #expect(document.blocks.map(\.kind) == [.document])
    }

    /// Nothing walks the document recursively: ten thousand levels of block quotes and of list
    /// items convert without exhausting the stack.
    @Test func tenThousandLevelsDeepConvertWithoutRecursion() {
        let depth = 10_000
        let quotes = MarkdownConverter.convert(Array((String(repeating: "> ", count: depth) + "deep\n").utf8))
        #expect(quotes.blocks.filter { $0.kind == .blockQuote }.count == depth)
        #expect(quotes.blocks.last?.kind == .paragraph)
        #expect(quotes.blocks.last?.parent == depth)
        let lists = MarkdownConverter.convert(Array((String(repeating: "- ", count: depth) + "[ ] deep\n").utf8))
        #expect(lists.blocks.filter { if case .item = $0.kind { true } else { false } }.count == depth)
    }

    /// Conversions on many tasks at once take turns at cmark-gfm's global tables and agree.
    @Test func concurrentConversionsAgree() async {
        var text = ""
        for section in 1...20 {
            text += "## Section \(section)\n\n"
            for item in 1...20 { text += "- [\(item % 3 == 0 ? "x" : " ")] item \(section).\(item) ~~old~~\n" }
            text += "\n"
        }
        let bytes = Array(text.utf8)
        let expected = MarkdownConverter.convert(bytes)
        let results = await withTaskGroup(of: MarkdownDocument.self) { group in
            for _ in 0..<8 { group.addTask { MarkdownConverter.convert(bytes) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results { #expect(result == expected) }
    }
}

/// An inline piece with its bytes read out of the document, to compare in tests.
enum InlinePiece: Equatable {
    case text(String, struck: Bool)
    case code(String, struck: Bool, start: LineColumn)
    case html(String, start: LineColumn)
    case lineBreak
}

extension MarkdownDocument {
    /// The inline pieces of `block` with their text.
    func pieces(_ block: MarkdownBlock) -> [InlinePiece] {
        inlines(of: block).map { inline in
            switch inline {
            case .text(let range, let struck): .text(string(range), struck: struck)
            case .code(let range, let struck, let start): .code(string(range), struck: struck, start: start)
            case .html(let range, let start): .html(string(range), start: start)
            case .lineBreak: .lineBreak
            }
        }
    }
}
