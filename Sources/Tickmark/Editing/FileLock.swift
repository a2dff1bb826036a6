#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` held across a read-check-replace of a file, so that two Tickmark
/// processes changing the same file (two people signing off one record, two `run --write` of one
/// checklist) take turns instead of one silently replacing what the other wrote.
///
/// The lock is taken on the folder that holds the file, not on the file itself: an atomic
/// replace renames a new file over the old one, so a lock on the old file would not be seen by a
/// process that opens the new one. The folder stays the same inode through every rename, and
/// locking it leaves no lock file behind in the user's folder. Other Tickmark writes into the
/// same folder wait for the few milliseconds a write takes.
package enum FileLock {
    /// Runs `body` while holding the exclusive lock of the folder of `path` (symbolic links
    /// resolved, as `AtomicFile.replace` resolves them). A folder that cannot be opened (it does
    /// not exist yet) is not locked: `body` runs anyway, and creating the file is then its own
    /// guard.
    package static func exclusive<Result, Failure: Error>(for path: String, _ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        let descriptor = lockFolder(of: path)
        defer {
            if descriptor >= 0 {
                _ = flock(descriptor, LOCK_UN)
                close(descriptor)
            }
        }
        return try body()
    }

    /// Opens and locks the folder of `path`; returns the descriptor, or -1 when the folder cannot
    /// be opened or locked.
    private static func lockFolder(of path: String) -> Int32 {
        let target = AtomicFile.resolvedPath(path)
        let folder = folderPath(of: target)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return -1 }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            close(descriptor)
            return -1
        }
        return descriptor
    }

    /// The folder part of `path`: `.` for a bare name, `/` for a file at the root.
    static func folderPath(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return "." }
        let folder = String(path.utf8[..<slash]) ?? "."
        return folder.isEmpty ? "/" : folder
    }
}
