import Foundation
import Tickmark
import TickmarkProbes
@testable import TickmarkReport

/// Run records built in code: a checklist source, parsed as the runner would, with the result of
/// each item given by a part of its text.
struct RecordFixture {
    /// A probe's recorded result.
    struct Probe {
        var status: ProbeStatus
        var reason: String
        var milliseconds: Int
        var summary = ""
        var action = ""
        var output = ""
        var fields: [EvidenceField] = []
        var attempts = 1
    }

    static let start = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18 11:06:40 UTC

    var source: String
    var path = "checklists/release.md"
    /// Probe results by a part of the item text; items with probes and no entry pass quickly.
    var probes: [String: [Probe]] = [:]
    var gitCommit = "3f9c2d41b7e08a5c6d2f1e0b9a8c7d6e5f4a3b2c"

    /// The parsed checklist.
    var checklist: Checklist { ChecklistParser.parse(Array(source.utf8), path: path) }

    /// The record of a run started at `start` (manual items waiting; decisions as recomputed at
    /// the end of the run).
    func record(start: Date = RecordFixture.start, selecting selected: (ChecklistItem) -> Bool = { _ in true }) -> RunRecord {
        let checklist = self.checklist
        var items: [RunRecord.ItemRecord] = []
        var parents: [String: String] = [:]
        var depths: [String: Int] = [:]
        for item in checklist.allItems {
            for child in item.children { parents[child.id] = item.id }
            depths[item.id] = parents[item.id].map { (depths[$0] ?? 0) + 1 } ?? 0
            guard selected(item) else { continue }
            items.append(itemRecord(item, parent: parents[item.id], depth: depths[item.id] ?? 0, start: start))
        }
        let total = items.flatMap(\.probes).reduce(0) { $0 + $1.durationMilliseconds }
        let variables = Dictionary(checklist.variables.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let record = RunRecord(
            tool: .init(name: "tickmark", version: "0.1.0"), startedAt: start,
            finishedAt: start.addingTimeInterval(Double(total) / 1000 + 1.5), decision: .noGo,
            environment: .init(host: "ci-runner-7", ci: "github-actions", gitCommit: gitCommit, gitBranch: "main", workingDirectory: "/home/ci/app"),
            checklists: [RunRecord.ChecklistRecord(
                path: path, id: checklist.id, title: checklist.title, sha256: checklist.sha256, decision: .noGo, blockers: [],
                variables: variables, requires: checklist.requires, items: items, source: source, sourceBase64: nil
            )],
            signOffs: []
        )
        return record.recomputed(at: record.finishedAt)
    }

    private func itemRecord(_ item: ChecklistItem, parent: String?, depth: Int, start: Date) -> RunRecord.ItemRecord {
        var status: ItemStatus = .manual
        var reason = "waiting for a sign-off"
        var probeRecords: [RunRecord.ProbeRecord] = []
        if item.state == .na {
            (status, reason) = (.skipped, "not applicable")
        } else if !item.probes.isEmpty {
            let given = probes.first { item.text.contains($0.key) }?.value
            let results = given ?? item.probes.map { _ in Probe(status: .pass, reason: "ok", milliseconds: 12) }
            for (spec, result) in zip(item.probes, results) {
                probeRecords.append(RunRecord.ProbeRecord(
                    kind: spec.kind, line: spec.position.line, column: spec.position.column, summary: result.summary.isEmpty ? spec.kind : result.summary,
                    status: result.status, reason: result.reason, attempts: result.attempts, advisory: item.severity == .advisory,
                    startedAt: start, durationMilliseconds: result.milliseconds,
                    evidence: RunRecord.Evidence(action: result.action, output: result.output, fields: result.fields)
                ))
            }
            let statuses = results.map(\.status)
            if let failed = results.first(where: { $0.status == .fail }) {
                (status, reason) = (.fail, failed.reason)
            } else if let errored = results.first(where: { $0.status == .error }) {
                (status, reason) = (.error, errored.reason)
            } else if statuses.allSatisfy({ $0 == .skipped }) {
                (status, reason) = (.skipped, results.first?.reason ?? "skipped")
            } else {
                (status, reason) = (.pass, results.count == 1 ? results[0].reason : "\(results.count) probes passed")
            }
        }
        return RunRecord.ItemRecord(
            id: item.id, text: item.text, line: item.position.line, column: item.position.column, state: item.state,
            severity: item.severity, section: item.section, owners: item.owners, digest: item.contentDigest,
            parent: parent, depth: depth, status: status, reason: reason, satisfied: false, blocking: false,
            boxOffset: item.boxOffset, probes: probeRecords
        )
    }

    /// The id of the item whose text contains `text`.
    func id(_ text: String) -> String {
        checklist.allItems.first { $0.text.contains(text) }!.id
    }

    /// The content digest of the item whose text contains `text`.
    func digest(_ text: String) -> String {
        checklist.allItems.first { $0.text.contains(text) }!.contentDigest
    }
}
