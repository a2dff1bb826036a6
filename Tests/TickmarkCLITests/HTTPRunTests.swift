import Foundation
import Testing
import TickmarkTestSupport

/// `http` probes of a run: their requests wait together, without a thread each, and an
/// interrupted `watch` stops the one in flight at once.
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

    @Test func anInterruptedWatchStopsTheRequestItWaitsFor() async throws {
        let tickmark = try SimulatedActionsRunner.builtTickmark()
        let server = try LoopbackServer()
        defer { server.stop() }
        let fixture = try RunFixture(files: ["c.md": "- [ ] Health `probe: http http://127.0.0.1:\(server.port)/slow?seconds=60 timeout=60s`\n"])
        defer { fixture.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tickmark)
        process.arguments = ["watch", "c.md", "--for", "1h", "--every", "1s", "--no-record"]
        process.currentDirectoryURL = URL(fileURLWithPath: fixture.folder)
        process.environment = fixture.environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The watch's request is connected to the server (which answers after 60 s): the probe runs.
        let started = ContinuousClock.now
        while process.isRunning, !Self.connected(toPort: server.port), ContinuousClock.now - started < .seconds(60) {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard process.isRunning, Self.connected(toPort: server.port) else {
            process.terminate()
            let shown = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            Issue.record("the watch's request never reached the server: \(shown)")
            return
        }
        try await Task.sleep(for: .milliseconds(200))
        let interrupted = ContinuousClock.now
        kill(process.processIdentifier, SIGINT)
        let shown = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let took = ContinuousClock.now - interrupted
        // Ended by Tickmark's own handling of Ctrl-C, not by the signal.
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(shown)")
        #expect(shown.contains("interrupted"), "\(shown)")
        #expect(took < .seconds(10), "the watch ended \(took) after Ctrl-C")
    }

    /// Whether an established TCP connection goes to `port` on this machine (`/proc/net/tcp`).
    private static func connected(toPort port: Int) -> Bool {
        // Read to the end: the table is longer than the one page a single read of it returns.
        guard let data = FileHandle(forReadingAtPath: "/proc/net/tcp")?.readDataToEndOfFile() else { return false }
        let table = String(decoding: data, as: UTF8.self)
        let remote = ":" + String(format: "%04X", port)
        return table.split(separator: "\n").dropFirst().contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[2].hasSuffix(remote) && fields[3] == "01"
        }
    }
}
