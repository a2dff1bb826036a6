import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
@testable import TickmarkReport
import TickmarkTestSupport

/// Freshness with the real clock: a run's evidence going stale, a sign-off too old to count, and
/// `run --check` naming who ticked a box nothing fresh backs.
@Suite struct FreshnessRunTests {
    @Test func evidenceFreshForTwoSecondsFlipsStatusFromGoToNoGo() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("ok.txt", "ok\n")
        try workspace.write("c.md", "# Gate\n\n- [ ] Marker present `probe: file ok.txt exists fresh=2s`\n")
        // On a busy machine a run and a status may take longer than the two seconds: try again
        // until a status is judged while the evidence is fresh.
        var passedAt: Date?
        for _ in 1...5 {
            try? FileManager.default.removeItem(atPath: workspace.path(".tickmark"))
            let run = await workspace.run(["run", "c.md"])
            #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: workspace.path(".tickmark/runs")).first)
            let probe = try #require(try workspace.record(".tickmark/runs/\(name)").checklists.first?.items.first?.probes.first)
            let end = probe.startedAt.addingTimeInterval(Double(probe.durationMilliseconds) / 1000)
            let fresh = await workspace.run(["status", "c.md"])
            guard Date() < end.addingTimeInterval(2) else { continue }
            #expect(fresh.code == 0, "\(fresh.stdout)\(fresh.stderr)")
            #expect(fresh.stdout.contains("  done      gate/marker-present: file ok.txt exists passed "), "\(fresh.stdout)")
            #expect(fresh.stdout.contains("; expires in "))
            #expect(fresh.stdout.hasSuffix(": GO\n"))
            passedAt = end
            break
        }
        let end = try #require(passedAt, "no status was judged within two seconds of the run")
        let wait = 2.2 - Date().timeIntervalSince(end)
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        let stale = await workspace.run(["status", "c.md"])
        #expect(stale.code == 1, "\(stale.stdout)")
        #expect(stale.stdout.contains("  stale     gate/marker-present: file ok.txt exists passed "), "\(stale.stdout)")
        #expect(stale.stdout.contains(" ago; fresh: 2s [.tickmark/runs/"), "\(stale.stdout)")
        #expect(stale.stdout.hasSuffix(": NO-GO\n"))
    }

    /// A checklist whose manual item wants a sign-off of the last 7 days, and a record holding
    /// Ana's sign-off given `days` ago.
    static func workspace(signedDaysAgo days: Double, ticked: Bool = false) throws -> Workspace {
        let workspace = try Workspace()
        let box = ticked ? "[x]" : "[ ]"
        try workspace.write("release.md", "---\nid: release\n---\n# Release\n\n- \(box) Rollback plan reviewed `fresh: 7d`\n")
        var record = try workspace.runRecord(of: "release.md")
        let item = record.checklists[0].items[0]
        record.signOffs = [SignOff(checklist: "release", item: item.id, itemDigest: item.digest, by: "Ana Lima <ana@example.com>",
                                   at: Date(timeIntervalSinceNow: -days * 86_400 - 60))]
        record = record.recomputed(at: Date(timeIntervalSinceNow: -days * 86_400))
        try workspace.write(".tickmark/release.json", record: record)
        return workspace
    }

    @Test func aSignOffOlderThanFreshNoLongerCounts() async throws {
        let old = try Self.workspace(signedDaysAgo: 8)
        defer { old.remove() }
        let result = await old.run(["run", "release.md", "--record", old.path(".tickmark/release.json")])
        #expect(result.code == 1, "\(result.stdout)")
        #expect(result.stdout.contains("waiting for a sign-off; the sign-off by Ana Lima <ana@example.com> was given 8 days ago; fresh: 7d"), "\(result.stdout)")
        let report = await old.run(["report", old.path(".tickmark/release.json"), "--format", "json"])
        #expect(report.stdout.contains("\"decision\" : \"NO-GO\"") || report.stdout.contains("\"decision\": \"NO-GO\""), "\(report.stdout.prefix(400))")

        let recent = try Self.workspace(signedDaysAgo: 2)
        defer { recent.remove() }
        let go = await recent.run(["run", "release.md", "--record", recent.path(".tickmark/release.json")])
        #expect(go.code == 0, "\(go.stdout)")
    }

    @Test func checkNamesWhoTickedABoxNothingFreshBacks() async throws {
        let workspace = try Self.workspace(signedDaysAgo: 9, ticked: true)
        defer { workspace.remove() }
        try Shell.run("""
            git init -q . && git add release.md && \
            GIT_AUTHOR_NAME='Bo Berg' GIT_AUTHOR_EMAIL=bo@example.com GIT_AUTHOR_DATE=2026-11-25T10:00:00Z git commit -qm 'tick rollback'
            """, in: workspace.folder)
        let result = await workspace.run(["run", "release.md", "--check", "--no-record"])
        #expect(result.code == 1)
        #expect(result.stdout.contains(
            "release/rollback-plan-reviewed (line 6): ticked in the file, but no valid sign-off backs it; last backed by .tickmark/release.json, 9 days ago; its line was last changed by Bo Berg <bo@example.com> in commit "
        ), "\(result.stdout)")
        #expect(result.stdout.contains(" (2026-11-25)"))

        try workspace.write("release.md", "---\nid: release\n---\n# Release\n\n- [x] Rollback plan reviewed `fresh: 7d` \n")
        let uncommitted = await workspace.run(["run", "release.md", "--check", "--no-record"])
        #expect(uncommitted.stdout.contains("the tick is not committed yet"), "\(uncommitted.stdout)")
    }

    @Test func aFreshnessThatIsNotADurationIsALintErrorAndStatusRefusesTheFile() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let marked = MarkedText("# Gate\n\n- [ ] Probe `probe: file ok.txt exists 1️⃣fresh=soon`\n- [ ] Manual `fresh: 2️⃣0s`\n")
        try workspace.write("c.md", marked.text)
        let (probe, item) = (marked.position("1️⃣"), marked.position("2️⃣"))
        let lint = await workspace.run(["lint", "c.md"])
        #expect(lint.code == 1)
        #expect(lint.stdout.contains("c.md:\(probe.line):\(probe.column): error: 'fresh' must be a duration such as 7d, 12h or 30m, not 'soon'"), "\(lint.stdout)")
        #expect(lint.stdout.contains("c.md:\(item.line):\(item.column): error: 'fresh' must be a duration such as 7d, 12h or 30m, not '0s'"), "\(lint.stdout)")
        let before = try workspace.read("c.md")
        let status = await workspace.run(["status", "c.md"])
        #expect(status.code == 2)
        #expect(status.stderr.contains("c.md:\(item.line):\(item.column): error: 'fresh' must be a duration"), "\(status.stderr)")
        #expect(try workspace.read("c.md") == before)
    }
}
