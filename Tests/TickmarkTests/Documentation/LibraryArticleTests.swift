import Testing
import Tickmark
import TickmarkTestSupport

/// The steps of `Sources/Tickmark/Tickmark.docc/ReadingAndEditingAChecklist.md`, with the same
/// calls in the same order: when the article's code stops compiling or means something else, this
/// suite fails. Keep the two in step.
@Suite struct LibraryArticleTests {
    static let checklistText = """
        ---
        id: staging
        title: Staging
        ---
        # Staging

        - [ ] Tree is clean `probe: git clean`
        - [ ] Backups verified today @dba
        - [~] Migration (none in this release)
        - [ ] Health `probe: http GET https://example.com/health` <!-- id: smoke -->
        - [ ] Smoke test passes <!-- id: smoke -->

        """

    @Test func readingListsItemsInDocumentOrderWithTheirProbes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("staging.md", Array(Self.checklistText.utf8))

        let checklist = try ChecklistFile.load(path)
        #expect(checklist.id == "staging")
        #expect(checklist.title == "Staging")

        var lines: [String] = []
        for item in checklist.allItems {
            let box = item.state == .checked ? "x" : item.state == .na ? "~" : " "
            let kinds = item.probes.map(\.kind).joined(separator: ", ")
            lines.append("[\(box)] \(item.id) line \(item.position.line) \(kinds.isEmpty ? "manual" : kinds)")
        }
        #expect(lines == [
            "[ ] staging/tree-is-clean line 7 git",
            "[ ] staging/backups-verified-today line 8 manual",
            "[~] staging/migration-none-in-this-release line 9 manual",
            "[ ] smoke line 10 http",
            "[ ] staging/smoke-test-passes line 11 manual",
        ])
        #expect(checklist.allItems[1].isManual)
    }

    @Test func diagnosticsFormatLikeACompiler() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("staging.md", Array(Self.checklistText.utf8))
        let checklist = try ChecklistFile.load(path)

        let formatter = DiagnosticFormatter()
        let printed = checklist.diagnostics.map { formatter.format($0, source: checklist.source) }
        let first = try #require(printed.first)
        #expect(first.hasPrefix(path + ":11:"))
        #expect(first.contains("error: item id 'smoke' is already used by the item on line 10 [DuplicateID]"))
    }

    @Test func tickingWritesOneByteAndRefusesAChangedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("staging.md", Array(Self.checklistText.utf8))
        let checklist = try ChecklistFile.load(path)

        let edits = checklist.allItems
            .filter { $0.text.hasPrefix("Backups verified") }
            .compactMap { checklist.checkboxEdit(for: $0, checked: true) }
        #expect(edits.count == 1)
        #expect(checklist.checkboxEdit(for: checklist.allItems[2], checked: true) == nil, "N/A items are never edited")
        try checklist.write(edits)

        let written = try folder.read(path)
        let original = Array(Self.checklistText.utf8)
        #expect(written.count == original.count)
        let changed = zip(written, original).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed.count == 1)
        #expect(try checklist.applying(edits) == written)

        // The same edits again, from the model read before the write: the file changed since.
        #expect(throws: TickmarkError.self) { try checklist.write(edits) }
    }
}
