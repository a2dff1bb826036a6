import Foundation
import Testing
import Tickmark
import TickmarkCLI
import TickmarkProbes
@testable import TickmarkReport
import TickmarkTestSupport

/// A temporary folder holding checklists and run records, and `tickmark` run in-process inside it.
struct Workspace {
    let scratch: TemporaryFolder
    var folder: String { scratch.path }

    init() throws {
        scratch = try TemporaryFolder()
    }

    func path(_ name: String) -> String { scratch.path(name) }

    func write(_ name: String, _ text: String) throws {
        try scratch.write(name, text)
    }

    func read(_ name: String) throws -> String {
        try scratch.text(name)
    }

    func remove() { scratch.remove() }

    /// Writes `record` as JSON to `name`.
    func write(_ name: String, record: RunRecord) throws {
        try write(name, String(decoding: try record.jsonBytes(), as: UTF8.self))
    }

    func record(_ name: String) throws -> RunRecord {
        try RunRecord.load(path(name))
    }

    /// Runs `tickmark arguments…` with this folder as the current directory.
    func run(_ arguments: [String]) async -> (code: Int32, stdout: String, stderr: String) {
        let buffer = OutputBuffer()
        let code = await TickmarkCommand.run(arguments, console: buffer.console(currentDirectory: folder))
        return (code, buffer.stdout, buffer.stderr)
    }

    /// The record of a run of the checklist at `name` (as written in this folder): probe items
    /// pass unless their text contains a key of `failing`; manual items wait for a sign-off.
    func runRecord(of name: String, failing: [String: String] = [:], finishedAfter seconds: Double = 30) throws -> RunRecord {
        let checklist = ChecklistParser.parse(Array(try read(name).utf8), path: name)
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        var parents: [String: String] = [:]
        let items = checklist.allItems.map { item -> RunRecord.ItemRecord in
            for child in item.children { parents[child.id] = item.id }
            let failure = failing.first { item.text.contains($0.key) }?.value
            let probes = item.probes.map { spec in
                RunRecord.ProbeRecord(
                    kind: spec.kind, line: spec.position.line, column: spec.position.column, summary: spec.kind,
                    status: failure == nil ? .pass : .fail, reason: failure ?? "ok", attempts: 1, advisory: false,
                    startedAt: start, durationMilliseconds: 250, evidence: RunRecord.Evidence(action: spec.kind, output: "", fields: [])
                )
            }
            let status: ItemStatus = item.state == .na ? .skipped : item.probes.isEmpty ? .manual : failure == nil ? .pass : .fail
            return RunRecord.ItemRecord(
                id: item.id, text: item.text, line: item.position.line, column: item.position.column, state: item.state,
                severity: item.severity, section: item.section, owners: item.owners, digest: item.contentDigest,
                parent: parents[item.id], depth: parents[item.id] == nil ? 0 : 1, status: status,
                reason: failure ?? (item.probes.isEmpty ? "waiting for a sign-off" : "ok"), satisfied: false, blocking: false,
                boxOffset: item.boxOffset, probes: probes
            )
        }
        let record = RunRecord(
            tool: .init(name: "tickmark", version: "0.1.0"), startedAt: start, finishedAt: start.addingTimeInterval(seconds),
            decision: .noGo, environment: .init(host: "ci", ci: nil, gitCommit: "abc123", gitBranch: "main", workingDirectory: folder),
            checklists: [RunRecord.ChecklistRecord(
                path: name, id: checklist.id, title: checklist.title, sha256: checklist.sha256, decision: .noGo, blockers: [],
                variables: Dictionary(checklist.variables.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                requires: checklist.requires, items: items, source: try read(name), sourceBase64: nil
            )],
            signOffs: []
        )
        return record.recomputed(at: record.finishedAt)
    }
}
