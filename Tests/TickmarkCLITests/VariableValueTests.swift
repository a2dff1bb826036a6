import Foundation
import Testing
@testable import TickmarkCLI
import Tickmark
import TickmarkReport
import TickmarkTestSupport

/// SPEC §1.5: a variable nobody uses is a warning; a variable's value that a probe cannot accept
/// fails (or errors) that probe, and the run goes on.
@Suite struct VariableValueTests {
    static let release = """
    ---
    vars:
      version: "1.5.0"
    ---
    # Release
    - [ ] Version is SemVer `probe: version semver ${version}`
    - [ ] Tree is fine `probe: run true`
    """

    @Test func aVariableNoChecklistUsesIsAWarningWithASuggestion() async throws {
        let fixture = try RunFixture(files: [
            "release.md": Self.release,
            "vars.yml": "version: 1.5.0\nbase_ulr: https://example.com\n",
        ])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "release.md", "--no-record", "--var", "verison=1.5.0", "--vars-file", "vars.yml", "--secret", "tokn=x"])
        #expect(result.code == 0, "the run goes on: \(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("warning: variable 'verison' is not used by any checklist; did you mean 'version'?"))
        #expect(result.stderr.contains("warning: variable 'base_ulr' (from vars.yml) is not used by any checklist"))
        #expect(result.stderr.contains("warning: variable 'tokn' is not used by any checklist"))
        #expect(!result.stderr.contains("variable 'version'"), "a used variable is not reported")
        #expect(result.stdout.contains("Result: GO"))

        let dry = await fixture.run(["run", "release.md", "--dry-run", "--var", "verison=1.5.0"])
        #expect(dry.stderr.contains("warning: variable 'verison' is not used by any checklist; did you mean 'version'?"))
    }

    @Test func anEnvironmentVariableIsNotReportedUnused() async throws {
        let fixture = try RunFixture(files: ["release.md": Self.release], environment: ["TICKMARK_VAR_branch": "main"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "release.md", "--no-record"])
        #expect(result.code == 0)
        #expect(!result.stderr.contains("warning"), "\(result.stderr)")
    }

    @Test func aValueThatFailsTheKindsCheckFailsThatProbeAndTheRunGoesOn() async throws {
        let fixture = try RunFixture(files: ["release.md": Self.release])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "release.md", "--var", "version=1.2", "--record", "r.json", "--junit", "j.xml"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Result: NO-GO"))
        #expect(result.stdout.contains("variable 'version' = '1.2'"), "\(result.stdout)")
        #expect(result.stdout.contains("is not a semantic version"), "\(result.stdout)")
        let record = try RunRecord.load("\(fixture.folder)/r.json")
        let items = record.checklists[0].items
        #expect(items.map(\.status) == [.fail, .pass])
        #expect(items[0].reason.contains("variable 'version' = '1.2'"))
        #expect(fixture.read("j.xml").contains("<failure"))
        let report = await fixture.run(["report", "r.json"])
        #expect(report.code == 1)
        #expect(report.stdout.contains("variable 'version' = '1.2'"), "\(report.stdout)")
        #expect(fixture.read("j.xml").contains("variable &apos;version&apos; = &apos;1.2&apos;") || fixture.read("j.xml").contains("variable 'version' = '1.2'"))
    }

    @Test func aURLOrDurationThatCannotBeUsedIsAnErrorOfThatProbe() async throws {
        let fixture = try RunFixture(files: ["svc.md": """
        # Service
        - [ ] Health `probe: http GET ${base_url}/health status=200`
        - [ ] Slow one
          ```probe
          run: true
          timeout: ${limit}
          ```
        - [ ] Secret one `probe: http GET ${api_token}`
        - [ ] Fine `probe: run true`
        """])
        defer { fixture.remove() }
        let result = await fixture.run([
            "run", "svc.md", "--record", "r.json", "--var", "base_url=not a url", "--var", "limit=soon",
            "--secret", "api_token=ftp://s3cr3t-value",
        ])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        let record = try RunRecord.load("\(fixture.folder)/r.json")
        let items = record.checklists[0].items
        #expect(items.map(\.status) == [.error, .error, .error, .pass])
        #expect(items[0].reason.contains("variable 'base_url' = 'not a url'"), "\(items[0].reason)")
        #expect(items[1].reason.contains("variable 'limit' = 'soon'"), "\(items[1].reason)")
        #expect(items[1].reason.contains("duration"), "\(items[1].reason)")
        #expect(items[2].reason.contains("variable 'api_token' = '***'"), "\(items[2].reason)")
        for text in [result.stdout, result.stderr, fixture.read("r.json")] {
            #expect(!text.contains("s3cr3t-value"))
        }
    }

    @Test func aLiteralThatCanNeverPassIsStillALintError() async throws {
        let fixture = try RunFixture(files: ["bad.md": "- [ ] v `probe: version semver 1.2`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "bad.md", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("bad.md:1:"))
    }
}
