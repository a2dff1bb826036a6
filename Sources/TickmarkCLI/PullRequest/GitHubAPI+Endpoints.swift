import Foundation
import Tickmark

/// A comment on an issue or pull request (`GET /repos/{owner}/{repo}/issues/{number}/comments`).
struct IssueComment: Sendable, Equatable {
    /// Its id, for `PATCH /repos/{owner}/{repo}/issues/comments/{id}`.
    var id: Int
    /// Its text.
    var body: String
    /// Its page on GitHub, when known.
    var htmlURL: String?

    /// Reads GitHub's comment JSON; `nil` without an id.
    init?(json: JSONValue) {
        guard let id = json["id"]?.intValue else { return nil }
        self.id = id
        self.body = json["body"]?.stringValue ?? ""
        self.htmlURL = json["html_url"]?.stringValue
    }
}

/// The endpoints `run --pull-request` uses.
extension GitHubAPI {
    /// Comments asked for per page (GitHub's maximum).
    static let commentsPerPage = 100

    /// `GET /repos/{owner}/{repo}/pulls/{number}`.
    func pullRequest(_ number: Int) async throws(TickmarkError) -> PullRequest {
        let answer = try await send("GET", "/repos/\(repository)/pulls/\(number)")
        return try decodePullRequest(answer, what: "GET /repos/\(repository)/pulls/\(number)")
    }

    /// `PATCH /repos/{owner}/{repo}/pulls/{number}` with `{"body": …}`; the pull request as
    /// GitHub stored it.
    func updateBody(_ number: Int, to body: String) async throws(TickmarkError) -> PullRequest {
        let answer = try await send("PATCH", "/repos/\(repository)/pulls/\(number)", body: .object(["body": .string(body)]))
        return try decodePullRequest(answer, what: "PATCH /repos/\(repository)/pulls/\(number)")
    }

    /// Every comment of the pull request, oldest first, following `Link: rel="next"`. A page cut
    /// at the transport's size limit is asked for again in smaller pages.
    func comments(_ number: Int) async throws(TickmarkError) -> [IssueComment] {
        var perPage = Self.commentsPerPage
        var all: [IssueComment] = []
        var next: String? = "/repos/\(repository)/issues/\(number)/comments?per_page=\(perPage)"
        var pages = 0
        while let target = next {
            let answer = try await send("GET", target)
            if answer.truncated && perPage > 1 {
                // Start again with pages small enough to arrive whole.
                perPage = max(1, perPage / 4)
                all = []
                pages = 0
                next = "/repos/\(repository)/issues/\(number)/comments?per_page=\(perPage)"
                continue
            }
            guard let items = answer.json.arrayValue else {
                throw TickmarkError(.unreadable, "GitHub API: GET \(Self.pathOf(target)) did not answer a list of comments")
            }
            all += items.compactMap(IssueComment.init(json:))
            pages += 1
            guard pages < 1000 else { break }
            next = Self.nextLink(answer.headers.first { $0.name.lowercased() == "link" }?.value)
        }
        return all
    }

    /// `POST /repos/{owner}/{repo}/issues/{number}/comments`.
    func createComment(_ number: Int, body: String) async throws(TickmarkError) -> IssueComment {
        let answer = try await send("POST", "/repos/\(repository)/issues/\(number)/comments", body: .object(["body": .string(body)]))
        guard let comment = IssueComment(json: answer.json) else {
            throw TickmarkError(.unreadable, "GitHub API: POST /repos/\(repository)/issues/\(number)/comments did not answer a comment")
        }
        return comment
    }

    /// `PATCH /repos/{owner}/{repo}/issues/comments/{id}`.
    func updateComment(_ id: Int, body: String) async throws(TickmarkError) -> IssueComment {
        let answer = try await send("PATCH", "/repos/\(repository)/issues/comments/\(id)", body: .object(["body": .string(body)]))
        guard let comment = IssueComment(json: answer.json) else {
            throw TickmarkError(.unreadable, "GitHub API: PATCH /repos/\(repository)/issues/comments/\(id) did not answer a comment")
        }
        return comment
    }

    private func decodePullRequest(_ answer: Answer, what: String) throws(TickmarkError) -> PullRequest {
        guard var pullRequest = PullRequest(json: answer.json) else {
            throw TickmarkError(.unreadable, "GitHub API: \(what) did not answer a pull request (no number or user.login)")
        }
        if pullRequest.repository == nil { pullRequest.repository = repository }
        return pullRequest
    }
}
