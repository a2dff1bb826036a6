import Foundation
import Testing
import Tickmark
import TickmarkCLI
import TickmarkTestSupport

/// Reads are bounded: a huge file is searched in little memory and within the probe's timeout; a
/// device, FIFO or socket is refused where a file's content is meant, at once.
@Suite struct BoundedReadTests {
    /// The process's peak resident memory so far, in bytes (`VmHWM`).
    static func peakMemory() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    static func probeChecklist(_ probe: String) -> String {
        "# Release\n\n- [ ] Content `probe: \(probe)`\n"
    }

    @Test func aTwoGigabyteFileIsSearchedWithinItsTimeoutInLittleMemory() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let big = workspace.path("big.bin")
        try workspace.write("big.bin", "")
        try #require(truncate(big, 2 << 30) == 0)   // sparse: 2 GiB of zeros that take no disk
        try workspace.write("c.md", Self.probeChecklist("file big.bin contains=x timeout=300ms"))
        let before = Self.peakMemory()
        let timed = await workspace.run(["run", "c.md", "--no-record"])
        #expect(timed.code == 1)
        #expect(timed.stdout.contains("timed out after 300ms reading big.bin"), "\(timed.stdout)")

        try workspace.write("c.md", Self.probeChecklist("file big.bin contains=x timeout=5m"))
        let whole = await workspace.run(["run", "c.md", "--no-record"])
        #expect(whole.code == 1)
        #expect(whole.stdout.contains("big.bin does not contain \"x\""), "\(whole.stdout)")
        #expect(Self.peakMemory() - before < 400 << 20, "peak memory grew by \(Self.peakMemory() - before) bytes")
    }

    @Test(arguments: ["/dev/zero", "pipe", "socket"])
    func aFileProbeRefusesWhatIsNotARegularFile(path: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try #require(mkfifo(workspace.path("pipe"), 0o600) == 0)
        _ = try TickmarkTestSupport.run("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", workspace.path("socket")])
        try workspace.write("c.md", Self.probeChecklist("file \(path) contains=x"))
        let result = await workspace.run(["run", "c.md", "--no-record", "--timeout", "10m"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("not a regular file; content checks read regular files only"), "\(result.stdout)")
    }

    @Test(arguments: [
        ["lint", "/dev/zero"], ["show", "/dev/zero"], ["run", "c.md", "--vars-file", "/dev/zero"],
        ["report", "r.json", "--allowed-signers", "/dev/zero"], ["sign", "c.md", "--key", "/dev/zero"],
        ["report", "/dev/zero"],
    ])
    func aDeviceWhereAFileIsMeantIsRefusedAtOnce(arguments: [String]) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("c.md", Self.probeChecklist("run true"))
        try workspace.write("r.json", record: try workspace.runRecord(of: "c.md"))
        let before = Self.peakMemory()
        let result = await workspace.run(arguments)
        #expect(result.code == 2)
        #expect(result.stderr.contains("/dev/zero: error: is a device or socket, not a file"), "\(result.stderr)")
        #expect(Self.peakMemory() - before < 100 << 20)
    }

    @Test func aChecklistFromAnEndlessFIFOIsReadUpToTheLimit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.path("pipe")
        try #require(mkfifo(fifo, 0o600) == 0)
        // An endless writer in a process of its own: SIGPIPE ends it once the reader stops.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "while :; do echo '- [ ] item'; done > \"$1\"", "sh", fifo]
        try writer.run()
        defer { writer.terminate() }
        #expect(throws: TickmarkError.self) { try ChecklistFile.readBytes(fifo, limit: 1 << 20) }
    }
}
