import Foundation
import Testing

/// A Python script run for one test that prints the port it listens on as its first line. It
/// exits when its standard input closes, so it cannot outlive the test process.
public final class LoopbackScript {
    /// The port the script listens on.
    public let port: Int
    /// The folder holding the script and its files.
    public let folder: TemporaryFolder
    private let process: Process
    private let input = Pipe()

    /// Writes `script` to a temporary folder and runs it with the folder's path of each of
    /// `files` (written empty first) followed by `arguments`.
    public init(_ script: String, files: [String] = [], arguments: [String] = [], what: String) throws {
        let folder = try TemporaryFolder()
        self.folder = folder
        let path = try folder.write("script.py", script)
        let filePaths = try files.map { try folder.write($0, "") }
        let process = Process()
        self.process = process
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [path] + filePaths + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        toolLock.lock()
        let started = Result { try process.run() }
        toolLock.unlock()
        try started.get()
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
    public func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        folder.remove()
    }
}
