import Foundation
import Testing
import Tickmark
@testable import TickmarkSigning
import TickmarkTestSupport

/// A real `ssh-agent` on a socket in a temporary folder, stopped by `stop()`.
final class TestAgent {
    let socket: String
    private let process = Process()

    init(folder: String) throws {
        socket = folder + "/agent.sock"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ssh-agent", "-D", "-a", socket]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        toolLock.lock()
        defer { toolLock.unlock() }
        try process.run()
        // The socket file appears when the agent binds it, a moment before it listens: wait
        // until a connection is accepted.
        for _ in 0..<100 where !TestAgent.accepts(socket) {
            usleep(50_000)
        }
        guard TestAgent.accepts(socket) else {
            stop()
            throw TickmarkError(.sshAgent, "ssh-agent did not listen on its socket")
        }
    }

    /// Whether a connection to the Unix socket at `path` succeeds.
    static func accepts(_ path: String) -> Bool {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    /// Adds a key file, answering its passphrase prompt through an askpass script.
    func add(_ key: String, passphrase: String, folder: String) throws -> ToolRun {
        let askpass = folder + "/askpass.sh"
        try write("#!/bin/sh\nprintf '%s\\n' '\(passphrase)'\n", to: askpass, mode: 0o700)
        return try run("ssh-add", [key], environment: [
            "SSH_AUTH_SOCK": socket, "SSH_ASKPASS": askpass, "SSH_ASKPASS_REQUIRE": "force", "DISPLAY": ":0",
        ])
    }

    /// Kills the agent. SIGKILL, because a child of Foundation's `Process` starts with SIGTERM
    /// blocked, and `ssh-agent` keeps that mask while it waits.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

@Suite(.serialized, .timeLimit(.minutes(2))) struct SSHAgentTests {
    @Test func signsWithAPassphraseProtectedKeyHeldByTheAgent() throws {
        try withTemporaryFolder { folder in
            let agent = try TestAgent(folder: folder)
            defer { agent.stop() }
            let key = folder + "/id_ed25519", file = folder + "/report.md", signers = folder + "/allowed_signers"
            #expect(try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "s3cret pass", "-C", "lead@example", "-f", key]).status == 0)
            let added = try agent.add(key, passphrase: "s3cret pass", folder: folder)
            #expect(added.status == 0, "\(added.errors)")

            let client = SSHAgent(socketPath: agent.socket)
            let held = try client.identities()
            let publicKey = try SSHPublicKey(file: key + ".pub")
            #expect(held.map(\.key) == [publicKey.key])
            #expect(held.first?.comment == "lead@example")

            for path in [key, key + ".pub"] {
                let signingKey = try SigningKey.load(path: path, agent: client)
                #expect(signingKey.usesAgent)
                try write("# Report signed via \(path)\n", to: file)
                let written = file + ".sig"
                try write(SSHSignature.sign(read(file), with: signingKey).armored, to: written)
                try write("lead@example \(publicKey.line)\n", to: signers)
                let check = try run("ssh-keygen", ["-Y", "verify", "-n", "tickmark", "-f", signers, "-I", "lead@example", "-s", written], input: file)
                #expect(check.status == 0, "\(check.errors)")
            }
        }
    }

    @Test func saysWhenTheAgentDoesNotHoldTheKey() throws {
        try withTemporaryFolder { folder in
            let agent = try TestAgent(folder: folder)
            defer { agent.stop() }
            let client = SSHAgent(socketPath: agent.socket)
            #expect(try client.identities().isEmpty)
            let error = #expect(throws: TickmarkError.self) { try SigningKey.load(path: Vectors.folder + "/id_ed25519.pub", agent: client) }
            #expect(error?.code == .sshAgent)
            #expect(error?.message.contains(Vectors.fingerprint) == true)
            let refused = #expect(throws: TickmarkError.self) { try client.sign([1, 2, 3], with: vectorPublicKey()) }
            #expect(refused?.code == .sshAgent)
        }
    }

    @Test func saysWhenNoAgentListensOnTheSocket() throws {
        try withTemporaryFolder { folder in
            let error = #expect(throws: TickmarkError.self) { try SSHAgent(socketPath: folder + "/none.sock").identities() }
            #expect(error?.code == .sshAgent)
            #expect(error?.message.contains("cannot reach the SSH agent") == true)
        }
    }
}
