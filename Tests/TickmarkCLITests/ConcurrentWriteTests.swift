import Foundation
import Testing
import Tickmark
@testable import TickmarkReport
import TickmarkTestSupport

/// Several `tickmark` processes changing one file at once: every sign-off and every tick lands.
@Suite(.serialized) struct ConcurrentWriteTests {
    static let checklist = """
    ---
    id: go-live
    ---
    # Go live

    - [ ] Rollback plan reviewed
    - [ ] Status page updated
    - [ ] Support briefed
    - [ ] Runbook linked

    """

    /// Starts `tickmark` once per argument list, all at once, in `folder`; returns their exit codes.
    static func runTogether(_ argumentLists: [[String]], in folder: String) throws -> [Int32] {
        let binary = try SimulatedActionsRunner.builtTickmark()
        var processes: [Process] = []
        toolLock.lock()
        defer { toolLock.unlock() }
        for arguments in argumentLists {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            processes.append(process)
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        return processes.map(\.terminationStatus)
    }

    @Test func signOffsMadeAtTheSameTimeAreAllKept() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("go-live.md", Self.checklist)
        let items = ["rollback", "status page", "support", "runbook"]
        var lost = 0
        for trial in 1...12 {
            try workspace.write("run.json", record: try workspace.runRecord(of: "go-live.md"))
            let codes = try Self.runTogether(
                items.enumerated().map { index, item in ["sign-off", "run.json", item, "--by", "Person \(index) <p\(index)@example.com>"] },
                in: workspace.folder
            )
            #expect(codes == [0, 0, 0, 0], "trial \(trial)")
            let record = try workspace.record("run.json")
            if record.signOffs.count != items.count { lost += items.count - record.signOffs.count }
        }
        #expect(lost == 0, "\(lost) sign-offs lost")
    }

    @Test func runsWritingBoxesAtTheSameTimeKeepEveryTick() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let checklist = """
        # Release

        - [ ] One <!-- id: one --> `probe: file one.txt exists`
        - [ ] Two <!-- id: two --> `probe: file two.txt exists`
        - [ ] Three <!-- id: three --> `probe: file three.txt exists`

        """
        for name in ["one", "two", "three"] { try workspace.write("\(name).txt", "ok\n") }
        for trial in 1...8 {
            try workspace.write("c.md", checklist)
            let codes = try Self.runTogether(
                ["one", "two", "three"].map { ["run", "c.md", "--write", "--no-record", "--only", $0] }, in: workspace.folder
            )
            #expect(codes == [0, 0, 0], "trial \(trial)")
            #expect(try workspace.read("c.md") == checklist.replacingOccurrences(of: "- [ ]", with: "- [x]"), "trial \(trial)")
        }
    }

    @Test func aSignOffMadeWhileARunGoesOnIsKeptInItsRecord() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("c.md", "---\nid: c\n---\n# Release\n\n- [ ] Slow check `probe: run sleep 2`\n- [ ] Rollback plan reviewed\n")
        let first = await workspace.run(["run", "c.md", "--record", workspace.path("r.json")])
        #expect(first.code == 1)
        let binary = try SimulatedActionsRunner.builtTickmark()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "c.md", "--record", "r.json"]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.folder)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        toolLock.withLock { try? process.run() }
        try await Task.sleep(for: .milliseconds(800))
        let signOff = await workspace.run(["sign-off", workspace.path("r.json"), "rollback", "--by", "Ana Lima <ana@example.com>"])
        #expect(signOff.code == 0, "\(signOff.stderr)")
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "the run decided before the sign-off: \(printed)")
        #expect(printed.hasSuffix("Record: r.json\n  kept 1 sign-off made during the run; with it the record says GO\n"), "\(printed)")
        let record = try workspace.record("r.json")
        #expect(record.signOffs.map(\.by) == ["Ana Lima <ana@example.com>"])
        #expect(record.decision == .go)
    }
}
