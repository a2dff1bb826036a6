import Foundation
import Testing
import Tickmark
@testable import TickmarkReport
import TickmarkSigning
import TickmarkTestSupport

/// A signed-report fixture: a report, the vector key, and an allowed-signers file trusting it.
struct SignedReportFixture {
    let folder: String
    let report: String
    let signers: String
    let key: SigningKey
    static let predicate = InTotoPredicate(content: .object([
        "decision": .string("GO"), "version": .string("1.2.3"), "commit": .string("0123abc"),
        "approvers": .array([.object(["name": .string("Alice"), "at": .string("2026-11-22T10:00:00Z")])]),
    ]))

    init(folder: String, reportBytes: [UInt8]? = nil) throws {
        self.folder = folder
        report = folder + "/report.md"
        signers = folder + "/allowed_signers"
        key = SigningKey(try Vectors.key(), comment: "vector@example")
        let text = "# Release 1.2.3\n\n- [x] Tests pass ✅\n- [x] Changelog updated\n\n**GO**: signed off by Alice.\n"
        try write(reportBytes ?? Array(String(repeating: text, count: 12).utf8), to: report)
        try write("alice@example.com namespaces=\"tickmark\" \(Vectors.publicLine)\n", to: signers)
    }

    func sign(_ format: SignatureFormat) throws -> String {
        try ReportSigner.sign(file: report, key: key, format: format, predicate: Self.predicate)
    }

    func verify(signature: String? = nil) throws -> VerificationResult {
        try ReportVerifier.verify(file: report, signature: signature, allowedSigners: signers)
    }
}

@Suite struct ReportSigningTests {
    @Test func signsWithSSHSIGThatSSHKeygenAndTickmarkVerify() throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let written = try fixture.sign(.sshsig)
            #expect(written == fixture.report + ".sig")
            let tool = try run("ssh-keygen", ["-Y", "verify", "-n", "tickmark", "-f", fixture.signers, "-I", "alice@example.com", "-s", written], input: fixture.report)
            #expect(tool.status == 0, "\(tool.errors)")
            let result = try fixture.verify()
            #expect(result.isVerified, "\(result.summary)")
            #expect(result.format == .sshsig)
            #expect(result.signer == "alice@example.com")
            #expect(result.fingerprint == Vectors.fingerprint)
            #expect(result.summary == "Good SSH signature for alice@example.com with ED25519 key \(Vectors.fingerprint)")
            let byKey = try ReportVerifier.verify(file: fixture.report, publicKey: vectorPublicKey())
            #expect(byKey.isVerified && byKey.signer == "vector@example")
        }
    }

    @Test func signsWithDSSEAroundAStatementAboutTheReport() throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let written = try fixture.sign(.dsse)
            #expect(written == fixture.report + ".intoto.json")
            let result = try fixture.verify()
            #expect(result.isVerified, "\(result.summary)")
            #expect(result.format == .dsse && result.signer == "alice@example.com" && result.keyID == Vectors.keyID)
            let statement = try #require(result.statement)
            #expect(statement.predicateType == "https://tickmark.dev/release-report/v1")
            #expect(statement.predicate == SignedReportFixture.predicate.content)
            #expect(statement.subjects == [InTotoStatement.Subject(name: "report.md", bytes: try read(fixture.report))])
            let envelope = try DSSEEnvelope(json: read(written))
            #expect(envelope.payloadType == "application/vnd.in-toto+json")
            #expect(envelope.signatures.map(\.keyID) == [Vectors.keyID])
        }
    }

    @Test func refusesDSSEWithoutAPredicate() throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let error = #expect(throws: TickmarkError.self) { try ReportSigner.sign(file: fixture.report, key: fixture.key, format: .dsse) }
            #expect(error?.code == .usage)
        }
    }

    @Test func refusesSignaturesByKeysItDoesNotTrust() throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let stranger = SigningKey(try Ed25519.PrivateKey(seed: [UInt8](repeating: 3, count: 32)))
            for format in SignatureFormat.allCases {
                _ = try ReportSigner.sign(file: fixture.report, key: stranger, format: format, predicate: SignedReportFixture.predicate)
                let result = try fixture.verify(signature: format.signaturePath(for: fixture.report))
                #expect(result.failure?.code == .unknownSigner, "\(format): \(result.summary)")
                let byKey = try ReportVerifier.verify(file: fixture.report, signature: format.signaturePath(for: fixture.report), publicKey: vectorPublicKey())
                #expect(byKey.failure?.code == .unknownSigner, "\(format): \(byKey.summary)")
            }
        }
    }

    @Test func saysWhenThereIsNoSignature() throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let error = #expect(throws: TickmarkError.self) { try fixture.verify() }
            #expect(error?.code == .unreadable)
            #expect(error?.message.contains("report.md.sig") == true)
        }
    }

    @Test func refusesAnEnvelopeThatDoesNotNameTheFile() throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let envelope = try fixture.sign(.dsse)
            let copy = folder + "/copy.md"
            try write(read(fixture.report), to: copy)
            let result = try ReportVerifier.verify(file: copy, signature: envelope, allowedSigners: fixture.signers)
            #expect(result.failure?.code == .subjectMismatch)
        }
    }

    @Test(arguments: SignatureFormat.allCases)
    func detectsEveryChangedByteOfTheReport(format: SignatureFormat) throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            _ = try fixture.sign(format)
            #expect(try fixture.verify().isVerified)
            let tried = try tamperEachByte(of: fixture.report, everyMask: false) { position, mask in
                let result = try fixture.verify()
                #expect(!result.isVerified, "byte \(position) ^ \(mask) went unnoticed")
            }
            #expect(tried == (try read(fixture.report)).count)
            #expect(try fixture.verify().isVerified, "restoring the report restores the signature")
        }
    }

    @Test(arguments: SignatureFormat.allCases)
    func detectsEveryChangedByteOfTheSignatureFile(format: SignatureFormat) throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let signature = try fixture.sign(format)
            let tried = try tamperEachByte(of: signature) { position, mask in
                let result = try fixture.verify()
                #expect(!result.isVerified, "byte \(position) ^ \(mask) of the signature went unnoticed")
            }
            #expect(tried == (try read(signature)).count * tamperMasks.count)
            #expect(try fixture.verify().isVerified)
        }
    }

    @Test(arguments: SignatureFormat.allCases)
    func detectsChangesInALargeReportBySampling(format: SignatureFormat) throws {
        try withTemporaryFolder { folder in
            let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 7) }
            let fixture = try SignedReportFixture(folder: folder, reportBytes: large)
            _ = try fixture.sign(format)
            #expect(try fixture.verify().isVerified)
            let tried = try tamperEachByte(of: fixture.report, everyMask: false) { position, mask in
                let result = try fixture.verify()
                #expect(!result.isVerified, "byte \(position) ^ \(mask) went unnoticed")
            }
            #expect(tried > 1000)
        }
    }

    @Test func detectsEveryChangedByteOfAnotherDSSESubject() throws {
        try withTemporaryFolder { folder in
            let fixture = try SignedReportFixture(folder: folder)
            let artifact = folder + "/app-1.2.3.tar.gz"
            try write((0..<2048).map { UInt8(truncatingIfNeeded: $0 * 7) }, to: artifact)
            let statement = InTotoStatement(
                subjects: [
                    InTotoStatement.Subject(name: "report.md", bytes: try read(fixture.report)),
                    InTotoStatement.Subject(name: "app-1.2.3.tar.gz", bytes: try read(artifact)),
                ],
                predicateType: InTotoPredicate.releaseReportType, predicate: SignedReportFixture.predicate.content
            )
            let envelope = try DSSEEnvelope.sign(payload: statement.json.serialized(), payloadType: InTotoStatement.payloadType, with: fixture.key)
            try write(envelope.json, to: fixture.report + ".intoto.json")
            #expect(try fixture.verify().isVerified)
            try tamperEachByte(of: artifact, everyMask: false) { position, mask in
                let result = try fixture.verify()
                #expect(result.failure?.code == .subjectMismatch, "artifact byte \(position) ^ \(mask): \(result.summary)")
            }
            try FileManager.default.removeItem(atPath: artifact)
            #expect(try fixture.verify().failure?.code == .subjectMismatch)
        }
    }
}
