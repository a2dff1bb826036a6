import Testing
import Tickmark
@testable import TickmarkSigning
import TickmarkTestSupport

@Suite struct SSHPublicKeyTests {
    @Test func writesTheVectorLineBlobAndFingerprint() throws {
        let key = try vectorPublicKey(comment: "")
        #expect(key.line == Vectors.publicLine)
        #expect(Digest.hex(key.blob) == "0000000b7373682d656432353531390000002003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8")
        #expect(key.fingerprint == Vectors.fingerprint)
    }

    @Test func parsesAPubFileWithItsComment() throws {
        let key = try SSHPublicKey(file: Vectors.folder + "/id_ed25519.pub")
        #expect(key.comment == "vector@example")
        #expect(key.line + "\n" == String(decoding: try Vectors.bytes("id_ed25519.pub"), as: UTF8.self))
        #expect(try SSHPublicKey(line: "ssh-ed25519\t" + Vectors.publicLine.dropFirst(12) + "  two words \r\n").comment == "two words")
    }

    @Test func agreesWithSSHKeygenOnTheFingerprint() throws {
        let run = try run("ssh-keygen", ["-l", "-E", "sha256", "-f", Vectors.folder + "/id_ed25519.pub"])
        #expect(run.status == 0)
        #expect(run.output.contains(Vectors.fingerprint))
    }

    @Test(arguments: [
        "", "ssh-ed25519", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ", "ssh-ed25519 AAAA!!!!",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4AAAA",
        "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7",
    ])
    func refusesLinesThatAreNotEd25519Keys(line: String) {
        #expect(throws: TickmarkError.self) { try SSHPublicKey(line: line) }
    }
}

@Suite struct OpenSSHPrivateKeyTests {
    @Test func readsTheVectorKeyAndWritesItBackByteForByte() throws {
        guard case .plain(let key) = try OpenSSHKeyFile.parse(Vectors.bytes("id_ed25519")) else {
            Issue.record("the vector key was not read as unencrypted")
            return
        }
        #expect(key.key.seed == Vectors.seed)
        #expect(key.comment == "vector@example")
        #expect(Array(key.fileText(checkInt: 0x0102_0304).utf8) == (try Vectors.bytes("id_ed25519")))
    }

    @Test func readsAKeyMadeBySSHKeygen() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/id_ed25519"
            #expect(try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "maker@example", "-f", path]).status == 0)
            let key = try SigningKey.load(path: path, agent: nil)
            let expected = try SSHPublicKey(line: run("ssh-keygen", ["-y", "-f", path]).output)
            #expect(key.publicKey.key == expected.key)
            #expect(key.publicKey.comment == "maker@example")
            #expect(!key.usesAgent)
        }
    }

    @Test func refusesAKeyThatOthersCanRead() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/id_ed25519"
            try write(Vectors.bytes("id_ed25519"), to: path, mode: 0o644)
            let error = #expect(throws: TickmarkError.self) { try SigningKey.load(path: path, agent: nil) }
            #expect(error?.code == .signingKey)
            #expect(error?.message.contains("chmod 600 \(path)") == true)
            try write(Vectors.bytes("id_ed25519"), to: path, mode: 0o600)
            #expect(try SigningKey.load(path: path, agent: nil).publicKey.fingerprint == Vectors.fingerprint)
        }
    }

    @Test func namesTheAgentForAPassphraseProtectedKey() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/id_ed25519"
            #expect(try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "correct horse", "-f", path]).status == 0)
            guard case .encrypted(let publicKey, let cipher, let kdf) = try OpenSSHKeyFile.load(path: path) else {
                Issue.record("an encrypted key was not recognised")
                return
            }
            #expect(cipher == "aes256-ctr" && kdf == "bcrypt")
            #expect(publicKey.key == (try SSHPublicKey(file: path + ".pub")).key)
            let error = #expect(throws: TickmarkError.self) { try SigningKey.load(path: path, agent: nil) }
            #expect(error?.code == .signingKey)
            #expect(error?.message.contains("passphrase") == true)
            #expect(error?.message.contains("SSH_AUTH_SOCK") == true)
            #expect(error?.message.contains("ssh-add \(path)") == true)
            #expect(error?.message.contains("\(path).pub") == true)
        }
    }

    @Test func refusesAPublicKeyWithoutAnAgent() throws {
        let error = #expect(throws: TickmarkError.self) { try SigningKey.load(path: Vectors.folder + "/id_ed25519.pub", agent: nil) }
        #expect(error?.message.contains("SSH_AUTH_SOCK") == true)
    }

    /// Damaged variants of the vector key, each breaking one rule of `PROTOCOL.key`.
    static let damages: [(String, String, @Sendable (inout KeyParts) -> Void)] = [
        ("magic", "magic", { $0.magic[3] ^= 1 }),
        ("key count", "holds 2 keys", { $0.count = 2 }),
        ("kdf options", "KDF options", { $0.kdfOptions = [1] }),
        ("check numbers", "check numbers differ", { $0.check2 ^= 1 }),
        ("key type", "only ssh-ed25519", { $0.type = "ssh-rsa" }),
        ("private half", "public half differs", { $0.priv[40] ^= 1 }),
        ("outer public key", "differs from the one outside", { $0.outerPub[5] ^= 1 }),
        ("seed", "does not derive", { $0.priv[0] ^= 1 }),
        ("padding", "padding", { $0.padding = [1, 2, 3, 4, 5, 6, 8] }),
        ("padding length", "padding", { $0.padding = Array(1...15) }),
        ("section length", "multiple of 8", { $0.padding = [1, 2, 3, 4, 5, 6] }),
        ("trailing bytes", "unexpected bytes", { $0.trailing = [0] }),
    ]

    @Test(arguments: damages.map(\.0))
    func refusesADamagedKey(damage: String) throws {
        var parts = try KeyParts()
        _ = try OpenSSHKeyFile.parse(parts.fileBytes)  // the undamaged rebuild is accepted
        let (_, reason, apply) = Self.damages.first { $0.0 == damage }!
        apply(&parts)
        let error = #expect(throws: TickmarkError.self) { try OpenSSHKeyFile.parse(parts.fileBytes) }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        #expect(error?.code == .signingKey)
    }
}

/// The fields of the vector key file, to rebuild it with one field damaged.
struct KeyParts {
    var magic = Array("openssh-key-v1".utf8) + [0]
    var count: UInt32 = 1
    var kdfOptions: [UInt8] = []
    var check1: UInt32 = 0x0102_0304
    var check2: UInt32 = 0x0102_0304
    var type = "ssh-ed25519"
    var pub: [UInt8]
    var priv: [UInt8]
    var outerPub: [UInt8]
    /// `nil`: the correct padding 1, 2, 3, … up to a multiple of 8.
    var padding: [UInt8]?
    var trailing: [UInt8] = []

    init() throws {
        let key = try Vectors.key()
        pub = key.publicKey.raw
        priv = key.seed + key.publicKey.raw
        outerPub = pub
    }

    var fileBytes: [UInt8] {
        var inner = SSHWriter()
        inner.uint32(check1)
        inner.uint32(check2)
        inner.string(type)
        inner.string(pub)
        inner.string(priv)
        inner.string("vector@example")
        if let padding {
            inner.raw(padding)
        } else {
            var next: UInt8 = 1
            while inner.bytes.count % 8 != 0 {
                inner.byte(next)
                next += 1
            }
        }
        var outerKey = SSHWriter()
        outerKey.string("ssh-ed25519")
        outerKey.string(outerPub)
        var outer = SSHWriter()
        outer.raw(magic)
        outer.string("none")
        outer.string("none")
        outer.string(kdfOptions)
        outer.uint32(count)
        outer.string(outerKey.bytes)
        outer.string(inner.bytes)
        outer.raw(trailing)
        return Array(Armor.encode(outer.bytes, label: "OPENSSH PRIVATE KEY").utf8)
    }
}
