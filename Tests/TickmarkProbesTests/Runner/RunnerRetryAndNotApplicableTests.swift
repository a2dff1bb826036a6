import Foundation
import Synchronization
import Testing
@testable import TickmarkProbes
import Tickmark

/// The events a run sent, in order.
final class EventLog: Sendable {
    private let recorded = Mutex<[RunEvent]>([])
    var events: [RunEvent] { recorded.withLock { $0 } }
    func append(_ event: RunEvent) { recorded.withLock { $0.append(event) } }
}

/// The runner with a fake process launcher: which attempts it makes, and what it reports as items finish.
@Suite struct RunnerRetryAndNotApplicableTests {
    static func run(_ markdown: String, launcher: FakeProcessLauncher, events: EventLog = EventLog()) async throws -> RunOutcome {
        let checklist = ChecklistParser.parse(Array(markdown.utf8), path: "c.md")
        return try await ProbeRunner.run(
            [checklist], sources: VariableSources(), options: RunOptions(), context: ProbeRun.context(processes: launcher)
        ) { event in events.append(event) }
    }

    static let retried = """
    - [ ] Tool answers
      ```probe
      run: gh pr view
      retry: { attempts: 4, interval: 10ms }
      ```
    """

    @Test(arguments: [(Int32(127), "a command that is not found"), (126, "a command that cannot be executed")])
    func anExitStatusThatCannotChangeIsTriedOnce(status: Int32, words: String) async throws {
        let launcher = FakeProcessLauncher(FakeProcessLauncher.exited(status, stderr: "/bin/sh: 1: gh: not found"))
        let outcome = try await Self.run(Self.retried, launcher: launcher)
        #expect(launcher.requests.count == 1)
        let probe = try #require(outcome.checklists.first?.items.first?.probes.first)
        #expect(probe.attempts == 1)
        #expect(probe.result.status == .error)
        #expect(probe.result.reason.hasSuffix("(not retried: \(words) will not \(status == 127 ? "appear" : "become executable") by trying again)"))
    }

    @Test func anotherFailureIsRetriedAsAsked() async throws {
        let launcher = FakeProcessLauncher(FakeProcessLauncher.exited(1))
        let outcome = try await Self.run(Self.retried, launcher: launcher)
        #expect(launcher.requests.count == 4)
        #expect(outcome.checklists.first?.items.first?.probes.first?.result.reason == "expected exit 0, got 1 (after 4 attempts)")
    }

    @Test func aSingleAttemptDoesNotMentionRetries() async throws {
        let launcher = FakeProcessLauncher(FakeProcessLauncher.exited(127, stderr: "sh: gh: not found"))
        let outcome = try await Self.run("- [ ] Tool `probe: run gh pr view`\n", launcher: launcher)
        #expect(outcome.checklists.first?.items.first?.reason == "command not found: sh: gh: not found")
    }

    @Test func notApplicableItemsStartNoProcessAndFinishFirst() async throws {
        let launcher = FakeProcessLauncher(FakeProcessLauncher.exited(0))
        let events = EventLog()
        let outcome = try await Self.run("""
        - [~] Migration `probe: run make migrate`
        - [ ] Tests `probe: run make test`
        - [ ] Approved @reviewer
        """, launcher: launcher, events: events)
        #expect(launcher.requests.map { $0.arguments.last } == ["make test"])
        let items = try #require(outcome.checklists.first?.items)
        #expect(items.map(\.status) == [ItemStatus.skipped, .pass, .manual])
        #expect(items[0].probes.isEmpty && items[0].reason == "not applicable")
        let finished = events.events.compactMap { event -> (Int, ItemStatus)? in
            if case .itemFinished(_, let item, let outcome) = event { return (item, outcome.status) }
            return nil
        }
        #expect(finished.map(\.0) == [0, 2, 1], "N/A and manual items have their result before probes run")
        #expect(finished.map(\.1) == [ItemStatus.skipped, .manual, .pass])
        if case .checklistStarted(0, let started) = events.events.first {
            #expect(started.map(\.text) == ["Migration", "Tests", "Approved @reviewer"])
        } else {
            Issue.record("the first event announces the checklist and its items")
        }
    }
}
