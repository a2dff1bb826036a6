import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// How soon an HTTP request stops: when its task is cancelled, and when the run's `--timeout`
/// passes, though its server never answers. Timing tests: they run alone (`RunsAlone`).
@Suite(.serialized, .enabled(if: RunsAlone.enabled, RunsAlone.skipReason)) struct HTTPTimingTests {
    @Test func aCancelledRequestStopsWithinAHundredMilliseconds() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: "\(server.base)/slow?seconds=30", timeout: .seconds(30))
        let transport = CurlHTTPTransport()
        let task = Task { await transport.send(request) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.value
        let stopped = ContinuousClock.now - cancelled
        guard case .failure(let failure) = result else { Issue.record("a cancelled request answered: \(result)"); return }
        #expect(failure.message == "the request was cancelled")
        #expect(stopped < .milliseconds(150), "stopped \(stopped) after the cancellation")
    }

    @Test func aRunTimeoutEndsARequestTheServerNeverAnswers() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let fixture = try RunFixture(files: ["c.md": "- [ ] Health `probe: http http://127.0.0.1:\(server.port)/slow?seconds=30`\n"])
        defer { fixture.remove() }
        let start = ContinuousClock.now
        let run = await fixture.run(["run", "c.md", "--no-record", "--timeout", "1s"])
        let took = ContinuousClock.now - start
        #expect(run.code == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("no response from 127.0.0.1:\(server.port) within"), "\(run.stdout)")
        #expect(took >= .milliseconds(900) && took < .milliseconds(1500), "the run took \(took)")
    }
}
