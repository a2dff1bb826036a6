import Testing
@testable import Tickmark
import TickmarkTestSupport

@Suite struct FrontMatterTests {
    @Test func frontMatterFieldsAreRead() {
        let checklist = MarkedText("""
        ---
        id: production-readiness
        title: Production readiness
        vars:
          base_url: https://staging-api.example.com
          version: "1.2.3"
        requires: [staging]
        defaults: { timeout: 30s, retries: 2 }
        ---
        # Heading
        - [ ] Item
        """).parse()
        #expect(checklist.diagnostics.isEmpty)
        #expect(checklist.id == "production-readiness")
        #expect(checklist.title == "Production readiness")
        #expect(checklist.variables.map(\.name) == ["base_url", "version"])
        #expect(checklist.variables.map(\.value) == ["https://staging-api.example.com", "1.2.3"])
        #expect(checklist.requires == ["staging"])
        #expect(checklist.defaults.timeout == .seconds(30))
        #expect(checklist.defaults.retries == 2)
        #expect(checklist.allItems.first?.position.line == 11)
    }

    @Test func defaultsComeFromFileNameAndFirstHeading() {
        let checklist = ChecklistParser.parse(Array("# Staging checks\n- [ ] A\n".utf8), path: "dir/staging.md")
        #expect(checklist.id == "staging")
        #expect(checklist.title == "Staging checks")
    }

    @Test func unknownKeysAreErrorsWithSuggestions() throws {
        let marked = MarkedText("---\n1️⃣reqiures: [a]\n---\n- [ ] x\n")
        let diagnostic = try #require(marked.parse().diagnostics.first)
        #expect(diagnostic.id.rawValue == "UnknownFrontMatterKey")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("did you mean 'requires'?"))
        #expect(diagnostic.position == marked.position("1️⃣"))
    }

    @Test func keysNearAKnownOneAreErrors() {
        let checklist = MarkedText("---\nrequire: [staging]\nvar:\n  version: 1.2.3\ntitel: Release\n---\n- [ ] x\n").parse()
        #expect(checklist.diagnostics.map(\.severity) == [.error, .error, .error])
        #expect(checklist.diagnostics.map(\.message) == [
            "unknown front matter key 'require'; did you mean 'requires'?",
            "unknown front matter key 'var'; did you mean 'vars'?",
            "unknown front matter key 'titel'; did you mean 'title'?",
        ])
    }

    @Test func otherToolsKeysAreWarnings() throws {
        let marked = MarkedText("---\nid: ops\n1️⃣description: Things to check\nlast_review_date: 2026-11-02\n---\n- [ ] x\n")
        let checklist = marked.parse()
        #expect(checklist.id == "ops")
        #expect(checklist.diagnostics.map(\.severity) == [.warning, .warning])
        #expect(checklist.diagnosticIDs == ["UnknownFrontMatterKey", "UnknownFrontMatterKey"])
        let first = try #require(checklist.diagnostics.first)
        #expect(first.message == "unknown front matter key 'description' is ignored")
        #expect(first.position == marked.position("1️⃣"))
    }

    @Test func invalidYAMLPointsIntoTheFrontMatter() throws {
        let marked = MarkedText("---\nid: x\nvars: [unclosed\n---\n- [ ] y\n")
        let diagnostic = try #require(marked.parse().diagnostics.first)
        #expect(diagnostic.id.rawValue == "InvalidFrontMatter")
        #expect((2...4).contains(diagnostic.position?.line ?? 0))
    }

    @Test func aValueHoldingColonSpaceSaysToQuoteIt() throws {
        let marked = MarkedText("---\nid: ops\n1️⃣title: Release: the steps\n---\n- [ ] y\n")
        let diagnostic = try #require(marked.parse().diagnostics.first)
        #expect(diagnostic.id.rawValue == "InvalidFrontMatter")
        #expect(diagnostic.position == marked.position("1️⃣"))
        #expect(diagnostic.message.contains("the value of 'title' holds ': '"))
        #expect(diagnostic.notes.map(\.message) == [
            "quote the value: title: 'Release: the steps'",
            "or write it on the lines below `title: |`, indented further",
        ])
    }

    @Test func duplicateKeysAreOneLineErrors() throws {
        let checklist = MarkedText("---\nname: a\nabout: b\nabout: c\n---\n- [ ] y\n").parse()
        let diagnostic = try #require(checklist.diagnostics.first)
        #expect(diagnostic.id.rawValue == "InvalidFrontMatter")
        #expect(diagnostic.message.contains("'about' is given twice"))
        #expect(!diagnostic.message.contains("\n"))
        #expect(checklist.allItems.count == 1)
    }

    @Test func frontMatterIsNotParsedAsMarkdown() {
        // Without blanking, `title: x` followed by `---` would be a setext heading.
        let checklist = MarkedText("---\ntitle: x\n---\n- [ ] y\n").parse()
        #expect(checklist.title == "x")
        #expect(checklist.allItems.map(\.section) == [[]])
    }

    @Test func unclosedFrontMatterIsAWarningAndTheFileStillParses() {
        let checklist = MarkedText("---\nid: x\n- [ ] y\n").parse()
        #expect(checklist.diagnosticIDs == ["UnclosedFrontMatter"])
        #expect(checklist.allItems.count == 1)
    }

    @Test func badDefaultsAreReported() {
        let checklist = MarkedText("---\ndefaults: { timeout: soon, retries: -1, timout: 1s }\n---\n").parse()
        #expect(checklist.diagnosticIDs == ["InvalidFrontMatter", "InvalidFrontMatter", "UnknownFrontMatterKey"])
    }
}
