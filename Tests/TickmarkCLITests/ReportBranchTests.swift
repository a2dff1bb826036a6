import Foundation
import Testing
import Tickmark
import TickmarkCLI
import TickmarkTestSupport
@testable import TickmarkReport

/// A release's records come from several checkouts (the release branch for staging, main for
/// production readiness, the tag's detached HEAD after the deploy): the combined report names
/// every branch, as it names every commit, instead of only the last record's (empty on a tag).
/// Each record knows its commit and branch even when its checklist uses no git variable.
@Suite struct ReportBranchTests {
    @Test func aRunRecordNamesItsBranchAndCommitWithoutGitVariables() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("checks.md", "# Checks\n\n- [ ] Builds `probe: run true`\n")
        try Shell.run("git init -q -b release/v2.0.0 && git add -A && git commit -q -m First", in: workspace.folder)
        let head = try Shell.run("git rev-parse HEAD", in: workspace.folder).trimmingCharacters(in: .whitespacesAndNewlines)
        let run = await workspace.run(["run", "checks.md", "--record", ".tickmark/checks.json"])
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        let record = try workspace.record(".tickmark/checks.json")
        #expect(record.environment.gitBranch == "release/v2.0.0")
        #expect(record.environment.gitCommit == head)
        let watched = await workspace.run(["watch", "checks.md", "--for", "1s", "--every", "1s", "--record", ".tickmark/watch.json"])
        #expect(watched.code == 0, "\(watched.stdout)\(watched.stderr)")
        #expect(try workspace.record(".tickmark/watch.json").environment.gitBranch == "release/v2.0.0")
    }

    @Test func theSummaryNamesTheBranchOfEveryRecord() async throws {
        let workspace = try ReportCommandTests.workspace()
        defer { workspace.remove() }
        var build = try workspace.record("jobs/build.json")
        build.environment.gitBranch = "release/v1.4.0"
        try workspace.write("jobs/build.json", record: build)
        var ship = try workspace.record("jobs/ship.json")
        ship.environment.gitBranch = "main"
        try workspace.write("jobs/ship.json", record: ship)
        var tag = try workspace.record("jobs/ship.json")
        tag.environment.gitBranch = ""
        tag.finishedAt = tag.finishedAt.addingTimeInterval(60)
        try workspace.write("jobs/tag.json", record: tag)

        let report = await workspace.run(["report", "jobs/build.json", "jobs/ship.json", "jobs/tag.json"])
        #expect(report.stdout.contains("| Branch | release/v1.4.0, main |\n"), "\(report.stdout.prefix(600))")
        let alone = await workspace.run(["report", "jobs/tag.json"])
        #expect(!alone.stdout.contains("| Branch |"), "no empty row: \(alone.stdout.prefix(600))")
    }
}
