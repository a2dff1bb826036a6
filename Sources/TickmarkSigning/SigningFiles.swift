#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tickmark

extension TickmarkError.Code {
    /// A key cannot be used to sign: malformed, encrypted, unprotected, or of an unsupported type.
    package static let signingKey = TickmarkError.Code(rawValue: "signing-key")
    /// The SSH agent cannot be reached or refused to sign.
    package static let sshAgent = TickmarkError.Code(rawValue: "ssh-agent")
}

/// Reading the files that signing and verifying take as input.
package enum SigningFiles {
    /// The whole content of the file at `path`; folders and unreadable files throw `.unreadable`.
    package static func read(_ path: String, limit: Int = ChecklistFile.defaultReadLimit) throws(TickmarkError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TickmarkError(.unreadable, "cannot read file: \(String(cString: strerror(errno)))", path: path)
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw TickmarkError(.unreadable, "is a folder, not a file", path: path)
        }
        return try ChecklistFile.readBytes(path, limit: limit)
    }

    /// Refuses a private key file that its group or others may read or write, like `ssh` does.
    static func requirePrivate(_ path: String) throws(TickmarkError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TickmarkError(.unreadable, "cannot read key file: \(String(cString: strerror(errno)))", path: path)
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            let octal = String(mode, radix: 8)
            throw TickmarkError(
                .signingKey,
                "private key file is accessible by others (mode \(octal)); protect it with `chmod 600 \(path)` and try again",
                path: path
            )
        }
    }

    /// The folder part of `path` (`.` for a bare name), without a trailing slash.
    package static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of `path`.
    package static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// Runs `body`, turning a malformed-data error into a `.signingKey` error that starts with `what`.
func wireFields<T>(_ what: String, code: TickmarkError.Code = .signingKey, _ body: () throws(SSHWireError) -> T) throws(TickmarkError) -> T {
    do {
        return try body()
    } catch {
        throw TickmarkError(code, "\(what): \(error)")
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
