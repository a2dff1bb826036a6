import Foundation
import Testing
@testable import TickmarkCLI
import Tickmark
import TickmarkTestSupport

/// Runs `tickmark` in-process in a temporary folder holding `files`.
struct RunFixture {
    let scratch: TemporaryFolder
    var environment: [String: String]
    var folder: String { scratch.path }

    init(files: [String: String], environment: [String: String] = [:]) throws {
        scratch = try TemporaryFolder()
        for (name, text) in files { try scratch.write(name, text) }
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": scratch.path]
        base.merge(environment) { _, new in new }
        self.environment = base
    }

    func run(_ arguments: [String]) async -> (code: Int32, stdout: String, stderr: String) {
        let buffer = OutputBuffer()
        let code = await TickmarkCommand.run(arguments, console: buffer.console(environment: environment, currentDirectory: folder))
        return (code, buffer.stdout, buffer.stderr)
    }

    func read(_ name: String) -> String {
        (try? scratch.text(name)) ?? ""
    }

    func remove() { scratch.remove() }
}

@Suite struct RunCommandTests {
    @Test func goAndNoGoExitCodesAndDocumentOrder() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        # Checks
        - [ ] First `probe: run sleep 0.3`
        - [ ] Second `probe: run true`
        - [ ] Third `probe: run exit 3`
        - [ ] (Optional) Fourth `probe: run false`
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record"])
        #expect(result.code == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let order = ["First", "Second", "Third", "Fourth"].compactMap { word in lines.firstIndex { $0.contains(word) } }
        #expect(order == order.sorted() && order.count == 4)
        #expect(result.stdout.contains("expected exit 0, got 3"))
        #expect(result.stdout.contains("Result: NO-GO"))
        #expect(!result.stdout.contains("fourth (line"), "an advisory item never blocks")

        let go = try RunFixture(files: ["g.md": "- [ ] ok `probe: run true`\n- [x] manual ticked\n"])
        defer { go.remove() }
        #expect(await go.run(["run", "g.md", "--no-record"]).code == 0)
        #expect(await go.run(["run", "g.md", "--no-record", "--strict"]).code == 1)
    }

    @Test func secretsAppearInNoOutputRecordJSONOrJUnit() async throws {
        let fixture = try RunFixture(files: ["s.md": """
        ---
        vars:
          user: alice
        ---
        # Secrets
        - [ ] Uses the secret `probe: run echo "key=${api}" && echo "$DEPLOY_TOKEN" && exit 1`
        - [ ] Echoes the environment `probe: run env | grep -E 'TOKEN|PASSWORD'; exit 1`
        """], environment: ["DEPLOY_TOKEN": "tok-9f8e7d6c5b", "DB_PASSWORD": "hunter2-pw"])
        defer { fixture.remove() }
        let result = await fixture.run([
            "run", "s.md", "--secret", "api=s3cr3t-v4lue", "--record", "r.json", "--json", "j.json", "--junit", "u.xml",
        ])
        #expect(result.code == 1)
        let outputs = [result.stdout, result.stderr, fixture.read("r.json"), fixture.read("j.json"), fixture.read("u.xml")]
        #expect(fixture.read("r.json").contains("***"))
        for secret in ["s3cr3t-v4lue", "tok-9f8e7d6c5b", "hunter2-pw"] {
            for (index, text) in outputs.enumerated() {
                #expect(!text.contains(secret), "secret found in output #\(index)")
            }
        }
    }

    @Test func junitValidatesAgainstTheShippedSchema() async throws {
        let schema = repositoryRoot + "/schemas/junit.xsd"
        let fixture = try RunFixture(files: ["j.md": """
        # Suite & <tests>
        - [ ] Pass "quoted" `probe: run true`
        - [ ] Fail `probe: run false`
        - [ ] Error `probe: run /nonexistent/binary`
        - [~] Not applicable
        - [ ] Skipped
          ```probe
          run: true
          when: ${env} == production
          ```
        - [ ] Manual waiting @qa
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "j.md", "--no-record", "--junit", "out.xml", "--var", "env=staging"])
        #expect(result.code == 1)
        let (status, output) = try xmllint(["--noout", "--schema", schema, "\(fixture.folder)/out.xml"])
        #expect(status == 0, "\(output)")
        let xml = fixture.read("out.xml")
        #expect(xml.contains("tests=\"6\" failures=\"2\" errors=\"1\" skipped=\"2\""))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 6)
        #expect(xml.contains("<failure"))
        #expect(xml.contains("<skipped message=\"not applicable\""))

        // The schema rejects what Jenkins or the Ant format would: a sample of each rule.
        let broken = [
            ("skipped-on-testsuites", xml.replacingOccurrences(of: "<testsuites>", with: "<testsuites skipped=\"2\">")),
            ("four-decimals", xml.replacingOccurrences(of: " time=\"0.000\"", with: " time=\"0.0001\"")),
            ("line-on-testcase", xml.replacingOccurrences(of: "<testcase ", with: "<testcase line=\"2\" ")),
            ("no-name", xml.replacingOccurrences(of: "<testsuite name=\"j\"", with: "<testsuite")),
            ("zone-in-timestamp", xml.replacingOccurrences(of: "\" hostname=", with: "Z\" hostname=")),
            ("system-out-after-system-err", xml.replacingOccurrences(of: "    <system-out/>\n", with: "").replacingOccurrences(of: "<system-err/>", with: "<system-err/><system-out/>")),
            ("two-outcomes", xml.replacingOccurrences(of: "<skipped message=\"not applicable\"/>", with: "<skipped message=\"not applicable\"/><failure message=\"x\" type=\"fail\"/>")),
        ]
        for (name, text) in broken {
            #expect(text != xml, "\(name): the edit did not apply")
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(fixture.folder)/\(name).xml"))
            let (status, output) = try xmllint(["--noout", "--schema", schema, "\(fixture.folder)/\(name).xml"])
            #expect(status == 3, "\(name) should fail validation: \(output)")
        }
    }

    @Test func recordValidatesAgainstTheShippedSchema() async throws {
        let fixture = try RunFixture(files: ["r.md": "# R\n- [ ] a `probe: run echo hi`\n- [ ] b @qa\n  - [x] c `probe: file r.md contains=R`\n"])
        defer { fixture.remove() }
        _ = await fixture.run(["run", "r.md", "--record", "rec.json"])
        let script = "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1]))); print('ok')"
        let result = try TickmarkTestSupport.run("python3", ["-c", script, repositoryRoot + "/schemas/run-record.schema.json", "\(fixture.folder)/rec.json"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
    }

    @Test func writeTicksPassedProbeItemsAndUnticksFailedOnesOnly() async throws {
        let original = "# W\r\n- [ ] passes `probe: run true`\r\n- [x] fails `probe: run false`\r\n- [ ] manual\t\r\n* [~] n/a `probe: run true`\r\n"
        let fixture = try RunFixture(files: ["w.md": original])
        defer { fixture.remove() }
        _ = await fixture.run(["run", "w.md", "--no-record", "--write"])
        let written = Array(fixture.read("w.md").utf8)
        let before = Array(original.utf8)
        #expect(written.count == before.count)
        let changed = zip(before, written).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed.count == 2)
        #expect(fixture.read("w.md") == original.replacingOccurrences(of: "- [ ] passes", with: "- [x] passes").replacingOccurrences(of: "- [x] fails", with: "- [ ] fails"))
    }

    @Test func checkFailsWhenATickedBoxIsNotBacked() async throws {
        let fixture = try RunFixture(files: ["k.md": "- [x] claims to pass `probe: run false`\n- [x] manual without sign-off\n"])
        defer { fixture.remove() }
        #expect(await fixture.run(["run", "k.md", "--no-record"]).code == 1)
        let fixture2 = try RunFixture(files: ["k.md": "- [x] ok `probe: run true`\n- [x] manual without sign-off\n"])
        defer { fixture2.remove() }
        #expect(await fixture2.run(["run", "k.md", "--no-record"]).code == 0)
        let checked = await fixture2.run(["run", "k.md", "--no-record", "--check"])
        #expect(checked.code == 1)
        #expect(checked.stdout.contains("nothing in this run backs it"))
    }

    @Test func needsWhenRetryOnlySectionAndFailFast() async throws {
        let fixture = try RunFixture(files: ["n.md": """
        # Build
        - [ ] Build <!-- id: build -->
          ```probe
          run: touch built.txt && false
          ```
        - [ ] Deploy
          ```probe
          run: echo deploying
          needs: [build]
          ```
        - [ ] Production only
          ```probe
          run: false
          when: ${env} == production
          ```
        # Eventually
        - [ ] Appears on the third try
          ```probe
          run: echo x >> tries.txt && test $(wc -l < tries.txt) -ge 3
          retry: { attempts: 5, interval: 50ms }
          ```
        """])
        defer { fixture.remove() }
        let all = await fixture.run(["run", "n.md", "--no-record", "--var", "env=staging"])
        #expect(all.stdout.contains("needs 'build', which did not pass"))
        #expect(all.stdout.contains("when `staging == production` is false"))
        #expect(fixture.read("tries.txt").split(separator: "\n").count == 3)
        let section = await fixture.run(["run", "n.md", "--no-record", "--section", "Eventually", "--var", "env=staging"])
        #expect(section.code == 0)
        #expect(!section.stdout.contains("Deploy"))
        let only = await fixture.run(["run", "n.md", "--no-record", "--only", "build", "--var", "env=staging"])
        #expect(only.stdout.contains("Build") && !only.stdout.contains("Deploy"))
        let undefined = await fixture.run(["run", "n.md", "--no-record"])
        #expect(undefined.code == 2)
        #expect(undefined.stderr.contains("n.md:14:"))
        #expect(undefined.stderr.contains("variable 'env' is not defined"))
    }

    @Test func varsFilesAreReadRelativeToTheCommandsFolderInBothFormats() async throws {
        // Substituted values are shell-quoted already: `${greeting}` stays one word unquoted.
        let fixture = try RunFixture(files: [
            "v.md": "- [ ] greets `probe: run test ${greeting} = \"hello world\"`\n",
            "vars/prod.yml": "greeting: hello world\n",
            "vars/.env": "# comment\nexport greeting=\"hello world\"\n",
        ])
        defer { fixture.remove() }
        #expect(await fixture.run(["run", "v.md", "--no-record", "--vars-file", "vars/prod.yml"]).code == 0)
        #expect(await fixture.run(["run", "v.md", "--no-record", "--vars-file", "vars/.env"]).code == 0)
        let missing = await fixture.run(["run", "v.md", "--no-record", "--vars-file", "vars/none.yml"])
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("vars/none.yml: error:"))
        #expect(await fixture.run(["run", "v.md", "--no-record", "--var", "bad name=x"]).code == 2)
    }

    @Test func dryRunRunsNothing() async throws {
        let fixture = try RunFixture(files: ["d.md": "- [ ] make a file `probe: run touch marker-${name}`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "d.md", "--dry-run", "--var", "name=a b"])
        #expect(result.code == 0)
        // The command refers to the value through the environment; the summary shows both.
        #expect(result.stdout.contains(#"sh -c 'touch marker-"${TICKMARK_VAR_name}"' with TICKMARK_VAR_name='a b'"#))
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.folder)/marker-a b"))
    }

    @Test func gitHubActionsAnnotationsAndStepSummary() async throws {
        var fixture = try RunFixture(files: ["g.md": "# G\n- [ ] Broken, really: 100% `probe: run false`\n"])
        defer { fixture.remove() }
        fixture.environment["GITHUB_ACTIONS"] = "true"
        fixture.environment["GITHUB_STEP_SUMMARY"] = "\(fixture.folder)/summary.md"
        let result = await fixture.run(["run", "g.md", "--no-record"])
        #expect(result.stdout.contains("::error file=g.md,line=2,col=1,title=g/broken-really-100%3A FAIL::Broken, really: 100%25"))
        #expect(fixture.read("summary.md").contains("## Tickmark: ❌ NO-GO"))
    }
}

/// Runs `xmllint` from `PATH` (the Debian package libxml2-utils; scripts/setup.sh installs it).
func xmllint(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> (Int32, String) {
    let result = try TickmarkTestSupport.run("xmllint", arguments)
    try #require(result.status != 127, "xmllint is not on PATH: run scripts/setup.sh, which installs libxml2-utils", sourceLocation: sourceLocation)
    return (result.status, result.output + result.errors)
}
