import Foundation
import Testing
@testable import TickmarkCLI

/// An item marked N/A (`- [~]` or struck through) is shown but its probes never run.
@Suite struct NotApplicableTests {
    static let checklist = """
    # Database
    - [~] Migration applies `probe: run touch migrated`
    - [ ] ~~Seed data loads~~ `probe: run touch seeded`
    - [~] Uses a variable nobody defines `probe: run echo ${migration_name} > named`
    - [ ] Still runs `probe: run touch ran`
    - [ ] Deploy
      ```probe
      run: touch deployed
      needs: [database/migration-applies]
      ```
    """

    func exists(_ fixture: RunFixture, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(fixture.folder)/\(name)")
    }

    @Test func runNeverStartsTheProbesOfNotApplicableItems() async throws {
        let fixture = try RunFixture(files: ["n.md": Self.checklist])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "n.md", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(!exists(fixture, "migrated"))
        #expect(!exists(fixture, "seeded"))
        #expect(!exists(fixture, "named"))
        #expect(exists(fixture, "ran"))
        #expect(exists(fixture, "deployed"), "an N/A item counts as done for `needs`")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("Migration applies") })
        #expect(line.contains("N/A"))
        #expect(!line.contains("ms"), "no probe time: nothing ran")
    }

    @Test func dryRunShowsNotApplicableProbesAsNotRunning() async throws {
        let fixture = try RunFixture(files: ["n.md": Self.checklist])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "n.md", "--dry-run"])
        #expect(result.code == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let migration = try #require(lines.first { $0.contains("touch migrated") })
        #expect(migration.contains("N/A, will not run"))
        #expect(!migration.contains("timeout"))
        #expect(lines.contains { $0.contains("touch ran") && $0.contains("timeout 30s") })
        #expect(result.stdout.contains("Dry run: 2 probes would run, 3 are N/A; nothing was run."))
    }

    @Test func watchNeverStartsThemEither() async throws {
        let fixture = try RunFixture(files: ["n.md": Self.checklist])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "n.md", "--for", "400ms", "--every", "200ms", "--record", "w.json"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(exists(fixture, "ran"))
        #expect(!exists(fixture, "migrated"))
        #expect(!exists(fixture, "seeded"))
    }
}
