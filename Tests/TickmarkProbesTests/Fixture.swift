import Testing
import Tickmark
import TickmarkProbes

/// Builds probes from small Markdown checklists and locates text in them.
enum Fixture {
    /// The checklist path used in every fixture.
    static let path = "t.md"

    /// A one-item checklist carrying `probe` (the text of an inline code span).
    static func inline(_ probe: String, item: String = "Item") -> String {
        "- [ ] \(item) `\(probe)`\n"
    }

    /// The first probe of the first item of `markdown`.
    static func spec(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProbeSpec {
        let checklist = ChecklistParser.parse(Array(markdown.utf8), path: path)
        let malformed = checklist.diagnostics.filter { $0.id == .malformedProbe }
        #expect(malformed.isEmpty, "the fixture's probe could not be read: \(malformed.map(\.message))", sourceLocation: sourceLocation)
        let item = try #require(checklist.allItems.first, "the fixture has no item", sourceLocation: sourceLocation)
        return try #require(item.probes.first, "the fixture's item has no probe", sourceLocation: sourceLocation)
    }

    /// Decodes the first probe of `markdown`.
    static func decode(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (DecodedProbe?, [Diagnostic]) {
        ProbeRegistry.decode(try spec(markdown, sourceLocation: sourceLocation), path: path)
    }

    /// The configuration of the first probe of `markdown`, which must decode without diagnostics.
    static func configuration<Configuration: ProbeConfiguration>(
        _ type: Configuration.Type, _ markdown: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Configuration {
        let (decoded, diagnostics) = try decode(markdown, sourceLocation: sourceLocation)
        #expect(diagnostics.isEmpty, "unexpected diagnostics: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
        let probe = try #require(decoded, sourceLocation: sourceLocation)
        return try #require(probe.configuration as? Configuration, sourceLocation: sourceLocation)
    }

    /// The single diagnostic decoding the first probe of `markdown` produces.
    static func diagnostic(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let (_, diagnostics) = try decode(markdown, sourceLocation: sourceLocation)
        #expect(diagnostics.count == 1, "expected one diagnostic, got \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
        return try #require(diagnostics.first, sourceLocation: sourceLocation)
    }
}
