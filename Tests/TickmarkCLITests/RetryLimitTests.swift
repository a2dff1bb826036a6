import Foundation
import Testing
@testable import TickmarkCLI

/// Retries are for outcomes that can change; a missing or unrunnable command cannot.
@Suite struct RetryLimitTests {
    static func checklist(_ command: String) -> String {
        """
        # Tools
        - [ ] The tool answers
          ```probe
          run: echo attempt >> attempts.txt; \(command)
          retry: { attempts: 20, interval: 2s }
          ```
        """
    }

    func attempts(_ fixture: RunFixture) -> Int {
        fixture.read("attempts.txt").split(separator: "\n").count
    }

    @Test func aCommandNotFoundIsNotRetried() async throws {
        let fixture = try RunFixture(files: ["t.md": Self.checklist("tickmark-test-no-such-tool pr view")])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "t.md", "--record", "r.json"])
        #expect(result.code == 1)
        #expect(attempts(fixture) == 1)
        #expect(result.stdout.contains("command not found"))
        #expect(result.stdout.contains("not retried: a command that is not found will not appear by trying again"))
        #expect(fixture.read("r.json").contains("\"attempts\" : 1"))
    }

    @Test func aCommandThatCannotBeExecutedIsNotRetried() async throws {
        let fixture = try RunFixture(files: ["t.md": Self.checklist("./tool.sh"), "tool.sh": "#!/bin/sh\necho hi\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "t.md", "--no-record"])
        #expect(result.code == 1)
        #expect(attempts(fixture) == 1)
        #expect(result.stdout.contains("command cannot be executed"))
        #expect(result.stdout.contains("not retried: a command that cannot be executed"))
    }

    @Test func anOutcomeThatCanChangeIsStillRetried() async throws {
        let fixture = try RunFixture(files: ["t.md": """
        # Tools
        - [ ] Eventually up
          ```probe
          run: echo attempt >> attempts.txt; test $(wc -l < attempts.txt) -ge 3
          retry: { attempts: 5, interval: 50ms }
          ```
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "t.md", "--no-record"])
        #expect(result.code == 0)
        #expect(attempts(fixture) == 3)
    }

    @Test func anInvalidURLFromAVariableErrorsAtOnceWithoutRetries() async throws {
        let fixture = try RunFixture(files: ["t.md": "- [ ] up `probe: http ${base}/health retry=20`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "t.md", "--record", "r.json", "--var", "base=staging.example.com"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("variable 'base' = 'staging.example.com'"))
        #expect(result.stdout.contains("must start with http:// or https://"))
        #expect(fixture.read("r.json").contains("\"attempts\" : 1"), "the value is the same at every attempt: no retries")
    }
}
