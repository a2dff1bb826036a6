import Foundation
import Tickmark

/// A fresh folder under the system's temporary folder, removed when `body` returns.
public func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
    var template = Array((NSTemporaryDirectory() + "/tickmark-test-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        throw TickmarkError(.cannotWrite, "cannot create a temporary folder")
    }
    let path = String(cString: made)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Writes `bytes` to `path` with permissions `mode`.
public func write(_ bytes: [UInt8], to path: String, mode: Int = 0o644) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

/// Writes the UTF-8 of `text` to `path` with permissions `mode`.
public func write(_ text: String, to path: String, mode: Int = 0o644) throws {
    try write(Array(text.utf8), to: path, mode: mode)
}

/// Reads a whole file.
public func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

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

/// Runs `tool` (looked up on PATH) with `arguments`, stdin from `input` (or nothing), extra
/// environment variables, and waits for it.
public func run(_ tool: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> ToolRun {
    toolLock.lock()
    defer { toolLock.unlock() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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
