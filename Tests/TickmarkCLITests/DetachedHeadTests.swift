import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// `${git.branch}` on a detached HEAD, as GitHub Actions checks out a pull request's merge commit.
@Suite struct DetachedHeadTests {
    static let checklist = "# PR\n- [ ] On the branch `probe: run echo ${git.branch} > branch.txt`\n"

    /// A repository with one commit and HEAD detached at it.
    func detachedRepository() throws -> RunFixture {
        let fixture = try RunFixture(files: ["pr.md": Self.checklist])
        for arguments in [
            ["init", "-q", "-b", "main"], ["add", "pr.md"],
            ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first"],
            ["checkout", "-q", "--detach", "HEAD"],
        ] {
            let result = try TickmarkTestSupport.run("git", ["-C", fixture.folder] + arguments)
            try #require(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.output)\(result.errors)")
        }
        return fixture
    }

    @Test func theBranchComesFromGitHubHeadRefWhenHeadIsDetached() async throws {
        var fixture = try detachedRepository()
        defer { fixture.remove() }
        fixture.environment["GITHUB_HEAD_REF"] = "feature/login"
        fixture.environment["GITHUB_REF_NAME"] = "12/merge"
        let result = await fixture.run(["run", "pr.md", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(fixture.read("branch.txt") == "feature/login\n")
    }

    @Test func thenFromGitHubRefNameWhenTheHeadRefIsEmpty() async throws {
        var fixture = try detachedRepository()
        defer { fixture.remove() }
        fixture.environment["GITHUB_HEAD_REF"] = ""
        fixture.environment["GITHUB_REF_NAME"] = "release/1.4"
        let result = await fixture.run(["run", "pr.md", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(fixture.read("branch.txt") == "release/1.4\n")
    }

    @Test func withoutEitherTheRunStopsAndNamesBoth() async throws {
        let fixture = try detachedRepository()
        defer { fixture.remove() }
        let result = await fixture.run(["run", "pr.md", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("pr.md:2:"))
        #expect(result.stderr.contains("built-in variable 'git.branch' has no value here"))
        #expect(result.stderr.contains("HEAD is detached and neither GITHUB_HEAD_REF nor GITHUB_REF_NAME is set"))
    }

    @Test func aBranchCheckedOutWinsOverTheEnvironment() async throws {
        var fixture = try detachedRepository()
        defer { fixture.remove() }
        _ = try TickmarkTestSupport.run("git", ["-C", fixture.folder, "checkout", "-q", "main"])
        fixture.environment["GITHUB_HEAD_REF"] = "feature/login"
        let result = await fixture.run(["run", "pr.md", "--no-record"])
        #expect(result.code == 0)
        #expect(fixture.read("branch.txt") == "main\n")
    }
}
