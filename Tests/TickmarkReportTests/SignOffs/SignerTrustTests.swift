import Foundation
import Testing
import Tickmark
@testable import TickmarkReport
import TickmarkSigning
import TickmarkTestSupport

/// The roster reader and the binding of a sign-off's key to its signer.
@Suite struct SignerTrustTests {
    static let roster = """
    people:
      ana@example.com: { name: Ana Lima, keys: ["\(Vectors.publicLine) ana@laptop"] }
      bo@example.com:
        name: Bo Berg
        keys: []
    roles:
      release-manager: [ana@example.com, bo@example.com]
      security: [chen@example.com]

    """

    @Test func theRosterKeepsPeopleKeysAndRoles() throws {
        let file = try RosterFile.parse(Array(Self.roster.utf8), path: "roster.yml")
        #expect(file.people.map(\.email) == ["ana@example.com", "bo@example.com"])
        #expect(file.people.map(\.name) == ["Ana Lima", "Bo Berg"])
        #expect(file.people[0].keys.map(\.position.line) == [2])
        #expect(file.roles.map(\.name) == ["release-manager", "security"])
        #expect(file.roles.map(\.members) == [["ana@example.com", "bo@example.com"], ["chen@example.com"]])
    }

    @Test(arguments: [
        ("people: [ana]\n", "roster.yml:1:9", "`people:` maps each email"),
        ("people:\n  ana: { name: Ana }\n", "roster.yml:2:3", "each person is named by an email address"),
        ("people:\n  ana@example.com: { nick: A }\n", "roster.yml:2:22", "unknown field 'nick'"),
        ("teams: {}\n", "roster.yml:1:1", "unknown roster key 'teams'"),
    ])
    func mistakesAreErrorsAtTheirPlace(text: String, place: String, message: String) {
        #expect(throws: TickmarkError.self) { try RosterFile.parse(Array(text.utf8), path: "roster.yml") }
        do {
            _ = try RosterFile.parse(Array(text.utf8), path: "roster.yml")
        } catch {
            #expect(error.description.hasPrefix(place + ": error: "), "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func aSignatureCountsOnlyForTheKeysOwner() throws {
        let trust = try SignerTrust(roster: RosterFile.parse(Array(Self.roster.utf8), path: "roster.yml"), path: "roster.yml")
        let signOff = SignOff(checklist: "c", item: "c/i", itemDigest: "d", by: "Ana Lima <ana@example.com>", at: Date(timeIntervalSince1970: 1_795_000_000))
        let ana = trust.check(ReleaseFixture.signed(signOff), now: Date())
        #expect(ana.standing == .verified && ana.principal == "Ana Lima <ana@example.com>" && ana.fingerprint == Vectors.fingerprint)
        var bo = signOff
        bo.by = "Bo Berg <bo@example.com>"
        let forged = trust.check(ReleaseFixture.signed(bo), now: Date())
        #expect(forged.standing == .refused && forged.principal == "Ana Lima <ana@example.com>")
        #expect(forged.problem == "signed with the key \(Vectors.fingerprint) of Ana Lima <ana@example.com>, not a key of bo@example.com in the roster roster.yml")
        #expect(SignerTrust.none.check(ReleaseFixture.signed(bo), now: Date()).text == "signed by key \(Vectors.fingerprint) (signer not verified: no roster)")
        var tampered = ReleaseFixture.signed(signOff)
        tampered.note = "added later"
        #expect(SignerTrust.none.check(tampered, now: Date()).problem?.hasPrefix("the signature does not verify") == true)
    }
}
