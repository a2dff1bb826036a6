#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tickmark

/// An `allowed_signers` file (see `man ssh-keygen`, ALLOWED SIGNERS): which keys may sign as
/// which principals, for which namespaces and when.
///
/// Each line is `principals [options] keytype base64-key [comment]`. Lines for key types other
/// than Ed25519 and `cert-authority` lines (certificates are not supported) never match.
package struct AllowedSigners: Sendable {
    /// One usable line of the file.
    package struct Entry: Equatable, Sendable {
        /// The principals, a comma-separated pattern list (`*` and `?` wildcards, `!` negation).
        package var principals: String
        /// The namespaces pattern list of `namespaces="…"`, or `nil` when any namespace is allowed.
        package var namespaces: String?
        /// `valid-after`, in seconds since 1970, if given.
        package var validAfter: Int?
        /// `valid-before`, in seconds since 1970, if given.
        package var validBefore: Int?
        /// The key; `nil` for lines that can never match (other key types, `cert-authority`).
        package var publicKey: SSHPublicKey?
        /// The line's number in the file, from 1.
        package var line: Int
    }

    /// The lines that hold a key, in file order.
    package var entries: [Entry]

    /// Creates a list from entries.
    package init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads and parses the file at `path`.
    package init(file path: String) throws(TickmarkError) {
        let bytes = try SigningFiles.read(path, limit: ChecklistFile.smallFileReadLimit)
        try self.init(text: String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// Parses the text of an allowed-signers file; a malformed line throws, naming its line.
    package init(text: String, path: String? = nil) throws(TickmarkError) {
        var entries: [Entry] = []
        var offset = 0
        // Split the bytes, not the characters: "\r\n" is a single Character and would hide lines.
        for (index, rawLine) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            defer { offset += rawLine.count + 1 }
            let line = String(decoding: rawLine, as: UTF8.self).trimmingBlanks()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            do {
                entries.append(try AllowedSignersLine.parse(line, number: index + 1))
            } catch {
                let position = SourcePosition(line: index + 1, column: 1, offset: offset)
                throw TickmarkError(.invalidInput, "allowed signers, line \(index + 1): \(error.message)", path: path, position: position)
            }
        }
        self.init(entries: entries)
    }

    /// Finds the line that lets `key` sign for `namespace` at time `now` (seconds since 1970),
    /// as `identity` when given. Returns the matching entry, or why no line allows the key.
    package func match(
        key: SSHPublicKey, namespace: String, identity: String? = nil, now: Int = Int(time(nil))
    ) -> Result<Entry, VerificationFailure> {
        var refusal: VerificationFailure?
        for entry in entries {
            guard let entryKey = entry.publicKey, entryKey.key == key.key else { continue }
            if let identity, PatternList.match(identity, entry.principals) != true {
                refusal = refusal ?? VerificationFailure(.signerNotAllowed, "the key \(key.fingerprint) is not allowed to sign as '\(identity)' (line \(entry.line) allows '\(entry.principals)')")
                continue
            }
            if let namespaces = entry.namespaces, PatternList.match(namespace, namespaces) != true {
                refusal = VerificationFailure(.signerNotAllowed, "the key of '\(entry.principals)' may not sign for namespace '\(namespace)' (line \(entry.line) allows \(namespaces))")
                continue
            }
            if let after = entry.validAfter, now < after {
                refusal = VerificationFailure(.signerNotAllowed, "the key of '\(entry.principals)' is not valid yet (line \(entry.line), valid-after)")
                continue
            }
            if let before = entry.validBefore, now > before {
                refusal = VerificationFailure(.signerNotAllowed, "the key of '\(entry.principals)' has expired (line \(entry.line), valid-before)")
                continue
            }
            return .success(entry)
        }
        return .failure(refusal ?? VerificationFailure(.unknownSigner, "the signing key \(key.fingerprint) is not in the allowed signers"))
    }
}

/// OpenSSH pattern lists: comma-separated patterns with `*` and `?`, where `!pattern` excludes.
enum PatternList {
    /// `true` if some pattern matches and no negated one does; `false` if a negated one matches;
    /// `nil` if nothing matches.
    static func match(_ text: String, _ list: String) -> Bool? {
        var positive = false
        for pattern in list.split(separator: ",", omittingEmptySubsequences: false) {
            let negated = pattern.hasPrefix("!")
            let body = Array((negated ? pattern.dropFirst() : pattern[...]).utf8)
            if wildcard(Array(text.utf8)[...], body[...]) {
                if negated { return false }
                positive = true
            }
        }
        return positive ? true : nil
    }

    /// Whether `text` matches `pattern` whole, where `*` matches any run and `?` any one byte.
    static func wildcard(_ text: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        var t = text.startIndex, p = pattern.startIndex
        var star: Int?, starText = text.startIndex
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                t += 1
                p += 1
            } else if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
                star = p
                starText = t
                p += 1
            } else if let star {
                p = star + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }
}
