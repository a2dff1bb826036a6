import Testing
@testable import Tickmark

/// Blocks whose content looks like Markdown (fences, HTML blocks) hide it from the checklist,
/// headings included, however far they reach.
@Suite struct HiddenContentTests {
    @Test(arguments: [
        ("```markdown\n- [ ] shown, not an item\n\n## Not a section\n\n- [ ] still code\n```\n", ["Title", "After"]),
        ("~~~~\n\n# in a tilde fence\n~~~\n\n# still inside\n~~~~\n", ["Title", "After"]),
        ("<!--\n- [ ] commented out\n\n# heading in a comment\n\n- [x] also commented\n-->\n", ["Title", "After"]),
        ("<script>\n\n# in a script\n</script>\n", ["Title", "After"]),
        ("<?php\n\n# in a processing instruction\n?>\n", ["Title", "After"]),
        ("> ```\n> in a quote\n\n# after the quote\n", ["after the quote", "After"]),
    ])
    func fencesAndHTMLBlocksHideItemsAndHeadings(block: String, lastSection: [String]) {
        let text = "# Title\n\n- [ ] before\n\n" + block + "\n## After\n\n- [ ] after\n"
        let checklist = ChecklistParser.parse(Array(text.utf8), path: "doc.md")
        #expect(checklist.allItems.map(\.text) == ["before", "after"])
        #expect(checklist.allItems.map(\.section) == [["Title"], lastSection])
        #expect(checklist.diagnostics.isEmpty)
    }

    /// A fence opened inside an item runs to the end of the document when it is never closed at
    /// the item's indentation: the rest is code.
    @Test func aFenceLeftOpenInAnItemTakesTheRest() {
        let text = "# Title\n\n- [ ] before\n\n- [ ] item\n  ```\n  code\n\n# closes the item and its fence\n  ```\n\n# inside the second fence\n- [ ] code\n\n## After\n\n- [ ] after\n"
        let checklist = ChecklistParser.parse(Array(text.utf8), path: "doc.md")
        #expect(checklist.allItems.map(\.text) == ["before", "item"])
    }
}

/// Large checklists: every item keeps its line, text, parent and id, and problems come in the
/// order of the document.
@Suite struct LargeChecklistTests {
    @Test func everyItemKeepsItsLineTextParentAndId() throws {
        var lines = ["# Large"]
        var expected: [(line: Int, text: String, depth: Int, id: String)] = []
        for index in 0..<9_000 {
            if index % 100 == 0 { lines += ["", "## Part \(index / 100)", ""] }
            let depth = index % 100 == 0 ? 0 : [0, 1, 2, 1][index % 4]
            let text = "Item \(index) of the release"
            lines.append(String(repeating: "  ", count: depth) + "- [\(index % 5 == 0 ? "x" : " ")] " + text)
            expected.append((lines.count, text, depth, "part-\(index / 100)/item-\(index)-of-the-release"))
        }
        let checklist = ChecklistParser.parse(Array((lines.joined(separator: "\n") + "\n").utf8), path: "large.md")
        var found: [(line: Int, text: String, depth: Int, id: String)] = []
        var stack: [(ChecklistItem, Int)] = checklist.items.reversed().map { ($0, 0) }
        while let (item, depth) = stack.popLast() {
            found.append((item.position.line, item.text, depth, item.id))
            stack += item.children.reversed().map { ($0, depth + 1) }
        }
        #expect(found.count == expected.count)
        for (got, want) in zip(found, expected) where got != want {
            Issue.record("item on line \(want.line): got \(got), want \(want)")
            break
        }
        #expect(checklist.diagnostics.isEmpty)
    }

    /// Problems come in the order found: front matter, then the encoding, then the document's in
    /// order, ids and variables last; each inline probe stays with its item ahead of the item's
    /// probe blocks.
    @Test func problemsComeInTheOrderFound() throws {
        var lines = ["---", "vars:", "  host: db", "colour: blue", "---", "# Large"]
        var expected: [(line: Int, id: String)] = [(4, "UnknownFrontMatterKey"), (3010, "InvalidUTF8")]
        var later: [(line: Int, id: String)] = []
        for index in 0..<6_000 {
            if index % 100 == 0 { lines += ["", "## Part \(index / 100)", ""] }
            switch index % 250 {
            case 7:
                lines.append("- [ ] item \(index) `probe: file \"unterminated` `probe: git clean`")
                expected.append((lines.count, "MalformedProbe"))
            case 91:
                lines += ["", "Stray `probe: git clean` in a paragraph", ""]
                expected.append((lines.count - 1, "ProbeOutsideItem"))
                lines.append("- [ ] item \(index)")
            case 150:
                lines.append("- [ ] item \(index) `probe: tcp ${host}:5432` `probe: run true`")
                lines += ["  ```probe", "  git: clean", "  ```"]
            case 200:
                lines.append("- [ ] item \(index) `probe: run echo ${missing}`")
                later.append((lines.count, "UndefinedVariable"))
            default:
                lines.append("- [ ] item \(index)")
            }
        }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let line3010 = SourceText(bytes: bytes).lineStarts[3009]
        #expect(bytes[line3010...].starts(with: "- [ ] item ".utf8))
        bytes[line3010 + 7] = 0xFF   // "item" becomes "it\u{FFFD}m"
        let checklist = ChecklistParser.parse(bytes, path: "large.md")
        #expect(checklist.diagnostics.map { "\($0.position?.line ?? 0) \($0.id.rawValue)" } == (expected + later).map { "\($0.line) \($0.id)" })
        let withThree = checklist.allItems.filter { $0.probes.count == 3 }
        #expect(withThree.count == 24)
        #expect(withThree.allSatisfy { $0.probes.map(\.kind) == ["tcp", "run", "git"] && $0.probes.map(\.form) == [.inline, .inline, .block] })
        let malformed = checklist.allItems.filter { $0.text.hasPrefix("item") && $0.text.hasSuffix("7") && $0.probes.count == 1 }
        #expect(malformed.count == 24 && malformed.allSatisfy { $0.probes[0].kind == "git" })
    }

    /// Parsing takes time in proportion to the file: ten times the items take well under a
    /// hundred times as long (a quadratic step would).
    @Test func timeGrowsLinearlyWithTheFile() {
        func document(items: Int) -> [UInt8] {
            var text = "# Big\n"
            for index in 0..<items {
                if index % 50 == 0 { text += "\n## Section \(index / 50)\n\n" }
                text += String(repeating: "  ", count: [0, 1, 2, 1, 0][index % 5]) + "- [ ] Same text `probe: run true` @owner\n"
            }
            return Array(text.utf8)
        }
        let small = document(items: 1_000)
        let large = document(items: 10_000)
        let clock = ContinuousClock()
        _ = ChecklistParser.parse(small, path: "warm.md")
        let smallTime = clock.measure { _ = ChecklistParser.parse(small, path: "small.md") }
        let largeTime = clock.measure { #expect(ChecklistParser.parse(large, path: "large.md").allItems.count == 10_000) }
        #expect(largeTime < smallTime * 40, "1,000 items: \(smallTime); 10,000 items: \(largeTime)")
    }
}
