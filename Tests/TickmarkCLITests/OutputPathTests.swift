import Foundation
import Testing
import Tickmark
import TickmarkCLI
import TickmarkTestSupport

/// Output paths a user names (`report -o`, `run --junit`/`--json`, `sign --output`): a device or
/// FIFO is written through and stays what it is, `-` is standard output, an input is never
/// overwritten, a read-only file is never rewritten.
@Suite struct OutputPathTests {
    static let checklist = """
    # Release

    - [ ] Builds `probe: run true`
    - [ ] Notes reviewed

    """

    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("c.md", checklist)
        try workspace.write("r.json", record: try workspace.runRecord(of: "c.md"))
        return workspace
    }

    /// The kind of what is at `path` (`S_IFCHR`, `S_IFIFO`, `S_IFREG` …).
    static func kind(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    @Test func aCharacterDeviceIsWrittenThroughNotReplaced() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        // A second node of the null device, made in the test's own folder: never the system's.
        let null = workspace.path("null")
        try #require(mknod(null, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0, "mknod needs root: \(String(cString: strerror(errno)))")
        guard open(null, O_WRONLY) >= 0 else {
            Issue.record("the temporary folder does not allow devices (nodev): \(String(cString: strerror(errno)))")
            return
        }
        for arguments in [["report", "r.json", "-o", "null"], ["report", "r.json", "--format", "html", "-o", "null"],
                          ["run", "c.md", "--probes-only", "--no-record", "--junit", "null"],
                          ["run", "c.md", "--probes-only", "--no-record", "--json", "null"]] {
            let result = await workspace.run(arguments)
            #expect(result.code != 2, "\(arguments): \(result.stderr)")
            #expect(Self.kind(null) == S_IFCHR, "\(arguments) replaced the device with a file")
        }
    }

    @Test func aFIFOIsWrittenThroughAndItsReaderGetsTheReport() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let fifo = workspace.path("pipe")
        try #require(mkfifo(fifo, 0o600) == 0)
        let received = Task.detached { () -> String in
            let handle = FileHandle(forReadingAtPath: fifo)
            return String(decoding: handle?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        }
        let result = await workspace.run(["report", "r.json", "-o", "pipe"])
        #expect(result.code == 1, "\(result.stderr)")
        #expect(await received.value.hasPrefix("# ⛔ NO-GO · Release report"))
        #expect(Self.kind(fifo) == S_IFIFO)
    }

    @Test func aDashIsStandardOutput() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let report = await workspace.run(["report", "r.json", "-o", "-"])
        #expect(report.stdout.hasPrefix("# ⛔ NO-GO · Release report"))
        let junit = await workspace.run(["run", "c.md", "--probes-only", "--no-record", "--junit", "-"])
        #expect(junit.code == 0, "\(junit.stderr)")
        #expect(junit.stdout.contains("<testsuites"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("-")))
    }

    @Test(arguments: [
        ["run", "c.md", "--no-record", "--junit", "c.md"],
        ["run", "c.md", "--no-record", "--json", "./c.md"],
        ["report", "r.json", "-o", "r.json"],
        ["report", "r.json", "--format", "html", "--template", "c.md", "-o", "c.md"],
        ["sign", "c.md", "--key", "key", "--output", "c.md"],
    ])
    func anInputIsNeverOverwritten(arguments: [String]) async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        try workspace.write("key", "not a key")
        let before = (try workspace.read("c.md"), try workspace.read("r.json"))
        let result = await workspace.run(arguments)
        #expect(result.code == 2)
        #expect(result.stderr.contains("would overwrite"), "\(result.stderr)")
        #expect((try workspace.read("c.md"), try workspace.read("r.json")) == before)
    }

    @Test func aReadOnlyChecklistIsNotTicked() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        chmod(workspace.path("c.md"), 0o444)
        let result = await workspace.run(["run", "c.md", "--probes-only", "--no-record", "--write"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("c.md: error: the file is read-only (mode 444)"), "\(result.stderr)")
        #expect(try workspace.read("c.md") == Self.checklist)
    }

    @Test func aReadOnlyRecordIsNotSignedOff() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        chmod(workspace.path("r.json"), 0o444)
        let before = try workspace.read("r.json")
        let result = await workspace.run(["sign-off", "r.json", "notes", "--by", "Pat <pat@example.com>"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("read-only"), "\(result.stderr)")
        #expect(try workspace.read("r.json") == before)
    }
}
