import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport

@Suite struct CombiningRecordsTests {
    static let fixture = RecordFixture(source: """
    # Release

    ## Build
    - [ ] Unit tests pass `probe: run swift test`
    - [ ] Lint is clean `probe: run swiftlint`

    ## Deploy
    - [ ] Health is green `probe: http GET https://x.test/health`
    - [ ] Release notes reviewed @pm

    """, probes: ["Lint": [.init(status: .fail, reason: "3 violations", milliseconds: 900)]])

    static func job(_ section: String, finishedAfter seconds: Double, probes: [String: [RecordFixture.Probe]] = [:]) -> RunRecord {
        var fixture = Self.fixture
        fixture.probes.merge(probes) { _, new in new }
        var record = fixture.record { $0.section.last == section }
        record.finishedAt = RecordFixture.start.addingTimeInterval(seconds)
        return record
    }

    @Test func recordsOfParallelJobsCombineIntoOneChecklist() throws {
        let build = Self.job("Build", finishedAfter: 60)
        let deploy = Self.job("Deploy", finishedAfter: 90)
        let report = try ReleaseReport.combine([("build.json", build), ("deploy.json", deploy)], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        let items = try #require(report.record.checklists.first).items
        #expect(report.record.checklists.count == 1)
        #expect(items.map(\.text) == ["Unit tests pass", "Lint is clean", "Health is green", "Release notes reviewed @pm"])
        #expect(items.map(\.status) == [.pass, .fail, .pass, .manual])
        #expect(report.counts.notRun == 0)
        #expect(report.decision == .noGo)
        #expect(report.record.startedAt == RecordFixture.start)
        #expect(report.record.finishedAt == RecordFixture.start.addingTimeInterval(90))
    }

    @Test func anItemThatRanBeatsOneThatWasSkippedOrNotSelected() throws {
        let skipped = Self.job("Build", finishedAfter: 120, probes: ["Unit tests": [.init(status: .skipped, reason: "needs lint", milliseconds: 0)]])
        let ran = Self.job("Build", finishedAfter: 60)
        let other = Self.job("Deploy", finishedAfter: 150)
        let merged = try RecordMerger.merge([("a.json", skipped), ("b.json", ran), ("c.json", other)])
        let unitTests = try #require(merged.checklists[0].items.first { $0.text == "Unit tests pass" })
        #expect(unitTests.status == .pass)
    }

    /// Each phase of a release runs on its own commit: a checklist's `not=author` is judged
    /// against the author its own run recorded, not the last record's (which may have none).
    @Test func eachChecklistKeepsTheAuthorItsRunRecorded() throws {
        var readiness = Self.job("Build", finishedAfter: 60)
        readiness.environment.author = "Bo Berg <bo@example.com>"
        var later = RecordFixture(source: "# Post-release\n\n- [ ] Announced @pm\n", path: "checklists/post-release.md").record()
        later.finishedAt = RecordFixture.start.addingTimeInterval(90)
        let merged = try RecordMerger.merge([("readiness.json", readiness), ("post-release.json", later)])
        #expect(merged.environment.author == nil)
        #expect(merged.checklists.map(\.author) == ["Bo Berg <bo@example.com>", nil])
        let decoded = try RunRecord.decode(merged.jsonBytes(), path: "combined.json")
        #expect(decoded.checklists.map(\.author) == ["Bo Berg <bo@example.com>", nil], "kept when written and read again")
    }

    @Test func aLaterRunOfAnItemWins() throws {
        let first = Self.job("Build", finishedAfter: 60)
        let rerun = Self.job("Build", finishedAfter: 300, probes: ["Lint": [.init(status: .pass, reason: "clean", milliseconds: 800)]])
        let report = try ReleaseReport.combine([("rerun.json", rerun), ("first.json", first)], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        #expect(report.record.checklists[0].items.map(\.status) == [.pass, .pass])
        #expect(report.counts.notRun == 2)
        #expect(report.decision == .go)
    }

    @Test func signOffsAreMergedWithoutDuplicates() throws {
        let approval = SignOff(
            checklist: Self.fixture.checklist.id, item: Self.fixture.id("Release notes"), itemDigest: Self.fixture.digest("Release notes"),
            by: "Ana Lima <ana@example.com>", role: "pm", at: RecordFixture.start.addingTimeInterval(30)
        )
        var first = Self.job("Deploy", finishedAfter: 60)
        first.signOffs = [approval]
        var second = Self.job("Deploy", finishedAfter: 90)
        var later = approval
        later.at = approval.at.addingTimeInterval(60)
        later.note = "read twice"
        second.signOffs = [approval, later]
        let merged = try RecordMerger.merge([("1.json", first), ("2.json", second)])
        #expect(merged.signOffs == [approval, later])
        let report = try ReleaseReport.combine([("1.json", first), ("2.json", second)], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        #expect(report.record.checklists[0].items.first { $0.text.hasPrefix("Release notes") }?.status == .signedOff)
    }

    @Test func aChecklistWhoseSourceDiffersBetweenRecordsIsRefused() throws {
        let build = Self.job("Build", finishedAfter: 60)
        var edited = Self.fixture
        edited.source += "- [ ] Added later\n"
        let other = edited.record()
        #expect(build.checklists[0].id == other.checklists[0].id)
        do {
            _ = try RecordMerger.merge([("jobs/build.json", build), ("jobs/deploy.json", other)])
            Issue.record("records of two checklist versions were combined")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("jobs/build.json") && error.message.contains("jobs/deploy.json"))
        }
    }

    @Test func durationIsTheRunTimeOfTheRecordsNotTheSpanBetweenThem() throws {
        // Staging ran for 40 s; the watch after the deploy ran for 30 minutes, a day later.
        var staging = Self.job("Build", finishedAfter: 40)
        staging.startedAt = RecordFixture.start
        var watch = Self.job("Deploy", finishedAfter: 0)
        watch.startedAt = RecordFixture.start.addingTimeInterval(86_400)
        watch.finishedAt = watch.startedAt.addingTimeInterval(30 * 60)
        watch.watch = RunRecord.WatchInfo(rounds: 30, roundsNoGo: 0, every: "1m", period: "30m", end: .completed)
        let report = try ReleaseReport.combine([("staging.json", staging), ("watch.json", watch)], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        #expect(report.durationMilliseconds == 40_000 + 30 * 60_000)
        #expect(try ReportRenderer.render(report, format: .md).contains("| Duration | 30 min 40 s |"))

        let alone = try ReleaseReport.combine([("watch.json", watch)], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        #expect(alone.durationMilliseconds == 30 * 60_000, "one watch record: the watch's span")
        let twice = try ReleaseReport.combine([("watch.json", watch), ("copy.json", watch)], at: ReleaseFixture.reportTime, toolVersion: "0.1.0")
        #expect(twice.durationMilliseconds == 30 * 60_000, "the same record given twice counts once")
    }
}
