import Foundation
import Testing
import Tickmark
@testable import TickmarkSigning
import TickmarkTestSupport

@Suite struct SSHSignatureTests {
    let message = Array("hello world\n".utf8)

    @Test func buildsTheVectorSignedData() throws {
        let data = SSHSignature.signedData(message: message, namespace: Vectors.namespace, hashAlgorithm: .sha512)
        #expect(data == (try Vectors.bytes("sshsig_signed_data.bin")))
    }

    @Test func writesTheVectorSignatureByteForByte() throws {
        let signature = try SSHSignature.sign(message, with: SigningKey(Vectors.key()), namespace: Vectors.namespace)
        #expect(Array(signature.armored.utf8) == (try Vectors.bytes("message.txt.sig")))
        #expect(signature.blob.count == 170 + Vectors.namespace.utf8.count)
    }

    @Test func readsAndVerifiesTheVectorSignature() throws {
        let signature = try SSHSignature(armored: Vectors.bytes("message.txt.sig"))
        #expect(signature.namespace == Vectors.namespace)
        #expect(signature.hashAlgorithm == .sha512)
        #expect(signature.publicKey.fingerprint == Vectors.fingerprint)
        try signature.verify(message: message, namespace: Vectors.namespace)
        let wrongSpace = #expect(throws: VerificationFailure.self) { try signature.verify(message: message) }
        #expect(wrongSpace?.code == .wrongNamespace)
        let changed = #expect(throws: VerificationFailure.self) {
            try signature.verify(message: Array("hello world!".utf8), namespace: Vectors.namespace)
        }
        #expect(changed?.code == .badSignature)
    }

    @Test(arguments: SSHSignature.HashAlgorithm.allCases)
    func sshKeygenVerifiesWhatTickmarkSigns(hash: SSHSignature.HashAlgorithm) throws {
        try withTemporaryFolder { folder in
            let file = folder + "/report.md", sig = folder + "/report.md.sig", signers = folder + "/allowed_signers"
            try write("# Release 1.2.3\n\n- [x] tests pass\n", to: file)
            let signature = try SSHSignature.sign(try read(file), with: SigningKey(Vectors.key()), hashAlgorithm: hash)
            try write(signature.armored, to: sig)
            try write("release@example.com namespaces=\"tickmark\" \(Vectors.publicLine)\n", to: signers)
            let good = try run("ssh-keygen", ["-Y", "verify", "-n", "tickmark", "-f", signers, "-I", "release@example.com", "-s", sig], input: file)
            #expect(good.status == 0, "\(good.errors)")
            #expect(good.output.contains("Good \"tickmark\" signature for release@example.com"))
            let structure = try run("ssh-keygen", ["-Y", "check-novalidate", "-n", "tickmark", "-s", sig], input: file)
            #expect(structure.status == 0, "\(structure.errors)")
            try write("# Release 1.2.4\n\n- [x] tests pass\n", to: file)
            let bad = try run("ssh-keygen", ["-Y", "verify", "-n", "tickmark", "-f", signers, "-I", "release@example.com", "-s", sig], input: file)
            #expect(bad.status != 0)
        }
    }

    @Test(arguments: ["sha512", "sha256"])
    func tickmarkVerifiesWhatSSHKeygenSigns(hash: String) throws {
        try withTemporaryFolder { folder in
            let key = folder + "/id_ed25519", file = folder + "/report.md"
            #expect(try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ops@example", "-f", key]).status == 0)
            try write("release notes\n", to: file)
            let signed = try run("ssh-keygen", ["-Y", "sign", "-n", "tickmark", "-O", "hashalg=\(hash)", "-f", key, file])
            #expect(signed.status == 0, "\(signed.errors)")
            let signature = try SSHSignature(armored: read(file + ".sig"))
            #expect(signature.hashAlgorithm.rawValue == hash)
            #expect(signature.publicKey.key == (try SSHPublicKey(file: key + ".pub")).key)
            try signature.verify(message: read(file))
            #expect(throws: VerificationFailure.self) { try signature.verify(message: Array("release notes!\n".utf8)) }
        }
    }

    @Test func refusesAnyChangedByteOfTheSignatureFile() throws {
        let original = try Vectors.bytes("message.txt.sig")
        for position in original.indices {
            for mask in tamperMasks {
                var changed = original
                changed[position] ^= mask
                #expect(throws: VerificationFailure.self, "byte \(position) ^ \(mask)") {
                    try SSHSignature(armored: changed).verify(message: message, namespace: Vectors.namespace)
                }
            }
        }
    }

    @Test func acceptsOtherLineWidthsAndAMissingFinalNewlineButNotCRLF() throws {
        let blob = try SSHSignature(armored: Vectors.bytes("message.txt.sig")).blob
        let oneLine = "-----BEGIN SSH SIGNATURE-----\n\(Base64.encode(blob))\n-----END SSH SIGNATURE-----"
        try SSHSignature(armored: Array(oneLine.utf8)).verify(message: message, namespace: Vectors.namespace)
        let crlf = Armor.encode(blob, label: "SSH SIGNATURE").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(throws: VerificationFailure.self) { try SSHSignature(armored: Array(crlf.utf8)) }
    }

    /// The vector signature's blob, rebuilt with one field replaced.
    func vectorBlob(version: UInt32 = 1, hash: String = "sha512", reserved: [UInt8] = [], type: String = "ssh-ed25519") throws -> [UInt8] {
        let good = try SSHSignature(armored: Vectors.bytes("message.txt.sig"))
        var inner = SSHWriter()
        inner.string(type)
        inner.string(good.signature)
        var writer = SSHWriter()
        writer.raw(Array("SSHSIG".utf8))
        writer.uint32(version)
        writer.string(good.publicKey.blob)
        writer.string(good.namespace)
        writer.string(reserved)
        writer.string(hash)
        writer.string(inner.bytes)
        return writer.bytes
    }

    @Test func refusesUnsupportedVersionsHashesAndReservedData() throws {
        _ = try SSHSignature(blob: vectorBlob())
        #expect((#expect(throws: VerificationFailure.self) { try SSHSignature(blob: vectorBlob(version: 2)) })?.code == .unsupported)
        #expect((#expect(throws: VerificationFailure.self) { try SSHSignature(blob: vectorBlob(hash: "md5")) })?.code == .unsupported)
        #expect((#expect(throws: VerificationFailure.self) { try SSHSignature(blob: vectorBlob(type: "ssh-rsa")) })?.code == .unsupported)
        #expect((#expect(throws: VerificationFailure.self) { try SSHSignature(blob: vectorBlob(reserved: [0])) })?.code == .malformed)
    }
}
