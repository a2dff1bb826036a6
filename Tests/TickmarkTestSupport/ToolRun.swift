import Foundation

/// What a finished tool run left behind.
public struct ToolRun: Sendable {
    /// The exit status.
    public var status: Int32
    /// Standard output.
    public var output: String
    /// Standard error.
    public var errors: String
}

/// Serializes starting and awaiting child processes across parallel tests.
///
/// Foundation's `Process` leaves a descriptor of each running child open in children started
/// meanwhile; a long-lived child started next to a short one (an `ssh-agent` next to an
/// `ssh-keygen`) would then hold up the wait for the short one until the long one exits. A test
/// that starts a long-lived child itself takes this lock around starting it.
public let toolLock = NSLock()

/// Runs `tool` (looked up on PATH) with `arguments` in `folder` (or the current one), stdin from
/// the file `input` (or nothing), extra environment variables, and waits for it.
public func run(_ tool: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:], in folder: String? = nil) throws -> ToolRun {
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
