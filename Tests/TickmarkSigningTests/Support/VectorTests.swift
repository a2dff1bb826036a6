import Testing
import Tickmark
@testable import TickmarkSigning
import TickmarkTestSupport

/// The committed vectors are what the real tools make: run them again and compare the bytes, so
/// the other tests' exact expectations rest on ssh-keygen and openssl, not on the vectors' script.
@Suite struct VectorTests {
    @Test func sshKeygenReadsTheVectorKeyAndMakesTheVectorSignature() throws {
        try withTemporaryFolder { folder in
            let key = folder + "/id_ed25519", message = folder + "/message.txt", signers = folder + "/allowed_signers"
            try write(Vectors.bytes("id_ed25519"), to: key, mode: 0o600)
            try write(Vectors.bytes("message.txt"), to: message)
            let derived = try run("ssh-keygen", ["-y", "-f", key])
            #expect(derived.status == 0, "\(derived.errors)")
            #expect(derived.output.hasPrefix(Vectors.publicLine))
            #expect(String(decoding: try Vectors.bytes("id_ed25519.pub"), as: UTF8.self).hasPrefix(Vectors.publicLine + " "))

            let signed = try run("ssh-keygen", ["-q", "-Y", "sign", "-f", key, "-n", Vectors.namespace, message])
            #expect(signed.status == 0, "\(signed.errors)")
            #expect(try read(message + ".sig") == Vectors.bytes("message.txt.sig"))

            try write("vector@example \(Vectors.publicLine)\n", to: signers)
            let sig = Vectors.folder + "/message.txt.sig"
            let verified = try run("ssh-keygen", ["-Y", "verify", "-f", signers, "-I", "vector@example", "-n", Vectors.namespace, "-s", sig], input: message)
            #expect(verified.status == 0, "\(verified.errors)")
            let checked = try run("ssh-keygen", ["-Y", "check-novalidate", "-n", Vectors.namespace, "-s", sig], input: message)
            #expect(checked.status == 0, "\(checked.errors)")
        }
    }

    @Test func openSSLMakesTheVectorPublicKeyAndDSSESignature() throws {
        try withTemporaryFolder { folder in
            // The seed as PKCS#8 DER (RFC 8410): a fixed prefix, then the 32 bytes.
            let pkcs8: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20] + Vectors.seed
            try write(pkcs8, to: folder + "/key.der", mode: 0o600)
            let pem = try run("openssl", ["pkey", "-inform", "DER", "-in", folder + "/key.der", "-pubout"])
            #expect(pem.status == 0, "\(pem.errors)")
            #expect(Array(pem.output.utf8) == (try Vectors.bytes("pub.pem")))

            let pae = Vectors.folder + "/pae.bin"
            let signed = try run("openssl", [
                "pkeyutl", "-sign", "-keyform", "DER", "-inkey", folder + "/key.der", "-rawin", "-in", pae, "-out", folder + "/sig.bin",
            ])
            #expect(signed.status == 0, "\(signed.errors)")
            #expect(try read(folder + "/sig.bin") == Vectors.bytes("dsse_sig.bin"))
            let verified = try run("openssl", [
                "pkeyutl", "-verify", "-pubin", "-inkey", Vectors.folder + "/pub.pem", "-rawin", "-in", pae,
                "-sigfile", Vectors.folder + "/dsse_sig.bin",
            ])
            #expect(verified.status == 0, "\(verified.output)\(verified.errors)")
        }
    }
}
