import Tickmark

/// An unencrypted Ed25519 private key in OpenSSH's `openssh-key-v1` format (`~/.ssh/id_ed25519`).
package struct OpenSSHPrivateKey: Sendable {
    /// The private key.
    package let key: Ed25519.PrivateKey
    /// The key's comment (often `user@host`).
    package let comment: String

    /// Wraps a key and a comment.
    package init(key: Ed25519.PrivateKey, comment: String = "") {
        self.key = key
        self.comment = comment
    }

    /// The public key, with this key's comment.
    package var publicKey: SSHPublicKey { SSHPublicKey(key.publicKey, comment: comment) }

    static let magic: [UInt8] = Array("openssh-key-v1".utf8) + [0]
    static let label = "OPENSSH PRIVATE KEY"

    /// The key file's text as `ssh-keygen -N ''` writes it. `checkInt` is normally random; any
    /// value works, and a fixed one gives reproducible files.
    package func fileText(checkInt: UInt32) -> String {
        var inner = SSHWriter()
        inner.uint32(checkInt)
        inner.uint32(checkInt)
        inner.string(SSHPublicKey.keyType)
        inner.string(key.publicKey.raw)
        inner.string(key.seed + key.publicKey.raw)
        inner.string(comment)
        var pad: UInt8 = 1
        while inner.bytes.count % 8 != 0 {
            inner.byte(pad)
            pad += 1
        }
        var outer = SSHWriter()
        outer.raw(Self.magic)
        outer.string("none")
        outer.string("none")
        outer.string([UInt8]())
        outer.uint32(1)
        outer.string(publicKey.blob)
        outer.string(inner.bytes)
        return Armor.encode(outer.bytes, label: Self.label)
    }
}

/// What an OpenSSH private key file holds: a usable key, or an encrypted one (of which only the
/// public half can be read without the passphrase).
package enum OpenSSHKeyFile: Sendable {
    /// An unencrypted key.
    case plain(OpenSSHPrivateKey)
    /// A passphrase-protected key, with its public key, cipher name and key-derivation name.
    case encrypted(SSHPublicKey, cipher: String, kdf: String)

    /// Reads the key file at `path`, first refusing it if its group or others may access it.
    package static func load(path: String) throws(TickmarkError) -> OpenSSHKeyFile {
        try SigningFiles.requirePrivate(path)
        let bytes = try SigningFiles.read(path, limit: ChecklistFile.smallFileReadLimit)
        do {
            return try parse(bytes)
        } catch {
            throw TickmarkError(error.code, error.message, path: path)
        }
    }

    /// Parses the text of a key file, checking every field that `PROTOCOL.key` constrains.
    package static func parse(_ text: [UInt8]) throws(TickmarkError) -> OpenSSHKeyFile {
        let blob: [UInt8]
        switch Armor.decode(text, label: OpenSSHPrivateKey.label, strict: false) {
        case .success(let bytes): blob = bytes
        case .failure(let error): throw TickmarkError(.signingKey, "not an OpenSSH private key: the file \(error.message)")
        }
        var reader = SSHReader(blob)
        let header = try wireFields("malformed OpenSSH private key") { () throws(SSHWireError) in
            guard try reader.raw(OpenSSHPrivateKey.magic.count) == OpenSSHPrivateKey.magic else {
                throw SSHWireError(offset: 0, message: "the magic 'openssh-key-v1' is missing")
            }
            let cipher = String(decoding: try reader.string(), as: UTF8.self)
            let kdf = String(decoding: try reader.string(), as: UTF8.self)
            let kdfOptions = try reader.string()
            let count = try reader.uint32()
            guard count == 1 else {
                throw SSHWireError(offset: reader.offset - 4, message: "the file holds \(count) keys; exactly 1 is supported")
            }
            return (cipher: cipher, kdf: kdf, kdfOptions: kdfOptions, publicBlob: try reader.string())
        }
        let outerKey = try SSHPublicKey(blob: header.publicBlob)
        if header.cipher != "none" || header.kdf != "none" {
            return .encrypted(outerKey, cipher: header.cipher, kdf: header.kdf)
        }
        guard header.kdfOptions.isEmpty else {
            throw TickmarkError(.signingKey, "malformed OpenSSH private key: an unencrypted key has empty KDF options")
        }
        let section = try wireFields("malformed OpenSSH private key") { () throws(SSHWireError) in
            let section = try reader.string()
            try reader.expectEnd("private section")
            return section
        }
        return .plain(try parsePrivateSection(section, outerKey: outerKey))
    }

    private static func parsePrivateSection(_ section: [UInt8], outerKey: SSHPublicKey) throws(TickmarkError) -> OpenSSHPrivateKey {
        func fail(_ reason: String) -> TickmarkError {
            TickmarkError(.signingKey, "malformed OpenSSH private key: \(reason)")
        }
        guard section.count % 8 == 0 else { throw fail("the private section is not a multiple of 8 bytes") }
        var reader = SSHReader(section)
        let fields = try wireFields("malformed OpenSSH private key") { () throws(SSHWireError) in
            let check1 = try reader.uint32()
            let check2 = try reader.uint32()
            return (check1, check2, type: try reader.string(), pub: try reader.string(), priv: try reader.string(),
                    comment: try reader.string(), padding: try reader.raw(reader.remaining))
        }
        guard fields.0 == fields.1 else { throw fail("the check numbers differ (wrong passphrase or a damaged file)") }
        guard fields.type == Array(SSHPublicKey.keyType.utf8) else {
            throw SSHPublicKey.unsupported(fields.type)
        }
        guard fields.pub.count == 32, fields.priv.count == 64 else { throw fail("wrong Ed25519 key lengths") }
        guard Array(fields.priv[32...]) == fields.pub else { throw fail("the private key's public half differs from the public key") }
        guard fields.pub == outerKey.key.raw else { throw fail("the public key inside differs from the one outside") }
        guard fields.padding.count < 8, fields.padding.enumerated().allSatisfy({ $0.element == UInt8($0.offset + 1) }) else {
            throw fail("the padding is not 1, 2, 3, …")
        }
        let key = try Ed25519.PrivateKey(seed: Array(fields.priv[..<32]))
        guard key.publicKey.raw == fields.pub else { throw fail("the seed does not derive the stored public key") }
        return OpenSSHPrivateKey(key: key, comment: String(decoding: fields.comment, as: UTF8.self))
    }
}
