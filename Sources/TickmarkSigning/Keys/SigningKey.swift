import Tickmark

/// A key that can sign: an Ed25519 private key in memory, or a key held by the SSH agent.
package struct SigningKey: Sendable {
    private enum Backend: Sendable {
        case local(Ed25519.PrivateKey)
        case agent(SSHAgent)
    }

    private let backend: Backend
    /// The public key, with the key's comment when known.
    package let publicKey: SSHPublicKey

    /// A key in memory.
    package init(_ key: Ed25519.PrivateKey, comment: String = "") {
        backend = .local(key)
        publicKey = SSHPublicKey(key.publicKey, comment: comment)
    }

    /// The key `publicKey`, held by `agent`; signing asks the agent.
    package init(agent: SSHAgent, publicKey: SSHPublicKey) {
        backend = .agent(agent)
        self.publicKey = publicKey
    }

    /// Whether signing goes through the SSH agent.
    package var usesAgent: Bool {
        if case .agent = backend { return true }
        return false
    }

    /// Signs `message` with Ed25519 (the message itself, not a hash of it), giving 64 bytes.
    package func sign(_ message: [UInt8]) throws(TickmarkError) -> [UInt8] {
        switch backend {
        case .local(let key): try key.sign(message)
        case .agent(let agent): try agent.sign(message, with: publicKey)
        }
    }

    /// Loads the key named by `path`, as `--key` does.
    ///
    /// - An unencrypted OpenSSH private key file is used directly; it must not be accessible by
    ///   group or others.
    /// - A passphrase-protected key file, or a public key file (`.pub`), signs through the SSH
    ///   agent at `agent` (normally `SSH_AUTH_SOCK`), which must hold that key.
    package static func load(path: String, agent: SSHAgent? = SSHAgent.fromEnvironment()) throws(TickmarkError) -> SigningKey {
        let bytes = try SigningFiles.read(path, limit: ChecklistFile.smallFileReadLimit)
        let text = String(decoding: bytes.prefix(64), as: UTF8.self).trimmingBlanks()
        if text.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----") {
            switch try OpenSSHKeyFile.load(path: path) {
            case .plain(let key):
                return SigningKey(key.key, comment: key.comment)
            case .encrypted(let publicKey, let cipher, let kdf):
                guard let agent else {
                    throw TickmarkError(.signingKey, encryptedMessage(path: path, cipher: cipher, kdf: kdf), path: path)
                }
                return try agentKey(publicKey, agent: agent, path: path, hint: encryptedMessage(path: path, cipher: cipher, kdf: kdf))
            }
        }
        if text.hasPrefix("-----BEGIN") {
            throw TickmarkError(
                .signingKey,
                "not an OpenSSH private key; Tickmark reads Ed25519 keys made by `ssh-keygen -t ed25519` (BEGIN OPENSSH PRIVATE KEY)",
                path: path
            )
        }
        let publicKey = try SSHPublicKey(file: path)
        guard let agent else {
            throw TickmarkError(
                .signingKey,
                "is a public key; signing with it needs the SSH agent, but \(SSHAgent.environmentVariable) is not set. "
                    + "Start an agent (`eval \"$(ssh-agent)\"`), `ssh-add` the private key, and try again",
                path: path
            )
        }
        return try agentKey(publicKey, agent: agent, path: path, hint: nil)
    }

    private static func agentKey(_ publicKey: SSHPublicKey, agent: SSHAgent, path: String, hint: String?) throws(TickmarkError) -> SigningKey {
        let held: [SSHPublicKey]
        do {
            held = try agent.identities()
        } catch {
            throw TickmarkError(.sshAgent, (hint.map { $0 + ". " } ?? "") + error.message, path: path)
        }
        guard let match = held.first(where: { $0.key == publicKey.key }) else {
            let reason = "the SSH agent at \(agent.socketPath) does not hold the key \(publicKey.fingerprint); add it with `ssh-add`"
            throw TickmarkError(.sshAgent, (hint.map { $0 + ". " } ?? "") + reason, path: path)
        }
        let comment = publicKey.comment.isEmpty ? match.comment : publicKey.comment
        return SigningKey(agent: agent, publicKey: SSHPublicKey(publicKey.key, comment: comment))
    }

    private static func encryptedMessage(path: String, cipher: String, kdf: String) -> String {
        "private key is protected by a passphrase (cipher \(cipher), kdf \(kdf)), which Tickmark does not decrypt. "
            + "Load it into the SSH agent (`ssh-add \(path)`) and make \(SSHAgent.environmentVariable) point at the agent; "
            + "--key may then name the public key file (\(path).pub)"
    }
}
