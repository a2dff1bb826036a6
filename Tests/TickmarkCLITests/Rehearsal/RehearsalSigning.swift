import Foundation
import Testing
import TickmarkTestSupport

/// The release's closing: one report over every record, signed by the release manager, verified
/// by OpenSSH and by Tickmark.
extension ServiceTeam {
    /// The records of the release: the pull request's (the job's artifact), staging, production
    /// readiness, post-release and the watch.
    static let records = [
        ".tickmark/pre-merge.json", ".tickmark/staging.json", ".tickmark/production-readiness.json",
        ".tickmark/post-release.json", ".tickmark/watch.json",
    ]

    /// `tickmark report` over `records` (default: every record), to `name` in `format`.
    func report(_ name: String, format: String = "md", records: [String] = records) async throws -> Step {
        try await person(["report"] + records + ["--format", format, "-o", name])
    }

    /// Reports, signs and verifies the release; the report is GO and says who signed what.
    func signingPhase(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let markdown = try await report("release-1.4.0.md")
        #expect(markdown.code == 0 && markdown.stderr == "GO: wrote release-1.4.0.md\n", "\(markdown.output)", sourceLocation: sourceLocation)
        let text = try read("release-1.4.0.md")
        #expect(text.hasPrefix("# ✅ GO · Release report 1.4.0\n"), "\(text.prefix(300))", sourceLocation: sourceLocation)
        #expect(text.contains("| Version | 1.4.0 |"), sourceLocation: sourceLocation)
        #expect(text.contains("| Branch | feature/rate-limit, release/v1.4.0, main |"), "every record's branch", sourceLocation: sourceLocation)
        #expect(text.contains("🔏 signed by key \(deeFingerprint) of Dee Okafor \\<dee@example.com\\>"), sourceLocation: sourceLocation)
        #expect(text.contains("🔏 signed by key \(anaFingerprint) of Ana Lima \\<ana@example.com\\>"), sourceLocation: sourceLocation)
        #expect(text.contains("claimed by @ana-dev, the pull request's author"), sourceLocation: sourceLocation)
        let html = try await report("release-1.4.0.html", format: "html")
        #expect(html.code == 0 && html.stderr == "GO: wrote release-1.4.0.html\n", "\(html.output)", sourceLocation: sourceLocation)

        let signed = try await person(["sign", "release-1.4.0.md", "--key", scratch.path("keys/ana")])
        #expect(signed.code == 0 && signed.stdout == "Signed release-1.4.0.md with \(anaFingerprint): release-1.4.0.md.sig\n", "\(signed.output)", sourceLocation: sourceLocation)
        let enveloped = try await person(["sign", "release-1.4.0.html", "--key", scratch.path("keys/ana"), "--format", "dsse"] + Self.records.flatMap { ["--record", $0] })
        #expect(enveloped.code == 0 && enveloped.stdout.hasSuffix(": release-1.4.0.html.intoto.json\n"), "\(enveloped.output)", sourceLocation: sourceLocation)

        let openSSH = try await runDetached("sh", ["-c", "ssh-keygen -Y verify -n tickmark -f ../allowed_signers -I ana@example.com -s release-1.4.0.md.sig < release-1.4.0.md"], in: service)
        note(Step(command: "ssh-keygen -Y verify -n tickmark -f allowed_signers -I ana@example.com -s release-1.4.0.md.sig < release-1.4.0.md", code: openSSH.status, stdout: openSSH.output, stderr: openSSH.errors))
        #expect(openSSH.status == 0, "\(openSSH.errors)", sourceLocation: sourceLocation)
        #expect(openSSH.output + openSSH.errors == "Good \"tickmark\" signature for ana@example.com with ED25519 key \(anaFingerprint)\n", sourceLocation: sourceLocation)

        let verified = try await person(["verify", "release-1.4.0.md", "--allowed-signers", scratch.path("allowed_signers")])
        #expect(verified.code == 0, "\(verified.output)", sourceLocation: sourceLocation)
        #expect(verified.stdout == "release-1.4.0.md: Good SSH signature for ana@example.com with ED25519 key \(anaFingerprint)\n", sourceLocation: sourceLocation)
        let envelope = try await person(["verify", "release-1.4.0.html", "--allowed-signers", scratch.path("allowed_signers")])
        #expect(envelope.code == 0, "\(envelope.output)", sourceLocation: sourceLocation)
        #expect(envelope.stdout.hasPrefix("release-1.4.0.html: Good DSSE signature for ana@example.com with ED25519 key \(anaFingerprint)\n  release decision GO for version 1.4.0, 89 sign-offs:\n"), "\(envelope.stdout.prefix(400))", sourceLocation: sourceLocation)
        #expect(envelope.stdout.contains("  approved by Dee Okafor <dee@example.com>: production-readiness › release-approval/production-deployment-approved-by-an-authorized-reviewer (valid), key \(deeFingerprint) of Dee Okafor <dee@example.com>\n"), sourceLocation: sourceLocation)
        #expect(envelope.stdout.contains("  approved by Ana Lima <ana@example.com>: production-readiness › release-approval/go-decision-release-or-abort (valid), key \(anaFingerprint) of Ana Lima <ana@example.com>\n"), sourceLocation: sourceLocation)
        #expect(!envelope.stdout.contains("not signed") && !envelope.stdout.contains("refused"), sourceLocation: sourceLocation)
    }
}
