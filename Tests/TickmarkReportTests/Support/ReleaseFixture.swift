import Foundation
import Tickmark
import TickmarkProbes
import TickmarkSigning
import TickmarkTestSupport
@testable import TickmarkReport

/// A realistic release: a checklist with probe, manual, nested, N/A, advisory and quoted items,
/// a run with a failure and an error, and sign-offs that are valid, stale, rejected and expiring.
enum ReleaseFixture {
    static let source = """
    ---
    id: release
    title: Release 1.4.0
    vars:
      version: "1.4.0"
      base_url: https://api.example.com
    ---

    # Release 1.4.0

    Run before tagging, from an up-to-date `main`. Items marked N/A do not apply to this release.

    ## Before tagging

    - [ ] Working tree is clean `probe: git clean`
    - [ ] On main `probe: git branch main`
    - [x] CHANGELOG has a section for the version `probe: changelog ${version}`
    - [ ] Unit tests pass
      ```probe
      run: swift test --parallel
      timeout: 10m
      ```
    - [ ] Rollback plan reviewed @release-manager
      - [ ] Previous image is still in the registry `probe: run docker manifest inspect ghcr.io/example/app:1.3.2`
      - [ ] Database migration can be reverted @engineering-lead
    - [~] Feature flags cleaned up
    - [ ] (Optional) Benchmarks show no regression `probe: run scripts/bench.sh`

    ## After deploy

    - [ ] API health returns 200 `probe: http GET ${base_url}/health status=200`
    - [ ] Smoke test on production passes @qa

    > Ask on-call before the deploy:
    >
    > - [ ] On-call engineer knows about the release @on-call

    """

    static let fixture = RecordFixture(source: source, probes: [
        "Working tree": [.init(status: .pass, reason: "no uncommitted changes", milliseconds: 118, summary: "the working tree is clean", action: "git status --porcelain")],
        "On main": [.init(status: .pass, reason: "on branch main", milliseconds: 41, summary: "the current branch is main", action: "git rev-parse --abbrev-ref HEAD", output: "main")],
        "CHANGELOG": [.init(status: .pass, reason: "CHANGELOG.md has ## [1.4.0] - 2026-11-18", milliseconds: 3, summary: "CHANGELOG.md has a section for 1.4.0", action: "read CHANGELOG.md")],
        "Unit tests": [.init(
            status: .fail, reason: "exited with status 1, expected 0", milliseconds: 48_210, summary: "sh -c 'swift test --parallel'",
            output: "Test Suite 'All tests' started\n✘ Test checkoutRejectsExpiredCards() recorded an issue at CheckoutTests.swift:42:9\n✘ Test run with 214 tests failed after 47.9 seconds with 1 issue.\n",
            fields: [EvidenceField("exit", "1")]
        )],
        "Previous image": [.init(status: .pass, reason: "exited with status 0", milliseconds: 1_306, summary: "sh -c 'docker manifest inspect ghcr.io/example/app:1.3.2'", action: "sh -c 'docker manifest inspect ghcr.io/example/app:1.3.2'", attempts: 2)],
        "Benchmarks": [.init(status: .error, reason: "scripts/bench.sh: not found", milliseconds: 4, summary: "sh -c scripts/bench.sh", action: "sh -c scripts/bench.sh", fields: [EvidenceField("exit", "127")])],
        "API health": [.init(
            status: .pass, reason: "status 200 in 182 ms", milliseconds: 182, summary: "GET https://api.example.com/health expecting status 200", action: "GET https://api.example.com/health",
            output: "{\"status\":\"ok\",\"version\":\"1.4.0\"}", fields: [EvidenceField("status", "200")]
        )],
    ])

    /// When the report is made.
    static let reportTime = RecordFixture.start.addingTimeInterval(3 * 3600)

    /// The record with its sign-offs, as `tickmark sign-off` leaves it.
    static func record() -> RunRecord {
        var record = fixture.record()
        let at = RecordFixture.start.addingTimeInterval(1800)
        record.signOffs = [
            SignOff(checklist: "release", item: fixture.id("Smoke test"), itemDigest: fixture.digest("Smoke test"),
                    by: "Chen Wei <chen@example.com>", role: "qa", at: at, expires: RecordFixture.start.addingTimeInterval(3600)),
            signed(SignOff(checklist: "release", item: fixture.id("Rollback plan"), itemDigest: fixture.digest("Rollback plan"),
                    by: "Ana Lima <ana@example.com>", role: "release-manager", at: at.addingTimeInterval(60),
                    note: "Rollback drill done on staging")),
            SignOff(checklist: "release", item: fixture.id("Database migration"), itemDigest: String(repeating: "0", count: 64),
                    by: "Bo Berg <bo@example.com>", role: "engineering-lead", at: at.addingTimeInterval(120)),
            SignOff(checklist: "release", item: fixture.id("Smoke test"), itemDigest: fixture.digest("Smoke test"),
                    by: "Chen Wei <chen@example.com>", role: "qa", at: at.addingTimeInterval(5400), note: "Checkout fails for EU cards", decision: .reject),
            SignOff(checklist: "release", item: fixture.id("On-call engineer"), itemDigest: fixture.digest("On-call engineer"),
                    by: "Dee Okafor <dee@example.com>", role: "on-call", at: at.addingTimeInterval(600), expires: RecordFixture.start.addingTimeInterval(86400)),
        ]
        return record.recomputed(at: at.addingTimeInterval(5400))
    }

    /// `signOff` signed by the vector key (Ed25519 signatures are deterministic, so the golden
    /// reports stay the same).
    static func signed(_ signOff: SignOff) -> SignOff {
        var signed = signOff
        let key = SigningKey(try! Vectors.key(), comment: "ana@laptop")
        let signature = try! SSHSignature.sign(Array(signOff.canonicalText.utf8), with: key, namespace: SSHSignOffSigner.namespace)
        signed.signature = .init(format: "sshsig", publicKey: key.publicKey.line, signature: signature.armored)
        return signed
    }

    /// A roster that gives the vector key to Ana Lima.
    static func roster() throws -> SignerTrust {
        let text = "people:\n  ana@example.com: { name: Ana Lima, keys: [\"\(Vectors.publicLine) ana@laptop\"] }\n"
        return try SignerTrust(roster: RosterFile.parse(Array(text.utf8), path: ".tickmark/roster.yml"), path: ".tickmark/roster.yml")
    }
}
