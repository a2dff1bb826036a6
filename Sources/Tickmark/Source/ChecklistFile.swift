#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading checklist files from disk.
public enum ChecklistFile {
    /// Bytes inspected for NUL when deciding whether a file is binary.
    static let binaryProbeLength = 8192

    /// The most `readBytes` reads unless told otherwise: far above any checklist or record, far
    /// below what would exhaust memory.
    public static let defaultReadLimit = 1 << 30
    /// The most read from small files a user names (keys, allowed signers, rosters, variables).
    public static let smallFileReadLimit = 16 << 20

    /// Reads the file at `path` whole: a regular file, or a FIFO (the output of another command),
    /// at most `limit` bytes. A device (such as `/dev/zero`), a socket or a folder is refused, as
    /// is a file larger than `limit`.
    public static func readBytes(_ path: String, limit: Int = defaultReadLimit) throws(TickmarkError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TickmarkError(.unreadable, "cannot read file: \(String(cString: strerror(errno)))", path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            throw TickmarkError(.unreadable, "is a folder; pass a Markdown file (or use `tickmark lint` for folders)", path: path)
        case S_IFREG, S_IFIFO:
            break
        default:
            throw TickmarkError(.unreadable, "is a device or socket, not a file; pass a regular file", path: path)
        }
        if Int(info.st_size) > limit {
            throw tooLarge(path, limit: limit)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TickmarkError(.unreadable, "cannot open file: \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        // A regular file is read straight into an array of its size; anything else (or a file
        // that grows meanwhile) continues in chunks.
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG, size > 0 {
            var failure: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                while initialized < size {
                    let count = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if count == 0 { return }
                    initialized += count
                }
            }
            if failure != 0 {
                throw TickmarkError(.unreadable, "cannot read file: \(String(cString: strerror(failure)))", path: path)
            }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw TickmarkError(.unreadable, "cannot read file: \(String(cString: strerror(errno)))", path: path)
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else { throw tooLarge(path, limit: limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func tooLarge(_ path: String, limit: Int) -> TickmarkError {
        let size = limit >= 1 << 30 ? "\(limit >> 30) GiB" : "\(limit >> 20) MiB"
        return TickmarkError(.unreadable, "is larger than \(size), more than Tickmark reads from such a file", path: path)
    }

    /// Reads and parses the checklist at `path`. Binary files are refused; everything else parses.
    public static func load(_ path: String) throws(TickmarkError) -> Checklist {
        let bytes = try readBytes(path)
        try requireText(bytes, path: path)
        return ChecklistParser.parse(bytes, path: path)
    }

    /// Throws when `bytes` hold a NUL byte, the mark of a binary file.
    public static func requireText(_ bytes: [UInt8], path: String) throws(TickmarkError) {
        let nulOffset: Int? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        if let nul = nulOffset {
            let position = SourceText(bytes: Array(bytes[...nul])).position(ofOffset: nul)
            throw TickmarkError(
                .notText, "is a binary file (NUL byte at line \(position.line), column \(position.column)), not a Markdown checklist",
                path: path, position: position
            )
        }
    }
}
