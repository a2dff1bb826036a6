import Tickmark

/// An OpenSSH signature (`PROTOCOL.sshsig`), as `ssh-keygen -Y sign` writes and `-Y verify` reads.
package struct SSHSignature: Equatable, Sendable {
    /// The hash applied to the message before signing.
    package enum HashAlgorithm: String, Sendable, CaseIterable {
        /// SHA-256.
        case sha256
        /// SHA-512, ssh-keygen's default and Tickmark's.
        case sha512

        /// The digest of `message`.
        package func digest(_ message: [UInt8]) -> [UInt8] {
            switch self {
            case .sha256: Digest.sha256(message)
            case .sha512: Digest.sha512(message)
            }
        }
    }

    /// The namespace of Tickmark's signatures, the `-n` argument of `ssh-keygen -Y`.
    package static let tickmarkNamespace = "tickmark"
    static let magic: [UInt8] = Array("SSHSIG".utf8)
    static let label = "SSH SIGNATURE"

    /// The signer's public key.
    package var publicKey: SSHPublicKey
    /// What the signature is for; a verifier must ask for the same namespace.
    package var namespace: String
    /// The hash of the message that was signed.
    package var hashAlgorithm: HashAlgorithm
    /// The 64-byte Ed25519 signature over `signedData`.
    package var signature: [UInt8]

    /// The bytes the Ed25519 key signs: `"SSHSIG"`, namespace, reserved, hash name, H(message).
    package static func signedData(message: [UInt8], namespace: String, hashAlgorithm: HashAlgorithm) -> [UInt8] {
        var writer = SSHWriter()
        writer.raw(magic)
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string(hashAlgorithm.rawValue)
        writer.string(hashAlgorithm.digest(message))
        return writer.bytes
    }

    /// Signs `message` with `key`.
    package static func sign(
        _ message: [UInt8], with key: SigningKey, namespace: String = tickmarkNamespace, hashAlgorithm: HashAlgorithm = .sha512
    ) throws(TickmarkError) -> SSHSignature {
        guard !namespace.isEmpty else { throw TickmarkError(.usage, "an SSH signature needs a non-empty namespace") }
        let data = signedData(message: message, namespace: namespace, hashAlgorithm: hashAlgorithm)
        let signature = try key.sign(data)
        return SSHSignature(publicKey: SSHPublicKey(key.publicKey.key), namespace: namespace, hashAlgorithm: hashAlgorithm, signature: signature)
    }

    /// Creates a signature value from its parts.
    package init(publicKey: SSHPublicKey, namespace: String, hashAlgorithm: HashAlgorithm, signature: [UInt8]) {
        self.publicKey = publicKey
        self.namespace = namespace
        self.hashAlgorithm = hashAlgorithm
        self.signature = signature
    }

    /// The binary signature blob.
    package var blob: [UInt8] {
        var signatureBlob = SSHWriter()
        signatureBlob.string(SSHPublicKey.keyType)
        signatureBlob.string(signature)
        var writer = SSHWriter()
        writer.raw(Self.magic)
        writer.uint32(1)
        writer.string(SSHPublicKey(publicKey.key).blob)
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string(hashAlgorithm.rawValue)
        writer.string(signatureBlob.bytes)
        return writer.bytes
    }

    /// The `.sig` file text: `-----BEGIN SSH SIGNATURE-----`, Base64 at 70 columns, footer; LF endings.
    package var armored: String { Armor.encode(blob, label: Self.label) }

    /// Reads a `.sig` file's text strictly: any byte out of place makes it malformed.
    package init(armored text: [UInt8]) throws(VerificationFailure) {
        switch Armor.decode(text, label: Self.label, strict: true) {
        case .success(let blob): try self.init(blob: blob)
        case .failure(let error): throw VerificationFailure(.malformed, "not an SSH signature: the file \(error.message)")
        }
    }

    /// Reads a binary signature blob, checking magic, version, key and signature types and lengths.
    package init(blob: [UInt8]) throws(VerificationFailure) {
        var reader = SSHReader(blob)
        let fields: (version: UInt32, key: [UInt8], namespace: [UInt8], reserved: [UInt8], hash: [UInt8], signature: [UInt8])
        do {
            guard try reader.raw(6) == Self.magic else { throw SSHWireError(offset: 0, message: "the magic 'SSHSIG' is missing") }
            fields = (try reader.uint32(), try reader.string(), try reader.string(), try reader.string(), try reader.string(), try reader.string())
            try reader.expectEnd("signature")
        } catch {
            throw VerificationFailure(.malformed, "malformed SSH signature: \(error)")
        }
        guard fields.version == 1 else { throw VerificationFailure(.unsupported, "SSH signature version \(fields.version) is not supported (only 1)") }
        guard fields.reserved.isEmpty else { throw VerificationFailure(.malformed, "malformed SSH signature: the reserved field is not empty") }
        guard let hash = HashAlgorithm(rawValue: String(decoding: fields.hash, as: UTF8.self)) else {
            throw VerificationFailure(.unsupported, "the signature's hash algorithm '\(printable(fields.hash))' is not supported (sha256, sha512)")
        }
        guard let namespace = String(validating: fields.namespace, as: UTF8.self), !namespace.isEmpty else {
            throw VerificationFailure(.malformed, "malformed SSH signature: the namespace is empty or not UTF-8")
        }
        let key: SSHPublicKey
        do {
            key = try SSHPublicKey(blob: fields.key)
        } catch {
            throw VerificationFailure(.unsupported, "the signing key: \(error.message)")
        }
        var inner = SSHReader(fields.signature)
        let parts: (type: [UInt8], raw: [UInt8])
        do {
            parts = (try inner.string(), try inner.string())
            try inner.expectEnd("Ed25519 signature")
        } catch {
            throw VerificationFailure(.malformed, "malformed SSH signature: \(error)")
        }
        guard parts.type == Array(SSHPublicKey.keyType.utf8), parts.raw.count == 64 else {
            throw VerificationFailure(.unsupported, "the signature is not a 64-byte ssh-ed25519 signature")
        }
        self.init(publicKey: key, namespace: namespace, hashAlgorithm: hash, signature: parts.raw)
    }

    /// Checks the namespace and the signature over `message`; throws why it does not verify.
    ///
    /// This proves only that the embedded key signed `message`; whether that key is trusted is
    /// for `AllowedSigners` (or a given public key) to decide.
    package func verify(message: [UInt8], namespace required: String = tickmarkNamespace) throws(VerificationFailure) {
        guard namespace == required else {
            throw VerificationFailure(.wrongNamespace, "the signature is for namespace '\(namespace)', not '\(required)'")
        }
        let data = Self.signedData(message: message, namespace: namespace, hashAlgorithm: hashAlgorithm)
        guard publicKey.key.isValidSignature(signature, for: data) else {
            throw VerificationFailure(.badSignature, "the signature does not match the file: the file or the signature was changed")
        }
    }
}
