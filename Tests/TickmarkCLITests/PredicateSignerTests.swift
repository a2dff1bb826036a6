import Foundation
import Testing
import Tickmark
import TickmarkTestSupport

/// A DSSE-signed report's in-toto predicate names each signed sign-off's key fingerprint and
/// whose key it is (SPEC §6), and `verify` shows them.
@Suite struct PredicateSignerTests {
    /// The predicate inside the DSSE envelope at `path`.
    static func predicate(ofEnvelope path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let envelope = try JSONParser.parse(try String(contentsOfFile: path, encoding: .utf8))
        let payload = try #require(envelope["payload"]?.stringValue.flatMap { Data(base64Encoded: $0) }, sourceLocation: sourceLocation)
        return try #require(try JSONParser.parse(String(decoding: payload, as: UTF8.self))["predicate"], sourceLocation: sourceLocation)
    }

    @Test func signedSignOffsCarryFingerprintAndPrincipalIntoThePredicateAndVerify() async throws {
        let team = try SignerBindingTests.Team()
        defer { team.workspace.remove() }
        try team.writeRoster()
        let workspace = team.workspace
        let signed = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", SignerBindingTests.dee, "--key", "keys/dee"])
        #expect(signed.code == 0, "\(signed.stderr)")
        let unsigned = await workspace.run(["sign-off", ".tickmark/run.json", "status page", "--by", "Ana Lima <ana@example.com>"])
        #expect(unsigned.code == 0, "\(unsigned.stderr)")
        try workspace.write("report.md", "# Go live\n")

        let signing = await workspace.run(["sign", "report.md", "--key", "keys/ana", "--format", "dsse", "--record", ".tickmark/run.json"])
        #expect(signing.code == 0, "\(signing.stderr)")
        let approvers = try #require(try Self.predicate(ofEnvelope: workspace.path("report.md.intoto.json"))["approvers"]?.arrayValue)
        #expect(approvers.count == 2)
        let dee = try #require(approvers.first { $0["by"]?.stringValue == SignerBindingTests.dee })
        #expect(dee["signed"]?.boolValue == true)
        #expect(dee["signature"]?["fingerprint"]?.stringValue == team.deeFingerprint)
        #expect(dee["signature"]?["principal"]?.stringValue == "Dee Okafor <dee@example.com>")
        #expect(dee["signature"]?["signer"]?.stringValue == "verified")
        let ana = try #require(approvers.first { $0["by"]?.stringValue == "Ana Lima <ana@example.com>" })
        #expect(ana["signature"] == nil, "an unsigned sign-off has no key")

        let verified = await workspace.run(["verify", "report.md", "--public-key", "keys/ana.pub"])
        #expect(verified.code == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("report.md: Good DSSE signature"), "\(verified.stdout)")
        #expect(verified.stdout.contains("  approved by Dee Okafor <dee@example.com>: go-live › go-live/rollback-plan-reviewed (valid), key \(team.deeFingerprint) of Dee Okafor <dee@example.com>"), "\(verified.stdout)")
        #expect(verified.stdout.contains("  approved by Ana Lima <ana@example.com>: go-live › go-live/status-page-updated (valid), not signed"), "\(verified.stdout)")
    }

    @Test func aKeyThatIsNotTheSignersIsMarkedRefusedInThePredicate() async throws {
        let team = try SignerBindingTests.Team()
        defer { team.workspace.remove() }
        let workspace = team.workspace
        // Taken without a roster, then the roster arrives: Ana's key is not Dee's.
        let taken = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", SignerBindingTests.dee, "--key", "keys/ana"])
        #expect(taken.code == 0, "\(taken.stderr)")
        try workspace.write("report.md", "# Go live\n")
        let unbound = await workspace.run(["sign", "report.md", "--key", "keys/ana", "--format", "dsse", "--record", ".tickmark/run.json", "-o", "unbound.intoto.json"])
        #expect(unbound.code == 0, "\(unbound.stderr)")
        let before = try #require(try Self.predicate(ofEnvelope: workspace.path("unbound.intoto.json"))["approvers"]?.arrayValue?.first)
        #expect(before["signature"]?["signer"]?.stringValue == "unverified")
        #expect(before["signature"]?["principal"] == .null)

        try team.writeRoster()
        let bound = await workspace.run(["sign", "report.md", "--key", "keys/ana", "--format", "dsse", "--record", ".tickmark/run.json"])
        #expect(bound.code == 0, "\(bound.stderr)")
        let approver = try #require(try Self.predicate(ofEnvelope: workspace.path("report.md.intoto.json"))["approvers"]?.arrayValue?.first)
        #expect(approver["signature"]?["fingerprint"]?.stringValue == team.anaFingerprint)
        #expect(approver["signature"]?["principal"]?.stringValue == "Ana Lima <ana@example.com>")
        #expect(approver["signature"]?["signer"]?.stringValue == "refused")
        #expect(approver["signature"]?["problem"]?.stringValue?.hasPrefix("signed with the key \(team.anaFingerprint) of Ana Lima") == true)
        let verified = await workspace.run(["verify", "report.md", "--public-key", "keys/ana.pub"])
        #expect(verified.code == 0, "the report's own signature is good: \(verified.stderr)")
        #expect(verified.stdout.contains("key \(team.anaFingerprint), refused: signed with the key \(team.anaFingerprint) of Ana Lima <ana@example.com>, not a key of dee@example.com"), "\(verified.stdout)")
    }
}
