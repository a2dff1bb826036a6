import Testing
import Tickmark
import TickmarkProbes
import TickmarkTestSupport

@Suite struct DiagnosticPositionTests {
    /// Asserts that `diagnostic` starts where `needle` is in `markdown` (after `anchor`).
    private func expectAt(_ diagnostic: Diagnostic, _ needle: String, in markdown: String, after anchor: String? = nil,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try MarkedText(markdown).position(of: needle, after: anchor, sourceLocation: sourceLocation)
        let position = try #require(diagnostic.position, sourceLocation: sourceLocation)
        #expect(position.line == expected.line, sourceLocation: sourceLocation)
        #expect(position.column == expected.column, sourceLocation: sourceLocation)
        #expect(diagnostic.path == Fixture.path, sourceLocation: sourceLocation)
    }

    @Test func inlineOptionErrorPointsAtTheOptionAfterMultibyteText() throws {
        let markdown = "# Déploiement 🚀\n\n- [ ] Santé de l’API ✅ `probe: http GET https://api.example.com status=2000`\n"
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .invalidArgument)
        try expectAt(diagnostic, "status=", in: markdown)
        #expect(diagnostic.length == "status".utf8.count)
    }

    @Test func invalidArgumentPointsAtTheArgumentWithItsLength() throws {
        let markdown = Fixture.inline("probe: tcp db.internal:70000", item: "数据库 reachable")
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .invalidArgument)
        try expectAt(diagnostic, "db.internal", in: markdown)
        #expect(diagnostic.length == "db.internal:70000".utf8.count)
    }

    @Test func missingArgumentPointsAtTheKind() throws {
        let markdown = Fixture.inline("probe: changelog", item: "Changelog updated")
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .missingArgument)
        try expectAt(diagnostic, "changelog", in: markdown, after: "probe: ")
        #expect(diagnostic.notes.contains { $0.message.hasPrefix("usage:") })
    }

    @Test func blockExpectationErrorPointsAtItsKey() throws {
        let markdown = """
        - [ ] API answers
          ```probe
          http: GET https://api.example.com/health
          expect:
            body: ok
            status: teapot
          ```

        """
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .invalidArgument)
        try expectAt(diagnostic, "status:", in: markdown)
    }

    @Test func blockJSONEntryErrorPointsAtTheEntry() throws {
        let markdown = """
        - [ ] Version endpoint
          ```probe
          http: https://api.example.com/version
          expect:
            json:
              version: 1.2.3
              data..commit: abc
          ```

        """
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .invalidArgument)
        try expectAt(diagnostic, "data..commit", in: markdown)
    }

    @Test func blockArgumentErrorPointsIntoThePlainScalar() throws {
        let markdown = """
        - [ ] Tagged
          ```probe
          git: tag 'v1 final'
          ```

        """
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .invalidArgument)
        try expectAt(diagnostic, "'v1 final'", in: markdown)
    }

    @Test func duplicateOptionPointsAtTheSecondOccurrence() throws {
        let markdown = Fixture.inline("probe: file VERSION equals=1.0.0 equals=1.0.1")
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .duplicateOption)
        try expectAt(diagnostic, "equals=", in: markdown, after: "equals=1.0.0")
    }

    @Test func misspelledOptionSuggestsTheClosestOne() throws {
        let markdown = Fixture.inline("probe: http GET https://api.example.com stauts=200")
        let diagnostic = try Fixture.diagnostic(markdown)
        #expect(diagnostic.id == .unknownOption)
        #expect(diagnostic.message.hasSuffix("did you mean 'status'?"), "\(diagnostic.message)")
        try expectAt(diagnostic, "stauts", in: markdown)
        #expect(diagnostic.length == "stauts".utf8.count)
    }

    @Test(arguments: [
        ("probe: git claen", "did you mean 'clean'?"),
        ("probe: version semvr 1.2.3", "did you mean 'semver'?"),
        ("probe: http GTE https://example.com", "did you mean 'GET'?"),
        ("probe: window deny=Sat tz=Europe/Pairs", "did you mean 'Europe/Paris'?"),
        ("probe: file README.md contain=Usage", "did you mean 'contains'?"),
        ("probe: tls example.com dyas=14", "did you mean 'days'?"),
    ])
    func nearMissesSuggestTheIntendedWord(_ probe: String, _ suggestion: String) throws {
        let diagnostic = try Fixture.diagnostic(Fixture.inline(probe))
        #expect(diagnostic.message.hasSuffix(suggestion), "\(diagnostic.message)")
    }
}
