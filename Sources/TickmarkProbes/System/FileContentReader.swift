import Foundation

/// What a bounded read of a file found (`FileReader.readContent`).
package struct FileContent: Sendable, Equatable {
    /// The whole content when it is at most the limit; otherwise its first bytes.
    package var bytes: [UInt8]
    /// The file's size in bytes.
    package var size: Int
    /// Whether `bytes` is the whole content.
    package var complete: Bool
    /// Whether the needle was seen anywhere in the file (`nil` when none was asked for).
    package var containsNeedle: Bool?

    /// Creates the result of a read.
    package init(bytes: [UInt8], size: Int, complete: Bool, containsNeedle: Bool?) {
        self.bytes = bytes
        self.size = size
        self.complete = complete
        self.containsNeedle = containsNeedle
    }
}

/// Why a bounded read stopped before the end of the file.
package struct FileReadTimeout: Error, Sendable, CustomStringConvertible {
    /// Bytes read before the deadline.
    package var read: Int
    /// The file's size.
    package var size: Int
    /// `read N of M bytes`.
    package var description: String { "read \(read) of \(size) bytes" }
}

extension FileReader {
    /// The content of `path`, keeping at most `limit` bytes in memory and searching the whole file
    /// for `needle`; `nil` when nothing exists there. This default reads the file whole with `read`.
    package func readContent(_ path: String, limit: Int, deadline: ContinuousClock.Instant, needle: [UInt8]?) throws -> FileContent? {
        guard let bytes = try read(path) else { return nil }
        let found = needle.map { ByteScan.contains(bytes[...], $0) }
        let complete = bytes.count <= limit
        return FileContent(bytes: complete ? bytes : Array(bytes.prefix(limit)), size: bytes.count, complete: complete, containsNeedle: found)
    }
}

extension LocalFileReader {
    /// Reads a regular file in chunks: never more than `limit` bytes kept, the whole file searched
    /// for `needle`, stopped with `FileReadTimeout` at `deadline`. A FIFO, device or socket is
    /// refused without being opened for long (a FIFO would wait for a writer forever).
    package func readContent(_ path: String, limit: Int, deadline: ContinuousClock.Instant, needle: [UInt8]?) throws -> FileContent? {
        var information = stat()
        guard stat(path, &information) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ReadError(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        try Self.requireRegular(information, path: path)
        // O_NONBLOCK: should the path have become a FIFO since, opening it does not wait.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReadError(path: path, reason: errno == EACCES ? "permission denied" : String(cString: strerror(errno)).lowercased())
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &information) == 0 else { throw ReadError(path: path, reason: "it cannot be opened") }
        try Self.requireRegular(information, path: path)
        let size = Int(information.st_size)
        var kept: [UInt8] = []
        kept.reserveCapacity(min(size, limit))
        var total = 0
        var found: Bool? = needle.map { $0.isEmpty }
        let overlap = max(0, (needle?.count ?? 0) - 1)
        var tail: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            if ContinuousClock.now >= deadline { throw FileReadTimeout(read: total, size: size) }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: String(cString: strerror(errno)).lowercased())
            }
            if count == 0 { break }
            let piece = chunk[0..<count]
            if let needle, found == false {
                // Across the boundary with the previous chunk, then within this one.
                if !tail.isEmpty, ByteScan.contains((tail + piece.prefix(overlap))[...], needle) { found = true }
                if ByteScan.contains(piece, needle) { found = true }
                tail = piece.count >= overlap ? Array(piece.suffix(overlap)) : Array((tail + piece).suffix(overlap))
            }
            if total < limit { kept.append(contentsOf: piece.prefix(limit - total)) }
            total += count
        }
        return FileContent(bytes: kept, size: total, complete: total <= limit, containsNeedle: found)
    }

    private static func requireRegular(_ information: stat, path: String) throws {
        switch information.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw ReadError(path: path, reason: "it is a folder")
        case S_IFIFO: throw ReadError(path: path, reason: "it is a FIFO, not a regular file; content checks read regular files only")
        case S_IFSOCK: throw ReadError(path: path, reason: "it is a socket, not a regular file; content checks read regular files only")
        default: throw ReadError(path: path, reason: "it is a device, not a regular file; content checks read regular files only")
        }
    }
}

/// Searching bytes for bytes.
enum ByteScan {
    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                // memchr for the first byte, memcmp for the rest: linear on real text.
                let base = hay.baseAddress!, last = hay.count - pin.count
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(pin[0]), last - offset + 1) else { return false }
                    let at = UnsafeRawPointer(hit) - base
                    if memcmp(base + at, pin.baseAddress!, pin.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }
}
