import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
@testable import TickmarkReport
import TickmarkTestSupport

/// A signed sign-off binds its signer (SPEC §6): with real keys made by `ssh-keygen` for Ana and
/// Dee, Dee's sign-off signed with Ana's key is refused at sign-off time and does not count in
/// `report`, `run` or `verify`; each shows the key's fingerprint and whose key it is.
@Suite struct SignerBindingTests {
    static let checklist = """
    ---
    id: go-live
    ---
    # Go live

    - [ ] Tests pass `probe: run true`
    - [ ] Rollback plan reviewed @release-manager
    - [ ] Status page updated @comms

    """

    /// A workspace with the checklist, its record, and two people's keys (`keys/ana`, `keys/dee`).
    struct Team {
        let workspace: Workspace
        let anaKey: String
        let deeKey: String
        let anaFingerprint: String
        let deeFingerprint: String

        init() throws {
            workspace = try Workspace()
            try workspace.write("checklists/go-live.md", SignerBindingTests.checklist)
            try workspace.write(".tickmark/run.json", record: try workspace.runRecord(of: "checklists/go-live.md"))
            try workspace.write("keys/.keep", "")
            var lines: [String] = []
            var fingerprints: [String] = []
            for name in ["ana", "dee"] {
                let made = try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(name)@laptop", "-f", workspace.path("keys/\(name)")])
                #expect(made.status == 0, "\(made.errors)")
                lines.append(try workspace.read("keys/\(name).pub").trimmingCharacters(in: .whitespacesAndNewlines))
                let listed = try run("ssh-keygen", ["-l", "-f", workspace.path("keys/\(name).pub")])
                fingerprints.append(String(listed.output.split(separator: " ")[1]))
            }
            (anaKey, deeKey) = (lines[0], lines[1])
            (anaFingerprint, deeFingerprint) = (fingerprints[0], fingerprints[1])
        }

        /// Writes `.tickmark/roster.yml` with Ana's and Dee's keys.
        func writeRoster() throws {
            try workspace.write(".tickmark/roster.yml", """
            people:
              ana@example.com: { name: Ana Lima, keys: ["\(anaKey)"] }
              dee@example.com: { name: Dee Okafor, keys: ["\(deeKey)"] }
            roles:
              release-manager: [ana@example.com, dee@example.com]

            """)
        }

        /// Writes `allowed_signers` with Ana's and Dee's keys for sign-offs.
        func writeAllowedSigners() throws {
            try workspace.write("allowed_signers", """
            ana@example.com namespaces="tickmark-sign-off" \(anaKey)
            dee@example.com namespaces="tickmark-sign-off" \(deeKey)

            """)
        }
    }

    static let dee = "Dee Okafor <dee@example.com>"
    static let rollback = "go-live/rollback-plan-reviewed"

    @Test func theSignersOwnKeyIsAcceptedAndShownEverywhere() async throws {
        let team = try Team()
        defer { team.workspace.remove() }
        try team.writeRoster()
        let workspace = team.workspace
        let signed = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", Self.dee, "--key", "keys/dee"])
        #expect(signed.code == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("signed with keys/dee: signed by key \(team.deeFingerprint) of Dee Okafor <dee@example.com>"))
        #expect(try workspace.record(".tickmark/run.json").checklists[0].items.first { $0.id == Self.rollback }?.status == .signedOff)

        let markdown = await workspace.run(["report", ".tickmark/run.json"])
        #expect(markdown.stdout.contains("🔏 signed by key \(team.deeFingerprint) of Dee Okafor \\<dee@example.com\\>"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("✍️ signed off by Dee Okafor"))
        let html = await workspace.run(["report", ".tickmark/run.json", "--format", "html"])
        #expect(html.stdout.contains("🔏 signed by key \(team.deeFingerprint) of Dee Okafor &lt;dee@example.com&gt;"))
        let json = await workspace.run(["report", ".tickmark/run.json", "--format", "json"])
        let signOff = try #require(JSONParser.parse(Array(json.stdout.utf8))["signOffs"]?.arrayValue?.first?["signature"])
        #expect(signOff["fingerprint"]?.stringValue == team.deeFingerprint)
        #expect(signOff["principal"]?.stringValue == "Dee Okafor <dee@example.com>")
        #expect(signOff["signer"]?.stringValue == "verified")

        let verified = await workspace.run(["verify", workspace.path(".tickmark/run.json")])
        #expect(verified.code == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("good signature on the sign-off by \(Self.dee) of go-live › \(Self.rollback): key \(team.deeFingerprint) of Dee Okafor <dee@example.com>"))
    }

    @Test func anotherPersonsKeyIsRefusedAtSignOffAndNothingIsWritten() async throws {
        let team = try Team()
        defer { team.workspace.remove() }
        try team.writeRoster()
        let before = try team.workspace.read(".tickmark/run.json")
        let result = await team.workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", Self.dee, "--key", "keys/ana"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("keys/ana: error: Dee Okafor <dee@example.com> cannot sign off with this key: it is the key \(team.anaFingerprint) of Ana Lima <ana@example.com>, not a key of dee@example.com in the roster .tickmark/roster.yml"), "\(result.stderr)")
        #expect(try team.workspace.read(".tickmark/run.json") == before)
    }

    @Test func anotherPersonsKeyIsRefusedWithAllowedSignersToo() async throws {
        let team = try Team()
        defer { team.workspace.remove() }
        try team.writeAllowedSigners()
        let refused = await team.workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", Self.dee, "--key", "keys/ana", "--allowed-signers", "allowed_signers"])
        #expect(refused.code == 2)
        #expect(refused.stderr.contains("it is the key \(team.anaFingerprint) of ana@example.com, not a key of dee@example.com in the allowed signers allowed_signers"), "\(refused.stderr)")
        let accepted = await team.workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", Self.dee, "--key", "keys/dee", "--allowed-signers", "allowed_signers"])
        #expect(accepted.code == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("signed by key \(team.deeFingerprint) of dee@example.com"))
        let report = await team.workspace.run(["report", ".tickmark/run.json", "--allowed-signers", "allowed_signers"])
        #expect(report.stdout.contains("🟢 valid<br>🔏 signed by key \(team.deeFingerprint) of dee@example.com"), "\(report.stdout)")
    }

    @Test func aForgedSignOffInARecordDoesNotCountInReportRunOrVerify() async throws {
        let team = try Team()
        defer { team.workspace.remove() }
        let workspace = team.workspace
        // No roster yet: the signer cannot be checked, so the sign-off is taken, and says so.
        let taken = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", Self.dee, "--key", "keys/ana"])
        #expect(taken.code == 0, "\(taken.stderr)")
        #expect(taken.stdout.contains("signed by key \(team.anaFingerprint) (signer not verified: no roster)"))
        let unverified = await workspace.run(["report", ".tickmark/run.json"])
        #expect(unverified.stdout.contains("🔏 signed by key \(team.anaFingerprint) (signer not verified: no roster)"))

        try team.writeRoster()
        let reason = "signed with the key \(team.anaFingerprint) of Ana Lima <ana@example.com>, not a key of dee@example.com in the roster .tickmark/roster.yml"
        let report = await workspace.run(["report", ".tickmark/run.json", "--format", "json"])
        #expect(report.code == 1)
        let json = try JSONParser.parse(Array(report.stdout.utf8))
        let item = try #require(json["checklists"]?.arrayValue?.first?["items"]?.arrayValue?.first { $0["id"]?.stringValue == Self.rollback })
        #expect(item["status"]?.stringValue == "manual")
        #expect(item["reason"]?.stringValue == "waiting for a sign-off; the sign-off by \(Self.dee) does not count: \(reason)")
        #expect(json["signOffs"]?.arrayValue?.first?["counts"]?.boolValue == false)
        #expect(json["signOffs"]?.arrayValue?.first?["signature"]?["problem"]?.stringValue == reason)
        let markdown = await workspace.run(["report", ".tickmark/run.json"])
        #expect(markdown.stdout.contains("⛔ refused: does not count: signed with the key \(team.anaFingerprint) of Ana Lima \\<ana@example.com\\>"))

        let verified = await workspace.run(["verify", workspace.path(".tickmark/run.json")])
        #expect(verified.code == 1)
        #expect(verified.stderr.contains("error: sign-off by \(Self.dee) of go-live › \(Self.rollback) does not count: \(reason)"), "\(verified.stderr)")

        let rerun = await workspace.run(["run", "checklists/go-live.md", "--record", workspace.path(".tickmark/run.json"), "--strict"])
        #expect(rerun.code == 1, "\(rerun.stdout)\(rerun.stderr)")
        #expect(rerun.stderr.contains("warning: the sign-off by \(Self.dee) of go-live › \(Self.rollback) does not count: \(reason)"), "\(rerun.stderr)")
        let record = try workspace.record(".tickmark/run.json")
        #expect(record.signOffs.count == 1, "the sign-off is kept in the record")
        #expect(record.checklists[0].items.first { $0.id == Self.rollback }?.status == .manual)
    }

    @Test func aRosterThatIsNotARosterIsAnErrorAtItsPlace() async throws {
        let team = try Team()
        defer { team.workspace.remove() }
        try team.workspace.write(".tickmark/roster.yml", "people:\n  ana@example.com: { name: Ana Lima, keys: [\"ssh-rsa nonsense\"] }\n")
        let result = await team.workspace.run(["report", ".tickmark/run.json"])
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix(".tickmark/roster.yml:2:"), "\(result.stderr)")
        #expect(result.stderr.contains("ana@example.com:"))
    }
}
