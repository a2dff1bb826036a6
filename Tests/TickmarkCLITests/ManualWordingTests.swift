import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkReport

/// A manual item waiting for a person reads the same in the console, annotations and reports;
/// the record keeps the status `manual`.
@Suite struct ManualWordingTests {
    @Test func theConsoleUsesTheReportsWords() async throws {
        let fixture = try RunFixture(files: ["m.md": """
        # Release
        - [ ] Release notes approved @pm
        - [x] Support team told
        - [ ] Builds `probe: run true`
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "m.md", "--record", "r.json"])
        #expect(result.code == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  WAITING  Release notes approved @pm"))
        #expect(lines.contains("  TICKED   Support team told"))
        #expect(!lines.contains { $0.contains("MANUAL") })
        #expect(result.stdout.contains("Result: NO-GO — 1 passed, 0 failed, 0 errors, 1 waiting for sign-off, 1 ticked without sign-off, 0 skipped"))

        let record = fixture.read("r.json")
        #expect(record.contains("\"status\" : \"manual\""), "the record's status stays `manual`")
        let report = await fixture.run(["report", "r.json", "--format", "md"])
        #expect(report.stdout.contains("1 waiting for sign-off"))
        #expect(report.stdout.contains("1 ticked without sign-off"))
    }
}
