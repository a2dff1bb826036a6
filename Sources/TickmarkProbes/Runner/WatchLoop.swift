import Foundation
import Tickmark

/// How a watch period ended.
package enum WatchEnd: String, Sendable, Codable {
    /// The whole period passed.
    case completed
    /// A round before the last was NO-GO and `keepGoing` was off: the watch stopped early.
    case failed
    /// The watch was interrupted (Ctrl-C); what was seen until then is kept.
    case interrupted
}

/// The result of a watch period: every round's decision and failures, and one outcome per item.
package struct WatchOutcome: Sendable {
    /// Per item, the round where its failure first made the watch NO-GO, else its last round.
    package var merged: RunOutcome
    /// Each round's decision, in order.
    package var rounds: [Decision]
    /// Every item that failed in every round, in round order.
    package var failures: [WatchFailure]
    /// Rounds in a row an item could fail before the watch was NO-GO (`--tolerate`).
    package var tolerate: Int
    /// How it ended.
    package var end: WatchEnd
    /// NO-GO if any round was NO-GO.
    package var decision: Decision { rounds.contains(.noGo) || rounds.isEmpty ? .noGo : .go }
}

/// The watch period of a release: re-runs the probes every interval for a duration.
///
/// An item may fail `tolerate` rounds in a row without making the watch NO-GO; a round where it
/// passes resets its count. An item still failing in the last round makes the watch NO-GO, as no
/// later round can show that it recovered.
package struct WatchLoop: Sendable {
    /// Total duration (`--for`).
    package var duration: Duration
    /// Pause between the starts of two rounds (`--every`).
    package var interval: Duration
    /// Keep watching after a NO-GO round (`--keep-going`).
    package var keepGoing: Bool
    /// Rounds in a row an item may fail before the watch is NO-GO (`--tolerate`, default 0).
    package var tolerate: Int
    /// Sleeps; injectable so tests need not wait.
    package var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// A monotonic "now", injectable with `sleep`.
    package var elapsed: @Sendable () -> Duration

    /// Creates a loop with the real clock.
    package init(duration: Duration, interval: Duration, keepGoing: Bool, tolerate: Int = 0) {
        self.duration = duration
        self.interval = interval
        self.keepGoing = keepGoing
        self.tolerate = tolerate
        let start = ContinuousClock.now
        self.elapsed = { ContinuousClock.now - start }
    }

    /// Runs rounds until the period ends, a round is NO-GO (unless `keepGoing`), or the task is
    /// cancelled. `round` runs one round; `onRound` sees each round, judged, as it ends.
    package func run(
        round: @Sendable () async throws -> RunOutcome,
        onRound: @Sendable (WatchRound) -> Void = { _ in }
    ) async throws -> WatchOutcome {
        var rounds: [WatchRound] = []
        var tally = WatchTally(tolerate: tolerate)
        var end = WatchEnd.completed
        let origin = elapsed()   // the period starts with the first round, not when the loop was made
        let elapsed = { self.elapsed() - origin }
        while true {
            if Task.isCancelled { end = .interrupted; break }
            let roundStart = elapsed()
            let outcome = try await round()
            let next = roundStart + interval
            let cancelled = Task.isCancelled
            let judged = tally.judge(outcome, index: rounds.count + 1, last: cancelled || next >= duration)
            rounds.append(judged)
            onRound(judged)
            if cancelled { end = .interrupted; break }
            if next >= duration { break }
            if judged.decision == .noGo && !keepGoing { end = .failed; break }
            do {
                try await sleep(max(.zero, next - elapsed()))
            } catch {
                end = .interrupted
                break
            }
        }
        // Interrupted while waiting: the round seen last is the last one after all.
        if end == .interrupted, let last = rounds.indices.last, !rounds[last].last { rounds[last].close() }
        guard let merged = WatchLoop.merge(rounds) else {
            throw CancellationError()
        }
        return WatchOutcome(
            merged: merged, rounds: rounds.map(\.decision), failures: rounds.flatMap(\.failures), tolerate: tally.tolerate, end: end
        )
    }

    /// One outcome per item: the round where its failure first blocked, else its last round.
    /// Blockers name the round: `api-health (line 12): connection refused (round 7)`.
    static func merge(_ rounds: [WatchRound]) -> RunOutcome? {
        guard var merged = rounds.last?.outcome, let first = rounds.first?.outcome else { return nil }
        merged.startedAt = first.startedAt
        for checklistIndex in merged.checklists.indices {
            let path = merged.checklists[checklistIndex].checklist.path
            var blockers: [String] = []
            for itemIndex in merged.checklists[checklistIndex].items.indices {
                let id = merged.checklists[checklistIndex].items[itemIndex].item.id
                let blocked = rounds.lazy.compactMap { round -> (index: Int, item: ItemOutcome)? in
                    guard round.failures.contains(where: { $0.path == path && $0.item == id && $0.blocking }),
                          checklistIndex < round.outcome.checklists.count,
                          let item = round.outcome.checklists[checklistIndex].items.first(where: { $0.item.id == id }) else { return nil }
                    return (round.index, item)
                }.first
                if let blocked {
                    merged.checklists[checklistIndex].items[itemIndex] = blocked.item
                    blockers.append("\(id) (line \(blocked.item.item.position.line)): \(blocked.item.reason) (round \(blocked.index))")
                } else {
                    merged.checklists[checklistIndex].items[itemIndex].blocks = false
                }
            }
            for round in rounds where checklistIndex < round.outcome.checklists.count {
                for blocker in WatchTally.otherBlockers(of: round.outcome.checklists[checklistIndex]) where !blockers.contains(blocker) {
                    blockers.append(blocker)
                }
            }
            merged.checklists[checklistIndex].blockers = blockers
            merged.checklists[checklistIndex].decision = blockers.isEmpty ? .go : .noGo
        }
        merged.decision = merged.checklists.allSatisfy { $0.decision == .go } ? .go : .noGo
        return merged
    }
}
