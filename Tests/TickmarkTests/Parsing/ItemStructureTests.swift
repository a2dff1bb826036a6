import Testing
@testable import Tickmark
import TickmarkTestSupport

@Suite struct ItemStructureTests {
    @Test(arguments: ["- ", "* ", "+ ", "1. ", "2) ", "10. ", "-\t", "-   "])
    func everyListMarkerMakesATaskItem(marker: String) throws {
        let marked = MarkedText("# Title\n\n1️⃣\(marker)2️⃣[ ] Ship it\n")
        let item = try #require(marked.parse().allItems.first)
        #expect(item.position == marked.position("1️⃣"))
        #expect(item.boxOffset == marked.offsets["2️⃣"])
        #expect(item.text == "Ship it")
        #expect(item.state == .unchecked)
    }

    @Test func checkedStateComesFromTheBoxByteNotFromLaterBrackets() throws {
        let checklist = MarkedText("- [ ] see [x] later\n- [X] upper\n- [x] lower\n").parse()
        #expect(checklist.allItems.map(\.state) == [.unchecked, .checked, .checked])
    }

    @Test func aBoxCmarkGFMTakesFromALaterLineMakesNoItem() throws {
        // cmark-gfm calls line 1 a task (completed="false", from line 3) and leaves `[x]` in its text.
        // Ticking it then changed the item's text and id; by GFM's rule it is no task item at all.
        #expect(MarkedText("- [x]\n    > 1. a\n        - [ ] b\n").parse().allItems.isEmpty)
        let notApplicable = MarkedText("- [~] skip\n    > 1. a\n        - [ ] b\n").parse().allItems
        #expect(notApplicable.map(\.text) == ["skip"])
        #expect(notApplicable.map(\.state) == [.na])
    }

    @Test func itemTextCollapsesEveryKindOfWhitespace() throws {
        let text = "- [ ] a\u{A0}\u{A0}b\u{3000}c\u{2003}\u{200A}d\te \u{85}f\u{200B}g 🚀\u{202F}發佈 \n  next line\u{A0}\n"
        let item = try #require(MarkedText(text).parse().allItems.first)
        // U+200B (zero width space) is no White_Space; the others are.
        #expect(item.text == "a b c d e f\u{200B}g 🚀 發佈 next line")
        #expect(item.id == "a-b-c-d-e-f-g-next")
    }

    @Test func aTableInsideAnItemLeavesTheNextItemASibling() throws {
        let checklist = MarkedText("- [ ] first\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n\n- [ ] second\n  - [ ] child\n").parse()
        #expect(checklist.items.map(\.text) == ["first", "second"])
        #expect(checklist.items.map { $0.children.map(\.text) } == [[], ["child"]])
    }

    @Test func nestedTaskItemsAreChildren() throws {
        let checklist = MarkedText("""
        ## Deploy
        - [ ] Parent
          - [x] Child one
            1. [ ] Grandchild
          - [ ] Child two
        \t- [ ] Tab-nested child
        - [ ] Sibling
        """).parse()
        #expect(checklist.items.map(\.text) == ["Parent", "Sibling"])
        let parent = try #require(checklist.items.first)
        // The tab reaches column 4, the content column of "Child two", so it nests under it.
        #expect(parent.children.map(\.text) == ["Child one", "Child two"])
        #expect(parent.children[0].children.map(\.text) == ["Grandchild"])
        #expect(parent.children[1].children.map(\.text) == ["Tab-nested child"])
        #expect(checklist.allItems.count == 6)
    }

    @Test func plainListItemsBetweenTasksKeepNesting() throws {
        let checklist = MarkedText("- Group\n  - [ ] inside plain item\n- [ ] top\n  - note\n    - [ ] deep child\n").parse()
        #expect(checklist.items.map(\.text) == ["inside plain item", "top"])
        #expect(checklist.items[1].children.map(\.text) == ["deep child"])
    }

    @Test func carriageReturnLineFeedFilesGiveTheSameItems() {
        let unix = MarkedText("# A\n- [ ] one\n  - [x] two\n").parse()
        let windowsBytes = Array("# A\r\n- [ ] one\r\n  - [x] two\r\n".utf8)
        let windows = ChecklistParser.parse(windowsBytes, path: "w.md")
        let brackets = windowsBytes.indices.filter { windowsBytes[$0] == UInt8(ascii: "[") }
        #expect(unix.allItems.map(\.id) == windows.allItems.map(\.id))
        #expect(unix.allItems.map(\.position.line) == windows.allItems.map(\.position.line))
        #expect(windows.allItems.map(\.boxOffset) == brackets)
    }

    @Test func taskItemsInsideBlockQuotesCount() throws {
        let marked = MarkedText("> 1️⃣- [x] quoted done\n> - [ ] quoted open\n>\n> > 2️⃣1. [ ] double quoted\n")
        let checklist = marked.parse()
        #expect(checklist.allItems.map(\.text) == ["quoted done", "quoted open", "double quoted"])
        #expect(checklist.allItems.map(\.state) == [.checked, .unchecked, .unchecked])
        #expect(checklist.allItems.allSatisfy { $0.isQuoted })
        #expect(checklist.allItems[0].position == marked.position("1️⃣"))
        #expect(checklist.allItems[2].position == marked.position("2️⃣"))
    }

    @Test func itemsInCodeCommentsAndHTMLAreNotItems() {
        let checklist = MarkedText("""
        ```
        - [ ] fenced
        ```

            - [ ] indented code

        <!--
        - [ ] commented
        -->

        <div>
        - [ ] html block
        </div>

        - [ ] real
        """).parse()
        #expect(checklist.allItems.map(\.text) == ["real"])
    }

    @Test func notApplicableItemsByTildeOrStrikethrough() {
        let checklist = MarkedText("- [~] GitLab style\n- [ ] ~~Struck whole~~\n- [ ] ~~Partly~~ struck\n").parse()
        #expect(checklist.allItems.map(\.state) == [.na, .na, .unchecked])
        #expect(checklist.allItems[0].text == "GitLab style")
    }

    @Test func severityFromOptionalPrefixOrAdvisoryProbe() {
        let checklist = MarkedText("""
        - [ ] (Optional) Announce on social media
        - [ ] Optional: update the wiki
        - [ ] Lint `probe: run make lint` and more
          ```probe
          run: make coverage
          advisory: true
          ```
        - [ ] Blocking thing
        """).parse()
        #expect(checklist.allItems.map(\.severity) == [.advisory, .advisory, .advisory, .blocking])
    }

    @Test func ownersAreMentionsButNotEmailAddresses() {
        let checklist = MarkedText("- [ ] QA signs off @qa and @acme/release-team, mail ops@example.com.\n").parse()
        #expect(checklist.allItems.first?.owners == ["@qa", "@acme/release-team"])
    }

    @Test func sectionsAreTheHeadingChain() {
        let checklist = MarkedText("""
        # Release
        ## Before tagging
        ### Git
        - [ ] Clean tree
        ## During deploy
        - [ ] Approve
        """).parse()
        #expect(checklist.allItems.map(\.section) == [["Release", "Before tagging", "Git"], ["Release", "During deploy"]])
        #expect(checklist.title == "Release")
    }

    @Test func deepNestingIsBoundedAndNeverCrashes() {
        let depth = 10_000
        var text = ""
        for level in 0..<300 { text += String(repeating: "  ", count: level) + "- [ ] level \(level)\n" }
        text += String(repeating: "- ", count: depth) + "[ ] one line, deeply nested\n"
        text += String(repeating: "> ", count: depth) + "- [ ] deeply quoted\n"
        let checklist = ChecklistParser.parse(Array(text.utf8), path: "deep.md")
        #expect(checklist.diagnosticIDs.contains("DeepNesting"))
        #expect(checklist.allItems.count >= 300)
        var depthSeen = 0
        var level: [ChecklistItem] = checklist.items
        while let first = level.first, !first.children.isEmpty {
            depthSeen += 1
            level = first.children
        }
        #expect(depthSeen < ChecklistParser.maximumDepth)
    }
}
