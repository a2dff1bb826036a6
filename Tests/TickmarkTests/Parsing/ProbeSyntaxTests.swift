import Testing
@testable import Tickmark
import TickmarkTestSupport

@Suite struct ProbeSyntaxTests {
    @Test func inlineProbeArgumentsAndOptionsKeepPositions() throws {
        let marked = MarkedText("- [ ] Changelog `probe: 1️⃣file 2️⃣CHANGELOG.md 3️⃣contains=\"## [${version}]\"`\n")
        let probe = try #require(marked.parse().allItems.first?.probes.first)
        #expect(probe.kind == "file")
        #expect(probe.kindPosition == marked.position("1️⃣"))
        #expect(probe.arguments.map(\.value) == ["CHANGELOG.md"])
        #expect(probe.arguments.first?.position == marked.position("2️⃣"))
        #expect(probe.options.map(\.key) == ["contains"])
        #expect(probe.options.first?.value == .string("## [${version}]"))
        #expect(probe.options.first?.position == marked.position("3️⃣"))
        #expect(probe.form == .inline)
    }

    @Test func runTakesTheWholeRestAsOneCommand() throws {
        let probe = try #require(MarkedText("- [ ] Tests `probe: run swift test --filter \"A B\" | tee x=1`\n").parse().allItems.first?.probes.first)
        #expect(probe.arguments.map(\.value) == ["swift test --filter \"A B\" | tee x=1"])
        #expect(probe.options.isEmpty)
    }

    @Test func quotesAreReadFromTheSourceNotSmartPunctuated() throws {
        let probe = try #require(MarkedText("- [ ] X `probe: file a.txt contains='it''s \"fine\"'`\n").parse().allItems.first?.probes.first)
        #expect(probe.options.first?.value == .string("its \"fine\""))
    }

    @Test func probeAfterAnAutolinkIsStillLocated() throws {
        let marked = MarkedText("- [ ] See https://example.com/x then `probe: 1️⃣git clean`\n")
        let probe = try #require(marked.parse().allItems.first?.probes.first)
        #expect(probe.kindPosition == marked.position("1️⃣"))
    }

    @Test func blockProbeIsYAMLWithExpectFlattened() throws {
        let marked = MarkedText("""
        - [ ] Version matches
          1️⃣```probe
          2️⃣http: GET ${base_url}/api/version
          expect:
            3️⃣status: 200
            json: { commit: "${git.head}" }
            under: 800ms
          retry: { attempts: 10, interval: 5s }
          timeout: 10s
          ```
        """)
        let probe = try #require(marked.parse().allItems.first?.probes.first)
        #expect(probe.form == .block)
        #expect(probe.position == marked.position("1️⃣"))
        #expect(probe.kind == "http")
        #expect(probe.kindPosition == marked.position("2️⃣"))
        #expect(probe.arguments.map(\.value) == ["GET", "${base_url}/api/version"])
        #expect(probe.options.map(\.key) == ["status", "json", "under", "retry", "timeout"])
        #expect(probe.option("status")?.value == .integer(200))
        #expect(probe.option("status")?.position == marked.position("3️⃣"))
        #expect(probe.option("retry")?.value == .mapping([
            ProbeOption(key: "attempts", value: .integer(10), position: probe.option("retry")!.value.mappingPosition("attempts")!),
            ProbeOption(key: "interval", value: .string("5s"), position: probe.option("retry")!.value.mappingPosition("interval")!),
        ]))
    }

    @Test func invalidYAMLInABlockPointsIntoTheBlock() throws {
        let marked = MarkedText("""
        - [ ] Broken
          ```probe
          run: make test
          timeout: [1s
          1️⃣```
        """)
        let checklist = marked.parse()
        let diagnostic = try #require(checklist.diagnostics.first)
        #expect(diagnostic.id.rawValue == "MalformedProbe")
        #expect(diagnostic.message.contains("YAML"))
        #expect(diagnostic.position!.line >= 3 && diagnostic.position!.line <= marked.position("1️⃣").line)
    }

    @Test func aRunValueHoldingColonSpaceSaysToQuoteIt() throws {
        let marked = MarkedText("""
        - [ ] Authorized
          ```probe
          1️⃣run: curl -H Authorization: Bearer ${token} https://api.example.com
          ```
        """)
        let diagnostic = try #require(marked.parse().diagnostics.first)
        #expect(diagnostic.id.rawValue == "MalformedProbe")
        #expect(diagnostic.position?.line == marked.position("1️⃣").line)
        #expect(diagnostic.message.contains("the value of 'run' holds ': '"), "\(diagnostic.message)")
        #expect(diagnostic.notes.map(\.message).joined().contains("run: |"), "\(diagnostic.notes)")
        #expect(diagnostic.notes.map(\.message).joined().contains("run: 'curl -H Authorization: Bearer ${token} https://api.example.com'"), "\(diagnostic.notes)")
    }

    @Test func blockMustStartWithItsKind() {
        let checklist = MarkedText("- [ ] X\n  ```probe\n  timeout: 5s\n  run: true\n  ```\n").parse()
        #expect(checklist.diagnosticIDs == ["MalformedProbe"])
    }

    @Test func unterminatedQuoteIsReported() throws {
        let marked = MarkedText("- [ ] X `probe: file a 1️⃣contains=\"oops`\n")
        let diagnostic = try #require(marked.parse().diagnostics.first)
        #expect(diagnostic.id.rawValue == "MalformedProbe")
        #expect(diagnostic.message.contains("unterminated double quote"))
        #expect(diagnostic.position?.offset == marked.offsets["1️⃣"]! + "contains=".utf8.count)
    }

    @Test func probesOutsideTaskItemsAreErrors() {
        let checklist = MarkedText("""
        Run `probe: run make` here.

        - plain item `probe: git clean`

        ```probe
        run: true
        ```
        """).parse()
        #expect(checklist.diagnosticIDs == ["ProbeOutsideItem", "ProbeOutsideItem", "ProbeOutsideItem"])
    }

    @Test func multipleProbesOnOneItem() throws {
        let item = try #require(MarkedText("""
        - [ ] Tagged and clean `probe: git clean` `probe: git tag-at-head v1`
          ```probe
          run: make check
          ```
        """).parse().allItems.first)
        #expect(item.probes.map(\.kind) == ["git", "git", "run"])
        #expect(item.text == "Tagged and clean")
    }

    @Test func undefinedVariablesAreWarningsAndMalformedOnesErrors() {
        let checklist = MarkedText("""
        ---
        vars:
          base_url: http://localhost
        ---
        - [ ] A `probe: http GET ${base_url}/x`
        - [ ] B `probe: http GET ${nope}/x`
        - [ ] C `probe: run echo ${git.head} ${today}`
        - [ ] D `probe: run echo ${broken`
        """).parse()
        #expect(checklist.diagnosticIDs == ["UndefinedVariable", "MalformedVariable"])
        #expect(checklist.diagnostics.map(\.severity) == [.warning, .error])
    }
}

extension ProbeValue {
    func mappingPosition(_ key: String) -> SourcePosition? {
        guard case .mapping(let options) = self else { return nil }
        return options.first { $0.key == key }?.position
    }
}
