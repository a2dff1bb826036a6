import Tickmark

/// An Ed25519 public key in OpenSSH's formats: the wire blob, the `ssh-ed25519 AAAA… comment`
/// line of a `.pub` file, and the `SHA256:…` fingerprint that `ssh-keygen -l` prints.
package struct SSHPublicKey: Hashable, Sendable {
    /// The key type name of Ed25519 keys in SSH.
    package static let keyType = "ssh-ed25519"

    /// The key.
    package var key: Ed25519.PublicKey
    /// The comment after the key on a `.pub` line (often `user@host`); empty if none.
    package var comment: String

    /// Wraps a key with an optional comment.
    package init(_ key: Ed25519.PublicKey, comment: String = "") {
        self.key = key
        self.comment = comment
    }

    /// The wire blob (RFC 8709 §4): `string "ssh-ed25519"`, `string pub32`. 51 bytes.
    package var blob: [UInt8] {
        var writer = SSHWriter()
        writer.string(Self.keyType)
        writer.string(key.raw)
        return writer.bytes
    }

    /// The error for a key of type `type` (shown with unprintable bytes escaped).
    static func unsupported(_ type: [UInt8]) -> TickmarkError {
        TickmarkError(.signingKey, "the key type is '\(printable(type))'; only ssh-ed25519 keys are supported (make one with `ssh-keygen -t ed25519`)")
    }

    /// Reads a wire blob; it must be exactly an Ed25519 key with nothing after it.
    package init(blob: [UInt8]) throws(TickmarkError) {
        var reader = SSHReader(blob)
        // The type comes first: an RSA or ECDSA key is named as such, not as a malformed one.
        let type = try wireFields("malformed SSH public key") { () throws(SSHWireError) in try reader.string() }
        guard type == Array(Self.keyType.utf8) else { throw Self.unsupported(type) }
        let raw = try wireFields("malformed SSH public key") { () throws(SSHWireError) in
            let raw = try reader.string()
            try reader.expectEnd("public key")
            return raw
        }
        self.init(try Ed25519.PublicKey(raw: raw))
    }

    /// The `.pub` line: `ssh-ed25519 <base64 blob>` and ` comment` if there is one (no newline).
    package var line: String {
        let base = Self.keyType + " " + Base64.encode(blob)
        return comment.isEmpty ? base : base + " " + comment
    }

    /// Parses a `.pub` line: key type, Base64 blob whose own type must agree, optional comment.
    package init(line: String) throws(TickmarkError) {
        let fields = line.split(maxSplits: 2, omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
        guard fields.count >= 2 else {
            throw TickmarkError(.signingKey, "not an SSH public key line: expected 'ssh-ed25519 AAAA… comment'")
        }
        guard fields[0] == Self.keyType else {
            throw Self.unsupported(Array(fields[0].utf8))
        }
        guard let blob = Base64.decode(String(fields[1])) else {
            throw TickmarkError(.signingKey, "the key's Base64 text is malformed")
        }
        try self.init(blob: blob)
        let rest = fields.count > 2 ? String(fields[2]) : ""
        comment = rest.trimmingBlanks()
    }

    /// Reads a `.pub` file: its first line that is not blank or a `#` comment.
    package init(file path: String) throws(TickmarkError) {
        let text = String(decoding: try SigningFiles.read(path, limit: ChecklistFile.smallFileReadLimit), as: UTF8.self)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let first = lines.first(where: { line in
            let trimmed = line.trimmingBlanks()
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }) else {
            throw TickmarkError(.signingKey, "holds no public key", path: path)
        }
        do {
            try self.init(line: String(first))
        } catch {
            throw TickmarkError(error.code, error.message, path: path)
        }
    }

    /// The fingerprint as `ssh-keygen -l` prints it: `SHA256:` and unpadded Base64 of SHA-256(blob).
    package var fingerprint: String {
        "SHA256:" + Base64.encode(Digest.sha256(blob), padded: false)
    }

    /// Equal keys; comments are ignored.
    package func sameKey(as other: SSHPublicKey) -> Bool { key == other.key }
}
