import Testing
import Tickmark
@testable import TickmarkSigning
import TickmarkTestSupport

@Suite struct Ed25519Tests {
    @Test func derivesTheVectorPublicKeyFromTheSeed() throws {
        let key = try Vectors.key()
        #expect(Digest.hex(key.publicKey.raw) == Vectors.publicHex)
        #expect(try Vectors.bytes("pub.bin") == key.publicKey.raw)
    }

    @Test func signsDeterministicallyLikeTheVector() throws {
        let key = try Vectors.key()
        let pae = try Vectors.bytes("pae.bin")
        #expect(try key.sign(pae) == Vectors.bytes("dsse_sig.bin"))
        #expect(try key.sign(pae) == key.sign(pae))
    }

    @Test func verifiesItsOwnSignatureAndRejectsChanges() throws {
        let key = try Vectors.key()
        let message = Array("release 1.2.3".utf8)
        let signature = try key.sign(message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        var changed = message
        changed[0] ^= 1
        #expect(!key.publicKey.isValidSignature(signature, for: changed))
        var badSignature = signature
        badSignature[10] ^= 0x40
        #expect(!key.publicKey.isValidSignature(badSignature, for: message))
        #expect(!key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        let other = try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        #expect(!other.publicKey.isValidSignature(signature, for: message))
    }

    @Test func refusesKeysOfTheWrongLength() {
        #expect(throws: TickmarkError.self) { try Ed25519.PrivateKey(seed: [1, 2, 3]) }
        #expect(throws: TickmarkError.self) { try Ed25519.PublicKey(raw: [UInt8](repeating: 0, count: 31)) }
    }

    @Test func writesThePEMThatOpenSSLWrites() throws {
        let pem = try Vectors.key().publicKey.pem
        #expect(Array(pem.utf8) == (try Vectors.bytes("pub.pem")))
    }

    @Test func signsTheSameBytesAsOpenSSLForTheSameSeed() throws {
        try withTemporaryFolder { folder in
            let pkcs8: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20] + Vectors.seed
            let message = Array("a message for both\n".utf8)
            try write(pkcs8, to: folder + "/key.der", mode: 0o600)
            try write(message, to: folder + "/message.bin")
            let signed = try run("openssl", [
                "pkeyutl", "-sign", "-keyform", "DER", "-inkey", folder + "/key.der", "-rawin", "-in", folder + "/message.bin",
                "-out", folder + "/sig.bin",
            ])
            #expect(signed.status == 0, "\(signed.errors)")
            #expect(try read(folder + "/sig.bin") == Vectors.key().sign(message))
        }
    }
}
