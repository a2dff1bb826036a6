import Foundation

/// What the release board shows, already decided and worded: the one place that says what a
/// phase holds. `BoardBuilder` fills it from checklists and run records, `BoardPage` lays it out.
///
/// Items with approval rules (`approve: 2 @release-manager`) that still wait are in
/// `approvalsMissing`, worded as the decision words them ("1 of 2 approvals from
/// @release-manager; may still approve: Chen Wu"); evidence with `fresh:` inside its `warn:` time
/// is in `expiring`, with the moment it stops counting.
package struct BoardView: Sendable, Equatable {
    /// The release, e.g. `2.4.0` (the `version` variable of the records), when known.
    package var release: String?
    package var generatedAt: Date
    /// `GO` when every phase is GO, else `NO-GO`.
    package var decision: String
    /// The checklists in `requires:` order.
    package var phases: [Phase]
    /// Records read, for the page's note on where it comes from.
    package var recordsRead: Int

    /// One checklist of the release.
    package struct Phase: Sendable, Equatable {
        package var id: String
        package var title: String
        package var path: String
        /// Checklists (ids) that must be GO first.
        package var requires: [String]
        /// `GO`, `NO-GO`, or `NOT RUN` when no record has it.
        package var decision: String
        /// The record the phase is read from: its file and when it finished.
        package var recordPath: String?
        package var recordFinishedAt: Date?
        package var commit: String?
        /// What fails or errs, and unmet `requires:`.
        package var blockers: [Line]
        /// Manual items still waiting for a sign-off, and who may give it.
        package var signOffsMissing: [SignOffMissing]
        /// Items whose approval rules are not met yet, and what they lack.
        package var approvalsMissing: [ApprovalMissing]
        /// Evidence inside its `warn:` time: it expires soon.
        package var expiring: [Countdown]
        /// The watch period, when the phase was watched.
        package var watch: Watch?
    }

    /// An item that blocks, with where it is and why.
    package struct Line: Sendable, Equatable {
        package var item: String?
        package var line: Int?
        package var text: String
        package var reason: String
    }

    /// A manual item waiting for a sign-off.
    package struct SignOffMissing: Sendable, Equatable {
        package var item: String
        package var line: Int
        package var text: String
        /// The owners named on the item (`@ana`), or empty when anyone may sign off.
        package var whoMay: [String]
    }

    /// Approvals still needed by an approval rule: how many, from whom.
    package struct ApprovalMissing: Sendable, Equatable {
        package var item: String
        package var text: String
        /// e.g. "1 of 2 approvals from @release-manager".
        package var missing: String
        /// People who may still give them.
        package var whoMay: [String]
    }

    /// Evidence that stops counting at `expiresAt`.
    package struct Countdown: Sendable, Equatable {
        package var item: String
        package var text: String
        package var expiresAt: Date
    }

    /// A watch period's rounds.
    package struct Watch: Sendable, Equatable {
        package var rounds: [Bool]
        package var every: String
        package var period: String
        /// `completed`, `failed` or `interrupted`.
        package var end: String
        /// Per failing round: the round and what failed.
        package var failures: [(round: Int, text: String)]

        package static func == (left: Watch, right: Watch) -> Bool {
            left.rounds == right.rounds && left.every == right.every && left.period == right.period && left.end == right.end
                && left.failures.map(\.round) == right.failures.map(\.round) && left.failures.map(\.text) == right.failures.map(\.text)
        }
    }
}
