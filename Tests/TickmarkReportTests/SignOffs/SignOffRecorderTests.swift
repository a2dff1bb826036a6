import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport

@Suite struct SignOffRecorderTests {
    static let fixture = RecordFixture(source: """
    # Deploy

    ## Database
    - [ ] Backup restored on staging @ops
    - [ ] Migration reviewed @release-manager
    - [ ] Migration applied `probe: run ./migrate --check`

    ## Traffic
    - [ ] Canary reviewed @release-manager
    - [~] Old workers drained

    """)
    static let now = RecordFixture.start.addingTimeInterval(600)

    static func record(_ request: SignOffRequest, in record: RunRecord = fixture.record(), source: String = fixture.source,
                       signer: any SignOffSigner = UnavailableSignOffSigner()) throws(TickmarkError) -> SignOffOutcome {
        try SignOffRecorder.record(request, in: record, recordPath: "run.json", now: now, signer: signer) { checklist throws(TickmarkError) in
            (checklist.path, Array(source.utf8))
        }
    }

    static func failure(_ request: SignOffRequest, source: String = fixture.source) -> TickmarkError? {
        do {
            _ = try record(request, source: source)
            return nil
        } catch {
            return error
        }
    }

    @Test func signingOffAppendsBindsToTheDigestAndRecomputes() throws {
        var record = Self.fixture.record()
        let earlier = SignOff(checklist: "other", item: "x", itemDigest: "d", by: "Old <old@example.com>", at: RecordFixture.start)
        record.signOffs = [earlier]
        let outcome = try Self.record(SignOffRequest(item: "backup restored", by: "Ana Lima <ana@example.com>", role: "ops"), in: record)
        #expect(outcome.record.signOffs.count == 2 && outcome.record.signOffs[0] == earlier)
        #expect(outcome.signOff.itemDigest == Self.fixture.digest("Backup restored"))
        #expect(outcome.signOff.at == Self.now)
        #expect(outcome.item.status == .signedOff && outcome.item.satisfied)
        #expect(outcome.notes.isEmpty)
        #expect(outcome.checklistDecision == .noGo)
        #expect(!outcome.record.checklists[0].blockers.contains { $0.hasPrefix(Self.fixture.id("Backup")) })
    }

    @Test func aRejectionMarksTheItemRejected() throws {
        let outcome = try Self.record(SignOffRequest(item: Self.fixture.id("Canary"), by: "Bo <bo@example.com>", role: "release-manager", note: "error rate up", decision: .reject))
        #expect(outcome.item.status == .rejected)
        #expect(outcome.item.reason == "rejected by Bo <bo@example.com>: error rate up")
    }

    @Test func ambiguousTextListsTheCandidatesWithIdsAndLines() throws {
        let error = try #require(Self.failure(SignOffRequest(item: "Reviewed", by: "Ana <ana@example.com>")))
        #expect(error.code == .usage)
        #expect(error.message.contains("'Reviewed' matches 2 items"))
        #expect(error.message.contains("checklists/release.md:5: database/migration-reviewed — Migration reviewed @release-manager"))
        #expect(error.message.contains("checklists/release.md:9: traffic/canary-reviewed — Canary reviewed @release-manager"))
        let none = try #require(Self.failure(SignOffRequest(item: "no such thing", by: "Ana <ana@example.com>")))
        #expect(none.message.contains("no item of the record"))
    }

    @Test func anEditedItemMakesTheRecordStale() throws {
        // Owners are not part of the id, so the item keeps its id but not its content.
        let edited = Self.fixture.source.replacingOccurrences(of: "on staging @ops", with: "on staging @ops @dba")
        let error = try #require(Self.failure(SignOffRequest(item: "backup restored", by: "Ana <ana@example.com>"), source: edited))
        #expect(error.message.hasPrefix("the record is stale: database/backup-restored-on-staging (line 4 of checklists/release.md) was edited after the run"))
        #expect(error.message.contains("run the checklist again (tickmark run checklists/release.md --record run.json)"))
        // A new text gives a new id: the recorded item is gone.
        let renamed = Self.fixture.source.replacingOccurrences(of: "Backup restored on staging", with: "Backup restored in production")
        let gone = try #require(Self.failure(SignOffRequest(item: "backup restored", by: "Ana <ana@example.com>"), source: renamed))
        #expect(gone.message.hasPrefix("the record is stale: database/backup-restored-on-staging is no longer in checklists/release.md"))
        // Edits elsewhere in the file do not matter.
        let elsewhere = Self.fixture.source + "\nA closing note.\n"
        #expect(Self.failure(SignOffRequest(item: "backup restored", by: "Ana <ana@example.com>"), source: elsewhere) == nil)
    }

    @Test func onlyManualItemsAreSignedOff() throws {
        let probe = try #require(Self.failure(SignOffRequest(item: "Migration applied", by: "Ana <ana@example.com>")))
        #expect(probe.message.contains("is checked by probes (run)"))
        let na = try #require(Self.failure(SignOffRequest(item: "Old workers", by: "Ana <ana@example.com>")))
        #expect(na.message.contains("not applicable"))
    }

    @Test(arguments: ["Ana", "ana@example.com", "<ana@example.com>", "Ana <ana>", "Ana <ana@example>", "Ana <a b@example.com>"])
    func signersMustBeNameAndEmail(by: String) {
        #expect(!SignOffRequest.isSigner(by))
        #expect(Self.failure(SignOffRequest(item: "backup", by: by))?.message.contains("Name <email>") == true)
    }

    @Test func expiryMustBeInTheFuture() throws {
        let past = try #require(Self.failure(SignOffRequest(item: "backup", by: "Ana <ana@example.com>", expires: Self.now)))
        #expect(past.message.contains("--expires must be in the future"))
        let future = try Self.record(SignOffRequest(item: "backup", by: "Ana <ana@example.com>", expires: RunRecord.parseTimestamp("2026-12-01T18:00Z")))
        #expect(future.signOff.expires == RunRecord.parseTimestamp("2026-12-01T18:00:00Z"))
    }

    @Test func aRoleOutsideTheOwnersIsAllowedButSaid() throws {
        let outcome = try Self.record(SignOffRequest(item: "canary", by: "Ana <ana@example.com>", role: "qa"))
        #expect(outcome.item.status == .signedOff)
        #expect(outcome.notes == ["signed off as qa; owners: @release-manager"])
        let owner = try Self.record(SignOffRequest(item: "canary", by: "Ana <ana@example.com>", role: "@Release-Manager"))
        #expect(owner.notes.isEmpty)
    }

    @Test func aKeyNeedsTheSigningModuleUntilOneIsWired() throws {
        let error = try #require(Self.failure(SignOffRequest(item: "canary", by: "Ana <ana@example.com>", keyPath: "/keys/id_ed25519")))
        #expect(error.message.contains("signing sign-offs needs the signing module"))

        struct FakeSigner: SignOffSigner {
            func sign(_ text: String, keyPath: String) throws -> SignOff.Signature {
                SignOff.Signature(format: "sshsig", publicKey: "ssh-ed25519 AAAA test", signature: "signed:\(text.count):\(keyPath)")
            }
        }
        let outcome = try Self.record(SignOffRequest(item: "canary", by: "Ana <ana@example.com>", keyPath: "/keys/id_ed25519"), signer: FakeSigner())
        var unsigned = outcome.signOff
        unsigned.signature = nil
        #expect(outcome.signOff.signature?.signature == "signed:\(unsigned.canonicalText.count):/keys/id_ed25519")
        #expect(outcome.signOff.canonicalText == unsigned.canonicalText)
    }
}
