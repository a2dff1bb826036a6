import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// A real watch through the command line against a real HTTP server that goes down for one round.
///
/// The server is stopped when round 1 has printed and started again when round 2 has; rounds are
/// 2 s apart so that the restart is done before round 3 even on a loaded machine, and the period
/// holds several rounds even when each is slow.
@Suite(.enabled(if: RunsAlone.enabled, RunsAlone.skipReason)) struct WatchToleranceTests {
    static func checklist(port: Int) -> String {
        """
        # Watch period
        - [ ] API health answers 200
          ```probe
          http: GET http://127.0.0.1:\(port)/json
          expect: { status: 200 }
          retry: { attempts: 12, interval: 10s }
          ```
        """
    }

    /// Waits until the watch has printed `text` (a round's line).
    static func waitFor(_ text: String, in buffer: OutputBuffer, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !buffer.stdout.contains(text) {
            guard ContinuousClock.now < deadline else {
                Issue.record("the watch never printed '\(text)':\n\(buffer.stdout)", sourceLocation: sourceLocation)
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func aServerDownForOneRoundIsGoOnlyWithTolerate() async throws {
        let server = try LoopbackServer()
        let port = server.port
        let fixture = try RunFixture(files: ["w.md": Self.checklist(port: port)])
        defer { fixture.remove() }

        // --tolerate 1: down in round 2, up again for round 3.
        let buffer = OutputBuffer()
        let console = buffer.console(environment: fixture.environment, currentDirectory: fixture.folder)
        async let tolerated = TickmarkCommand.run(
            ["watch", "w.md", "--for", "7s", "--every", "2s", "--tolerate", "1", "--record", "tolerated.json"], console: console
        )
        try await Self.waitFor("round 1:", in: buffer)
        server.stop()
        try await Self.waitFor("round 2:", in: buffer)
        let restarted = try LoopbackServer(port: port)
        defer { restarted.stop() }
        #expect(await tolerated == 0, "\(buffer.stdout)")
        let lines = buffer.stdout.split(separator: "\n").map(String.init)
        let rounds = lines.filter { $0.hasPrefix("round ") }
        #expect(rounds.count >= 3)
        #expect(rounds.prefix(2) == ["round 1: GO", "round 2: GO — 1 failing, tolerated"])
        #expect(rounds.dropFirst(2).allSatisfy { $0.hasSuffix(": GO") }, "back up from round 3 on")
        let failure = try #require(lines.first { $0.hasPrefix("  FAIL") || $0.hasPrefix("  ERROR") })
        #expect(failure.contains("API health answers 200 (w.md:2): "))
        #expect(failure.hasSuffix("(failing round 1 of 1 tolerated)"))
        let failures = try WatchCommandTests.watchFailures(fixture.read("tolerated.json"))
        #expect(failures.count == 1)
        #expect(failures.first?["round"] as? Int == 2)
        #expect(failures.first?["item"] as? String == "watch-period/api-health-answers-200")
        #expect(failures.first?["blocking"] as? Bool == false)
        #expect(fixture.read("tolerated.json").contains("\"tolerate\" : 1"))

        // --tolerate 0 (the default): the same outage makes the watch NO-GO at round 2.
        let strictBuffer = OutputBuffer()
        async let strict = TickmarkCommand.run(
            ["watch", "w.md", "--for", "7s", "--every", "2s", "--record", "strict.json"],
            console: strictBuffer.console(environment: fixture.environment, currentDirectory: fixture.folder)
        )
        try await Self.waitFor("round 1:", in: strictBuffer)
        restarted.stop()
        #expect(await strict == 1)
        let strictLines = strictBuffer.stdout.split(separator: "\n").map(String.init)
        let roundTwo = try #require(strictLines.firstIndex(of: "round 2: NO-GO — 1 failing"), "\(strictBuffer.stdout)")
        #expect(strictLines[roundTwo + 1].contains("API health answers 200 (w.md:2): "))
        #expect(!strictBuffer.stdout.contains("round 3"))
        #expect(strictBuffer.stdout.contains("api-health-answers-200 (line 2): "), "the blocking item names its round")
        #expect(strictBuffer.stdout.contains("(round 2)"))
        #expect(fixture.read("strict.json").contains("\"end\" : \"failed\""))
    }
}
