import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport
import TickmarkTestSupport

/// `tickmark board`: the release's phases in `requires:` order, from the records alone.
@Suite struct BoardCommandTests {
    static let hostile = "<div style=\"position:fixed;inset:0;background:#0a0;font-size:9em\">GO</div>"

    /// Staging (GO), then production (NO-GO: a failing probe, a sign-off waiting for @ana, a
    /// hostile item text, and a watch period whose third round failed).
    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("staging.md", "---\nid: staging\n---\n# Staging\n\n- [ ] Health check `probe: run true`\n")
        try workspace.write("production.md", """
        ---
        id: production
        requires: [staging]
        ---
        # Production

        - [ ] Error rate below 1% `probe: run false`
        - [ ] Rollback plan reviewed @ana @bo
        - [ ] \(hostile) `probe: run true`

        """)
        try workspace.write(".tickmark/runs/staging.json", record: try workspace.runRecord(of: "staging.md"))
        var production = try workspace.runRecord(of: "production.md", failing: ["Error rate": "exit status 1"])
        production.finishedAt = production.finishedAt.addingTimeInterval(60)
        try workspace.write(".tickmark/runs/production.json", record: production)
        var watch = try workspace.runRecord(of: "production.md")
        watch.finishedAt = watch.finishedAt.addingTimeInterval(30)
        watch.watch = RunRecord.WatchInfo(
            rounds: 5, roundsNoGo: 1, every: "1m", period: "5m", end: .failed, tolerate: 0,
            failures: [.init(round: 3, at: watch.finishedAt, checklist: "production", item: "error-rate-below-1", line: 7, status: .fail,
                             reason: "exit status 1", streak: 1, blocking: true, advisory: false)]
        )
        try workspace.write(".tickmark/runs/watch.json", record: watch)
        return workspace
    }

    @Test func phasesInRequiresOrderWithWhatIsMissing() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["board", "production.md", "staging.md", "-o", "board.html"])
        #expect(result.code == 1, "\(result.stderr)")
        #expect(result.stderr.contains("NO-GO: wrote board.html (2 phases"))
        let html = try workspace.read("board.html")
        let staging = try #require(html.range(of: "<h2>1. Staging</h2>"))
        let production = try #require(html.range(of: "<h2>2. Production</h2>"))
        #expect(staging.lowerBound < production.lowerBound)
        #expect(html.contains("Not yet: 1 of 2 phases GO"))
        #expect(html.contains("Error rate below 1%"))
        #expect(html.contains("Sign-offs missing"))
        #expect(html.contains("@ana, @bo"))
        #expect(html.contains("5 rounds every 1m for 5m, failed; 1 NO-GO."))
        #expect(html.contains("round 3: error-rate-below-1 (line 7): exit status 1"))
    }

    /// A watch that finished after the full run shows its rounds, but the phase (its sign-offs
    /// waiting) is still read from the full run: a watch runs probe items alone.
    @Test func aLaterWatchDoesNotHideWhatTheFullRunWaitsFor() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        var watch = try RunRecord.decode(Array(try workspace.read(".tickmark/runs/watch.json").utf8), path: "watch.json")
        watch.finishedAt = watch.finishedAt.addingTimeInterval(600)
        try workspace.write(".tickmark/runs/watch.json", record: watch)
        let result = await workspace.run(["board", "staging.md", "production.md"])
        #expect(result.stdout.contains("Rollback plan reviewed"), "\(result.stdout)")
        #expect(result.stdout.contains("tickmark sign-off .tickmark/runs/production.json production/rollback-plan-reviewed"))
        #expect(result.stdout.contains("5 rounds every 1m for 5m, failed; 1 NO-GO."))
    }

    @Test func thePageLoadsNothingAndNoChecklistTextPaintsOverAVerdict() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        _ = await workspace.run(["board", "staging.md", "production.md", "-o", "board.html"])
        let html = try workspace.read("board.html")
        #expect(PageChecks.externalLoads(html).isEmpty, "\(PageChecks.externalLoads(html))")
        #expect(!html.contains(Self.hostile))
        #expect(!html.contains("<div style"))
    }

    @Test func aChecklistWithoutARecordIsNotRun() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        try workspace.write("rollback.md", "---\nid: rollback\nrequires: [production]\n---\n# Rollback\n\n- [ ] Old version restorable @ops\n")
        let result = await workspace.run(["board", "staging.md", "production.md", "rollback.md"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("<h2>3. Rollback</h2><span class=\"verdict other\">NOT RUN</span>"))
        #expect(result.stdout.contains("No run record of this checklist yet"))
    }

    @Test func everyPhaseGoIsExitZero() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["board", "staging.md", "-o", "board.html"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try workspace.read("board.html").contains("Yes: every phase is GO."))
    }

    /// An approval rule that still lacks an approver, and evidence inside its `warn:` time, from
    /// a real run and a real sign-off judged with the roster.
    @Test func approvalsStillMissingAndEvidenceAboutToExpire() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write(".tickmark/roster.yml", """
        people:
          ana@example.com: { name: Ana Lima }
          chen@example.com: { name: Chen Wu }
        roles:
          release-manager: [ana@example.com, chen@example.com]

        """)
        try workspace.write("release.md", """
        ---
        id: release
        ---
        # Release

        - [ ] Smoke test passes `probe: file release.md fresh=30s warn=29s`
        - [ ] Release approved `approve: 2 @release-manager`

        """)
        #expect(await workspace.run(["run", "release.md", "--record", ".tickmark/runs/release.json"]).code == 1)
        let signed = await workspace.run(["sign-off", ".tickmark/runs/release.json", "release approved", "--by", "Ana Lima <ana@example.com>"])
        #expect(signed.code == 0, "\(signed.stderr)")
        // Past the first second the smoke test is inside its warn: time (29 s of its 30 s).
        try await Task.sleep(for: .milliseconds(1500))
        let result = await workspace.run(["board", "release.md", "-o", "board.html"])
        #expect(result.code == 1, "\(result.stderr)")
        let html = try workspace.read("board.html")
        #expect(html.contains("1 of 2 approvals from @release-manager; may still approve: Chen Wu"), "\(html)")
        let countdown = try #require(html.range(of: "<li><strong>Smoke test passes</strong>: expires in "), "\(html)")
        let left = html[countdown.upperBound...].prefix { $0 != "(" }
        #expect(left.hasSuffix(" seconds "), "a countdown in seconds, not hours: \(left)")
        #expect(Int(left.split(separator: " ").first ?? "").map { $0 > 0 && $0 < 30 } == true, "\(left)")
    }
}
