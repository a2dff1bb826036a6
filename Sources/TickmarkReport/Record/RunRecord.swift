import Foundation
import Tickmark
import TickmarkProbes

/// The run record, `tickmark.run/v1` (SPEC §3): what ran, what it saw, who signed off, and the decision.
/// Its JSON Schema is `schemas/run-record.schema.json`.
package struct RunRecord: Codable, Sendable, Equatable {
    /// The schema identifier.
    package static let schemaID = "tickmark.run/v1"

    package var schema: String = RunRecord.schemaID
    /// The tool that wrote the record.
    package var tool: Tool
    package var startedAt: Date
    package var finishedAt: Date
    /// GO when every checklist is GO.
    package var decision: Decision
    /// Where the run happened.
    package var environment: RunEnvironment
    package var checklists: [ChecklistRecord]
    /// Approvals and rejections of manual items, oldest first.
    package var signOffs: [SignOff]
    /// For `tickmark watch`: the rounds seen and every round's failures (see `RunRecord+Watch.swift`).
    package var watch: WatchInfo?

    /// The tool's name and version.
    package struct Tool: Codable, Sendable, Equatable {
        package var name: String
        package var version: String
    }

    /// Host, CI provider and git state.
    package struct RunEnvironment: Codable, Sendable, Equatable {
        package var host: String
        /// `github-actions`, `gitlab-ci`, `ci` (some other CI), or `nil` locally.
        package var ci: String?
        package var gitCommit: String?
        package var gitBranch: String?
        package var workingDirectory: String
        /// The author of the change (`Name <email>` of the release commit, or a pull request's
        /// `@login`), recorded when an approval rule says `not=author`.
        package var author: String? = nil
    }

    /// One checklist in the run.
    package struct ChecklistRecord: Codable, Sendable, Equatable {
        package var path: String
        package var id: String
        package var title: String?
        /// SHA-256 of the exact source bytes.
        package var sha256: String
        package var decision: Decision
        package var blockers: [String]
        /// Variables used, secrets shown as `***`.
        package var variables: [String: String]
        package var requires: [String]
        package var items: [ItemRecord]
        /// The checklist's source text, so reports can be rendered anywhere (base64 when not UTF-8).
        package var source: String?
        package var sourceBase64: String?
        /// The author of the change the run of this checklist recorded (`environment.author`),
        /// kept per checklist when records are combined: each release phase runs on its own
        /// commit, and `not=author` is about that phase's change.
        package var author: String? = nil
    }

    /// One item's result.
    package struct ItemRecord: Codable, Sendable, Equatable {
        package var id: String
        package var text: String
        package var line: Int
        package var column: Int
        /// The box as written in the file when the run started: unchecked, checked or na.
        package var state: ItemState
        package var severity: ItemSeverity
        package var section: [String]
        package var owners: [String]
        /// Content digest: sign-offs are bound to it.
        package var digest: String
        package var parent: String?
        package var depth: Int
        package var status: ItemStatus
        package var reason: String
        /// Whether the item and its blocking children are done.
        package var satisfied: Bool
        /// Whether the item blocked GO.
        package var blocking: Bool
        /// Byte offset of `[` in the source, for re-rendering.
        package var boxOffset: Int
        package var probes: [ProbeRecord]
        /// The item's approval rules as written (`approve: 2 @release-manager`), if any.
        package var approvals: [String]? = nil
    }

    /// One probe's result, with bounded, redacted evidence.
    package struct ProbeRecord: Codable, Sendable, Equatable {
        package var kind: String
        package var line: Int
        package var column: Int
        package var summary: String
        package var status: ProbeStatus
        package var reason: String
        package var attempts: Int
        package var advisory: Bool
        package var startedAt: Date
        package var durationMilliseconds: Int
        package var evidence: Evidence
    }

    /// What a probe did and saw.
    package struct Evidence: Codable, Sendable, Equatable {
        package var action: String
        package var output: String
        package var fields: [EvidenceField]
    }
}
