import Foundation
import Testing
@testable import TickmarkCLI
import Tickmark
import TickmarkTestSupport

/// Durations too large to represent are refused with a clear message (exit 2), never a crash.
@Suite struct LargeDurationTests {
    static let huge = ["1e300", "9223372036854775807", "99999999999999999999h"]

    @Test(arguments: huge)
    func aProbeTimeoutThatIsTooLargeIsAnError(text: String) async throws {
        let block = try RunFixture(files: ["c.md": """
        - [ ] Sleep
          ```probe
          run: true
          timeout: \(text)
          ```
        """])
        defer { block.remove() }
        let result = await block.run(["run", "c.md", "--no-record"])
        #expect(result.code == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("c.md:4:"), "\(result.stderr)")
        #expect(result.stderr.contains("too long"), "\(result.stderr)")
    }

    @Test(arguments: huge)
    func aFrontMatterTimeoutThatIsTooLargeIsAnError(text: String) async throws {
        let fixture = try RunFixture(files: ["c.md": "---\ndefaults:\n  timeout: \(text)\n---\n- [ ] True `probe: run true`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record"])
        #expect(result.code == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("too long"), "\(result.stderr)")
    }

    @Test(arguments: huge)
    func commandLineDurationsThatAreTooLargeAreUsageErrors(text: String) async throws {
        let fixture = try RunFixture(files: ["c.md": "- [ ] True `probe: run true`\n"])
        defer { fixture.remove() }
        let run = await fixture.run(["run", "c.md", "--no-record", "--timeout", text])
        #expect(run.code == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("too long"), "\(run.stderr)")
        let watch = await fixture.run(["watch", "c.md", "--for", text, "--every", "1s"])
        #expect(watch.code == 2, "\(watch.stdout)\(watch.stderr)")
        #expect(watch.stderr.contains("too long"), "\(watch.stderr)")
        let every = await fixture.run(["watch", "c.md", "--for", "1s", "--every", text])
        #expect(every.code == 2, "\(every.stdout)\(every.stderr)")
    }

    @Test func aVariableTimeoutThatIsTooLargeErrorsThatProbe() async throws {
        let fixture = try RunFixture(files: ["c.md": """
        - [ ] Sleep
          ```probe
          run: true
          timeout: ${limit}
          ```
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record", "--var", "limit=1e300"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("too long"), "\(result.stdout)")
    }

    @Test func theLongestDurationStillParses() {
        #expect(DurationText.parse("3650d") == .seconds(3650 * 86400))
        #expect(DurationText.parse("1e300") == nil)
        #expect(DurationText.problem("1e300")?.contains("too long") == true)
    }
}
