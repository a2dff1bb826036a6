import Foundation
import Testing
import TickmarkTestSupport

/// Staging: the release branch cut and tagged, deployed, checked, and signed off by QA, operations
/// and the release manager.
extension ServiceTeam {
    /// The pull request merges; the release manager cuts release/v1.4.0 (VERSION, config,
    /// CHANGELOG section), tags v1.4.0, pushes both, and staging deploys the tag. Returns the
    /// tagged commit.
    @discardableResult
    func cutRelease() async throws -> String {
        try await git("""
            git checkout -q main && git merge -q --no-ff feature/rate-limit -m 'Merge pull request #12 from feature/rate-limit' \
            && git push -q origin main && git checkout -q -b release/v1.4.0 \
            && echo 1.4.0 > VERSION && echo 'VERSION = "1.4.0"' > config.py \
            && sed -i 's/^## \\[Unreleased\\]$/## [Unreleased]\\n\\n## [1.4.0] - 2026-12-04/' CHANGELOG.md \
            && git commit -q -am 'Release 1.4.0' && git tag -a v1.4.0 -m 'Release 1.4.0' \
            && git push -q origin release/v1.4.0 v1.4.0
            """)
        let tagged = try await git("git rev-parse HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try server.deploy(version: "1.4.0", commit: tagged)
        return tagged
    }

    /// `tickmark run checklists/staging.md` as the staging job runs it.
    func runStaging() async throws -> Step {
        try await ci(["run", "checklists/staging.md"] + releaseVariables + ["--record", ".tickmark/staging.json"])
    }
}

extension ServiceTeam {
    /// Staging: the release candidate deployed; NO-GO on the 37 manual items, then QA and
    /// operations (Dee) and the release manager (Ana) sign off with their keys; GO.
    func stagingPhase(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let first = try await runStaging()
        #expect(first.code == 1, "\(first.output)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("Result: NO-GO — 20 passed, 0 failed, 0 errors, 37 waiting for sign-off, 0 skipped"), "\(first.stdout)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  PASS     Staging runs the release candidate commit"), sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  PASS     CORS allows the staging web app"), sourceLocation: sourceLocation)
        #expect(first.stdout.hasSuffix("Record: .tickmark/staging.json\n"), "\(first.stdout)", sourceLocation: sourceLocation)

        let qa = try await signOffAllWaiting(".tickmark/staging.json", section: "QA validation", by: Self.dee, role: "qa", key: "dee")
        #expect(qa.code == 0, "\(qa.output)", sourceLocation: sourceLocation)
        #expect(Self.lines(qa.stdout, containing: "Signed off staging › ").count == 23, sourceLocation: sourceLocation)
        #expect(qa.stdout.contains("  signed with \(scratch.path("keys/dee")): signed by key \(deeFingerprint) of Dee Okafor <dee@example.com>\nstaging: NO-GO (13 blockers)\n"), "\(qa.stdout)", sourceLocation: sourceLocation)
        let ops = try await signOffAllWaiting(".tickmark/staging.json", section: "Deploy to staging", by: Self.dee, role: "ops", key: "dee")
        #expect(ops.code == 0 && ops.stdout.contains("staging: NO-GO (10 blockers)"), "\(ops.output)", sourceLocation: sourceLocation)
        let manager = try await signOffAllWaiting(".tickmark/staging.json", by: Self.ana, role: "release-manager", key: "ana")
        #expect(manager.code == 0, "\(manager.output)", sourceLocation: sourceLocation)
        #expect(manager.stdout.contains("of Ana Lima <ana@example.com>\nstaging: GO\n"), "\(manager.stdout)", sourceLocation: sourceLocation)

        let again = try await runStaging()
        #expect(again.code == 0, "\(again.output)", sourceLocation: sourceLocation)
        #expect(again.stdout.contains("Result: GO — 20 passed, 0 failed, 0 errors, 0 waiting for sign-off, 37 signed off, 0 skipped"), "\(again.stdout)", sourceLocation: sourceLocation)
        #expect(again.stdout.contains("  SIGNED   QA approves the release pull request @qa\n           signed off by Ana Lima <ana@example.com> as release-manager\n"), sourceLocation: sourceLocation)
        #expect(try await git("git status --porcelain").isEmpty, "records stay in the ignored .tickmark/", sourceLocation: sourceLocation)
        let record = try record(".tickmark/staging.json")
        #expect(record.decision == .go, sourceLocation: sourceLocation)
        #expect(record.signOffs.count == 37 && record.signOffs.allSatisfy { $0.signature != nil }, "every sign-off is signed", sourceLocation: sourceLocation)
        #expect(Set(record.signOffs.map(\.by)) == [Self.ana, Self.dee], sourceLocation: sourceLocation)
    }
}
