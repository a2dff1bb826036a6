import Foundation
import Testing
import TickmarkTestSupport

/// The rehearsal's second pass: the same release, with one thing broken in each phase, each
/// time the exact reason it stops, and nothing a person wrote lost. The pull request's
/// description is edited by a person on every write; Dee signs staging with Ana's key; an item
/// Ana signed off in production readiness is reworded afterwards; the service goes down during
/// the watch.
extension ReleaseRehearsalTests {
    @Test func theSecondPassBreaksOneThingPerPhase() async throws {
        let team = try await ServiceTeam()
        defer { team.remove() }
        try await team.adopt()

        // Pull request: a person keeps saving the description from an editor opened before each
        // of Tickmark's writes. Tickmark gives up rather than overwrite their words.
        let note = "Reviewer note {n}: cover IPv6 clients too."
        let pullRequest = try await RehearsalPullRequest(team: team, edits: [.init(moment: .afterWrite, count: nil, line: note, stale: true)])
        defer { pullRequest.stop() }
        let raced = try await pullRequest.run(["--pull-request", "--write"])
        #expect(raced.code == 2, "\(raced.output)")
        #expect(raced.stderr.contains("github:pr#12: error: the pull request body changed on every one of 5 attempts to tick 9 boxes: someone is editing it. Tickmark stopped rather than overwrite their words"), "\(raced.stderr)")
        #expect(raced.stdout.contains("Result: NO-GO — 9 passed, 0 failed, 0 errors, 2 waiting for sign-off, 6 claimed by the author, 0 skipped, 6 n/a"), "the results are still shown: \(raced.stdout)")
        let body = try pullRequest.github.body
        #expect(body.hasPrefix(pullRequest.body), "the author's text, as the person saved it")
        for edit in 1...5 { #expect(body.contains("Reviewer note \(edit): cover IPv6 clients too.")) }
        #expect(!raced.output.contains(PullRequestFixture.token))

        // Staging: Dee signs QA's items with Ana's key. Refused, nothing written.
        try await team.cutRelease()
        let staging = try await team.runStaging()
        #expect(staging.code == 1)
        let before = try team.read(".tickmark/staging.json")
        let wrongKey = try await team.signOffAllWaiting(".tickmark/staging.json", section: "QA validation", by: ServiceTeam.dee, role: "qa", key: "ana")
        #expect(wrongKey.code == 2, "\(wrongKey.output)")
        #expect(wrongKey.stderr == "\(team.scratch.path("keys/ana")): error: Dee Okafor <dee@example.com> cannot sign off with this key: it is the key \(team.anaFingerprint) of Ana Lima <ana@example.com>, not a key of dee@example.com in the roster .tickmark/roster.yml; sign with your own key; nothing was signed off\n", "\(wrongKey.stderr)")
        #expect(try team.read(".tickmark/staging.json") == before, "the record is unchanged")
        // With her own key it goes through (the phase as in the first pass).
        try await team.stagingPhase()

        // Production readiness: after Ana signed it off, someone widens an item. Her sign-off no
        // longer covers it: NO-GO, until she signs the new wording.
        try await team.mergeRelease()
        try await team.readinessPhase()
        let item = "No business-critical period (deadlines, peak hours, maintenance windows)"
        let widened = "No business-critical period (deadlines, peak hours, maintenance windows, marketing launches)"
        let checklist = try team.read("checklists/production-readiness.md")
        try team.write("checklists/production-readiness.md", checklist.replacingOccurrences(of: item, with: widened))
        try await team.git("git commit -q -am 'Readiness: marketing launches are critical periods too' && git push -q origin main")
        let stale = try await team.runReadiness()
        #expect(stale.code == 1, "\(stale.output)")
        #expect(stale.stdout.contains("Result: NO-GO — 19 passed, 0 failed, 1 errors, 1 waiting for sign-off, 15 signed off, 0 skipped, 1 n/a"), "\(stale.stdout)")
        #expect(stale.stdout.contains("Blocking:\n  - checklists/production-readiness.md: timing/no-business-critical-period-deadlines-peak-hours-maintenance (line 96): waiting for a sign-off; the sign-off by Ana Lima <ana@example.com> is stale\n"), "\(stale.stdout)")
        #expect(try team.read("checklists/production-readiness.md").contains("- [ ] " + widened + " @release-manager\n"), "the edit is kept")
        let resigned = try await team.signOff(".tickmark/production-readiness.json", ["No business-critical period"], by: ServiceTeam.ana, role: "release-manager", key: "ana")
        #expect(resigned.code == 0 && resigned.stdout.contains("production-readiness: GO\n"), "\(resigned.output)")
        let readiness = try team.record(".tickmark/production-readiness.json")
        #expect(readiness.signOffs.filter { $0.item.hasSuffix("no-business-critical-period-deadlines-peak-hours-maintenance") }.count == 2, "the stale sign-off stays in the record")

        // Post-release: the service dies during the watch. Round 1 asks for /health twice (the
        // health check and the latency check); the process exits 0.8 s later, before round 2.
        try await team.deployProduction()
        #expect(try await team.runPostRelease().code == 1)
        try await team.signOffBeforeWatch()
        try team.server.crash(afterHealthChecks: 2)
        let watched = try await team.watch(seconds: 5, every: 2)
        #expect(watched.code == 1, "\(watched.output)")
        let port = team.server.base.dropFirst("http://".count)
        let refused = "cannot connect to \(port): connection refused"
        #expect(watched.stdout.contains("""
            round 1: GO
            round 2: NO-GO — 4 failing
              ERROR API health endpoint returns 200 (checklists/post-release.md:46): \(refused)
              ERROR /api/version reports the release version and commit (checklists/post-release.md:52): \(refused)
              ERROR Web app responds normally (checklists/post-release.md:60): \(refused)
              ERROR Latency normal (checklists/post-release.md:80): \(refused)

            """), "\(watched.stdout)")
        #expect(watched.stdout.contains("""
            Blocking:
              - checklists/post-release.md: verify/api-health-endpoint-returns-200 (line 46): \(refused) (round 2)
              - checklists/post-release.md: verify/api-version-reports-the-release-version-and-commit (line 52): \(refused) (round 2)
              - checklists/post-release.md: verify/web-app-responds-normally (line 60): \(refused) (round 2)
              - checklists/post-release.md: watch-period/latency-normal (line 80): \(refused) (round 2)
            Watch: 2 rounds in
            """), "\(watched.stdout)")
        #expect(watched.stdout.contains(", 1 NO-GO, failed\nRecord: .tickmark/watch.json\n"), "\(watched.stdout)")
        #expect(try await team.git("git status --porcelain").isEmpty, "the checklists are as they were")

        // The people still sign their items; the release report is NO-GO on the outage alone
        // (the pull request's job never reached GO, so its record is not part of it).
        let signed = try await team.signOffAfterWatch()
        #expect(signed.stdout.contains("post-release: GO\n"), "the post-release run itself was GO: \(signed.output)")
        let report = try await team.report("release-1.4.0.md", records: Array(ServiceTeam.records.dropFirst()))
        #expect(report.code == 1 && report.stderr == "NO-GO (4 blockers): wrote release-1.4.0.md\n", "\(report.output)")
        let text = try team.read("release-1.4.0.md")
        #expect(text.hasPrefix("# ⛔ NO-GO · Release report 1.4.0\n\n4 blockers stand in the way of the release.\n"), "\(text.prefix(300))")
        print(text.prefix(2500))
        team.writeTranscript("The second pass: one thing broken per phase")
    }
}
