import Foundation
import Testing
import TickmarkTestSupport

/// `http` probes of a run: their requests wait together, without a thread each.
@Suite struct HTTPRunTests {
    @Test func requestsInFlightDoNotEachHoldAThread() async throws {
        let tickmark = try SimulatedActionsRunner.builtTickmark()
        let server = try LoopbackServer()
        defer { server.stop() }
        let count = 40
        let probes = (1...count).map { "- [ ] Slow \($0) `probe: http http://127.0.0.1:\(server.port)/slow?seconds=1.5 status=200`" }
        let fixture = try RunFixture(files: ["c.md": probes.joined(separator: "\n") + "\n"])
        defer { fixture.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tickmark)
        process.arguments = ["run", "c.md", "--no-record"]
        process.currentDirectoryURL = URL(fileURLWithPath: fixture.folder)
        process.environment = fixture.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var most = 0
        while process.isRunning {
            let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/task").count) ?? 0
            most = max(most, threads)
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The runtime's own threads and the transfer thread: far fewer than one per request.
        #expect(most > 0 && most < count / 2, "\(most) threads while \(count) requests waited")
    }
}
