import Foundation
import Tickmark

/// How a watch period ended.
package enum WatchEnd: String, Sendable, Codable {
    /// The whole period passed.
    case completed
    /// A blocking probe failed and `keepGoing` was off.
    case failed
    /// The watch was interrupted (Ctrl-C); what was seen until then is kept.
    case interrupted
}

/// The result of a watch period: every round's decision, and the worst result of each item.
package struct WatchOutcome: Sendable {
    /// Per item, the round where it did worst (its first failing round, else its last round).
    package var merged: RunOutcome
    /// Each round's decision, in order.
    package var rounds: [Decision]
    /// How it ended.
    package var end: WatchEnd
    /// NO-GO if any round was NO-GO.
    package var decision: Decision { rounds.contains(.noGo) || rounds.isEmpty ? .noGo : .go }
}

/// The watch period of a release: re-runs the probes every interval for a duration.
package struct WatchLoop: Sendable {
    /// Total duration (`--for`).
    package var duration: Duration
    /// Pause between the starts of two rounds (`--every`).
    package var interval: Duration
    /// Keep watching after a failing round (`--keep-going`).
    package var keepGoing: Bool
    /// Sleeps; injectable so tests need not wait.
    package var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// A monotonic "now", injectable with `sleep`.
    package var elapsed: @Sendable () -> Duration

    /// Creates a loop with the real clock.
    package init(duration: Duration, interval: Duration, keepGoing: Bool) {
        self.duration = duration
        self.interval = interval
        self.keepGoing = keepGoing
        let start = ContinuousClock.now
        self.elapsed = { ContinuousClock.now - start }
    }

    /// Runs rounds until the period ends, a round fails (unless `keepGoing`), or the task is cancelled.
    /// `round` runs one round; `onRound` sees each round's outcome as it ends.
    package func run(
        round: @Sendable () async throws -> RunOutcome,
        onRound: @Sendable (Int, RunOutcome) -> Void = { _, _ in }
    ) async throws -> WatchOutcome {
        var outcomes: [RunOutcome] = []
        var end = WatchEnd.completed
        var roundIndex = 0
        let origin = elapsed()   // the period starts with the first round, not when the loop was made
        let elapsed = { self.elapsed() - origin }
        while true {
            if Task.isCancelled { end = .interrupted; break }
            let roundStart = elapsed()
            let outcome = try await round()
            roundIndex += 1
            outcomes.append(outcome)
            onRound(roundIndex, outcome)
            if Task.isCancelled { end = .interrupted; break }
            if outcome.decision == .noGo && !keepGoing { end = .failed; break }
            let next = roundStart + interval
            if next >= duration { break }
            do {
                try await sleep(max(.zero, next - elapsed()))
            } catch {
                end = .interrupted
                break
            }
        }
        guard let merged = WatchLoop.merge(outcomes) else {
            throw CancellationError()
        }
        return WatchOutcome(merged: merged, rounds: outcomes.map(\.decision), end: end)
    }

    /// One outcome per item: the first round in which it blocked, else the last round.
    static func merge(_ outcomes: [RunOutcome]) -> RunOutcome? {
        guard var merged = outcomes.last, let first = outcomes.first else { return nil }
        merged.startedAt = first.startedAt
        for checklistIndex in merged.checklists.indices {
            var blockers: [String] = []
            for itemIndex in merged.checklists[checklistIndex].items.indices {
                let failing = outcomes.first { outcome in
                    checklistIndex < outcome.checklists.count
                        && itemIndex < outcome.checklists[checklistIndex].items.count
                        && outcome.checklists[checklistIndex].items[itemIndex].blocks
                }
                if let failing {
                    merged.checklists[checklistIndex].items[itemIndex] = failing.checklists[checklistIndex].items[itemIndex]
                }
            }
            for outcome in outcomes where checklistIndex < outcome.checklists.count {
                for blocker in outcome.checklists[checklistIndex].blockers where !blockers.contains(blocker) { blockers.append(blocker) }
            }
            merged.checklists[checklistIndex].blockers = blockers
            merged.checklists[checklistIndex].decision = blockers.isEmpty ? .go : .noGo
        }
        merged.decision = merged.checklists.allSatisfy { $0.decision == .go } ? .go : .noGo
        return merged
    }
}
