import Foundation
import Testing
@testable import TickmarkCLI

/// In GitHub Actions, only blocking failures are errors; advisory ones warn, waiting ones notify.
@Suite struct AnnotationTests {
    @Test func onlyFailedOrErroredBlockingItemsAreErrors() async throws {
        var fixture = try RunFixture(files: ["a.md": """
        # Gate
        - [ ] Approved by a reviewer @reviewer
        - [ ] Another approval @qa
        - [x] Ticked by the author
        - [ ] (Optional) Lint is clean `probe: run false`
        - [ ] Tests pass `probe: run exit 3`
        - [ ] Tool is there `probe: run tickmark-test-no-such-tool`
        - [ ] Builds `probe: run true`
        """])
        defer { fixture.remove() }
        fixture.environment["GITHUB_ACTIONS"] = "true"
        let result = await fixture.run(["run", "a.md", "--no-record"])
        #expect(result.code == 1)
        let commands = result.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("::") }
        let errors = commands.filter { $0.hasPrefix("::error ") }
        let warnings = commands.filter { $0.hasPrefix("::warning ") }
        let notices = commands.filter { $0.hasPrefix("::notice ") }
        #expect(errors.count == 2)
        #expect(errors.first?.contains("line=6") == true && errors.first?.contains("title=gate/tests-pass%3A FAIL") == true)
        #expect(errors.last?.contains("line=7") == true && errors.last?.contains("ERROR") == true)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("line=5") == true && warnings.first?.contains("(advisory)") == true)
        #expect(notices.count == 2)
        #expect(notices.allSatisfy { $0.contains("waiting for sign-off") })
        #expect(commands == errors + warnings + notices, "errors first, so the real failures lead the list")
    }

    @Test func aWaitingManualItemAloneIsNeverAnError() async throws {
        var fixture = try RunFixture(files: ["m.md": "# M\n- [ ] Release notes approved @pm\n"])
        defer { fixture.remove() }
        fixture.environment["GITHUB_ACTIONS"] = "true"
        fixture.environment["GITHUB_STEP_SUMMARY"] = "\(fixture.folder)/summary.md"
        let result = await fixture.run(["run", "m.md", "--no-record"])
        #expect(fixture.read("summary.md").contains("| ⏳ | Release notes approved @pm | waiting for sign-off |"))
        #expect(result.code == 1, "still NO-GO: the item blocks")
        #expect(!result.stdout.contains("::error"))
        #expect(result.stdout.contains("::notice file=m.md,line=2,col=1,title=m/release-notes-approved%3A WAITING::Release notes approved @pm — waiting for sign-off"))
    }
}
