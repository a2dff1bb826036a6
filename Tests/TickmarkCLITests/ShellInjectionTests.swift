import Foundation
import Testing
@testable import TickmarkCLI
import Tickmark
import TickmarkTestSupport

/// Variables reach `run` commands as environment variables, so a value is never shell code,
/// whatever quotes, heredoc or inner shell it lands in.
@Suite struct ShellInjectionTests {
    static let payload = "$(touch${IFS}pwned)`touch pwned2`'\"; touch pwned3"

    func expectNoPayloadRan(in fixture: RunFixture, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in ["pwned", "pwned2", "pwned3"] {
            #expect(!FileManager.default.fileExists(atPath: "\(fixture.folder)/\(name)"), "\(name) was created", sourceLocation: sourceLocation)
        }
    }

    @Test func aBranchNameInsideDoubleQuotesIsNotRun() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Build
        - [ ] Says the branch
          ```probe
          run: echo "building ${git.branch}"
          stdout: "building $(touch"
          ```
        """])
        defer { fixture.remove() }
        try Shell.run("git init -q -b main && git add -A && git commit -q -m first && git checkout -q -b '$(touch${IFS}pwned)'", in: fixture.folder)
        let result = await fixture.run(["run", "c.md", "--no-record"])
        expectNoPayloadRan(in: fixture)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aValueIsOneWordInEveryQuotingContext() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Contexts
        - [ ] Double quotes `probe: run test "v=${x}" = "v=$EXPECTED"`
        - [ ] Single quotes `probe: run test 'v=${x}' = "v=$EXPECTED"`
        - [ ] Unquoted `probe: run test ${x} = "$EXPECTED"`
        - [ ] Inside a command substitution `probe: run test "$(printf %s ${x})" = "$EXPECTED"`
        - [ ] Heredoc
          ```probe
          run: |
            cat <<EOF
            v=${x}
            EOF
          stdout: "v=$(touch"
          ```
        - [ ] Quoted heredoc
          ```probe
          run: |
            cat <<'EOF'
            v=${x}
            EOF
          stdout: "v=$(touch"
          ```
        """], environment: ["EXPECTED": Self.payload])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record", "--var", "x=\(Self.payload)"])
        expectNoPayloadRan(in: fixture)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func anInnerShellExpandsTheEnvironmentVariableNotTheValue() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Nested
        - [ ] Double-quoted script `probe: run sh -c "test \\"v=${x}\\" = \\"v=\\$EXPECTED\\""`
        - [ ] Single-quoted script `probe: run sh -c 'test "v=${x}" = "v=$EXPECTED"'`
        - [ ] Eval `probe: run eval 'test "${x}" = "$EXPECTED"'`
        """], environment: ["EXPECTED": Self.payload])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record", "--var", "x=\(Self.payload)"])
        expectNoPayloadRan(in: fixture)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aValueCannotEndAQuotedHeredocEarly() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Heredoc
        - [ ] Writes a file
          ```probe
          run: |
            cat <<'EOF' > out.txt
            ${x}
            EOF
          ```
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record", "--var", "x=a\nEOF\ntouch pwned\ncat <<'EOF'"])
        expectNoPayloadRan(in: fixture)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let single = await fixture.run(["run", "c.md", "--no-record", "--var", "x=one line, $(not run)"])
        #expect(single.code == 0, "\(single.stdout)\(single.stderr)")
        #expect(fixture.read("out.txt") == "one line, $(not run)\n")
    }

    @Test func dryRunShowsTheEnvironmentReferenceAndTheValue() async throws {
        let fixture = try RunFixture(files: ["c.md": "- [ ] Echo `probe: run echo \"v=${x}\"`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--dry-run", "--var", "x=a b"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("sh -c 'echo \"v=${TICKMARK_VAR_x}\"' with TICKMARK_VAR_x='a b'"), "\(result.stdout)")
    }

    @Test func lintWarnsWhereAValueReachesAShellTickmarkCannotQuoteFor() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        ---
        vars:
          service: nginx
        ---
        # Remote
        - [ ] Remote `probe: run ssh deploy@host "systemctl restart ${service}"`
        - [ ] Local `probe: run systemctl restart "${service}"`
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["lint", "c.md"])
        #expect(result.stdout.contains("c.md:6:") || result.stderr.contains("c.md:6:"), "\(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("warning: '${service}' reaches a shell on another machine"), "\(result.stdout)\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("c.md:7:"), "\(result.stdout)\(result.stderr)")
    }
}
