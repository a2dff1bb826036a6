#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading checklist files from disk.
public enum ChecklistFile {
    /// Bytes inspected for NUL when deciding whether a file is binary.
    static let binaryProbeLength = 8192

    /// Reads the file at `path` whole.
    public static func readBytes(_ path: String) throws(TickmarkError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TickmarkError(.unreadable, "cannot read file: \(String(cString: strerror(errno)))", path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw TickmarkError(.unreadable, "is a folder; pass a Markdown file (or use `tickmark lint` for folders)", path: path)
        }
        let descriptor = open(path, O_RDONLY)
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
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
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
