import Foundation
import Testing
import TickmarkTestSupport

/// A password in an `http` probe's URL is sent but never shown: console, dry run, record, JUnit
/// and reports show `user:***@`, and a variable written as the password is redacted as a secret.
@Suite struct URLCredentialsTests {
    @Test func aURLPasswordNeverLeavesTheProcess() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let checklist = """
        - [ ] Health answers
          `probe: http http://deploy:${pw}@127.0.0.1:\(server.port)/json status=599`
        """
        let fixture = try RunFixture(files: ["c.md": checklist])
        defer { fixture.remove() }
        let run = await fixture.run(["run", "c.md", "--var", "pw=hunter2-plain", "--record", "r.json", "--junit", "j.xml"])
        #expect(run.code == 1)
        #expect(run.stdout.contains("GET http://deploy:***@127.0.0.1:\(server.port)/json"), "\(run.stdout)")
        let dryRun = await fixture.run(["run", "c.md", "--var", "pw=hunter2-plain", "--dry-run"])
        let report = await fixture.run(["report", "r.json", "--format", "md", "-o", "r.md"])
        #expect(report.code == 1)
        for (what, text) in [("console", run.stdout + run.stderr), ("dry run", dryRun.stdout + dryRun.stderr), ("record", fixture.read("r.json")),
                             ("JUnit", fixture.read("j.xml")), ("report", fixture.read("r.md"))] {
            #expect(!text.contains("hunter2"), "the password is in the \(what): \(text)")
        }
    }
}
