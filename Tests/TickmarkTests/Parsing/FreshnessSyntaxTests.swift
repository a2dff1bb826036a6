import Testing
@testable import Tickmark
import TickmarkTestSupport

@Suite struct FreshnessSyntaxTests {
    @Test func anItemsFreshnessSpanIsReadAndKeptOutOfItsText() throws {
        let checklist = ChecklistParser.parse(Array("""
        # Release

        - [ ] Rollback plan reviewed `fresh: 7d warn: 1d` @release-manager
        - [ ] Backups verified `warn: 12h`
        - [ ] Plain item

        """.utf8), path: "c.md")
        #expect(checklist.diagnostics.isEmpty)
        let items = checklist.allItems
        #expect(items[0].text == "Rollback plan reviewed @release-manager")
        #expect(items[0].freshness == Freshness(fresh: .seconds(7 * 86_400), warn: .seconds(86_400)))
        #expect(items[0].isManual)
        #expect(items[1].freshness == Freshness(warn: .seconds(12 * 3_600)))
        #expect(items[2].freshness.isEmpty)
    }

    @Test func defaultsAndProbesCarryFreshness() throws {
        let checklist = ChecklistParser.parse(Array("""
        ---
        defaults: { fresh: 7d, warn: 2d }
        ---
        - [ ] Backup checked `probe: file backup.log exists fresh=1d`
        - [ ] Smoke test
          ```probe
          file: smoke.log
          exists: true
          fresh: 30m
          ```

        """.utf8), path: "c.md")
        #expect(checklist.diagnostics.isEmpty, "\(checklist.diagnostics)")
        #expect(checklist.defaults.freshness == Freshness(fresh: .seconds(7 * 86_400), warn: .seconds(2 * 86_400)))
        let items = checklist.allItems
        #expect(items[0].probes[0].option("fresh")?.value.scalarText == "1d")
        #expect(items[1].probes[0].option("fresh")?.value.scalarText == "30m")
    }

    @Test func aBadFreshnessIsAnErrorAtItsValue() throws {
        let marked = MarkedText("- [ ] Item `fresh: 1️⃣soon`\n")
        let diagnostic = try #require(marked.parse().diagnostics.first)
        #expect(diagnostic.id == .invalidFreshness)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "'fresh' must be a duration such as 7d, 12h or 30m, not 'soon'")
        #expect(diagnostic.position == marked.position("1️⃣"))

        let typo = try #require(MarkedText("- [ ] Item `fresh: 7d 1️⃣wran: 1d`\n").parse().diagnostics.first)
        #expect(typo.message == "'wran' is not a freshness key; did you mean 'warn'?")

        let defaults = try #require(ChecklistParser.parse(Array("---\ndefaults: { fresh: never }\n---\n- [ ] x\n".utf8), path: "c.md").diagnostics.first)
        #expect(defaults.message == "'fresh' must be a duration such as 7d, 12h or 30m, not 'never'")
    }

    @Test func aWarningLongerThanFreshIsAWarning() throws {
        let diagnostic = try #require(ChecklistParser.parse(Array("- [ ] Item `fresh: 1d warn: 2d`\n".utf8), path: "c.md").diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "'warn: 2d' is not shorter than 'fresh: 1d', so the evidence is always shown as expiring")
    }

    @Test func agesAreWorded() {
        #expect(AgeText.rule(.seconds(7 * 86_400)) == "7d")
        #expect(AgeText.rule(.seconds(36 * 3_600)) == "1d12h")
        #expect(AgeText.rule(.seconds(2)) == "2s")
        #expect(AgeText.ago(seconds: 8 * 86_400 + 5) == "8 days ago")
        #expect(AgeText.ago(seconds: 3_600) == "1 hour ago")
        #expect(AgeText.words(seconds: 59) == "59 seconds")
        #expect(AgeText.words(seconds: 30 * 3_600 + 59) == "1 day 6 hours")
        #expect(AgeText.words(seconds: 2 * 3_600 + 60) == "2 hours 1 minute")
    }
}
