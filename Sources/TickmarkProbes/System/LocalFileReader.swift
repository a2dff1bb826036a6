import Foundation

/// Reads the local file system.
public struct LocalFileReader: FileReader {
    /// Why a path could not be read.
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The path.
        public var path: String
        /// What went wrong (`is a folder`, `permission denied`).
        public var reason: String
        /// `cannot read PATH: REASON`.
        public var description: String { "cannot read \(path): \(reason)" }
    }

    /// Creates a reader.
    public init() {}

    /// The file's bytes; `nil` when nothing exists at `path`; throws `ReadError` for a folder or
    /// an unreadable file.
    public func read(_ path: String) throws -> [UInt8]? {
        var information = stat()
        guard stat(path, &information) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ReadError(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        if information.st_mode & S_IFMT == S_IFDIR { throw ReadError(path: path, reason: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReadError(path: path, reason: access(path, R_OK) == 0 ? "it cannot be opened" : "permission denied")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw ReadError(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Whether anything (file, folder, or the target of a symbolic link) exists at `path`.
    public func exists(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0
    }

    /// The last modification time of what is at `path`.
    public func modificationDate(_ path: String) -> Date? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        let time = information.st_mtim
        return Date(timeIntervalSince1970: TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9)
    }

    /// The names in `folder`, sorted; empty when it is not a readable folder.
    public func list(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
