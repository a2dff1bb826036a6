import Foundation
import Tickmark
import TickmarkProbes

extension RunRecord {
    /// The record of `outcome`, with `signOffs` carried over.
    package init(outcome: RunOutcome, environment: RunEnvironment, version: String, signOffs: [SignOff] = []) {
        self.init(
            tool: Tool(name: "tickmark", version: version), startedAt: outcome.startedAt, finishedAt: outcome.finishedAt,
            decision: outcome.decision, environment: environment,
            checklists: outcome.checklists.map(ChecklistRecord.init(outcome:)), signOffs: signOffs, watch: nil
        )
    }

    /// The environment of this process: host name, CI provider, git commit and branch (as given).
    package static func currentEnvironment(variables: [String: String], workingDirectory: String, gitCommit: String?, gitBranch: String?) -> RunEnvironment {
        var ci: String?
        if variables["GITHUB_ACTIONS"] == "true" {
            ci = "github-actions"
        } else if variables["GITLAB_CI"] != nil {
            ci = "gitlab-ci"
        } else if variables["CI"] != nil {
            ci = "ci"
        }
        return RunEnvironment(
            host: ProcessInfo.processInfo.hostName, ci: ci, gitCommit: gitCommit ?? variables["GITHUB_SHA"],
            gitBranch: gitBranch ?? variables["GITHUB_REF_NAME"], workingDirectory: workingDirectory
        )
    }
}

extension RunRecord.ChecklistRecord {
    init(outcome: ChecklistOutcome) {
        let bytes = outcome.checklist.source.bytes
        let text = String(validating: bytes, as: UTF8.self)
        self.init(
            path: outcome.checklist.path, id: outcome.checklist.id, title: outcome.checklist.title,
            sha256: outcome.checklist.sha256, decision: outcome.decision, blockers: outcome.blockers,
            variables: Dictionary(outcome.variables.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
            requires: outcome.checklist.requires, items: outcome.items.map(RunRecord.ItemRecord.init(outcome:)),
            source: text, sourceBase64: text == nil ? Base64.encode(bytes) : nil
        )
    }

    /// The exact source bytes the record holds.
    package var sourceBytes: [UInt8]? {
        if let source { return Array(source.utf8) }
        if let sourceBase64, let bytes = Base64.decode(sourceBase64) { return bytes }
        return nil
    }
}

extension RunRecord.ItemRecord {
    init(outcome: ItemOutcome) {
        let item = outcome.item
        self.init(
            id: item.id, text: item.text, line: item.position.line, column: item.position.column, state: item.state,
            severity: item.severity, section: item.section, owners: item.owners, digest: item.contentDigest,
            parent: outcome.parentID, depth: outcome.depth, status: outcome.status, reason: outcome.reason,
            satisfied: outcome.satisfied, blocking: outcome.blocks || outcome.uncheckedTick, boxOffset: item.boxOffset,
            probes: outcome.probes.map(RunRecord.ProbeRecord.init(outcome:)), approvals: item.approvals.isEmpty ? nil : item.approvals.map(\.source)
        )
    }
}

extension RunRecord.ProbeRecord {
    init(outcome: ProbeOutcome) {
        let components = outcome.duration.components
        self.init(
            kind: outcome.kind, line: outcome.position.line, column: outcome.position.column, summary: outcome.summary,
            status: outcome.result.status, reason: outcome.result.reason, attempts: outcome.attempts,
            advisory: outcome.advisory, startedAt: outcome.startedAt,
            durationMilliseconds: Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000),
            evidence: RunRecord.Evidence(action: outcome.result.evidence.action, output: outcome.result.evidence.output, fields: outcome.result.evidence.fields)
        )
    }
}
