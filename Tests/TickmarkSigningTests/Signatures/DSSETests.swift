import Testing
import Tickmark
@testable import TickmarkSigning
import TickmarkTestSupport

@Suite struct DSSETests {
    /// The payload type of in-toto statements.
    static let inTotoType = "application/vnd.in-toto+json"

    /// An in-toto statement v1 about one file, as compact JSON.
    static func statement(about name: String, bytes: [UInt8]) -> String {
        #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":""# + name + #"","digest":{"sha256":""#
            + Digest.sha256Hex(bytes) + #""}}],"predicateType":"https://tickmark.dev/release-report/v1","predicate":{"decision":"GO"}}"#
    }

    @Test func encodesTheSpecificationsPAEExample() {
        let pae = DSSEEnvelope.pae(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: pae, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    @Test func computesSecuresystemslibsKeyID() throws {
        #expect(DSSEEnvelope.keyID(for: try Vectors.key().publicKey) == Vectors.keyID)
    }

    @Test func reproducesTheVectorEnvelopeByteForByte() throws {
        let vector = try DSSEEnvelope(json: Vectors.bytes("envelope.json"))
        #expect(vector.pae == (try Vectors.bytes("pae.bin")))
        let signed = try DSSEEnvelope.sign(payload: vector.payload, payloadType: vector.payloadType, with: SigningKey(Vectors.key()))
        #expect(signed.signatures.first?.signature == (try Vectors.bytes("dsse_sig.bin")))
        #expect(signed.json == (try Vectors.bytes("envelope.json")))
        try vector.verify(key: Vectors.key().publicKey)
    }

    @Test func openSSLVerifiesTheEnvelopeSignatureOverThePAE() throws {
        try withTemporaryFolder { folder in
            let key = try Vectors.key()
            let statement = Array(DSSETests.statement(about: "report.md", bytes: Array("report\n".utf8)).utf8)
            let envelope = try DSSEEnvelope.sign(payload: statement, payloadType: DSSETests.inTotoType, with: SigningKey(key))
            try write(key.publicKey.pem, to: folder + "/pub.pem")
            try write(envelope.pae, to: folder + "/pae.bin")
            try write(envelope.signatures[0].signature, to: folder + "/sig.bin")
            let arguments = ["pkeyutl", "-verify", "-pubin", "-inkey", folder + "/pub.pem", "-rawin", "-in", folder + "/pae.bin", "-sigfile", folder + "/sig.bin"]
            let good = try run("openssl", arguments)
            #expect(good.status == 0, "\(good.output)\(good.errors)")
            #expect(good.output.contains("Signature Verified Successfully"))
            var changed = envelope.pae
            changed[changed.count - 2] ^= 1
            try write(changed, to: folder + "/pae.bin")
            #expect(try run("openssl", arguments).status != 0)
        }
    }

    @Test func acceptsURLSafeBase64AndRefusesUnpaddedBase64() throws {
        let vector = String(decoding: try Vectors.bytes("envelope.json"), as: UTF8.self)
        let sig = "eJ36ilCIu29W9XApPUCPgTf5JuzRwfhk4bxFqOaqc/9LX9zqBGizTv+zPyZEuigV3KoOZHx2l/no9jQ+d+XMDA=="
        let urlSafe = sig.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }
        try DSSEEnvelope(json: Array(vector.replacing(sig, with: String(urlSafe)).utf8)).verify(key: Vectors.key().publicKey)
        let unpadded = vector.replacing(sig, with: String(sig.dropLast(2)))
        #expect(throws: VerificationFailure.self) { try DSSEEnvelope(json: Array(unpadded.utf8)) }
    }

    @Test func refusesEnvelopesWithUnknownOrMissingFields() throws {
        let vector = String(decoding: try Vectors.bytes("envelope.json"), as: UTF8.self)
        for broken in [
            vector.replacing("\"payloadType\"", with: "\"payloadtype\""),
            vector.replacing("\"keyid\"", with: "\"kid\""),
            vector.replacing("  \"payload\"", with: "  \"extra\": 1,\n  \"payload\""),
            vector.replacing("\"signatures\": [", with: "\"signatures\": [], \"x\": ["),
        ] {
            #expect(throws: VerificationFailure.self) { try DSSEEnvelope(json: Array(broken.utf8)) }
        }
    }

    @Test func findsTheSignatureByKeyIDAmongSeveral() throws {
        let key = try Vectors.key()
        let other = try Ed25519.PrivateKey(seed: [UInt8](repeating: 9, count: 32))
        var envelope = try DSSEEnvelope.sign(payload: Array("{}".utf8), payloadType: Self.inTotoType, with: SigningKey(other))
        envelope.signatures += try DSSEEnvelope.sign(payload: envelope.payload, payloadType: envelope.payloadType, with: SigningKey(key)).signatures
        let read = try DSSEEnvelope(json: envelope.json)
        try read.verify(key: key.publicKey)
        try read.verify(key: other.publicKey)
        let stranger = try Ed25519.PrivateKey(seed: [UInt8](repeating: 5, count: 32))
        #expect((#expect(throws: VerificationFailure.self) { try read.verify(key: stranger.publicKey) })?.code == .unknownSigner)
    }
}
