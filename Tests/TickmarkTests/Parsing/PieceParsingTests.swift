import Foundation
import Testing
@testable import Tickmark

/// Long documents are parsed a piece at a time (`MarkdownChunks`). Cutting must never change the
/// model: every document here is parsed with a piece size of one byte (a cut at every place that
/// allows one) and whole, and both models must be equal.
@Suite struct PieceParsingTests {
    static func bothWays(_ bytes: [UInt8]) -> (pieces: Checklist, whole: Checklist, cuts: Int) {
        let pieces = ChecklistParser.parse(bytes, path: "doc.md", pieceSize: 1)
        let whole = ChecklistParser.parse(bytes, path: "doc.md", pieceSize: Int.max)
        return (pieces, whole, MarkdownChunks.cuts(in: bytes, target: 1).count)
    }

    static func expectSame(_ result: (pieces: Checklist, whole: Checklist, cuts: Int), _ comment: Comment? = nil,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.pieces.items == result.whole.items, comment, sourceLocation: sourceLocation)
        #expect(result.pieces.diagnostics == result.whole.diagnostics, comment, sourceLocation: sourceLocation)
        #expect(result.pieces.title == result.whole.title, comment, sourceLocation: sourceLocation)
        #expect(result.pieces.jsonBytes() == result.whole.jsonBytes(), comment, sourceLocation: sourceLocation)
    }

    @Test func sectionsAfterBlankLinesAreCutAndTheModelIsTheSame() throws {
        var text = "---\ntitle: Pieces\n---\n"
        for section in 1...20 {
            text += "\n## Section \(section)\n\n- [ ] first of \(section) `probe: run true`\n  - [x] nested\n> - [ ] quoted\n"
        }
        let result = Self.bothWays(Array(text.utf8))
        #expect(result.cuts == 20)
        #expect(result.whole.items.count == 40)
        Self.expectSame(result)
    }

    @Test(arguments: [
        "```markdown\n- [ ] shown, not an item\n\n## Not a section\n\n- [ ] still code\n```\n",
        "~~~~\n\n# in a tilde fence\n~~~\n\n# still inside\n~~~~\n",
        "<!--\n- [ ] commented out\n\n# heading in a comment\n\n- [x] also commented\n-->\n",
        "<script>\n\n# in a script\n</script>\n",
        "<?php\n\n# in a processing instruction\n?>\n",
        "- [ ] item\n  ```\n  code\n\n# closes the item and its fence\n  ```\n\n# inside the second fence\n- [ ] code\n",
        "> ```\n> in a quote\n\n# after the quote\n",
    ])
    func aHeadingInsideAnOpenBlockIsNoCut(block: String) throws {
        let text = "# Title\n\n- [ ] before\n\n" + block + "\n## After\n\n- [ ] after\n"
        let result = Self.bothWays(Array(text.utf8))
        #expect(result.cuts >= 2)
        Self.expectSame(result, "\(block.debugDescription)")
        #expect(result.pieces.allItems.first?.text == "before")
    }

    /// The cut rule read line by line, the slow and obvious way.
    static func referenceCuts(_ bytes: [UInt8], target: Int) -> [MarkdownChunks.Cut] {
        guard bytes.count > target, !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0x5D && $1 == 0x3A }) else { return [] }
        var cuts: [MarkdownChunks.Cut] = []
        var lineStart = 0, line = 1, previousBlank = false, lastCut = 0
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            let content = bytes[lineStart..<end]
            let hashes = content.prefix { $0 == 0x23 }.count
            let heading = (1...6).contains(hashes) && (hashes == content.count || [0x20, 0x09].contains(content[lineStart + hashes]))
            if previousBlank, lineStart - lastCut >= target, heading {
                cuts.append(MarkdownChunks.Cut(offset: lineStart, line: line))
                lastCut = lineStart
            }
            previousBlank = content.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if end < bytes.count { end += bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1 }
            lineStart = end
            line += 1
        }
        return cuts
    }

    @Test func cutsAreWhereTheRuleAllowsThem() {
        var generator = SystemRandomNumberGenerator()
        let parts = ["# a", "## b", "####### seven", "#x", " # indented", "#", "##\t", "", " ", "\t", "- [ ] item #3", "text", "]", ":"]
        let endings = ["\n", "\r\n", "\r"]
        for round in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text += parts.randomElement(using: &generator)! + endings[round % 3 == 0 ? Int.random(in: 0...2, using: &generator) : 0]
            }
            if !text.isEmpty, Bool.random(using: &generator) { text.removeLast() }
            let bytes = Array(text.utf8)
            for target in [1, 7, 40] {
                #expect(MarkdownChunks.cuts(in: bytes, target: target) == Self.referenceCuts(bytes, target: target), "\(text.debugDescription) target \(target)")
            }
        }
    }

    @Test func linkReferenceDefinitionsKeepTheDocumentWhole() {
        let text = "# T\n\n- [ ] see [the runbook]\n\n## Later\n\n[the runbook]: https://example.com/runbook\n"
        #expect(MarkdownChunks.cuts(in: Array(text.utf8), target: 1).isEmpty)
        let checklist = ChecklistParser.parse(Array(text.utf8), path: "doc.md", pieceSize: 1)
        #expect(checklist.items.map(\.text) == ["see the runbook"])
    }

    @Test func corpusFilesAndSeedsGiveTheSameModelInPieces() throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../shared").standardizedFileURL
        var files: [URL] = []
        for folder in ["corpus/files", "seeds"] {
            let url = shared.appendingPathComponent(folder)
            files += try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        }
        #expect(files.count > 40)
        var cut = 0
        for file in files {
            let result = Self.bothWays(Array(try Data(contentsOf: file)))
            cut += result.cuts
            Self.expectSame(result, "\(file.lastPathComponent)")
        }
        #expect(cut > 100, "the corpus should offer places to cut")
    }

    /// Generated documents joined by headings, so that every kind of block the generator makes
    /// (open fences, comments, quotes, lists) comes right before a place that looks like a cut.
    @Test func randomDocumentsGiveTheSameModelInPieces() {
        var cut = 0
        for seed in 0..<UInt64(300) {
            var bytes: [UInt8] = []
            for part in 0..<UInt64(3) {
                bytes += RandomMarkdown.document(seed: seed * 3 + part)
                bytes += Array("\n\n## Part \(part)\n\n".utf8)
            }
            let result = Self.bothWays(bytes)
            cut += result.cuts
            Self.expectSame(result, "seed \(seed)")
        }
        #expect(cut > 300, "the joined documents should offer places to cut")
    }
}

/// A checklist large enough for every side-by-side path (pieces parsed on a second thread, slugs
/// and item halves made on two threads): each item must keep its line, text, parent and id.
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
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        #expect(bytes.count > MarkdownTree.pieceSize)
        #expect(!MarkdownChunks.cuts(in: bytes, target: MarkdownTree.pieceSize).isEmpty)
        let checklist = ChecklistParser.parse(bytes, path: "large.md")
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

    /// Inline probes are read after the walk and the front matter beside it, on other threads
    /// for large files; their problems must still come in the order of a single pass (front
    /// matter, then the encoding, then the document's in order), and each probe stays with its
    /// item ahead of the item's probe blocks.
    @Test func problemsKeepTheOrderOfASinglePass() throws {
        var lines = ["---", "vars:", "  host: db", "colour: blue", "---", "# Large"]
        var expected: [(line: Int, id: String)] = [(4, "UnknownFrontMatterKey"), (3010, "InvalidUTF8")]
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
            default:
                lines.append("- [ ] item \(index)")
            }
        }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let line3010 = SourceText(bytes: bytes).lineStarts[3009]
        #expect(bytes[line3010...].starts(with: "- [ ] item ".utf8))
        bytes[line3010 + 7] = 0xFF   // "item" becomes "it\u{FFFD}m"
        #expect(bytes.count >= ChecklistParser.bytesWorthReadingFrontMatterBeside)
        let checklist = ChecklistParser.parse(bytes, path: "large.md")
        #expect(checklist.diagnostics.map { "\($0.position?.line ?? 0) \($0.id.rawValue)" } == expected.map { "\($0.line) \($0.id)" })
        let withThree = checklist.allItems.filter { $0.probes.count == 3 }
        #expect(withThree.count == 24)
        #expect(withThree.allSatisfy { $0.probes.map(\.kind) == ["tcp", "run", "git"] && $0.probes.map(\.form) == [.inline, .inline, .block] })
        let malformed = checklist.allItems.filter { $0.text.hasPrefix("item") && $0.text.hasSuffix("7") && $0.probes.count == 1 }
        #expect(malformed.count == 24 && malformed.allSatisfy { $0.probes[0].kind == "git" })
    }
}
