import Foundation
import Testing

/// A fresh `TemporaryFolder` whose path is passed to `body`, removed when `body` returns.
public func withTemporaryFolder<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: (String) throws -> T) throws -> T {
    let folder = try TemporaryFolder(sourceLocation: sourceLocation)
    defer { folder.remove() }
    return try body(folder.path)
}

/// Writes `bytes` to `path` with permissions `mode`.
public func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    guard chmod(path, mode) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
}

/// Writes the UTF-8 of `text` to `path` with permissions `mode`.
public func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
    try write(Array(text.utf8), to: path, mode: mode)
}

/// Reads a whole file.
public func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}
