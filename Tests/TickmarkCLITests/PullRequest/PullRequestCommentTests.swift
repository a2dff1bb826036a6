import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// The results go to one pull request comment, updated in place; the token appears nowhere.
@Suite struct PullRequestCommentTests {
    static let body = [
        "## Pre-merge",
        "",
        "- [ ] Build artefact exists `probe: file build.txt exists`",
        "- [x] I tested it by hand",
        "",
    ].joined(separator: "\r\n")

    @Test func theCommentIsCreatedOnceAndThenUpdatedInPlace() async throws {
        // 120 earlier comments: Tickmark's lands on the second page of 100.
        let fixture = try PullRequestFixture(body: Self.body, otherComments: 120)
        defer { fixture.remove() }
        let first = await fixture.tickmark(["run", "--pull-request", "--no-record"])
        #expect(first.code == 1, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("Comment created: https://github.com/octo-org/service/pull/12#issuecomment-2600000120"))
        var comments = try fixture.github.tickmarkComments
        #expect(comments.count == 1)
        let created = try #require(comments.first?["body"]?.stringValue)
        #expect(created.hasPrefix("<!-- tickmark:pr-checklist -->\n"))
        #expect(created.contains("❌ NO-GO"))
        #expect(created.contains("claimed by @ana-dev, the pull request's author"))
        #expect(created.contains("[workflow run](https://github.com/octo-org/service/actions/runs/7012345678)"))

        try fixture.run.scratch.write("build.txt", "ok\n")
        let second = await fixture.tickmark(["run", "--pull-request", "--no-record"])
        #expect(second.code == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("Comment updated: https://github.com/octo-org/service/pull/12#issuecomment-2600000120"))
        comments = try fixture.github.tickmarkComments
        #expect(comments.count == 1, "the second run edits the comment, it does not add one")
        #expect(try fixture.github.state["comments"]?.arrayValue?.count == 121)
        let updated = try #require(comments.first?["body"]?.stringValue)
        #expect(updated.contains("✅ GO") && !updated.contains("NO-GO"))
        let lines = fixture.github.requestLines
        #expect(lines.filter { $0.hasPrefix("POST") } == ["POST /repos/octo-org/service/issues/12/comments"])
        #expect(lines.contains("PATCH /repos/octo-org/service/issues/comments/2600000120"))
        #expect(lines.contains("GET /repositories/681234567/issues/12/comments?per_page=100&page=2"), "the Link header's next page is followed")

        // Nothing changed: the comment is left as it is.
        let third = await fixture.tickmark(["run", "--pull-request", "--no-record"])
        #expect(third.stdout.contains("Comment unchanged"))
        #expect(fixture.github.requestLines.filter { $0.hasPrefix("PATCH") }.count == 1)
    }

    @Test func withoutATokenTheRunWarnsThatNothingIsPosted() async throws {
        var fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        fixture.run.environment["GITHUB_TOKEN"] = nil
        let result = await fixture.tickmark(["run", "--pull-request", "--no-record"])
        #expect(result.code == 1)
        #expect(result.stderr.contains("warning: GITHUB_TOKEN is not set: the results will not be posted"))
        #expect(fixture.github.requests.isEmpty)
        let write = await fixture.tickmark(["run", "--pull-request", "--write", "--no-record"])
        #expect(write.code == 2)
        #expect(write.stderr.contains("error: GITHUB_TOKEN is not set"))
    }

    @Test func aReadOnlyTokenEndsTheRunWithGitHubsMessageAndWhatToDo() async throws {
        let fixture = try PullRequestFixture(body: Self.body, readOnly: true)
        defer { fixture.remove() }
        try fixture.run.scratch.write("build.txt", "ok\n")
        let result = await fixture.tickmark(["run", "--pull-request", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stdout.contains("Result: GO"))
        #expect(result.stderr.contains("POST /repos/octo-org/service/issues/12/comments answered 403: Resource not accessible by integration"), "\(result.stderr)")
        #expect(result.stderr.contains("pass --no-comment there"))
        #expect(await fixture.tickmark(["run", "--pull-request", "--no-record", "--no-comment"]).code == 0)
    }

    @Test func theTokenAppearsInNoOutputFileRecordCommentOrBody() async throws {
        let body = Self.body + "- [ ] Leaks nothing `probe: run echo \"token=$GITHUB_TOKEN\"; exit 1`\r\n"
        var fixture = try PullRequestFixture(body: body)
        defer { fixture.remove() }
        fixture.run.environment["GITHUB_STEP_SUMMARY"] = fixture.run.folder + "/summary.md"
        let result = await fixture.tickmark([
            "run", "--pull-request", "--write", "--record", "r.json", "--json", "j.json", "--junit", "u.xml",
        ])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(fixture.read("r.json").contains("token=***"), "the probe's output is kept, redacted")
        let report = await fixture.tickmark(["report", "r.json", "--format", "html", "-o", "report.html"])
        #expect(report.code == 1, "\(report.stderr)")
        var texts = ["stdout": result.stdout, "stderr": result.stderr, "report stdout": report.stdout]
        for name in ["r.json", "j.json", "u.xml", "summary.md", "report.html"] {
            texts[name] = fixture.read(name)
            #expect(!fixture.read(name).isEmpty, "\(name) was written")
        }
        texts["server state"] = try fixture.github.state.text()
        for request in fixture.github.requests { texts["request \(request["method"]?.stringValue ?? "") body"] = request["body"]?.stringValue }
        for (name, text) in texts {
            #expect(!text.contains(PullRequestFixture.token), "the token is in \(name)")
        }
    }
}
