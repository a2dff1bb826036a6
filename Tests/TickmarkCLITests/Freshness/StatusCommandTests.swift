import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
@testable import TickmarkReport
import TickmarkTestSupport

/// `tickmark status` judges each item from the records at a time the test sets.
@Suite struct StatusCommandTests {
    @Test func evidenceAgesFromDoneThroughExpiringToStale() throws {
        let fixture = try StatusFixture()
        defer { fixture.remove() }
        try fixture.record("release-1.json", signOffs: [try fixture.signOff("release/rollback-plan-reviewed", offset: 60)])

        let early = try fixture.status(days: 3)
        #expect(early.code == 0, "\(early.stdout)\(early.stderr)")
        #expect(StatusFixture.line("release/backup-check-passes", in: early.stdout)
            == "  done      release/backup-check-passes: file backup.log exists passed 3 days ago; expires in 3 days 23 hours [.tickmark/runs/release-1.json]")
        #expect(StatusFixture.line("release/rollback-plan-reviewed", in: early.stdout)
            == "  done      release/rollback-plan-reviewed: signed off by Ana Lima as release-manager 2 days 23 hours ago; expires in 4 days [.tickmark/runs/release-1.json]")
        #expect(StatusFixture.line("release/tests-pass", in: early.stdout) == "  done      release/tests-pass: run swift test passed 3 days ago [.tickmark/runs/release-1.json]")
        #expect(StatusFixture.line("release/status-page-ready", in: early.stdout) == "  done      release/status-page-ready: ticked in the file [the box in the file]")
        #expect(early.stdout.contains("release: GO; next to expire: release/backup-check-passes in 3 days 23 hours"))

        let late = try fixture.status(days: 6.5)
        #expect(late.code == 0)
        #expect(StatusFixture.line("release/backup-check-passes", in: late.stdout)
            == "  expiring  release/backup-check-passes: file backup.log exists passed 6 days 12 hours ago; expires in 11 hours 59 minutes (fresh: 7d) [.tickmark/runs/release-1.json]")

        let stale = try fixture.status(days: 8)
        #expect(stale.code == 1)
        #expect(StatusFixture.line("release/backup-check-passes", in: stale.stdout)
            == "  stale     release/backup-check-passes: file backup.log exists passed 8 days ago; fresh: 7d [.tickmark/runs/release-1.json]")
        #expect(StatusFixture.line("release/rollback-plan-reviewed", in: stale.stdout)
            == "  stale     release/rollback-plan-reviewed: signed off by Ana Lima as release-manager 7 days 23 hours ago; fresh: 7d [.tickmark/runs/release-1.json]")
        #expect(StatusFixture.line("release/tests-pass", in: stale.stdout).hasPrefix("  done "), "evidence without fresh: never ages")
        #expect(stale.stdout.contains("release: NO-GO (2 blockers)"))
        #expect(stale.stdout.hasSuffix("Status at 2026-11-26T11:06:41.000Z: NO-GO\n"))
    }

    @Test func theNewestResultOfAnyRecordCounts() throws {
        let fixture = try StatusFixture()
        defer { fixture.remove() }
        try fixture.record("release-1.json", signOffs: [try fixture.signOff("release/rollback-plan-reviewed", offset: 60)])
        try fixture.record("release-2.json", offset: 86_400, failing: ["Backup": "backup.log is missing"])
        let result = try fixture.status(days: 2)
        #expect(result.code == 1)
        #expect(StatusFixture.line("release/backup-check-passes", in: result.stdout)
            == "  failing   release/backup-check-passes: failed 1 day ago: backup.log is missing [.tickmark/runs/release-2.json]")
        #expect(StatusFixture.line("release/rollback-plan-reviewed", in: result.stdout).contains("signed off by Ana Lima"), "a sign-off in an older record still counts")
    }

    @Test func anExpiredSignOffAndAChangedItemBackNothing() throws {
        let fixture = try StatusFixture()
        defer { fixture.remove() }
        let expires = StatusFixture.start.addingTimeInterval(86_400)
        try fixture.record("release-1.json", signOffs: [try fixture.signOff("release/rollback-plan-reviewed", offset: 60, expires: expires)])
        try fixture.workspace.write("release.md", StatusFixture.checklist.replacingOccurrences(of: "`probe: run swift test`", with: "`probe: run swift test --parallel`"))
        let result = try fixture.status(days: 2)
        #expect(result.code == 1)
        #expect(StatusFixture.line("release/rollback-plan-reviewed", in: result.stdout)
            == "  waiting   release/rollback-plan-reviewed: waiting for a sign-off; the sign-off by Ana Lima is expired")
        #expect(StatusFixture.line("release/tests-pass", in: result.stdout).hasPrefix("  waiting   release/tests-pass: not run since it was changed"))

        let before = try fixture.status(days: 0.5)
        #expect(StatusFixture.line("release/rollback-plan-reviewed", in: before.stdout).contains("its sign-off expires in 11 hours 59 minutes"))
    }

    @Test func jsonNamesStateAgeBackingAndCountdown() throws {
        let fixture = try StatusFixture()
        defer { fixture.remove() }
        try fixture.record("release-1.json", signOffs: [try fixture.signOff("release/rollback-plan-reviewed", offset: 0)])
        let result = try fixture.status(["release.md", "--format", "json"], days: 3)
        #expect(result.code == 0)
        let json = try JSONParser.parse(Array(result.stdout.utf8))
        #expect(json["schema"] == .string("tickmark.status/v1"))
        #expect(json["decision"] == .string("GO"))
        guard case .array(let checklists)? = json["checklists"], case .array(let items)? = checklists.first?["items"] else {
            Issue.record("no items in \(result.stdout)")
            return
        }
        let backup = try #require(items.first { $0["id"] == .string("release/backup-check-passes") })
        #expect(backup["state"] == .string("done"))
        #expect(backup["fresh"] == .string("7d"))
        #expect(backup["warn"] == .string("1d"))
        #expect(backup["expiresInSeconds"]?.intValue == 4 * 86_400 - 1)
        #expect(backup["backedBy"]?["kind"] == .string("probes"))
        #expect(backup["backedBy"]?["record"] == .string(".tickmark/runs/release-1.json"))
        #expect(backup["backedBy"]?["ageSeconds"]?.intValue == 3 * 86_400)
        try fixture.workspace.write("status.json", result.stdout)
        let script = "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1]))); print('ok')"
        let validated = try TickmarkTestSupport.run("python3", ["-c", script, repositoryRoot + "/schemas/status.schema.json", fixture.workspace.path("status.json")])
        #expect(validated.status == 0, "\(validated.output)\(validated.errors)")
        let rollback = try #require(items.first { $0["id"] == .string("release/rollback-plan-reviewed") })
        #expect(rollback["backedBy"]?["kind"] == .string("sign-off"))
        #expect(rollback["backedBy"]?["by"] == .string(StatusFixture.ana))
    }

    @Test func withoutPathsEveryChecklistInTheRecordsIsShown() async throws {
        let fixture = try StatusFixture()
        defer { fixture.remove() }
        try fixture.record("release-1.json")
        try FileManager.default.removeItem(atPath: fixture.workspace.path("release.md"))
        let result = try fixture.status([], days: 1)
        #expect(result.code == 1)
        #expect(result.stdout.hasPrefix("release.md (release) — Release\n"))
        #expect(StatusFixture.line("release/rollback-plan-reviewed", in: result.stdout) == "  waiting   release/rollback-plan-reviewed: waiting for a sign-off")
        let empty = try Workspace()
        defer { empty.remove() }
        let none = await empty.run(["status"])
        #expect(none.code == 2)
        #expect(none.stderr.contains("no run records in .tickmark"))
    }

    @Test func aTickWithoutASignOffDoesNotCountUnderFresh() throws {
        let fixture = try StatusFixture(checklist: StatusFixture.checklist.replacingOccurrences(of: "- [ ] Rollback", with: "- [x] Rollback"))
        defer { fixture.remove() }
        try fixture.record("release-1.json")
        let result = try fixture.status(days: 1)
        #expect(StatusFixture.line("release/rollback-plan-reviewed", in: result.stdout)
            == "  waiting   release/rollback-plan-reviewed: the box is ticked, but fresh: 7d needs a sign-off of the last 7 days")
    }
}
