import Foundation
import Tickmark
import TickmarkProbes

/// The run record, `tickmark.run/v1` (SPEC §3): what ran, what it saw, who signed off, and the decision.
/// Its JSON Schema is `schemas/run-record.schema.json`.
public struct RunRecord: Codable, Sendable, Equatable {
    /// The schema identifier.
    public static let schemaID = "tickmark.run/v1"

    public var schema: String = RunRecord.schemaID
    /// The tool that wrote the record.
    public var tool: Tool
    public var startedAt: Date
    public var finishedAt: Date
    /// GO when every checklist is GO.
    public var decision: Decision
    /// Where the run happened.
    public var environment: RunEnvironment
    public var checklists: [ChecklistRecord]
    /// Approvals and rejections of manual items, oldest first.
    public var signOffs: [SignOff]
    /// For `tickmark watch`: the rounds seen (items hold their worst round).
    public var watch: WatchInfo?

    /// What a watch period saw.
    public struct WatchInfo: Codable, Sendable, Equatable {
        /// Rounds run.
        public var rounds: Int
        /// Rounds that were NO-GO.
        public var roundsNoGo: Int
        /// The interval between rounds (`--every`), as written.
        public var every: String
        /// The whole period (`--for`), as written.
        public var period: String
        /// `completed`, `failed` or `interrupted`.
        public var end: WatchEnd

        /// Creates watch information.
        public init(rounds: Int, roundsNoGo: Int, every: String, period: String, end: WatchEnd) {
            self.rounds = rounds
            self.roundsNoGo = roundsNoGo
            self.every = every
            self.period = period
            self.end = end
        }
    }

    /// The tool's name and version.
    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
    }

    /// Host, CI provider and git state.
    public struct RunEnvironment: Codable, Sendable, Equatable {
        public var host: String
        /// `github-actions`, `gitlab-ci`, `ci` (some other CI), or `nil` locally.
        public var ci: String?
        public var gitCommit: String?
        public var gitBranch: String?
        public var workingDirectory: String
    }

    /// One checklist in the run.
    public struct ChecklistRecord: Codable, Sendable, Equatable {
        public var path: String
        public var id: String
        public var title: String?
        /// SHA-256 of the exact source bytes.
        public var sha256: String
        public var decision: Decision
        public var blockers: [String]
        /// Variables used, secrets shown as `***`.
        public var variables: [String: String]
        public var requires: [String]
        public var items: [ItemRecord]
        /// The checklist's source text, so reports can be rendered anywhere (base64 when not UTF-8).
        public var source: String?
        public var sourceBase64: String?
    }

    /// One item's result.
    public struct ItemRecord: Codable, Sendable, Equatable {
        public var id: String
        public var text: String
        public var line: Int
        public var column: Int
        /// The box as written in the file when the run started: unchecked, checked or na.
        public var state: ItemState
        public var severity: ItemSeverity
        public var section: [String]
        public var owners: [String]
        /// Content digest: sign-offs are bound to it.
        public var digest: String
        public var parent: String?
        public var depth: Int
        public var status: ItemStatus
        public var reason: String
        /// Whether the item and its blocking children are done.
        public var satisfied: Bool
        /// Whether the item blocked GO.
        public var blocking: Bool
        /// Byte offset of `[` in the source, for re-rendering.
        public var boxOffset: Int
        public var probes: [ProbeRecord]
    }

    /// One probe's result, with bounded, redacted evidence.
    public struct ProbeRecord: Codable, Sendable, Equatable {
        public var kind: String
        public var line: Int
        public var column: Int
        public var summary: String
        public var status: ProbeStatus
        public var reason: String
        public var attempts: Int
        public var advisory: Bool
        public var startedAt: Date
        public var durationMilliseconds: Int
        public var evidence: Evidence
    }

    /// What a probe did and saw.
    public struct Evidence: Codable, Sendable, Equatable {
        public var action: String
        public var output: String
        public var fields: [EvidenceField]
    }
}
