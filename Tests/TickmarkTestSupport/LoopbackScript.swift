import Foundation
import Testing

/// A Python script run for one test that prints the port it listens on as its first line. It
/// exits when its standard input closes, so it cannot outlive the test process.
package final class LoopbackScript {
    /// The port the script listens on.
    package let port: Int
    /// The folder holding the script and its files.
    package let folder: TemporaryFolder
    private let process: Process
    private let input = Pipe()
    private var stopped = false

    /// Writes `script` to a temporary folder and runs it with the folder's path of each of
    /// `files` (written empty first) followed by `arguments`.
    package init(_ script: String, files: [String] = [], arguments: [String] = [], what: String,
                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryFolder(sourceLocation: sourceLocation)
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

    /// Kills the script (once: a second call does nothing). SIGKILL, not `terminate()`: a child of
    /// `Foundation.Process` inherits the signal mask of the thread that started it, and test
    /// threads may block SIGTERM.
    package func stop() {
        guard !stopped else { return }
        stopped = true
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        folder.remove()
    }
}

/// A port on 127.0.0.1 where nothing listens (bound, then closed, so the system just gave it out).
package enum ClosedPort {
    /// A port nothing listens on now.
    package static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SetUpError(description: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw SetUpError(description: "bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A socket listening on `::1`, accepting nothing (the kernel completes the handshake).
package struct IPv6Listener {
    /// The listening socket.
    package let fd: Int32
    /// The port it listens on.
    package let port: Int

    /// Opens the socket on an unused port.
    package init() throws {
        fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        let fd = fd
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, ready else { throw SetUpError(description: "cannot listen on ::1") }
        port = Int(UInt16(bigEndian: address.sin6_port))
    }

    /// Closes the socket.
    package func close() { _ = Glibc.close(fd) }
}
