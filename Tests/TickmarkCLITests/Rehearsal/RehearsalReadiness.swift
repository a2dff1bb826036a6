import Foundation
import Testing
import TickmarkTestSupport

/// Production readiness: main after the release branch merged, with two people's signed sign-offs.
extension ServiceTeam {
    /// The release branch merges into main, the remote branch is deleted, and the deploy job's
    /// checkout is main.
    func mergeRelease() async throws {
        try await git("""
            git checkout -q main && git merge -q --no-ff release/v1.4.0 -m 'Merge release/v1.4.0' \
            && git push -q origin main && git push -q origin --delete release/v1.4.0
            """)
    }

    /// The variables of production readiness.
    var readinessVariables: [String] {
        [
            "--var", "version=1.4.0", "--var", "previous_version=1.3.2", "--var", "image=registry.example.com/service",
            "--var", "backup_marker=\(scratch.path("backups/latest.dump"))", "--var", "api_host=127.0.0.1",
        ]
    }

    /// The variables of post-release.
    var postReleaseVariables: [String] {
        releaseVariables + [
            "--var", "image=registry.example.com/service", "--var", "backup_marker=\(scratch.path("backups/latest.dump"))",
            "--var", "dev_branch=main",
        ]
    }

    /// `tickmark run checklists/production-readiness.md` as the deploy job runs it.
    func runReadiness() async throws -> Step {
        try await ci(["run", "checklists/production-readiness.md"] + readinessVariables + ["--record", ".tickmark/production-readiness.json"])
    }
}

extension ServiceTeam {
    /// Production readiness: NO-GO on its 16 manual items; Dee (on-call, operations) and Ana
    /// (release manager, engineering lead) sign off; Dee, a reviewer, approves the deployment; GO.
    func readinessPhase(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let first = try await runReadiness()
        #expect(first.code == 1, "\(first.output)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("Result: NO-GO — 19 passed, 0 failed, 1 errors, 16 waiting for sign-off, 0 skipped, 1 n/a"), "\(first.stdout)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  PASS     Staging checklist is GO"), sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  ERROR    (Optional) TLS certificate stays valid for two more weeks"), "an advisory error never blocks", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  N/A      Outside the deploy freeze"), sourceLocation: sourceLocation)
        #expect(first.stderr.isEmpty, "every variable given is used: \(first.stderr)", sourceLocation: sourceLocation)

        let dee = try await signOff(".tickmark/production-readiness.json", Self.deeReadinessItems, by: Self.dee, role: "on-call", key: "dee")
        #expect(dee.code == 0 && dee.stdout.contains("production-readiness: NO-GO (11 blockers)"), "\(dee.output)", sourceLocation: sourceLocation)
        let lead = try await signOff(".tickmark/production-readiness.json", Self.engineeringLeadItems, by: Self.ana, role: "engineering-lead", key: "ana")
        #expect(lead.code == 0 && lead.stdout.contains("production-readiness: NO-GO (4 blockers)\n"), "\(lead.output)", sourceLocation: sourceLocation)
        let manager = try await signOff(".tickmark/production-readiness.json", Self.releaseManagerItems, by: Self.ana, role: "release-manager", key: "ana")
        #expect(manager.code == 0 && manager.stdout.contains("production-readiness: NO-GO (1 blocker)\n"), "\(manager.output)", sourceLocation: sourceLocation)
        let approved = try await signOff(".tickmark/production-readiness.json", ["Production deployment approved"], by: Self.dee, role: "reviewer", key: "dee")
        #expect(approved.code == 0 && approved.stdout.contains("production-readiness: GO\n"), "\(approved.output)", sourceLocation: sourceLocation)

        let again = try await runReadiness()
        #expect(again.code == 0, "\(again.output)", sourceLocation: sourceLocation)
        #expect(again.stdout.contains("Result: GO — 19 passed, 0 failed, 1 errors, 0 waiting for sign-off, 16 signed off, 0 skipped, 1 n/a"), "\(again.stdout)", sourceLocation: sourceLocation)
        #expect(try self.record(".tickmark/production-readiness.json").decision == .go, sourceLocation: sourceLocation)
        let record = try read(".tickmark/production-readiness.json")
        for secret in ["pw-7Hq2x", "wJalrXUtnFEMI-K7MDENG"] {
            #expect(!record.contains(secret) && !again.output.contains(secret), "no secret in the record or output", sourceLocation: sourceLocation)
        }
    }

    /// What Dee signs off in production readiness first: on-call and operations.
    static let deeReadinessItems = [
        "Staging has run", "Dashboards and alerts", "Rollback procedure verified", "On-call engineer available", "Ad-hoc backup",
    ]

    /// What Ana signs off then as engineering lead, the code review among them (Bo wrote the
    /// release, so she may approve it)...
    static let engineeringLeadItems = [
        "Migration is safe", "Runs inside a transaction", "No long table locks", "Rollback path decided",
        "Code reviewed by the engineering lead", "Documentation updated", "Migration tested",
    ]

    /// ...and as release manager, the go decision after the review; Dee, a reviewer, approves the
    /// deployment after the go decision.
    static let releaseManagerItems = ["Merged by hand", "No business-critical period", "Go decision"]
}
