#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replacing a file's content without ever leaving it half-written.
public enum AtomicFile {
    /// Replaces the content of `path`, which must still hold exactly `expected`, by `bytes`.
    ///
    /// The new content goes to a temporary file in the same folder, is flushed to disk, takes the
    /// original's mode (and owner, where permitted), and is renamed over it. A symbolic link is
    /// followed and stays a link. If the file no longer holds `expected` (someone edited it since it
    /// was read), nothing is written and a `.conflict` error is thrown.
    public static func replace(path: String, expected: [UInt8]?, with bytes: [UInt8]) throws(TickmarkError) {
        let target = resolvedPath(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        if let expected {
            let current: [UInt8]
            do {
                current = try ChecklistFile.readBytes(target)
            } catch {
                throw TickmarkError(.conflict, "the file can no longer be read (\(error.message)); nothing was written", path: path)
            }
            guard current == expected else {
                throw TickmarkError(.conflict, "the file changed on disk since it was read; nothing was written. Run the command again", path: path)
            }
        }
        let folder = target.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = target.split(separator: "/").last.map(String.init) ?? target
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".tickmark-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw TickmarkError(.cannotWrite, "cannot create a temporary file next to it: \(String(cString: strerror(errno)))", path: path)
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            let mode = exists ? info.st_mode & 0o7777 : 0o644
            fchmod(descriptor, mode)
            if exists { _ = fchown(descriptor, info.st_uid, info.st_gid) }
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { buffer in
                    Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw TickmarkError(.cannotWrite, "cannot write: \(String(cString: strerror(errno))); the file is unchanged", path: path)
                }
                written += count
            }
            guard fsync(descriptor) == 0 else {
                throw TickmarkError(.cannotWrite, "cannot flush to disk: \(String(cString: strerror(errno))); the file is unchanged", path: path)
            }
        }
        if let expected {
            // A last look right before the rename narrows the window for a lost update.
            guard (try? ChecklistFile.readBytes(target)) == expected else {
                throw TickmarkError(.conflict, "the file changed on disk while it was being written; nothing was written. Run the command again", path: path)
            }
        }
        guard rename(temporary, target) == 0 else {
            throw TickmarkError(.cannotWrite, "cannot replace the file: \(String(cString: strerror(errno))); it is unchanged", path: path)
        }
        committed = true
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// `path` with symbolic links resolved, so that writing keeps the link.
    static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
