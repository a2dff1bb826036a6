import Foundation
import Testing

/// A fresh folder of its own under the system's temporary folder, for one test; `remove()` deletes it.
package struct TemporaryFolder: Sendable {
    /// The folder's absolute path.
    package let path: String

    /// Creates a folder with a unique name under the system's temporary folder.
    package init(sourceLocation: SourceLocation = #_sourceLocation) throws {
        var template = Array((NSTemporaryDirectory() + "/tickmark-test-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        let made = try #require(created, "cannot create a temporary folder", sourceLocation: sourceLocation)
        path = String(cString: made)
    }

    /// The path of `name` inside the folder; an absolute path is returned as it is.
    package func path(_ name: String) -> String {
        name.hasPrefix("/") ? name : path + "/" + name
    }

    /// Writes `bytes` to `name` (creating folders on the way) with permissions `mode`; returns its path.
    @discardableResult
    package func write(_ name: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws -> String {
        let file = path(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try TickmarkTestSupport.write(bytes, to: file, mode: mode)
        return file
    }

    /// Writes the UTF-8 of `text` to `name` (creating folders on the way) with permissions `mode`; returns its path.
    @discardableResult
    package func write(_ name: String, _ text: String, mode: mode_t = 0o644) throws -> String {
        try write(name, Array(text.utf8), mode: mode)
    }

    /// The bytes of `name`.
    package func read(_ name: String) throws -> [UInt8] {
        try TickmarkTestSupport.read(path(name))
    }

    /// The text of `name`, decoded as UTF-8 (invalid bytes replaced).
    package func text(_ name: String) throws -> String {
        String(decoding: try read(name), as: UTF8.self)
    }

    /// Whether `name` exists in the folder.
    package func contains(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: path(name))
    }

    /// The names in the folder (or in `subfolder` of it), hidden ones included, sorted.
    package func names(in subfolder: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: subfolder.isEmpty ? path : path(subfolder)).sorted()
    }

    /// Deletes the folder and everything in it.
    package func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A fresh `TemporaryFolder` whose path is passed to `body`, removed when `body` returns.
package func withTemporaryFolder<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: (String) throws -> T) throws -> T {
    let folder = try TemporaryFolder(sourceLocation: sourceLocation)
    defer { folder.remove() }
    return try body(folder.path)
}

/// Writes `bytes` to `path` with permissions `mode`.
package func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    guard chmod(path, mode) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
}

/// Writes the UTF-8 of `text` to `path` with permissions `mode`.
package func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
    try write(Array(text.utf8), to: path, mode: mode)
}

/// Reads a whole file.
package func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The repository's root folder, found from this file's own path (`Tests/TickmarkTestSupport/`).
package let repositoryRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
}()
