import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
import TickmarkProbes
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
