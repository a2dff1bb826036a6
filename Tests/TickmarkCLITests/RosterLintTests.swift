import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// `lint` checks the roster the checklists use (SPEC §6): unknown people in roles, malformed
/// keys, a role a checklist uses that the roster lacks; each as `file:line:column: error: …`.
@Suite struct RosterLintTests {
    @Test func rosterProblemsAndMissingRolesAreErrorsAtTheirPlace() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let team = try ApprovalTeam(in: scratch)
        let fixture = try RunFixture(files: [
            "checklists/release.md": "# Release\n\n- [ ] Deploy approved `approve: 1 @release-manager`\n- [ ] Security review `approve: 1 @securty`\n",
            ".tickmark/roster.yml": """
            people:
              ana@example.com: { name: Ana Lima, keys: ["\(team.ana.publicKey)"] }
              bo@example.com: { name: Bo Berg, keys: ["ssh-ed25519 not-base64"] }
            roles:
              release-manager: [ana@example.com, bo@exmaple.com]
              security: [ana@example.com]

            """,
        ])
        defer { fixture.remove() }
        let result = await fixture.run(["lint", "checklists"])
        #expect(result.code == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("checklists/release.md:4:35: error: role @securty is not in the roster .tickmark/roster.yml; did you mean '@security'? [Roster]") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(".tickmark/roster.yml:3:43: error: bo@example.com: this key is not an SSH public key line") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(".tickmark/roster.yml:5:38: error: role @release-manager names bo@exmaple.com, who is not under `people:`; did you mean 'bo@example.com'? [Roster]") }, "\(lines)")
    }

    @Test func checklistsWithoutRulesDoNotReadTheRoster() async throws {
        let fixture = try RunFixture(files: ["a.md": "# A\n- [ ] x\n", ".tickmark/roster.yml": "people: [broken\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["lint", "a.md"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr == "1 file checked, no problems\n")
        let explicit = await fixture.run(["lint", "a.md", "--roster", ".tickmark/roster.yml"])
        #expect(explicit.code == 1)
        #expect(explicit.stdout.hasPrefix(".tickmark/roster.yml:"), "\(explicit.stdout)")
    }

    @Test func frontMatterRosterIsReadBesideTheChecklist() async throws {
        let fixture = try RunFixture(files: [
            "team/release.md": "---\nroster: roster.yml\n---\n# R\n- [ ] Deploy approved `approve: 2 @release-manager`\n",
            "team/roster.yml": "people:\n  ana@example.com: { name: Ana Lima }\nroles:\n  release-manager: [ana@example.com]\n",
        ])
        defer { fixture.remove() }
        let result = await fixture.run(["lint", "team/release.md"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("team/release.md:5:35: error: `approve: 2 @release-manager` asks for 2 approvals, but the roster team/roster.yml has 1 person in @release-manager [Roster]"), "\(result.stdout)")
    }
}
