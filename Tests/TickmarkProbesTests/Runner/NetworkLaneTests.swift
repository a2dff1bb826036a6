import Foundation
import Synchronization
import Testing
@testable import TickmarkProbes
import Tickmark

/// Network probes wait on the network, not the CPU: by default they do not queue behind the
/// CPU-sized `--jobs` limit; an explicit `--jobs` limits them too.
@Suite struct NetworkLaneTests {
    /// A transport that answers after `delay` and remembers how many requests were in flight at most.
    final class SlowTransport: HTTPTransport {
        private let counts = Mutex<(now: Int, peak: Int)>((0, 0))
        var peak: Int { counts.withLock { $0.peak } }

        func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
            counts.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try? await Task.sleep(for: .milliseconds(300))
            counts.withLock { $0.now -= 1 }
            return .success(HTTPResponse(status: 200, headers: [], body: [], latency: .milliseconds(300)))
        }
    }

    private func run(_ options: RunOptions) async throws -> Int {
        let markdown = (1...40).map { "- [ ] Service \($0) answers `probe: http https://s\($0).example/health`" }.joined(separator: "\n")
        let checklist = ChecklistParser.parse(Array(markdown.utf8), path: "c.md")
        let transport = SlowTransport()
        let outcome = try await ProbeRunner.run([checklist], sources: VariableSources(), options: options, context: ProbeRun.context(http: transport)) { _ in }
        #expect(outcome.checklists.first?.items.count == 40)
        return transport.peak
    }

    @Test func networkProbesDoNotWaitBehindTheDefaultJobs() async throws {
        let peak = try await run(RunOptions())
        #expect(peak > 8, "at most \(peak) HTTP probes ran at once")
    }

    @Test func anExplicitJobsLimitsNetworkProbesToo() async throws {
        var options = RunOptions()
        options.jobs = 4
        options.networkJobs = 4
        #expect(try await run(options) <= 4)
    }

    @Test func probesAreSplitIntoLanesInOrder() {
        #expect(RunOptions.lanes(of: ["run", "http", "file", "tcp", "tls", "git"]) == [[0, 2, 5], [1, 3, 4]])
    }
}
