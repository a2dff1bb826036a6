import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// How soon a run stops an HTTP request when the run's `--timeout` passes, though its server
/// never answers (a cancelled request: the probes target's `HTTPTimingTests`). Timing tests: they
/// run alone (`RunsAlone`).
@Suite(.serialized, .enabled(if: RunsAlone.enabled, RunsAlone.skipReason)) struct HTTPTimingTests {
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
