import Foundation
import Testing
import Tickmark
@testable import TickmarkSigning

/// The signing test vectors in `Tests/TickmarkSigningTests/Vectors` (seed 00..1f), made by
/// `scripts/make-signing-vectors.sh` with ssh-keygen and openssl.
enum Vectors {
    /// The vectors' folder in this repository, found from this file's own path.
    static let folder: String = {
        var path = #filePath
        for _ in 0..<2 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Vectors"
    }()
    static let seed: [UInt8] = Array(0..<32)
    static let publicHex = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
    static let publicLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"
    static let fingerprint = "SHA256:lbmsoA0yIEcEiVDRnMWuzm+nV+3ZEEpVIURqFoeSspg"
    static let namespace = "release-report@example.com"
    static let keyID = "63d00ee3cf4f5c61ad94efa696c68f13b608fe56ecea13fb144a6fd18e9235b9"

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }

    static func key() throws -> Ed25519.PrivateKey {
        try Ed25519.PrivateKey(seed: seed)
    }
}

/// Lowercase or uppercase hex to bytes.
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
}

/// A fresh folder under the system's temporary folder, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
    var template = Array((NSTemporaryDirectory() + "/tickmark-signing-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        throw TickmarkError(.cannotWrite, "cannot create a temporary folder")
    }
    let path = String(cString: made)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Writes `bytes` to `path` with permissions `mode`.
func write(_ bytes: [UInt8], to path: String, mode: Int = 0o644) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

/// Writes the UTF-8 of `text` to `path` with permissions `mode`.
func write(_ text: String, to path: String, mode: Int = 0o644) throws {
    try write(Array(text.utf8), to: path, mode: mode)
}

/// Reads a whole file.
func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// What a finished tool run left behind.
struct ToolRun {
    var status: Int32
    var output: String
    var errors: String
}

/// Serializes starting and awaiting child processes across parallel tests.
///
/// Foundation's `Process` leaves a descriptor of each running child open in children started
/// meanwhile; a long-lived child started next to a short one (an `ssh-agent` next to an
/// `ssh-keygen`) would then hold up the wait for the short one until the long one exits.
let toolLock = NSLock()

/// Runs `tool` (looked up on PATH) with `arguments`, stdin from `input` (or nothing), extra
/// environment variables, and waits for it.
func run(_ tool: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> ToolRun {
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

/// Positions worth flipping in a file of `count` bytes: all of them when small; otherwise the
/// first and last `edge` bytes and every `step`-th byte between.
func tamperPositions(count: Int, limit: Int = 4096, edge: Int = 256, step: Int = 599) -> [Int] {
    guard count > limit else { return Array(0..<count) }
    let inner = stride(from: edge, to: count - edge, by: step)
    return Array(0..<edge) + Array(inner) + Array((count - edge)..<count)
}

/// The XOR masks applied at each position: a low bit, the ASCII case bit, the high bit, all bits.
let tamperMasks: [UInt8] = [0x01, 0x20, 0x80, 0xFF]

/// Flips each sampled byte of the file at `path` in turn (with every mask, or one mask chosen by
/// position when `everyMask` is false), calls `check` with the changed file in place, and puts
/// the byte back. Returns how many changes were tried.
@discardableResult
func tamperEachByte(of path: String, everyMask: Bool = true, check: (_ position: Int, _ mask: UInt8) throws -> Void) throws -> Int {
    let original = try read(path)
    let descriptor = open(path, O_WRONLY)
    guard descriptor >= 0 else { throw TickmarkError(.cannotWrite, "cannot open for writing", path: path) }
    defer { close(descriptor) }
    func put(_ byte: UInt8, at position: Int) throws {
        var value = byte
        guard pwrite(descriptor, &value, 1, off_t(position)) == 1 else {
            throw TickmarkError(.cannotWrite, "cannot write byte \(position)", path: path)
        }
    }
    var tried = 0
    for position in tamperPositions(count: original.count) {
        defer { try? put(original[position], at: position) }
        let masks = everyMask ? tamperMasks : [tamperMasks[position % tamperMasks.count]]
        for mask in masks {
            try put(original[position] ^ mask, at: position)
            try check(position, mask)
            tried += 1
        }
    }
    #expect(try read(path) == original, "the file is restored")
    return tried
}

/// The public key of the vector seed as a `.pub` line with a comment.
func vectorPublicKey(comment: String = "vector@example") throws -> SSHPublicKey {
    SSHPublicKey(try Vectors.key().publicKey, comment: comment)
}
