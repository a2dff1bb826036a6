import Foundation
import Synchronization
import Testing
@testable import TickmarkProbes
import Tickmark

/// A clock that moves only when the loop sleeps, so a 30-minute watch runs instantly.
final class ManualClock: Sendable {
    private let now = Mutex(Duration.zero)
    var elapsed: Duration { now.withLock { $0 } }
    func advance(_ by: Duration) { now.withLock { $0 += by } }
}

@Suite struct WatchLoopTests {
    /// A run whose only checklist is GO or NO-GO.
    static func outcome(_ decision: Decision, round: Int) -> RunOutcome {
        let checklist = ChecklistParser.parse(Array("- [ ] health `probe: run true`\n".utf8), path: "w.md")
        let item = ItemOutcome(
            item: checklist.allItems[0], parentID: nil, depth: 0, status: decision == .go ? .pass : .fail,
            reason: decision == .go ? "ok" : "down in round \(round)", probes: [], signOffs: [],
            ownSatisfied: decision == .go, satisfied: decision == .go, blocks: decision == .noGo, uncheckedTick: false
        )
        let result = ChecklistOutcome(checklist: checklist, items: [item], variables: [], decision: decision,
                                      blockers: decision == .go ? [] : ["health: down in round \(round)"])
        return RunOutcome(checklists: [result], decision: decision, startedAt: Date(timeIntervalSince1970: Double(round)), finishedAt: Date(timeIntervalSince1970: Double(round) + 0.5))
    }

    static func loop(_ clock: ManualClock, keepGoing: Bool = false) -> WatchLoop {
        var loop = WatchLoop(duration: .seconds(30 * 60), interval: .seconds(60), keepGoing: keepGoing)
        loop.elapsed = { clock.elapsed }
        loop.sleep = { duration in clock.advance(duration) }
        return loop
    }

    @Test func aPassingWatchRunsEveryIntervalForThePeriod() async throws {
        let clock = ManualClock()
        let rounds = Mutex(0)
        let result = try await Self.loop(clock).run(round: {
            let index = rounds.withLock { $0 += 1; return $0 }
            clock.advance(.seconds(2))          // each round takes two seconds
            return Self.outcome(.go, round: index)
        })
        #expect(result.rounds.count == 30)      // at 0, 1, …, 29 minutes
        #expect(result.end == .completed)
        #expect(result.decision == .go)
        #expect(result.merged.startedAt == Date(timeIntervalSince1970: 1))
    }

    @Test func aFailingRoundStopsTheWatchUnlessKeepGoing() async throws {
        let clock = ManualClock()
        let rounds = Mutex(0)
        let round: @Sendable () async throws -> RunOutcome = {
            let index = rounds.withLock { $0 += 1; return $0 }
            return Self.outcome(index == 4 ? .noGo : .go, round: index)
        }
        let stopped = try await Self.loop(clock).run(round: round)
        #expect(stopped.rounds == [.go, .go, .go, .noGo])
        #expect(stopped.end == .failed)
        #expect(stopped.decision == .noGo)
        #expect(stopped.merged.checklists[0].blockers == ["health: down in round 4"])

        rounds.withLock { $0 = 0 }
        let kept = try await Self.loop(ManualClock(), keepGoing: true).run(round: round)
        #expect(kept.rounds.count == 30)
        #expect(kept.end == .completed)
        #expect(kept.decision == .noGo, "one failing round makes the whole watch NO-GO")
        #expect(kept.merged.checklists[0].items[0].status == .fail, "the item keeps its worst round")
    }

    @Test func interruptionEndsCleanlyWithWhatWasSeen() async throws {
        let loop = WatchLoop(duration: .seconds(3600), interval: .milliseconds(20), keepGoing: false)
        let rounds = Mutex(0)
        let task = Task {
            try await loop.run(round: {
                let index = rounds.withLock { $0 += 1; return $0 }
                return Self.outcome(.go, round: index)
            })
        }
        try await Task.sleep(for: .milliseconds(150))
        task.cancel()
        let result = try await task.value
        #expect(result.end == .interrupted)
        #expect(result.rounds.count >= 1)
        #expect(result.decision == .go)
    }
}
