import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
@testable import TickmarkReport

/// `sign-off` with several items, or `--all-waiting [--section NAME]`: every item is checked
/// before anything is written, and the record is updated once.
@Suite struct SignOffSeveralTests {
    static let checklist = """
    ---
    id: go-live
    ---
    # Go live

    ## Before

    - [ ] Tests pass `probe: run true`
    - [ ] Rollback plan reviewed @release-manager
    - [x] Capacity checked

    ## After

    - [ ] Status page updated @comms
    - [ ] Status email sent @comms
    - [~] Old workers drained

    """

    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("checklists/go-live.md", checklist)
        try workspace.write(".tickmark/run.json", record: try workspace.runRecord(of: "checklists/go-live.md"))
        return workspace
    }

    static let ana = "Ana Lima <ana@example.com>"

    @Test func severalItemsAreSignedOffInOneUpdate() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "status page", "rollback", "--by", Self.ana])
        #expect(result.code == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("Signed off ") } == [
            "Signed off go-live › before/rollback-plan-reviewed (line 9) by Ana Lima <ana@example.com>",
            "Signed off go-live › after/status-page-updated (line 14) by Ana Lima <ana@example.com>",
        ])
        let record = try workspace.record(".tickmark/run.json")
        #expect(record.signOffs.map(\.item) == ["before/rollback-plan-reviewed", "after/status-page-updated"])
        #expect(Set(record.signOffs.map(\.at)).count == 1)
        #expect(record.checklists[0].items.filter { $0.status == .signedOff }.map(\.id) == ["before/rollback-plan-reviewed", "after/status-page-updated"])
    }

    @Test func allWaitingSignsOffEveryWaitingManualItem() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "--all-waiting", "--by", Self.ana])
        #expect(result.code == 0, "\(result.stderr)")
        let record = try workspace.record(".tickmark/run.json")
        // Not the probe item, not the ticked one (it counts already), not the N/A one.
        #expect(record.signOffs.map(\.item) == ["before/rollback-plan-reviewed", "after/status-page-updated", "after/status-email-sent"])
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("Signed off ") }.count == 3)
        #expect(result.stdout.contains("go-live: GO"))

        let again = await workspace.run(["sign-off", ".tickmark/run.json", "--all-waiting", "--by", Self.ana])
        #expect(again.code == 2)
        #expect(again.stderr.contains("no manual item is waiting for a sign-off; nothing to sign off"))
    }

    @Test func allWaitingWithinASection() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "--all-waiting", "--section", "After", "--by", Self.ana])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try workspace.record(".tickmark/run.json").signOffs.map(\.item) == ["after/status-page-updated", "after/status-email-sent"])
        #expect(result.stdout.contains("go-live: NO-GO (1 blocker)"))

        let unknown = await workspace.run(["sign-off", ".tickmark/run.json", "--all-waiting", "--section", "Later", "--by", Self.ana])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("no item of the record is under a heading 'Later'; its headings: After, Before, Go live"), "\(unknown.stderr)")
    }

    @Test func oneAmbiguousFragmentRefusesTheWholeCommand() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let before = try workspace.read(".tickmark/run.json")
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "status", "--by", Self.ana])
        #expect(result.code == 2)
        #expect(result.stderr.contains("error: nothing was signed off: 1 of the 2 items cannot be:"), "\(result.stderr)")
        #expect(result.stderr.contains("'status' matches 2 items; name one by its id:"))
        #expect(result.stdout.isEmpty)
        #expect(try workspace.read(".tickmark/run.json") == before)

        let probe = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "tests pass", "--by", Self.ana])
        #expect(probe.code == 2)
        #expect(probe.stderr.contains("is checked by probes (run)"))
        #expect(try workspace.read(".tickmark/run.json") == before)
    }

    @Test(arguments: [
        ([String](), "name the items to sign off"),
        (["rollback", "--all-waiting"], "name items or pass --all-waiting, not both"),
        (["rollback", "--section", "After"], "--section goes with --all-waiting"),
    ])
    func selectionMistakesAreUsageErrors(arguments: [String], message: String) async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json"] + arguments + ["--by", Self.ana])
        #expect(result.code == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
