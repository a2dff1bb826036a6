import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// `run --pull-request --write`: probe boxes are ticked in the body through the API, on its
/// current text, and a person's concurrent edit is never overwritten.
@Suite struct PullRequestWritingTests {
    /// Two probe items the run ticks and unticks, a manual item ticked and one not: CRLF, emoji,
    /// a table and an odd list marker around them, as bodies have.
    static let body = [
        "## Pre-merge ✅",
        "",
        "| Area | Owner |",
        "| --- | --- |",
        "| API | @ana-dev |",
        "",
        "* [ ] Unit tests pass `probe: run true`",
        "* [x] Lint is clean `probe: run exit 3`",
        "* [x] I updated the docs 📝",
        "* [ ] Migration reviewed",
        "",
        "Thanks!",
        "",
    ].joined(separator: "\r\n")

    /// `body` with the two probe boxes as the run leaves them.
    static let ticked = body
        .replacingOccurrences(of: "* [ ] Unit tests pass", with: "* [x] Unit tests pass")
        .replacingOccurrences(of: "* [x] Lint is clean", with: "* [ ] Lint is clean")

    @Test func writeTicksAndUnticksProbeBoxesInTheBodyAndNothingElse() async throws {
        let fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--write", "--no-comment", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Updated github:pr#12: 2 boxes changed"))
        #expect(result.stdout.contains("::error title=pre-merge/lint-is-clean%3A FAIL::github:pr#12:8: Lint is clean — expected exit 0, got 3"), "no file= for a body")
        #expect(try fixture.github.body == Self.ticked)
        #expect(fixture.github.requestLines == [
            "GET /repos/octo-org/service/pulls/12", "PATCH /repos/octo-org/service/pulls/12", "GET /repos/octo-org/service/pulls/12",
        ])

        // A second run finds the boxes as the results say and writes nothing.
        let again = await fixture.tickmark(["run", "--pull-request=api", "--write", "--no-comment", "--no-record"])
        #expect(again.code == 1)
        #expect(again.stdout.contains("the boxes already match the results"))
        #expect(fixture.github.requestLines.filter { $0.hasPrefix("PATCH") }.count == 1)
    }

    @Test func filesNamedBesideTheBodyRunAndAreWrittenAsFiles() async throws {
        let fixture = try PullRequestFixture(body: Self.body, files: ["extra.md": "# Extra\n- [ ] Ready `probe: run true`\n"])
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "extra.md", "--write", "--no-comment", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(fixture.read("extra.md") == "# Extra\n- [x] Ready `probe: run true`\n")
        #expect(try fixture.github.body == Self.ticked)
    }

    @Test func aDryRunReadsTheBodyAndSendsNothing() async throws {
        let fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--dry-run", "--write"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("github:pr#12:7: pre-merge/unit-tests-pass: run: sh -c true"))
        #expect(fixture.github.requests.isEmpty)
    }

    @Test func anEditMadeWhileTheProbesRanIsKeptAndTheTicksGoOnTheNewText() async throws {
        let line = "* [ ] Feature flag removed — added by a person while the probes ran"
        let fixture = try PullRequestFixture(body: Self.body, edits: [.init(moment: .afterRead, count: 1, line: line)])
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request=api", "--write", "--no-comment", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(try fixture.github.body == Self.ticked + "\n" + line)
        #expect(result.stdout.contains("the body had been edited meanwhile; the edits were kept"))
    }

    @Test func anEditSavedOverTheWriteIsKeptAndTheTicksAreWrittenAgain() async throws {
        // The person's editor was opened before the write: their save drops the ticks.
        let line = "Reviewed the rollout plan with ops."
        let fixture = try PullRequestFixture(body: Self.body, edits: [.init(moment: .afterWrite, count: 1, line: line, stale: true)])
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--write", "--no-comment", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(try fixture.github.body == Self.ticked + "\n" + line)
        #expect(fixture.github.requestLines.filter { $0.hasPrefix("PATCH") }.count == 2)
    }

    @Test func anEditOnTopOfTheWriteThatKeepsTheTicksNeedsNoSecondWrite() async throws {
        let line = "Also bumped the client library."
        let fixture = try PullRequestFixture(body: Self.body, edits: [.init(moment: .afterWrite, count: 1, line: line)])
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--write", "--no-comment", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Updated github:pr#12: 2 boxes changed"))
        #expect(try fixture.github.body == Self.ticked + "\n" + line)
        #expect(fixture.github.requestLines.filter { $0.hasPrefix("PATCH") }.count == 1)
    }

    @Test func anItemRewordedSinceTheRunIsLeftAlone() async throws {
        let fixture = try PullRequestFixture(body: Self.body)
        defer { fixture.remove() }
        // The event has the old body; the current one has the first item reworded.
        let reworded = Self.body.replacingOccurrences(of: "Unit tests pass `probe: run true`", with: "Unit and UI tests pass `probe: run true`")
        try fixture.run.scratch.write("event.json", FakeGitHub.event(body: Self.body))
        let server = try FakeGitHub(body: reworded, token: PullRequestFixture.token)
        defer { server.stop() }
        var run = fixture.run
        run.environment["GITHUB_API_URL"] = server.base
        let result = await run.run(["run", "--pull-request", "--write", "--no-comment", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("left alone: pre-merge/unit-tests-pass"))
        #expect(try server.body == reworded.replacingOccurrences(of: "* [x] Lint is clean", with: "* [ ] Lint is clean"))
    }

    @Test func aBodyThatKeepsChangingMakesTheWriterGiveUpWithoutLosingAWord() async throws {
        let fixture = try PullRequestFixture(body: Self.body, edits: [.init(moment: .afterWrite, count: nil, line: "Edit {n} by a person", stale: true)])
        defer { fixture.remove() }
        let result = await fixture.tickmark(["run", "--pull-request", "--write", "--no-record"])
        #expect(result.code == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("github:pr#12: error: the pull request body changed on every one of 5 attempts to tick 2 boxes"), "\(result.stderr)")
        #expect(result.stderr.contains("rather than overwrite their words"))
        let body = try fixture.github.body
        for edit in 1...5 { #expect(body.contains("Edit \(edit) by a person")) }
        #expect(body.hasPrefix(Self.body), "the person's text, as they saved it, is what the pull request holds")
        let comment = try #require(try fixture.github.tickmarkComments.first?["body"]?.stringValue)
        #expect(comment.contains("were not updated"))
    }
}
