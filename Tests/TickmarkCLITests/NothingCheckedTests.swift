import Foundation
import Testing
@testable import TickmarkCLI
import Tickmark
import TickmarkReport
import TickmarkTestSupport

/// A run is GO only when something was checked and every blocking item that should have run did.
@Suite struct NothingCheckedTests {
    @Test func aBlockingItemSkippedBecauseAnAdvisoryItemItNeedsFailedBlocks() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Deploy
        - [ ] Warm-up
          ```probe
          run: false
          advisory: true
          ```
        - [ ] Smoke test
          ```probe
          run: true
          needs: [deploy/warm-up]
          ```
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--record", "r.json", "--junit", "j.xml"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Result: NO-GO"), "\(result.stdout)")
        #expect(fixture.read("j.xml").contains("<failure message=\"skipped: needs &apos;deploy/warm-up&apos;"), "\(fixture.read("j.xml"))")
        let record = try RunRecord.load("\(fixture.folder)/r.json")
        let smoke = try #require(record.checklists.first?.items.last)
        #expect(smoke.status == .skipped)
        #expect(smoke.blocking)
        #expect(record.decision == .noGo)
        #expect(record.recomputed(at: Date()).decision == .noGo, "deciding again from the record keeps it blocking")
    }

    @Test func anItemSkippedByItsWhenStillCountsAsDone() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Deploy
        - [ ] Production only `probe: file missing.txt exists when="${env} == production"`
        - [ ] Always `probe: run true`
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record", "--var", "env=staging"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aSelectorThatMatchesNothingIsAUsageError() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Deploy
        ## Before
        - [ ] Tests `probe: run true`
        """])
        defer { fixture.remove() }
        let only = await fixture.run(["run", "c.md", "--no-record", "--only", "before/tets"])
        #expect(only.code == 2, "\(only.stdout)\(only.stderr)")
        #expect(only.stderr.contains("--only"), "\(only.stderr)")
        #expect(only.stderr.contains("before/tets"), "\(only.stderr)")
        #expect(!only.stdout.contains("Result: GO"))
        let section = await fixture.run(["run", "c.md", "--no-record", "--section", "Befor"])
        #expect(section.code == 2, "\(section.stdout)\(section.stderr)")
        #expect(section.stderr.contains("--section"), "\(section.stderr)")
        let fine = await fixture.run(["run", "c.md", "--no-record", "--section", "Before"])
        #expect(fine.code == 0, "\(fine.stdout)\(fine.stderr)")
    }

    @Test(arguments: [
        ("empty", ""),
        ("no items", "# Release\n\nJust prose.\n"),
        ("every probe skipped", "- [ ] Prod `probe: file c.md exists when=\"${env} == production\"`\n"),
    ])
    func aRunThatCheckedNothingIsNotGo(name: String, text: String) async throws {
        let fixture = try RunFixture(files: ["c.md": text])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--record", "r.json", "--junit", "j.xml", "--var", "env=staging"])
        #expect(result.code == 1, "\(name): \(result.stdout)\(result.stderr)")
        // CI pages show a failing test, not "0 tests".
        let xml = fixture.read("j.xml")
        #expect(xml.contains("<testcase classname=\"c\" name=\"nothing was checked\""), "\(name): \(xml)")
        #expect(xml.contains("<failure message=\"nothing was checked"), "\(name): \(xml)")
        #expect(xml.contains(" failures=\"1\""), "\(name): \(xml)")
        let (status, output) = try xmllint(["--noout", "--schema", repositoryRoot + "/schemas/junit.xsd", "\(fixture.folder)/j.xml"])
        #expect(status == 0, "\(name): \(output)")
        #expect(!result.stdout.contains("Result: GO"), "\(name): \(result.stdout)")
        #expect(result.stdout.contains("nothing was checked"), "\(name): \(result.stdout)")
        let record = try RunRecord.load("\(fixture.folder)/r.json")
        #expect(record.decision == .noGo)
        #expect(record.recomputed(at: Date()).decision == .noGo, "\(name): deciding again keeps it")
    }
}
