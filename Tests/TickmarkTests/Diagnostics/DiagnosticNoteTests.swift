import Testing
@testable import Tickmark
import TickmarkTestSupport

/// Notes on a diagnostic: plain ones print as before; located ones point at a place in a file,
/// printed like a compiler's and written to JSON as `noteLocations`.
@Suite struct DiagnosticNoteTests {
    static let source = SourceText(bytes: Array("- [ ] one <!-- id: a -->\n- [ ] two <!-- id: a -->\n".utf8))

    static func diagnostic(notes: [DiagnosticNote]) -> Diagnostic {
        Diagnostic(.duplicateID, .error, "item id 'a' is already used by the item on line 1", path: "list.md",
                   at: source.position(line: 2, column: 11), notes: notes)
    }

    @Test func plainNotesPrintAsNoteLines() {
        let text = DiagnosticFormatter().format(Self.diagnostic(notes: [DiagnosticNote("ids must be unique")]), source: Self.source)
        #expect(text == """
        list.md:2:11: error: item id 'a' is already used by the item on line 1 [DuplicateID]
         2 | - [ ] two <!-- id: a -->
           |           ^
        note: ids must be unique
        """)
    }

    @Test func locatedNotesPrintWithTheirPlace() {
        let first = Self.source.position(line: 1, column: 11)
        let text = DiagnosticFormatter().format(Self.diagnostic(notes: [DiagnosticNote("first used here", path: "list.md", at: first)]), source: Self.source)
        #expect(text.split(separator: "\n").last == "list.md:1:11: note: first used here")
    }

    @Test func stringNotesAreNotesWithoutAPlace() {
        let diagnostic = Diagnostic(.invalidID, .error, "bad", path: "list.md", at: nil, notes: ["try again"])
        #expect(diagnostic.notes == [DiagnosticNote("try again")])
        #expect(!diagnostic.notes[0].isLocated)
    }

    @Test func jsonKeepsNoteTextsAndAddsLocationsOnlyWhenANoteHasOne() {
        func json(_ diagnostic: Diagnostic) -> String {
            var writer = JSONWriter(pretty: false)
            diagnostic.writeJSON(into: &writer)
            return writer.text
        }
        let plain = json(Self.diagnostic(notes: [DiagnosticNote("ids must be unique")]))
        #expect(plain.contains(#""notes":["ids must be unique"]"#))
        #expect(!plain.contains("noteLocations"))
        let located = json(Self.diagnostic(notes: [
            DiagnosticNote("ids must be unique"),
            DiagnosticNote("first used here", path: "list.md", at: Self.source.position(line: 1, column: 11)),
        ]))
        #expect(located.contains(#""notes":["ids must be unique","first used here"]"#))
        #expect(located.contains(#""noteLocations":[null,{"path":"list.md","line":1,"column":11}]"#))
    }

    /// Renaming a checklist (to the path a user typed) moves its diagnostics and the notes that
    /// point into the same file, and leaves notes about other files alone.
    @Test func renamingMovesNotesLocatedInTheSameFile() {
        let marked = MarkedText("- [ ] One <!-- id: same -->\n- [ ] Two <!-- id: same -->\n")
        var checklist = marked.parse(path: "/abs/list.md")
        checklist.diagnostics[0].notes.append(DiagnosticNote("elsewhere", path: "other.md", at: SourcePosition(line: 1, column: 1, offset: 0)))
        checklist.rename(to: "list.md")
        #expect(checklist.path == "list.md")
        #expect(checklist.diagnostics.map(\.path) == ["list.md"])
        #expect(checklist.diagnostics[0].notes.compactMap(\.path) == ["list.md", "other.md"])
    }
}
