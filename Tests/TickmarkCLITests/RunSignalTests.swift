import Foundation
import Testing
import TickmarkTestSupport

/// A signal to `tickmark run` reaches the probes' process groups: nothing they started keeps
/// running, and Tickmark ends by the same signal.
@Suite(.serialized, .enabled(if: RunsAlone.enabled, RunsAlone.skipReason)) struct RunSignalTests {
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalEndsEveryProbeGroupAndThenTheRun(signal number: Int32) async throws {
        let tickmark = try SimulatedActionsRunner.builtTickmark()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sleep = ProcessTable.uniqueSleep()
        defer { ProcessTable.killAll(matching: sleep) }
        try folder.write("c.md", """
        # Release

        - [ ] Slow `probe: run sh -c "sleep \(sleep); echo done"`
        - [ ] Also slow, in the background of its shell `probe: run sh -c "sleep \(sleep) & wait"`

        """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tickmark)
        process.arguments = ["run", "c.md", "--no-record"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let started = ContinuousClock.now
        // Both probes normally start at once; on a busy machine the signal may come before the
        // second, which must then be killed as it starts.
        while ProcessTable.pids(matching: "sleep \(sleep)").count < 2, ContinuousClock.now - started < .seconds(120) {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(ProcessTable.pids(matching: "sleep \(sleep)").count >= 1, "the probes did not start")
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == number)
        let stopped = ContinuousClock.now
        while !ProcessTable.pids(matching: sleep).isEmpty, ContinuousClock.now - stopped < .seconds(5) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(ProcessTable.pids(matching: sleep).isEmpty, "left running: \(ProcessTable.pids(matching: sleep))")
    }
}
