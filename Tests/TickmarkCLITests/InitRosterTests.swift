import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// `init` writes a starter roster when the project has none: commented, with the roles the
/// shipped checklists ask approvals from; a fresh project lints without errors, and an existing
/// roster is never touched.
@Suite struct InitRosterTests {
    @Test func aStarterRosterWithTheShippedRolesAndLintStaysClean() async throws {
        let fixture = try RunFixture(files: [:])
        defer { fixture.remove() }
        let result = await fixture.run(["init", "."])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote ./.tickmark/roster.yml (a starter roster: add the people of @engineering-lead, @release-manager, @reviewer)"), "\(result.stdout)")
        let roster = fixture.read(".tickmark/roster.yml")
        #expect(roster.hasPrefix("# Who may approve what"))
        #expect(roster.hasSuffix("roles:\n  engineering-lead: []\n  release-manager: []\n  reviewer: []\n"))
        let lint = await fixture.run(["lint", "checklists"])
        #expect(lint.code == 0, "\(lint.stdout)")
        #expect(lint.stderr.hasSuffix("6 files checked: 0 errors, 3 warnings\n"), "\(lint.stderr)")
        #expect(lint.stdout.contains(".tickmark/roster.yml:17:3: warning: role @reviewer has nobody in it, so approvals from @reviewer can never be given [Roster]"), "\(lint.stdout)")
    }

    @Test func anExistingRosterIsKept() async throws {
        let fixture = try RunFixture(files: [".tickmark/roster.yml": "people: {}\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["init", ".", "--template", "production-readiness"])
        #expect(result.code == 0)
        #expect(!result.stdout.contains("roster"))
        #expect(fixture.read(".tickmark/roster.yml") == "people: {}\n")
    }

    @Test func noRosterForChecklistsWithoutApprovalRules() async throws {
        let fixture = try RunFixture(files: [:])
        defer { fixture.remove() }
        _ = await fixture.run(["init", ".", "--template", "pre-merge"])
        #expect(!FileManager.default.fileExists(atPath: fixture.scratch.path(".tickmark/roster.yml")))
    }
}
