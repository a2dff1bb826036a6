import Foundation

/// Reads the local file system.
package struct LocalFileReader: FileReader {
    /// Why a path could not be read.
    package struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The path.
        package var path: String
        /// What went wrong (`is a folder`, `permission denied`).
        package var reason: String
        /// `cannot read PATH: REASON`.
        package var description: String { "cannot read \(path): \(reason)" }
    }

    /// Creates a reader.
    package init() {}

    /// The file's bytes; `nil` when nothing exists at `path`; throws `ReadError` for a folder or
    /// an unreadable file.
    package func read(_ path: String) throws -> [UInt8]? {
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
    package func exists(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0
    }

    /// The last modification time of what is at `path`.
    package func modificationDate(_ path: String) -> Date? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        let time = information.st_mtim
        return Date(timeIntervalSince1970: TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9)
    }

    /// The names in `folder`, sorted; empty when it is not a readable folder.
    package func list(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
