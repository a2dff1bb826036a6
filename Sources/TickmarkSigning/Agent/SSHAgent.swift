#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tickmark

/// A client of a running `ssh-agent` (draft-miller-ssh-agent), over its Unix socket.
///
/// The agent keeps decrypted keys in memory, so a passphrase-protected key can sign without
/// Tickmark ever seeing the passphrase or the private key.
package struct SSHAgent: Sendable {
    /// The environment variable that names the agent's socket.
    package static let environmentVariable = "SSH_AUTH_SOCK"

    /// The path of the agent's Unix socket.
    package let socketPath: String

    /// A client for the agent listening at `socketPath`.
    package init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// The agent named by `SSH_AUTH_SOCK`, or `nil` if the variable is unset or empty.
    package static func fromEnvironment() -> SSHAgent? {
        guard let value = getenv(environmentVariable), value.pointee != 0 else { return nil }
        return SSHAgent(socketPath: String(cString: value))
    }

    private enum Message {
        static let failure: UInt8 = 5
        static let requestIdentities: UInt8 = 11
        static let identitiesAnswer: UInt8 = 12
        static let signRequest: UInt8 = 13
        static let signResponse: UInt8 = 14
    }

    /// The Ed25519 keys the agent holds, with their comments; keys of other types are left out.
    package func identities() throws(TickmarkError) -> [SSHPublicKey] {
        let reply = try request([Message.requestIdentities])
        var reader = SSHReader(reply)
        let entries = try wireFields("the agent's list of keys is malformed", code: .sshAgent) { () throws(SSHWireError) in
            guard try reader.byte() == Message.identitiesAnswer else {
                throw SSHWireError(offset: 0, message: "the agent did not answer with a list of keys")
            }
            let count = try reader.uint32()
            var entries: [(blob: [UInt8], comment: [UInt8])] = []
            for _ in 0..<count {
                entries.append((try reader.string(), try reader.string()))
            }
            return entries
        }
        return entries.compactMap { entry in
            guard var key = try? SSHPublicKey(blob: entry.blob) else { return nil }
            key.comment = String(decoding: entry.comment, as: UTF8.self)
            return key
        }
    }

    /// Asks the agent to sign `data` with `key` and returns the 64-byte Ed25519 signature,
    /// after checking it against the key.
    package func sign(_ data: [UInt8], with key: SSHPublicKey) throws(TickmarkError) -> [UInt8] {
        var message = SSHWriter()
        message.byte(Message.signRequest)
        message.string(key.blob)
        message.string(data)
        message.uint32(0)
        let reply = try request(message.bytes)
        guard reply.first != Message.failure else {
            throw TickmarkError(.sshAgent, "the SSH agent refused to sign with \(key.fingerprint); is the key loaded (`ssh-add -l`)?")
        }
        var reader = SSHReader(reply)
        let parts = try wireFields("the agent's signature is malformed", code: .sshAgent) { () throws(SSHWireError) in
            guard try reader.byte() == Message.signResponse else {
                throw SSHWireError(offset: 0, message: "the agent did not answer with a signature")
            }
            var inner = SSHReader(try reader.string())
            let parts = (type: try inner.string(), signature: try inner.string())
            try inner.expectEnd("signature")
            return parts
        }
        guard parts.type == Array(SSHPublicKey.keyType.utf8), key.key.isValidSignature(parts.signature, for: data) else {
            throw TickmarkError(.sshAgent, "the SSH agent returned a signature that does not verify with \(key.fingerprint)")
        }
        return parts.signature
    }

    /// Sends one message (type byte and payload) and returns the reply's type byte and payload.
    private func request(_ message: [UInt8]) throws(TickmarkError) -> [UInt8] {
        let socket = try AgentSocket(path: socketPath)
        defer { socket.close() }
        var framed = SSHWriter()
        framed.string(message)
        try socket.write(framed.bytes)
        var lengthReader = SSHReader(try socket.read(4))
        let length = (try? lengthReader.uint32()) ?? 0
        guard length > 0, length <= 256 * 1024 else {
            throw TickmarkError(.sshAgent, "the SSH agent at \(socketPath) sent a reply of \(length) bytes, which is not valid")
        }
        return try socket.read(Int(length))
    }
}
