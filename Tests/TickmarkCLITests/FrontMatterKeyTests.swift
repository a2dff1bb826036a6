import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// SPEC §1.1: other tools' front matter keys never stop a run; a near-typo of a known key does.
@Suite struct FrontMatterKeyTests {
    @Test func otherToolsKeysAreWarningsThatNeverStopARun() async throws {
        let fixture = try RunFixture(files: ["ops.md": """
        ---
        description: Weekly operations checks
        last_review_date: 2026-11-02
        name: Ops
        labels: [ops]
        ---
        # Ops
        - [ ] Passes `probe: run true`
        """])
        defer { fixture.remove() }
        let run = await fixture.run(["run", "ops.md", "--no-record"])
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Result: GO"))

        let lint = await fixture.run(["lint", "ops.md"])
        #expect(lint.code == 0, "\(lint.stdout)")
        #expect(lint.stdout.contains("ops.md:2:1: warning: unknown front matter key 'description' is ignored"))
        #expect(lint.stdout.contains("ops.md:3:1: warning: unknown front matter key 'last_review_date' is ignored"))
        #expect(!lint.stdout.contains("'name'") && !lint.stdout.contains("'labels'"))
    }

    @Test func aNearTypoStopsTheRunButNotShow() async throws {
        let fixture = try RunFixture(files: ["gate.md": """
        ---
        require: [staging]
        ---
        # Gate
        - [ ] Passes `probe: run true`
        """])
        defer { fixture.remove() }
        let run = await fixture.run(["run", "gate.md", "--no-record"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("gate.md:2:1: error: unknown front matter key 'require'; did you mean 'requires'?"))

        let show = await fixture.run(["show", "gate.md"])
        #expect(show.code == 0)
        #expect(show.stdout.contains("[ ] Passes"))
        #expect(show.stderr.contains("did you mean 'requires'?"))

        let json = await fixture.run(["show", "--json", "gate.md"])
        #expect(json.code == 0)
        #expect(json.stdout.contains("\"UnknownFrontMatterKey\""))
        #expect(json.stdout.contains("gate/passes"))
    }
}
