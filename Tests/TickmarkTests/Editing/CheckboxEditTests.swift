import Testing
@testable import Tickmark
import TickmarkTestSupport

/// Ticking rewrites the one byte between `[` and `]`, whatever surrounds it. In each fixture `1️⃣`
/// sits right before the state byte of the item to flip.
@Suite struct CheckboxEditTests {
    static let uncheckedFixtures = [
        "- [ ] first\r\n- [1️⃣ ] second, CRLF\r\n- [ ] third\r\n",
        "- [ ] a\r- [1️⃣ ] lone CR\r- [ ] c\r",
        "- [ ] parent\n\t- [1️⃣ ] nested by a tab\n",
        "-\t[1️⃣ ]\ttabs around the box\n",
        "- [1️⃣ ] trailing spaces   \n- [ ] and a tab \t\n",
        "- [ ] a\n- [1️⃣ ] no final newline",
        "- [1️⃣ ] ",
        "* [1️⃣ ] star\n* [ ] star\n",
        "+ [1️⃣ ] plus\n",
        "1) [ ] one\n2) [1️⃣ ] two\n",
        "10. [1️⃣ ] ten\n",
        "- [ ] café 🚀\n  - [1️⃣ ] 發佈 é\n",
        "> - [1️⃣ ] in a block quote\n",
        "\u{FEFF}- [1️⃣ ] after a byte-order mark\n",
        "---\nid: x\n---\n- [1️⃣ ] after front matter\n",
        "- [1️⃣ ] see [x] later, a box cmark-gfm misreads\n",
    ]

    @Test(arguments: uncheckedFixtures)
    func tickingChangesOnlyTheCheckboxByte(fixture: String) throws {
        let marked = MarkedText(fixture)
        let stateOffset = try #require(marked.offsets["1️⃣"])
        let checklist = marked.parse()
        let item = try #require(checklist.allItems.first { $0.boxOffset + 1 == stateOffset }, "no item with its box at the marker")
        #expect(item.state == .unchecked)
        let edit = try #require(checklist.checkboxEdit(for: item, checked: true))
        let ticked = try checklist.applying([edit])
        expectByteDiff(marked.bytes, ticked, is: [ByteChange(offset: stateOffset, before: 0x20, after: 0x78)])

        let reparsed = ChecklistParser.parse(ticked, path: "test.md")
        let back = try #require(reparsed.allItems.first { $0.boxOffset == item.boxOffset })
        #expect(back.state == .checked)
        let untick = try #require(reparsed.checkboxEdit(for: back, checked: false))
        #expect(try reparsed.applying([untick]) == marked.bytes)
    }

    @Test(arguments: ["- [1️⃣x] lower\n", "- [1️⃣X] upper\r\n", "* [1️⃣x]\tafter\ttabs   "])
    func untickingChangesOnlyTheCheckboxByte(fixture: String) throws {
        let marked = MarkedText(fixture)
        let stateOffset = try #require(marked.offsets["1️⃣"])
        let checklist = marked.parse()
        let item = try #require(checklist.allItems.first)
        #expect(item.state == .checked)
        let edit = try #require(checklist.checkboxEdit(for: item, checked: false))
        expectByteDiff(marked.bytes, try checklist.applying([edit]), is: [
            ByteChange(offset: stateOffset, before: marked.bytes[stateOffset], after: 0x20),
        ])
    }

    @Test func severalItemsFlipInOneSetOfEdits() throws {
        let marked = MarkedText("# Release\r\n\r\n- [1️⃣ ] one\r\n  * [2️⃣x] two\r\n3. [3️⃣ ] three")
        let checklist = marked.parse()
        let items = checklist.allItems
        try #require(items.count == 3)
        let edits = try [
            #require(checklist.checkboxEdit(for: items[0], checked: true)),
            #require(checklist.checkboxEdit(for: items[1], checked: false)),
            #require(checklist.checkboxEdit(for: items[2], checked: true)),
        ]
        expectByteDiff(marked.bytes, try checklist.applying(edits.reversed()), is: [
            ByteChange(offset: marked.offsets["1️⃣"]!, before: 0x20, after: 0x78),
            ByteChange(offset: marked.offsets["2️⃣"]!, before: 0x78, after: 0x20),
            ByteChange(offset: marked.offsets["3️⃣"]!, before: 0x20, after: 0x78),
        ])
    }

    @Test func anItemAlreadySoGetsNoEdit() throws {
        let checklist = ChecklistParser.parse(Array("- [ ] open\n- [x] done\n- [X] done too\n".utf8), path: "t.md")
        let items = checklist.allItems
        #expect(checklist.checkboxEdit(for: items[0], checked: false) == nil)
        #expect(checklist.checkboxEdit(for: items[1], checked: true) == nil)
        #expect(checklist.checkboxEdit(for: items[2], checked: true) == nil)
    }

    @Test(arguments: [
        "- [~] not applicable\n",
        "> - [~] quoted, not applicable\n",
        "- [ ] ~~struck through, so not applicable~~\n",
        "- [x] ~~struck~~ ~~twice~~\n",
    ])
    func notApplicableItemsAreNeverEdited(fixture: String) throws {
        let checklist = ChecklistParser.parse(Array(fixture.utf8), path: "t.md")
        let item = try #require(checklist.allItems.first)
        #expect(item.state == .na)
        #expect(checklist.checkboxEdit(for: item, checked: true) == nil)
        #expect(checklist.checkboxEdit(for: item, checked: false) == nil)
    }

    @Test func overlappingOrOutOfRangeEditsAreRefused() throws {
        let bytes = Array("- [ ] a\n".utf8)
        #expect(throws: TextEditError.self) {
            try bytes.applying([TextEdit(range: 3..<4, text: "x"), TextEdit(range: 3..<4, text: " ")])
        }
        #expect(throws: TextEditError.self) { try bytes.applying([TextEdit(range: 8..<9, text: "x")]) }
        #expect(try bytes.applying([]) == bytes)
    }
}
