import Foundation
import Testing

/// A command run for a test's set-up failed.
struct SetUpError: Error, CustomStringConvertible {
    var description: String
}

/// Runs set-up commands (git, openssl) with `/bin/sh -c`; fails when they do.
enum Shell {
    /// Git author and committer for test repositories, whatever the machine's configuration.
    static let gitIdentity = [
        "GIT_AUTHOR_NAME": "Tickmark Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Tickmark Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    @discardableResult
    static func run(_ command: String, in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(gitIdentity) { _, test in test }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw SetUpError(description: "`\(command)` exited \(process.terminationStatus): \(text)") }
        return text
    }
}

/// A folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/tickmark-probes-test-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw SetUpError(description: "mkdtemp failed") }
        path = String(cString: created)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` inside the folder (creating folders on the way); returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// The processes of this machine, read from `/proc`.
enum ProcessTable {
    /// The pids whose command line contains `marker`.
    static func pids(matching marker: String) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let commandLine = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return commandLine.contains(marker) && !isZombie(pid)
        }
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Kills whatever still matches `marker` (clean-up after a failed expectation).
    static func killAll(matching marker: String) {
        for pid in pids(matching: marker) { kill(pid, SIGKILL) }
    }

    /// A `sleep` duration unique to one test, so its processes can be found: `30.123456`.
    static func uniqueSleep() -> String {
        "30.\(Int.random(in: 100_000...999_999))"
    }
}

/// A Python script run for one test that prints the port it listens on as its first line. It
/// exits when its standard input closes, so it cannot outlive the test process.
final class LoopbackScript {
    let port: Int
    let folder: TemporaryFolder
    private let process: Process
    private let input = Pipe()

    /// Writes `script` to a temporary folder and runs it with the folder's path of each of
    /// `files` (written empty first) followed by `arguments`.
    init(_ script: String, files: [String] = [], arguments: [String] = [], what: String) throws {
        let folder = try TemporaryFolder()
        self.folder = folder
        let path = try folder.write("script.py", script)
        let filePaths = try files.map { try folder.write($0, "") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [path] + filePaths + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            folder.remove()
            throw SetUpError(description: "the test \(what) did not start")
        }
        self.port = port
    }

    /// Kills the script. SIGKILL, not `terminate()`: a child of `Foundation.Process` inherits the
    /// signal mask of the thread that started it, and test threads may block SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        folder.remove()
    }
}
