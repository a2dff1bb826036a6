import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// `run --pull-request`: the checklist is the pull request's body, read from the event file or
/// the API; manual items ticked there are the author's claims.
@Suite struct PullRequestReadingTests {
    /// A body as GitHub's web editor stores it: CRLF line endings, prose around the list.
    static let body = [
        "## Pre-merge checklist",
        "",
        "Thanks for the change! 🎉 Tick what you did.",
        "",
        "- [ ] Unit tests pass `probe: run true`",
        "- [x] I updated the docs",
        "- [ ] (Optional) Screenshots attached",
        "",
    ].joined(separator: "\r\n")

    @Test func readsTheBodyFromTheEventFileAndCountsTickedManualItemsAsClaims() async throws {
        let fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--no-comment", "--record", "r.json"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("(github:pr#12)"))
        #expect(result.stdout.contains("PASS     Unit tests pass"))
        #expect(result.stdout.contains("CLAIMED  I updated the docs"))
        #expect(result.stdout.contains("claimed by @ana-dev, the pull request's author"))
        #expect(result.stdout.contains("Result: GO — 1 passed, 0 failed, 0 errors, 1 waiting for sign-off, 1 claimed by the author, 0 skipped"))
        #expect(fixture.github.requests.isEmpty, "the event file is enough: no API request")

        let record = try String(contentsOfFile: fixture.run.folder + "/r.json", encoding: .utf8)
        #expect(record.contains("\"path\" : \"github:pr#12\""))
        #expect(record.contains("\"id\" : \"pull-request\""))
        #expect(record.contains("claimed by @ana-dev, the pull request's author"))
        let report = await fixture.tickmark(["report", "r.json", "--format", "md"])
        #expect(report.code == 0, "\(report.stderr)")
        #expect(report.stdout.contains("claimed by @ana-dev, the pull request's author, not signed off"))
    }

    @Test func aPathOfGithubPrIsTheSameAsTheOption() async throws {
        let fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "github:pr", "--no-comment", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CLAIMED  I updated the docs"))
    }

    @Test func strictAsksForSignOffsInsteadOfClaims() async throws {
        let fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--no-comment", "--no-record", "--strict"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("WAITING  I updated the docs"))
        #expect(result.stdout.contains("claimed by @ana-dev, the pull request's author, but --strict needs a sign-off"))
    }

    @Test func diagnosticsPointIntoTheBody() async throws {
        let text = MarkedText("## Checks\r\n\r\n- [ ] Deployed `probe: run 1️⃣echo ${target}`\r\n")
        let fixture = try PullRequestFixture(body: text.text)
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--no-comment", "--no-record"])
        #expect(result.code == 2)
        let position = text.position("1️⃣")
        #expect(result.stderr.contains("github:pr#12:\(position.line):\(position.column): error:"), "\(result.stderr)")
        #expect(result.stderr.contains("'target'"))
    }

    @Test func aBodyWithoutTaskItemsIsAnErrorThatSaysWhatToDo() async throws {
        let fixture = try PullRequestFixture(body: "Just a fix, no checklist.\r\n")
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--no-comment", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("github:pr#12: error: the pull request body holds no task items"))
    }

    @Test func withApiTheCurrentTextIsReadWithTheHeadersGitHubAsksFor() async throws {
        let current = Self.body + "- [ ] Added after the event `probe: run echo added > added.txt`\r\n"
        let fixture = try PullRequestFixture(body: current, eventBody: Self.body)
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request=api", "--no-comment", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(fixture.read("added.txt") == "added\n", "the item only the current text has ran")
        #expect(fixture.github.requestLines == ["GET /repos/octo-org/service/pulls/12"])
        let headers = try #require(fixture.github.requests.first?["headers"])
        #expect(headers["authorization"]?.stringValue == "Bearer \(PullRequestFixture.token)")
        #expect(headers["accept"]?.stringValue == "application/vnd.github+json")
        #expect(headers["x-github-api-version"]?.stringValue == "2022-11-28")
        #expect(headers["user-agent"]?.stringValue?.hasPrefix("tickmark/") == true)
    }

    @Test func aNumberedPullRequestIsReadFromTheApiWithoutAnEventFile() async throws {
        var fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        fixture.run.environment["GITHUB_EVENT_PATH"] = nil
        let result = await fixture.tickmark(["run", "github:pr#12", "--no-comment", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(fixture.github.requestLines == ["GET /repos/octo-org/service/pulls/12"])
    }

    @Test func aRefusedTokenStopsTheRunWithGitHubsMessageAndNotTheToken() async throws {
        var fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        let wrong = "ghs_WrongTokenWrongTokenWrongToken0123"
        fixture.run.environment["GITHUB_TOKEN"] = wrong
        let result = await fixture.tickmark(["run", "--pull-request=api", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("GET /repos/octo-org/service/pulls/12 answered 401: Bad credentials (check GITHUB_TOKEN)"), "\(result.stderr)")
        #expect(!result.stderr.contains(wrong) && !result.stdout.contains(wrong))
    }

    @Test func anEventThatIsNotAPullRequestIsNamed() async throws {
        let fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        try fixture.run.scratch.write("event.json", #"{"ref": "refs/heads/main", "before": "0000", "after": "6dcb09b", "pusher": {"name": "ana-dev"}}"#)
        let result = await fixture.tickmark(["run", "--pull-request", "--no-comment", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("event.json: error: the event has no pull_request (its keys: ref, before, after, pusher)"), "\(result.stderr)")
    }

    @Test func withoutAnEventOrANumberTheRunSaysWhatIsMissing() async throws {
        var fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        fixture.run.environment["GITHUB_EVENT_PATH"] = nil
        let result = await fixture.tickmark(["run", "--pull-request", "--no-comment", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("GITHUB_EVENT_PATH is not set"))
    }
}
