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
    ///
    /// Only a regular file is replaced by a rename. Anything else at `path` (a device such as
    /// `/dev/null`, a FIFO, a socket) is written through, as a shell redirection would, and stays
    /// what it is; a folder is refused. A read-only file (no write bit set) is refused too, even
    /// where the process could replace it (as root), so that a file a user protected stays as it is.
    public static func replace(path: String, expected: [UInt8]?, with bytes: [UInt8]) throws(TickmarkError) {
        let target = resolvedPath(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                guard info.st_mode & 0o222 != 0 else {
                    throw TickmarkError(
                        .cannotWrite,
                        "the file is read-only (mode \(String(info.st_mode & 0o7777, radix: 8))); nothing was written. Make it writable (chmod u+w) for Tickmark to change it",
                        path: path
                    )
                }
            case S_IFDIR:
                throw TickmarkError(.cannotWrite, "is a folder; name a file to write", path: path)
            default:
                guard expected == nil else {
                    throw TickmarkError(.cannotWrite, "is not a regular file; nothing was written", path: path)
                }
                try OutputDescriptor.writeThrough(target, bytes, path: path)
                return
            }
        }
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
        let directory = folder.isEmpty ? (target.hasPrefix("/") ? "/" : ".") : folder
        let name = target.split(separator: "/").last.map(String.init) ?? target
        var temporary = TemporaryName(folder: directory, target: name)
        guard let descriptor = temporary.open(mode: exists ? info.st_mode & 0o7777 : 0o644) else {
            throw TickmarkError(.cannotWrite, "cannot create a temporary file next to it: \(String(cString: strerror(errno)))", path: path)
        }
        var committed = false
        defer {
            if !committed { temporary.discard() }
        }
        do {
            defer { close(descriptor) }
            let mode = exists ? info.st_mode & 0o7777 : 0o644
            fchmod(descriptor, mode)
            if exists { _ = fchown(descriptor, info.st_uid, info.st_gid) }
            if let problem = OutputDescriptor.writeAll(descriptor, bytes) {
                throw TickmarkError(.cannotWrite, "cannot write: \(String(cString: strerror(problem))); the file is unchanged", path: path)
            }
            guard fsync(descriptor) == 0 else {
                throw TickmarkError(.cannotWrite, "cannot flush to disk: \(String(cString: strerror(errno))); the file is unchanged", path: path)
            }
            if let expected {
                // A last look right before the rename narrows the window for a lost update.
                guard (try? ChecklistFile.readBytes(target)) == expected else {
                    throw TickmarkError(.conflict, "the file changed on disk while it was being written; nothing was written. Run the command again", path: path)
                }
            }
            guard temporary.commit(descriptor, over: target, replacing: exists || expected != nil) else {
                throw TickmarkError(.cannotWrite, "cannot replace the file: \(String(cString: strerror(errno))); it is unchanged", path: path)
            }
        }
        committed = true
        temporary.removeStale()
        let folderDescriptor = open(directory, O_RDONLY)
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
