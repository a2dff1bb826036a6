import Testing
@testable import Tickmark
import TickmarkTestSupport

@Suite struct SourcePositionTests {
    @Test func linesEndAtLineFeedCarriageReturnLineFeedAndLoneCarriageReturn() {
        let source = SourceText(bytes: Array("a\nb\r\nc\rd".utf8))
        #expect(source.lineStarts == [0, 2, 5, 7])
        #expect(source.text(ofLine: 2) == "b")
        #expect(source.position(ofOffset: 7) == SourcePosition(line: 4, column: 1, offset: 7))
    }

    @Test(arguments: ["\r", "\n", "\r\n"])
    func itemsAfterFrontMatterWithMixedLineEndingsKeepTheirLines(firstEnding: String) {
        // A lone CR ending one front-matter line and an LF ending the next must stay two lines.
        let marked = MarkedText("---" + firstEnding + "title: T\nvars: { v: 1 }\r\n---\n1️⃣- [ ] one\n2️⃣+ [ ] two\r3️⃣- [x] three\n")
        let items = marked.parse().allItems
        #expect(items.map(\.position) == ["1️⃣", "2️⃣", "3️⃣"].map { marked.position($0) })
        #expect(items.map(\.text) == ["one", "two", "three"])
    }

    @Test func columnsCountUTF8BytesWithEmojiAndCJK() {
        let marked = MarkedText("- [ ] café 🚀 發佈 1️⃣`probe: run true`\n")
        let checklist = marked.parse()
        let probe = checklist.allItems.first?.probes.first
        // The probe position is the first byte of the code span's text, one past the backtick.
        let expected = marked.position("1️⃣")
        #expect(probe?.position.line == 1)
        #expect(probe?.position.column == expected.column + 1)
        #expect(probe?.position.offset == expected.offset + 1)
    }

    @Test func emptyFileHasOneLineAndNoItems() {
        let checklist = ChecklistParser.parse([], path: "empty.md")
        #expect(checklist.items.isEmpty)
        #expect(checklist.diagnostics.isEmpty)
        #expect(checklist.source.lineCount == 1)
    }
}

@Suite struct HintedPositionTests {
    /// Stepping forward from an earlier position finds what the search over every line finds.
    @Test func fromAnEarlierPositionEqualsTheFullSearch() {
        let source = SourceText(bytes: Array("a\nbc\r\n\rdef\n\n- [ ] x `probe: run true`\nlast".utf8))
        for hintOffset in 0...source.bytes.count {
            let hint = source.position(ofOffset: hintOffset)
            for offset in hintOffset...source.bytes.count + 2 {
                #expect(source.position(ofOffset: offset, from: hint) == source.position(ofOffset: offset), "offset \(offset) from \(hint)")
            }
            // A hint after the offset falls back to the search.
            #expect(source.position(ofOffset: 0, from: hint) == source.position(ofOffset: 0))
        }
    }
}
