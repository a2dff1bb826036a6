import Testing
import TickmarkProbes

@Suite struct ChecklistExecutionTests {
    private let runs = "\(ProbeRun.folder)/.tickmark/runs"

    private func record(_ finished: String, _ entries: [(id: String, path: String, decision: String)], schema: String = "tickmark.run/v1") -> String {
        let list = entries.map { #"{"id": "\#($0.id)", "path": "\#($0.path)", "decision": "\#($0.decision)", "items": []}"# }
        return #"{"schema": "\#(schema)", "startedAt": "2026-05-01T00:00:00Z", "finishedAt": "\#(finished)", "checklists": [\#(list.joined(separator: ", "))]}"#
    }

    private func run(_ probe: String, _ files: [String: String]) async throws -> ProbeResult {
        try await ProbeRun.inline(probe, in: ProbeRun.context(files: InMemoryFileReader(files)))
    }

    @Test func theLatestRecordDecides() async throws {
        let files = [
            "\(runs)/staging-1.json": record("2026-05-10T09:00:00Z", [("staging", "checklists/staging.md", "NO-GO")]),
            "\(runs)/staging-2.json": record("2026-05-11T09:00:00.250Z", [("staging", "checklists/staging.md", "GO"), ("pr", "checklists/pr.md", "NO-GO")]),
            "\(runs)/notes.txt": "not a record",
        ]
        let result = try await run("probe: checklist staging", files)
        #expect(result.status == .pass)
        #expect(result.reason == "'staging' was GO in its latest run (finished 2026-05-11T09:00:00Z, .tickmark/runs/staging-2.json)")
        let byPath = try await run("probe: checklist ./checklists/pr.md", files)
        #expect(byPath.status == .fail)
        #expect(byPath.reason == "./checklists/pr.md was NO-GO in its latest run (finished 2026-05-11T09:00:00Z, .tickmark/runs/staging-2.json)")
    }

    @Test func aNewerNoGoOutweighsAnOlderGo() async throws {
        let files = [
            "\(runs)/a.json": record("2026-05-12T09:00:00Z", [("staging", "staging.md", "NO-GO")]),
            "\(runs)/b.json": record("2026-05-11T09:00:00Z", [("staging", "staging.md", "GO")]),
        ]
        #expect(try await run("probe: checklist staging", files).status == .fail)
    }

    @Test func withoutARecordItFails() async throws {
        let files = [
            "\(runs)/other.json": record("2026-05-11T09:00:00Z", [("production", "production.md", "GO")]),
            "\(runs)/old.json": record("2026-05-11T09:00:00Z", [("staging", "staging.md", "GO")], schema: "tickmark.run/v0"),
            "\(runs)/broken.json": "{",
        ]
        let result = try await run("probe: checklist staging", files)
        #expect(result.status == .fail)
        #expect(result.reason == "no run record for 'staging' in .tickmark")
        #expect(result.evidence.field("unreadable") == "2")
        let elsewhere = try await run("probe: checklist staging records=ci/records", [:])
        #expect(elsewhere.reason == "no run record for 'staging' in ci/records")
    }

    @Test func recordsAnywhereInTheRecordsFolderCount() async throws {
        let files = [
            "\(runs)/staging-20260510T090000Z.json": record("2026-05-10T09:00:00Z", [("staging", "staging.md", "NO-GO")]),
            "\(ProbeRun.folder)/.tickmark/release.json": record("2026-05-11T09:00:00Z", [("staging", "staging.md", "GO")]),
            "\(ProbeRun.folder)/.tickmark/archive/2026/old.json": record("2026-05-01T09:00:00Z", [("staging", "staging.md", "GO")]),
        ]
        let result = try await run("probe: checklist staging", files)
        #expect(result.status == .pass)
        #expect(result.reason == "'staging' was GO in its latest run (finished 2026-05-11T09:00:00Z, .tickmark/release.json)")
        #expect(result.evidence.field("records") == "3")
    }

    @Test func theContextNamesTheRecordsFolder() async throws {
        let files = ["/srv/records/runs/staging.json": record("2026-05-11T09:00:00Z", [("staging", "staging.md", "GO")])]
        var context = ProbeRun.context(files: InMemoryFileReader(files))
        #expect(try await ProbeRun.inline("probe: checklist staging", in: context).status == .fail)
        context.recordsFolder = "/srv/records"
        let result = try await ProbeRun.inline("probe: checklist staging", in: context)
        #expect(result.reason == "'staging' was GO in its latest run (finished 2026-05-11T09:00:00Z, /srv/records/runs/staging.json)")
    }
}
