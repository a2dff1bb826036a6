#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file `AtomicFile` writes before it takes the target's place.
///
/// On Linux it has no name while it is written (`O_TMPFILE`): a process killed with SIGKILL
/// leaves nothing behind. It gets a name only to be renamed over the target, a moment later (a
/// new file is linked at the target's name directly). Where the file system has no `O_TMPFILE`,
/// it is a named file, `.NAME.tickmark-XXXXXX` beside the target; such files left by a killed
/// process are removed by the next successful write of the same target once they are an hour old.
struct TemporaryName {
    /// The prefix every temporary name of `target` starts with.
    static func prefix(of target: String) -> String { "." + target + ".tickmark-" }
    /// How old a leftover temporary file must be before it is removed.
    static let staleAge: Int = 3600

    let folder: String
    let target: String
    /// The temporary file's path, when it has one.
    private(set) var path: String?

    init(folder: String, target: String) {
        self.folder = folder
        self.target = target
    }

    /// Opens a new temporary file for writing; `nil` (with `errno` set) when none can be created.
    mutating func open(mode: mode_t) -> Int32? {
        #if os(Linux)
        // O_TMPFILE is (__O_TMPFILE | O_DIRECTORY); Swift does not import the GNU macro.
        let anonymous = Glibc.open(folder, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, mode)
        if anonymous >= 0 { return anonymous }
        #endif
        var template = Array((folder + "/" + Self.prefix(of: target) + "XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return descriptor
    }

    /// Puts the written file at `destination`: a rename of the named file, or a link of the
    /// anonymous one (straight at `destination` when nothing is expected there, else at a fresh
    /// temporary name renamed over it). `false`, with `errno` set, when it failed.
    mutating func commit(_ descriptor: Int32, over destination: String, replacing: Bool) -> Bool {
        if let path { return rename(path, destination) == 0 }
        let source = "/proc/self/fd/\(descriptor)"
        if !replacing {
            if linkat(AT_FDCWD, source, AT_FDCWD, destination, AT_SYMLINK_FOLLOW) == 0 { return true }
            guard errno == EEXIST else { return false }
        }
        for _ in 0..<100 {
            let name = folder + "/" + Self.prefix(of: target) + Self.randomSuffix()
            guard linkat(AT_FDCWD, source, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else {
                if errno == EEXIST { continue }
                return false
            }
            path = name
            return rename(name, destination) == 0
        }
        errno = EEXIST
        return false
    }

    /// Removes the named temporary file, if there is one.
    func discard() {
        if let path { unlink(path) }
    }

    /// Removes this target's temporary files that a killed process left behind (older than
    /// `staleAge`).
    func removeStale() {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let prefix = Self.prefix(of: target)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix(prefix), name.utf8.count == prefix.utf8.count + 6 else { continue }
            let candidate = folder + "/" + name
            var info = stat()
            guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  Int(now.tv_sec) - Int(info.st_mtim.tv_sec) > Self.staleAge else { continue }
            unlink(candidate)
        }
    }

    private static func randomSuffix() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<6).map { _ in letters.randomElement()! })
    }
}

/// Writing to a descriptor, and writing through to what is not a regular file.
enum OutputDescriptor {
    /// Writes every byte; the `errno` of the failure, or `nil`.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += count
        }
        return nil
    }

    /// Writes `bytes` into the existing device, FIFO or socket at `target` (opened without
    /// creating or truncating it), so that it stays what it is.
    static func writeThrough(_ target: String, _ bytes: [UInt8], path: String) throws(TickmarkError) {
        let descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TickmarkError(.cannotWrite, "cannot open for writing: \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(descriptor) }
        if let problem = writeAll(descriptor, bytes) {
            throw TickmarkError(.cannotWrite, "cannot write: \(String(cString: strerror(problem)))", path: path)
        }
    }
}
