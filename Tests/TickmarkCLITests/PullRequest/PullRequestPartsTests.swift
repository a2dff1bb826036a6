import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
@testable import TickmarkProbes
import TickmarkTestSupport

/// The pieces of pull request mode that need no server: the box plan, `Link` headers, names.
@Suite struct PullRequestPartsTests {
    static let body = "# PR\r\n- [ ] Tests `probe: run true`\r\n- [x] Lint `probe: run false`\r\n- [ ] Docs\r\n"

    static func target(_ text: String, id: String, checked: Bool) -> PullRequestBoxPlan.Target {
        let item = ChecklistParser.parse(Array(text.utf8), path: "github:pr#1").allItems.first { $0.id == id }!
        return .init(id: id, digest: item.contentDigest, checked: checked)
    }

    @Test func itemsAreFoundByIdAndContentWhereverTheyMoved() throws {
        let targets = [Self.target(Self.body, id: "pr/tests", checked: true), Self.target(Self.body, id: "pr/lint", checked: false)]
        let moved = "Intro written since.\r\n\r\n" + Self.body.replacingOccurrences(of: "# PR\r\n", with: "# PR\r\n- [ ] New item\r\n")
        let plan = PullRequestBoxPlan(text: moved, path: "github:pr#1", targets: targets)
        #expect(plan.edits.count == 2)
        #expect(plan.leftAlone.isEmpty)
        #expect(plan.updated == moved.replacingOccurrences(of: "- [ ] Tests", with: "- [x] Tests").replacingOccurrences(of: "- [x] Lint", with: "- [ ] Lint"))
    }

    @Test func anItemWhoseProbeChangedIsLeftAlone() {
        let targets = [Self.target(Self.body, id: "pr/tests", checked: true)]
        let edited = Self.body.replacingOccurrences(of: "run true", with: "run make test")
        let plan = PullRequestBoxPlan(text: edited, path: "github:pr#1", targets: targets)
        #expect(plan.edits.isEmpty)
        #expect(plan.leftAlone == targets)
        #expect(plan.updated == edited)
    }

    @Test func theNextLinkIsFoundAmongTheOthers() {
        let header = #"<https://api.github.com/repositories/1300192/issues/12/comments?page=1>; rel="prev", <https://api.github.com/repositories/1300192/issues/12/comments?page=3>; rel="next", <https://api.github.com/repositories/1300192/issues/12/comments?page=5>; rel="last""#
        #expect(GitHubAPI.nextLink(header) == "https://api.github.com/repositories/1300192/issues/12/comments?page=3")
        #expect(GitHubAPI.nextLink(#"<https://x.test/a?page=5>; rel="last""#) == nil)
        #expect(GitHubAPI.nextLink(nil) == nil)
    }

    @Test func pullRequestPathsAndRefs() {
        #expect(PullRequestReference(path: "github:pr") == PullRequestReference(number: nil))
        #expect(PullRequestReference(path: "github:pr#42")?.number == 42)
        #expect(PullRequestReference(path: "github:pr#x") == nil)
        #expect(PullRequestReference(path: "github:prs") == nil)
        #expect(PullRequestRun.number(fromRef: "refs/pull/7/merge") == 7)
        #expect(PullRequestRun.number(fromRef: "refs/heads/main") == nil)
        #expect(GitHubAPI.isRepositoryName("octo-org/service.api"))
        #expect(!GitHubAPI.isRepositoryName("octo-org/service/pulls") && !GitHubAPI.isRepositoryName("../x") && !GitHubAPI.isRepositoryName("a b/c"))
    }

    @Test func theTokenIsSentOnlyToTheApiOrigin() async {
        let api = GitHubAPI(baseURL: "https://api.github.com", repository: "o/r", token: "ghs_secret", transport: RefusingTransport())
        do {
            _ = try await api.send("GET", "https://elsewhere.example/repositories/1/issues/1/comments?page=2")
            Issue.record("the request was sent")
        } catch {
            #expect(error.message.contains("refusing to send the token to https://elsewhere.example"))
            #expect(!error.message.contains("ghs_secret"))
        }
    }
}

/// A transport that must not be used.
struct RefusingTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
        .failure(NetworkFailure("sent \(request.method) \(request.url)"))
    }
}

/// The results comment's text.
@Suite struct PullRequestCommentTextTests {
    static func outcome(items count: Int) -> RunOutcome {
        let lines = (1...count).map { "- [x] Item number \($0) with a fairly long description of what was checked" }
        let checklist = ChecklistParser.parse(Array(("# PR\n" + lines.joined(separator: "\n") + "\n").utf8), path: "github:pr#1")
        let items = checklist.allItems.map { item in
            ItemOutcome(item: item, parentID: nil, depth: 0, status: .manual, reason: "claimed by @a, the pull request's author",
                        probes: [], signOffs: [], ownSatisfied: true, satisfied: true, blocks: false, uncheckedTick: false)
        }
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        return RunOutcome(checklists: [ChecklistOutcome(checklist: checklist, items: items, variables: [], decision: .go, blockers: [])],
                          decision: .go, startedAt: now, finishedAt: now)
    }

    @Test func theCommentStartsWithTheMarkerAndNamesTheRun() {
        let text = PullRequestComment.body(Self.outcome(items: 2), note: "A note.", environment: [
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "42", "GITHUB_SHA": "0123456789abcdef",
        ])
        #expect(text.hasPrefix(PullRequestComment.marker + "\n## Tickmark: ✅ GO\n"))
        #expect(text.contains("<sub>A note.</sub>"))
        #expect(text.contains("[workflow run](https://github.com/o/r/actions/runs/42) · commit 0123456"))
    }

    @Test func aCommentTooLongForGitHubIsCutAndSaysSo() {
        let text = PullRequestComment.body(Self.outcome(items: 2000), note: nil, environment: [:])
        #expect(text.count <= PullRequestComment.maximumLength)
        #expect(text.contains("more lines: see the workflow run's summary"))
        #expect(text.hasSuffix("</sub>\n"))
    }
}
