import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// An inline `run` probe takes everything after `run ` as its command, so a common option written
/// at its end is part of the command: lint says so, and how to give the option.
@Suite struct InlineRunOptionTests {
    @Test func aCommonOptionAtTheEndOfAnInlineRunIsAWarning() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("c.md", """
        # Checks
        - [ ] Slow `probe: run sleep 5 timeout=1s`
        - [ ] Optional `probe: run make lint advisory=true`
        - [ ] Fine `probe: run env FOO=bar true`
        """)
        let result = await workspace.run(["lint", "c.md"])
        let output = result.stdout + result.stderr
        #expect(output.contains("c.md:2:"), "\(output)")
        #expect(output.contains("warning: 'timeout=1s' is part of the command"), "\(output)")
        #expect(output.contains("c.md:3:"), "\(output)")
        #expect(output.contains("'advisory=true' is part of the command"), "\(output)")
        #expect(output.contains("block form"), "\(output)")
        #expect(!output.contains("c.md:4:"), "\(output)")
    }
}
