import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
@testable import TickmarkReport
import TickmarkTestSupport

/// An approval rule end to end, with real keys, a roster and a git repository whose release
/// commit is Bo Berg's: `run` waits and says who may approve, `sign-off` lets several people sign
/// the same item and says what is still missing, the author's approval does not count, and the
/// console, the GitHub annotations and every report format give the same words.
@Suite struct ApprovalRunTests {
    static let checklist = """
    # Release

    - [ ] Tests pass `probe: run true`
    - [ ] Production deploy approved `approve: 2 @release-manager not=author`

    """

    static let waiting = "0 of 2 approvals from @release-manager; may still approve: Ana Lima, Chen Wu"
    static let authorRefused = "1 of 2 approvals from @release-manager; Bo Berg cannot approve his own change; may still approve: Chen Wu"
    static let approved = "approved by Ana Lima and Chen Wu (2 of 2 from @release-manager)"

    /// A git repository holding the checklist and the roster, committed by Bo Berg.
    static func project() throws -> (RunFixture, ApprovalTeam) {
        let fixture = try RunFixture(files: ["checklists/release.md": checklist])
        let team = try ApprovalTeam(in: fixture.scratch)
        try fixture.scratch.write(".tickmark/roster.yml", team.roster)
        _ = try Shell.run("git init -q . && git add checklists .tickmark/roster.yml && GIT_AUTHOR_NAME='Bo Berg' GIT_AUTHOR_EMAIL=bo@example.com git commit -q -m release", in: fixture.folder)
        return (fixture, team)
    }

    @Test func quorumWithTheAuthorRefusedEndToEnd() async throws {
        // The record is named by its absolute path: `run` looks for an existing record there.
        var (fixture, team) = try Self.project()
        defer { fixture.remove() }
        let first = await fixture.run(["run", "checklists/release.md", "--record", fixture.scratch.path(".tickmark/run.json")])
        #expect(first.code == 1, "\(first.stderr)")
        #expect(first.stdout.contains("WAITING  Production deploy approved\n           \(Self.waiting)\n"), "\(first.stdout)")
        let record = try RunRecord.load(fixture.scratch.path(".tickmark/run.json"))
        #expect(record.environment.author == "Bo Berg <bo@example.com>")
        #expect(record.checklists[0].items[1].approvals == ["approve: 2 @release-manager not=author"])
        let script = "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1]))); print('ok')"
        let valid = try TickmarkTestSupport.run("python3", ["-c", script, repositoryRoot + "/schemas/run-record.schema.json", fixture.scratch.path(".tickmark/run.json")])
        #expect(valid.status == 0, "\(valid.output)\(valid.errors)")

        let ana = await fixture.run(["sign-off", ".tickmark/run.json", "Production deploy", "--by", team.ana.by])
        #expect(ana.code == 0, "\(ana.stderr)")
        #expect(ana.stdout.contains("  approvals: 1 of 2 approvals from @release-manager; may still approve: Chen Wu\n"), "\(ana.stdout)")
        let bo = await fixture.run(["sign-off", ".tickmark/run.json", "Production deploy", "--by", team.bo.by, "--key", team.bo.keyPath])
        #expect(bo.code == 0, "\(bo.stderr)")
        #expect(bo.stdout.contains("  approvals: \(Self.authorRefused)\n"), "\(bo.stdout)")
        #expect(bo.stdout.contains("release: NO-GO (1 blocker)"))

        fixture.environment["GITHUB_ACTIONS"] = "true"
        let annotated = await fixture.run(["run", "checklists/release.md", "--record", fixture.scratch.path(".tickmark/run.json")])
        #expect(annotated.code == 1)
        #expect(annotated.stdout.contains("::notice file=checklists/release.md,line=4,col=1,title=release/production-deploy-approved%3A WAITING::Production deploy approved — \(Self.authorRefused)\n"), "\(annotated.stdout)")
        fixture.environment["GITHUB_ACTIONS"] = nil

        let markdown = await fixture.run(["report", ".tickmark/run.json"])
        #expect(markdown.stdout.contains("⏳ waiting: \(Self.authorRefused)"), "\(markdown.stdout)")
        let html = await fixture.run(["report", ".tickmark/run.json", "--format", "html"])
        #expect(html.stdout.contains("⏳ waiting: \(Self.authorRefused)"))
        let json = await fixture.run(["report", ".tickmark/run.json", "--format", "json"])
        let item = try #require(JSONParser.parse(Array(json.stdout.utf8))["checklists"]?.arrayValue?.first?["items"]?.arrayValue?[1])
        #expect(item["reason"]?.stringValue == Self.authorRefused, "\(json.stdout)")
        #expect(item["approvals"] == .array([.string("approve: 2 @release-manager not=author")]))
        let junit = await fixture.run(["report", ".tickmark/run.json", "--format", "junit"])
        #expect(junit.stdout.contains(Self.authorRefused), "\(junit.stdout)")

        let chen = await fixture.run(["sign-off", ".tickmark/run.json", "Production deploy", "--by", team.chen.by])
        #expect(chen.stdout.contains("  approvals: \(Self.approved)\n"), "\(chen.stdout)")
        #expect(chen.stdout.contains("release: GO"))
        let last = await fixture.run(["run", "checklists/release.md", "--record", fixture.scratch.path(".tickmark/run.json")])
        #expect(last.code == 0, "\(last.stdout)")
        #expect(last.stdout.contains("SIGNED   Production deploy approved\n           \(Self.approved)\n"), "\(last.stdout)")
        let report = await fixture.run(["report", ".tickmark/run.json"])
        #expect(report.stdout.contains("✍️ \(Self.approved)"), "\(report.stdout)")
    }

    @Test func aTickInTheFileDoesNotStandForApprovals() async throws {
        let (fixture, _) = try Self.project()
        defer { fixture.remove() }
        try fixture.scratch.write("checklists/release.md", Self.checklist.replacingOccurrences(of: "- [ ] Production", with: "- [x] Production"))
        let result = await fixture.run(["run", "checklists/release.md", "--no-record"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("WAITING  Production deploy approved\n           \(Self.waiting)\n"), "\(result.stdout)")
    }

    @Test func anApprovalAfterAProbeItemIsDecidedOnceTheProbeHasRun() async throws {
        let (fixture, _) = try Self.project()
        defer { fixture.remove() }
        for (probe, words) in [
            ("true", "0 of 1 approval from @security; may still approve: Chen Wu, Dee Diaz"),
            ("false", "0 of 1 approval from @security; qa/smoke must be done first (after=qa/smoke); may still approve: Chen Wu, Dee Diaz"),
        ] {
            try fixture.scratch.write("checklists/security.md", """
            # Security

            - [ ] Smoke test `probe: run sleep 0.2; \(probe)` <!-- id: qa/smoke -->
            - [ ] Security review `approve: 1 @security after=qa/smoke`

            """)
            let result = await fixture.run(["run", "checklists/security.md", "--no-record"])
            #expect(result.code == 1)
            #expect(result.stdout.contains("WAITING  Security review\n           \(words)\n"), "\(result.stdout)")
        }
    }

    @Test func aRosterInTheFrontMatterDecides() async throws {
        let fixture = try RunFixture(files: ["gate.md": """
        ---
        roster:
          people:
            ana@example.com: { name: Ana Lima }
            chen@example.com: { name: Chen Wu }
          roles:
            release-manager: [ana@example.com, chen@example.com]
        ---
        # Gate

        - [ ] Go decision `approve: 2 @release-manager`

        """])
        defer { fixture.remove() }
        let first = await fixture.run(["run", "gate.md", "--record", fixture.scratch.path("run.json")])
        #expect(first.stdout.contains("0 of 2 approvals from @release-manager; may still approve: Ana Lima, Chen Wu"), "\(first.stdout)")
        _ = await fixture.run(["sign-off", "run.json", "Go decision", "--by", "Ana Lima <ana@example.com>"])
        let second = await fixture.run(["sign-off", "run.json", "Go decision", "--by", "Chen Wu <chen@example.com>"])
        #expect(second.stdout.contains("  approvals: approved by Ana Lima and Chen Wu (2 of 2 from @release-manager)\n"), "\(second.stdout)")
        let lint = await fixture.run(["lint", "gate.md"])
        #expect(lint.code == 0, "\(lint.stdout)")
    }

    @Test func allWaitingLeavesOutAQuorumThePersonAlreadyApproved() async throws {
        let (fixture, team) = try Self.project()
        defer { fixture.remove() }
        _ = await fixture.run(["run", "checklists/release.md", "--record", fixture.scratch.path(".tickmark/run.json")])
        let first = await fixture.run(["sign-off", ".tickmark/run.json", "--all-waiting", "--by", team.ana.by])
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout.contains("  approvals: 1 of 2 approvals from @release-manager; may still approve: Chen Wu\n"), "\(first.stdout)")
        let again = await fixture.run(["sign-off", ".tickmark/run.json", "--all-waiting", "--by", team.ana.by])
        #expect(again.code == 2)
        #expect(again.stderr.contains("no manual item is waiting for a sign-off"), "\(again.stderr)")
        let chen = await fixture.run(["sign-off", ".tickmark/run.json", "--all-waiting", "--by", team.chen.by])
        #expect(chen.stdout.contains("  approvals: \(Self.approved)\n"), "\(chen.stdout)")
    }

    @Test func aReportMadeElsewhereFindsTheRosterBesideTheChecklist() async throws {
        let (fixture, team) = try Self.project()
        defer { fixture.remove() }
        let record = fixture.scratch.path(".tickmark/run.json")
        _ = await fixture.run(["run", "checklists/release.md", "--record", record])
        _ = await fixture.run(["sign-off", record, "Production deploy", "--by", team.ana.by])
        let elsewhere = try TemporaryFolder()
        defer { elsewhere.remove() }
        let buffer = OutputBuffer()
        let code = await TickmarkCommand.run(["report", record], console: buffer.console(environment: fixture.environment, currentDirectory: elsewhere.path))
        #expect(code == 0 || code == 1)
        #expect(buffer.stdout.contains("⏳ waiting: 1 of 2 approvals from @release-manager; may still approve: Chen Wu"), "\(buffer.stdout)")
    }
}
