import Foundation
import Testing
@testable import TickmarkCLI
import Tickmark
import TickmarkTestSupport

/// A secret's value appears in no output Tickmark writes, in any form Tickmark gives it: as
/// written, shell-quoted, JSON- or XML-escaped, or URL-encoded.
@Suite struct SecretRedactionTests {
    /// Every place a run's results go, read back as text.
    func everyOutput(of fixture: RunFixture, run: (code: Int32, stdout: String, stderr: String)) async -> [String: String] {
        var outputs = ["stdout": run.stdout, "stderr": run.stderr]
        for name in ["r.json", "j.xml", "o.json"] { outputs[name] = fixture.read(name) }
        for format in ["md", "html", "json", "junit"] {
            let report = await fixture.run(["report", "r.json", "--format", format])
            outputs["report \(format)"] = report.stdout + report.stderr
        }
        return outputs
    }

    func expectAbsent(_ fragment: String, from outputs: [String: String], sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, text) in outputs.sorted(by: { $0.key < $1.key }) {
            #expect(!text.contains(fragment), "\(name) shows the secret: \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func aSecretWithQuotesAndEscapesIsRedactedInEveryForm() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Deploy
        - [ ] Token works `probe: run echo "token: ${tok}"; echo '${tok}'; exit 1`
        - [ ] Token in a URL `probe: http GET http://127.0.0.1:1/?t=${tok} timeout=1s`
        """])
        defer { fixture.remove() }
        let secret = "it's \"qz7-s3cret\" & \\ <b>"
        let result = await fixture.run([
            "run", "c.md", "--secret", "tok=\(secret)", "--record", "r.json", "--junit", "j.xml", "--json", "o.json",
        ])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        expectAbsent("qz7-s3cret", from: await everyOutput(of: fixture, run: result))
        let dry = await fixture.run(["run", "c.md", "--dry-run", "--secret", "tok=\(secret)"])
        #expect(!dry.stdout.contains("qz7-s3cret"), "\(dry.stdout)")
        #expect(!dry.stdout.contains("qz7%2Ds3cret") && !dry.stdout.contains("qz7-s3cret%22"), "\(dry.stdout)")
    }

    @Test func aSecretCutShortInAMessageIsRedactedToo() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Deploy
        - [ ] Prints the token
          ```probe
          run: echo nothing
          stdout: "token ${tok}"
          ```
        """])
        defer { fixture.remove() }
        let secret = "tok_live_qz7s3cret_" + String(repeating: "x", count: 100)
        let result = await fixture.run(["run", "c.md", "--secret", "tok=\(secret)", "--record", "r.json", "--junit", "j.xml", "--json", "o.json"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("stdout does not contain"), "\(result.stdout)")
        expectAbsent("qz7s3cret", from: await everyOutput(of: fixture, run: result))
    }

    @Test func aSecretCutByTheOutputTailIsRedacted() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Deploy
        - [ ] Prints the token, then a lot
          ```probe
          run: printf '%s' "${tok}"; head -c 8180 /dev/zero | tr '\\0' x; exit 1
          ```
        """])
        defer { fixture.remove() }
        let result = await fixture.run([
            "run", "c.md", "--secret", "tok=tok_live_qz7s3cret_abcdefghijkl", "--record", "r.json", "--junit", "j.xml", "--json", "o.json",
        ])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(fixture.read("r.json").contains("xxxxxxxx"), "the tail is kept")
        expectAbsent("ghijkl", from: await everyOutput(of: fixture, run: result))
    }

    @Test func aVarsFileValueNamedLikeASecretIsRedacted() async throws {
        let fixture = try RunFixture(files: [
            "c.md": "# Deploy\n- [ ] Token `probe: run echo ${API_TOKEN}; exit 1`\n",
            "vars.yml": "API_TOKEN: tok_live_qz7s3cret\n",
        ])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--vars-file", "vars.yml", "--record", "r.json", "--junit", "j.xml", "--json", "o.json"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        expectAbsent("qz7s3cret", from: await everyOutput(of: fixture, run: result))
        let dry = await fixture.run(["run", "c.md", "--vars-file", "vars.yml", "--dry-run"])
        #expect(!dry.stdout.contains("qz7s3cret"), "\(dry.stdout)")
    }

    @Test(arguments: [
        "- [ ] Health `probe: http GET ${base}?token=${api_token} status=200`\n",
        "- [ ] Health `probe: http GET http://127.0.0.1:1/ status=${api_token}`\n",
        "- [ ] Slow\n  ```probe\n  run: true\n  timeout: ${api_token}\n  ```\n",
        "- [ ] Version `probe: version semver ${api_token}`\n",
        "- [ ] Version `probe: version semver 1.0.0-${api_token}`\n",
    ])
    func aValueThatCannotBeUsedIsReportedWithoutTheSecret(text: String) async throws {
        let fixture = try RunFixture(files: ["c.md": text, "vars.yml": "api_token: tok_live_qz7s3cret!\n"])
        defer { fixture.remove() }
        for source in [["--secret", "api_token=tok_live_qz7s3cret!"], ["--vars-file", "vars.yml"], ["--var", "api_token=tok_live_qz7s3cret!"]] {
            let result = await fixture.run([
                "run", "c.md", "--var", "base=example.com", "--record", "r.json", "--junit", "j.xml", "--json", "o.json",
            ] + source)
            #expect(result.code == 1, "\(source): \(result.stdout)\(result.stderr)")
            expectAbsent("qz7s3cret", from: await everyOutput(of: fixture, run: result))
        }
    }
}
