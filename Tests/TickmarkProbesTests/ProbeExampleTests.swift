import Testing
import Tickmark
import TickmarkProbes

/// One example of one kind, as a test argument.
struct KindExample: Sendable, CustomTestStringConvertible {
    var kind: String
    var example: ProbeExample

    var testDescription: String {
        "\(example.text) → \(example.expectedError.map(\.rawValue) ?? "valid")"
    }

    static let all: [KindExample] = ProbeRegistry.kinds.flatMap { kind in
        kind.description.examples.map { KindExample(kind: kind.description.name, example: $0) }
    }
}

@Suite struct ProbeExampleTests {
    @Test(arguments: KindExample.all)
    func everyExampleDecodesAsDescribed(_ example: KindExample) throws {
        let markdown = Fixture.inline(example.example.text)
        let spec = try Fixture.spec(markdown)
        #expect(spec.kind == example.kind, "the example is not a '\(example.kind)' probe")
        let (decoded, diagnostics) = ProbeRegistry.decode(spec, path: Fixture.path)
        if let expected = example.example.expectedError {
            #expect(decoded == nil)
            #expect(diagnostics.map(\.id) == [expected], "got \(diagnostics.map { "\($0.id): \($0.message)" })")
        } else {
            #expect(diagnostics.isEmpty, "got \(diagnostics.map { "\($0.id): \($0.message)" })")
            let probe = try #require(decoded)
            #expect(probe.kind.name == example.kind)
            #expect(!probe.configuration.summary.isEmpty)
        }
    }

    @Test func kindsAreRegisteredInSpecificationOrder() {
        let names = ProbeRegistry.kinds.map { $0.description.name }
        #expect(names == ["run", "http", "tcp", "tls", "file", "git", "version", "changelog", "env", "window", "checklist"])
    }

    @Test(arguments: ProbeRegistry.kinds.map { $0.description.name })
    func everyKindHasValidAndInvalidExamplesAndParameters(_ name: String) throws {
        let kind = try #require(ProbeRegistry.kind(named: name))
        let examples = kind.description.examples
        #expect(examples.contains { $0.expectedError == nil })
        #expect(examples.contains { $0.expectedError != nil })
        #expect(examples.contains { $0.expectedError == .missingArgument })
        #expect(!kind.description.parameters.isEmpty)
        #expect(examples.allSatisfy { $0.text.hasPrefix("probe: \(name)") })
    }
}
