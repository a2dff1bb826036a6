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
    /// A run of one checklist whose items are `names` (an `(Optional)` one is advisory), each
    /// failing when it is in `failing`, as the runner decides it.
    static func outcome(round: Int, names: [String] = ["health"], failing: Set<String> = []) -> RunOutcome {
        let source = names.map { "- [ ] \($0) `probe: run true`\n" }.joined()
        let checklist = ChecklistParser.parse(Array(source.utf8), path: "w.md")
        var blockers: [String] = []
        let items = checklist.allItems.map { item -> ItemOutcome in
            let fails = failing.contains(item.text)
            let blocks = fails && item.severity == .blocking
            if blocks { blockers.append("\(item.id) (line \(item.position.line)): down in round \(round)") }
            return ItemOutcome(
                item: item, parentID: nil, depth: 0, status: fails ? .fail : .pass, reason: fails ? "down in round \(round)" : "ok",
                probes: [], signOffs: [], ownSatisfied: !fails, satisfied: !fails, blocks: blocks, uncheckedTick: false
            )
        }
        let decision: Decision = blockers.isEmpty ? .go : .noGo
        let result = ChecklistOutcome(checklist: checklist, items: items, variables: [], decision: decision, blockers: blockers)
        return RunOutcome(checklists: [result], decision: decision, startedAt: Date(timeIntervalSince1970: Double(round)), finishedAt: Date(timeIntervalSince1970: Double(round) + 0.5))
    }

    /// A run that is GO or NO-GO by its one item, `health`.
    static func outcome(_ decision: Decision, round: Int) -> RunOutcome {
        outcome(round: round, failing: decision == .go ? [] : ["health"])
    }

    static func loop(_ clock: ManualClock, keepGoing: Bool = false, tolerate: Int = 0) -> WatchLoop {
        var loop = WatchLoop(duration: .seconds(30 * 60), interval: .seconds(60), keepGoing: keepGoing, tolerate: tolerate)
        loop.elapsed = { clock.elapsed }
        loop.sleep = { duration in clock.advance(duration) }
        return loop
    }

    /// Runs a 30-round watch where round `n` fails the items `failing[n]`.
    static func watch(tolerate: Int, keepGoing: Bool = false, names: [String] = ["health"], failing: [Int: Set<String>]) async throws -> (WatchOutcome, [WatchRound]) {
        let rounds = Mutex(0)
        let seen = Mutex<[WatchRound]>([])
        let outcome = try await loop(ManualClock(), keepGoing: keepGoing, tolerate: tolerate).run(round: {
            let index = rounds.withLock { $0 += 1; return $0 }
            return Self.outcome(round: index, names: names, failing: failing[index] ?? [])
        }, onRound: { round in seen.withLock { $0.append(round) } })
        return (outcome, seen.withLock { $0 })
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
        #expect(result.merged.finishedAt == Date(timeIntervalSince1970: 30.5), "the watch's span: first round's start to last round's end")
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
        #expect(stopped.merged.checklists[0].blockers == ["health (line 1): down in round 4 (round 4)"])

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

    @Test func anItemMayFailToleratedRoundsInARowAndARecoveryResetsItsCount() async throws {
        // Down in round 2, back in 3; down in 5 and 6: the second outage is one round too long.
        let (outcome, rounds) = try await Self.watch(tolerate: 1, failing: [2: ["health"], 5: ["health"], 6: ["health"]])
        #expect(outcome.rounds == [.go, .go, .go, .go, .go, .noGo])
        #expect(outcome.end == .failed)
        #expect(outcome.decision == .noGo)
        #expect(outcome.failures.map(\.round) == [2, 5, 6])
        #expect(outcome.failures.map(\.streak) == [1, 1, 2])
        #expect(outcome.failures.map(\.blocking) == [false, false, true])
        #expect(rounds[1].tolerated.count == 1 && rounds[1].decision == .go)
        #expect(outcome.merged.checklists[0].blockers == ["health (line 1): down in round 6 (round 6)"])
        #expect(outcome.merged.checklists[0].items[0].reason == "down in round 6", "the item holds the round that made the watch NO-GO")

        let (recovered, _) = try await Self.watch(tolerate: 2, failing: [2: ["health"], 3: ["health"], 10: ["health"]])
        #expect(recovered.rounds.count == 30)
        #expect(recovered.decision == .go)
        #expect(recovered.end == .completed)
        #expect(recovered.merged.checklists[0].items[0].status == .pass)
        #expect(recovered.merged.checklists[0].items[0].blocks == false)
        #expect(recovered.merged.decision == .go)
        #expect(recovered.failures.count == 3, "tolerated failures are kept")
    }

    @Test func theDefaultToleranceMakesTheFirstFailingRoundNoGo() async throws {
        let (outcome, _) = try await Self.watch(tolerate: 0, failing: [3: ["health"]])
        #expect(outcome.rounds == [.go, .go, .noGo])
        #expect(outcome.failures.map(\.blocking) == [true])
    }

    @Test func anItemStillFailingInTheLastRoundMakesTheWatchNoGo() async throws {
        // Round 30 is the last of a 30-minute watch every minute: no later round can show a recovery.
        let (outcome, rounds) = try await Self.watch(tolerate: 3, failing: [30: ["health"]])
        #expect(outcome.rounds.count == 30)
        #expect(outcome.rounds.last == .noGo)
        #expect(outcome.end == .completed)
        #expect(outcome.decision == .noGo)
        #expect(rounds.last?.last == true)
        #expect(outcome.failures.map(\.blocking) == [true])
        #expect(outcome.merged.decision == .noGo)
    }

    @Test func everyFailingItemOfEveryRoundIsKept() async throws {
        let names = ["health", "queue", "(Optional) latency"]
        let everything: Set<String> = ["health", "queue", "(Optional) latency"]
        let (outcome, rounds) = try await Self.watch(
            tolerate: 0, keepGoing: true, names: names, failing: [4: everything, 5: ["queue"], 9: ["(Optional) latency"]]
        )
        #expect(outcome.rounds.count == 30)
        #expect(outcome.failures.map(\.round) == [4, 4, 4, 5, 9])
        #expect(outcome.failures.map(\.text) == ["health", "queue", "(Optional) latency", "queue", "(Optional) latency"])
        #expect(outcome.failures.map(\.streak) == [1, 1, 1, 2, 1])
        #expect(outcome.failures.map(\.advisory) == [false, false, true, false, true])
        #expect(outcome.failures.map(\.blocking) == [true, true, false, true, false])
        #expect(rounds[8].decision == .go, "an advisory failure never makes a round NO-GO")
        #expect(outcome.rounds.filter { $0 == .noGo }.count == 2)
        #expect(outcome.merged.checklists[0].blockers == [
            "health (line 1): down in round 4 (round 4)", "queue (line 2): down in round 4 (round 4)",
        ])
    }

    @Test func aNoGoThatNamesNoItemCountsWhateverTheTolerance() async throws {
        let clock = ManualClock()
        let result = try await Self.loop(clock, tolerate: 5).run(round: {
            var outcome = Self.outcome(round: 1)
            outcome.checklists[0].blockers = ["requires 'readiness' to be GO: no record"]
            outcome.checklists[0].decision = .noGo
            outcome.decision = .noGo
            return outcome
        })
        #expect(result.rounds == [.noGo])
        #expect(result.merged.checklists[0].blockers == ["requires 'readiness' to be GO: no record"])
    }

    @Test func aToleratedFailureInTheRoundSeenLastBlocksWhenTheWatchIsInterrupted() async throws {
        let loop = WatchLoop(duration: .seconds(3600), interval: .milliseconds(20), keepGoing: false, tolerate: 1000)
        let rounds = Mutex(0)
        let task = Task {
            try await loop.run(round: {
                let index = rounds.withLock { $0 += 1; return $0 }
                return Self.outcome(.noGo, round: index)
            })
        }
        try await Task.sleep(for: .milliseconds(150))
        task.cancel()
        let result = try await task.value
        #expect(result.end == .interrupted)
        #expect(result.failures.dropLast().allSatisfy { !$0.blocking })
        #expect(result.failures.last?.blocking == true, "nothing showed that the item recovered")
        #expect(result.decision == .noGo)
    }
}
