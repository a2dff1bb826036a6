import Foundation
import Testing

/// What a finished tool run left behind.
package struct ToolRun: Sendable {
    /// The exit status.
    package var status: Int32
    /// Standard output.
    package var output: String
    /// Standard error.
    package var errors: String
}

/// Serializes starting and awaiting child processes across parallel tests.
///
/// Foundation's `Process` leaves a descriptor of each running child open in children started
/// meanwhile; a long-lived child started next to a short one (an `ssh-agent` next to an
/// `ssh-keygen`) would then hold up the wait for the short one until the long one exits. A test
/// that starts a long-lived child itself takes this lock around starting it.
package let toolLock = NSLock()

/// Runs `tool` (looked up on PATH) with `arguments` in `folder` (or the current one), stdin from
/// the file `input` (or nothing), extra environment variables, and waits for it.
package func run(_ tool: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:], in folder: String? = nil) throws -> ToolRun {
    toolLock.lock()
    defer { toolLock.unlock() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.currentDirectoryURL = folder.map { URL(fileURLWithPath: $0) }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus,
        output: String(decoding: outData, as: UTF8.self),
        errors: String(decoding: errData, as: UTF8.self)
    )
}

/// A command run for a test's set-up failed.
package struct SetUpError: Error, CustomStringConvertible {
    /// What failed, with the command's output.
    package var description: String

    /// An error saying `description`.
    package init(description: String) {
        self.description = description
    }
}

/// Runs set-up commands (git, openssl) with `sh -c` through `run(_:_:)`; fails when they do.
package enum Shell {
    /// Git author and committer for test repositories, whatever the machine's configuration.
    package static let gitIdentity = [
        "GIT_AUTHOR_NAME": "Tickmark Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Tickmark Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    /// Runs `command` in `folder` with `gitIdentity` in its environment; returns its standard
    /// output, or throws `SetUpError` with both outputs when it exits non-zero.
    @discardableResult
    package static func run(_ command: String, in folder: String) throws -> String {
        let result = try TickmarkTestSupport.run("sh", ["-c", command], environment: gitIdentity, in: folder)
        guard result.status == 0 else {
            throw SetUpError(description: "`\(command)` exited \(result.status): \(result.output)\(result.errors)")
        }
        return result.output
    }
}

/// The processes of this machine, read from `/proc`.
package enum ProcessTable {
    /// The pids whose command line contains `marker`.
    package static func pids(matching marker: String) -> [Int32] {
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
    package static func killAll(matching marker: String) {
        for pid in pids(matching: marker) { kill(pid, SIGKILL) }
    }

    /// A `sleep` duration unique to one test, so its processes can be found: `30.123456`.
    package static func uniqueSleep() -> String {
        "30.\(Int.random(in: 100_000...999_999))"
    }
}

/// `run(_:_:)` for async tests and tools that take seconds: the tool writes to files rather than
/// pipes, so `toolLock` is held only while it starts (a descriptor a later child inherits holds
/// nothing up), and the wait is on a thread of its own, not one of the few threads that every
/// async test shares.
package func runDetached(_ tool: String, _ arguments: [String], environment: [String: String] = [:], in folder: String? = nil) async throws -> ToolRun {
    let scratch = try TemporaryFolder()
    defer { scratch.remove() }
    let outputPath = try scratch.write("stdout", "")
    let errorsPath = try scratch.write("stderr", "")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.currentDirectoryURL = folder.map { URL(fileURLWithPath: $0) }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
    defer {
        try? output.close()
        try? errors.close()
    }
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try toolLock.withLock { try process.run() }
    let status: Int32 = await withCheckedContinuation { continuation in
        Thread {
            process.waitUntilExit()
            continuation.resume(returning: process.terminationStatus)
        }.start()
    }
    return ToolRun(status: status, output: try scratch.text("stdout"), errors: try scratch.text("stderr"))
}
