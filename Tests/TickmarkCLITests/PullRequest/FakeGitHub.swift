import Foundation
import Testing
import Tickmark
import TickmarkTestSupport

/// A local stand-in for GitHub's REST API (a Python loopback server) holding one repository, one
/// pull request and its comments, answering the endpoints `run --pull-request` uses with GitHub's
/// JSON shapes: `GET`/`PATCH /repos/{o}/{r}/pulls/{n}`, `GET /repos/{o}/{r}/issues/{n}/comments`
/// (paginated with `Link` headers that point at `/repositories/{id}/…`, as GitHub's do),
/// `POST /repos/{o}/{r}/issues/{n}/comments`, `PATCH /repos/{o}/{r}/issues/comments/{id}`.
///
/// It answers 401 `Bad credentials` unless `Authorization: Bearer TOKEN` is sent, 403 without a
/// `User-Agent`, 400 for another `X-GitHub-Api-Version`, and, with `readOnly` (the token of a
/// pull request from a fork), 403 to every `POST` and `PATCH`. A person editing the description is
/// played by `edits`: after the Nth `GET` of the pull request (`afterRead`) or the Nth `PATCH`
/// of it (`afterWrite`), a line is added to the body, either to the current text or (`stale`) to
/// the text before that write, as a person saving from an editor opened earlier does.
final class FakeGitHub {
    /// A person's edit of the description.
    struct Edit {
        enum Moment: String { case afterRead = "after-read", afterWrite = "after-write" }
        var moment: Moment
        /// The GET or PATCH it follows (1-based); `nil`: every one.
        var count: Int?
        /// The line added (`{n}` becomes the edit's number).
        var line: String
        /// Whether the person's text is the one before the write (their editor was stale).
        var stale = false
    }

    static let owner = "octo-org"
    static let name = "service"
    static let repository = "\(owner)/\(name)"
    static let number = 12
    static let author = "ana-dev"

    private let script: LoopbackScript
    let token: String

    /// `http://127.0.0.1:PORT`, for `GITHUB_API_URL`.
    var base: String { "http://127.0.0.1:\(script.port)" }

    /// Starts the server with the pull request's `body`, `otherComments` comments by other people
    /// already there, and the person's `edits`.
    init(body: String, token: String, otherComments: Int = 0, edits: [Edit] = [], readOnly: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
        self.token = token
        let config: JSONValue = .object([
            "owner": .string(Self.owner), "name": .string(Self.name), "number": .integer(Self.number),
            "author": .string(Self.author), "body": .string(body), "token": .string(token),
            "other_comments": .integer(otherComments), "read_only": .bool(readOnly),
            "edits": .array(edits.map { edit in
                .object([
                    "moment": .string(edit.moment.rawValue), "count": edit.count.map { .integer($0) } ?? .null,
                    "line": .string(edit.line), "stale": .bool(edit.stale),
                ])
            }),
        ])
        script = try LoopbackScript(Self.script, files: ["state.json", "requests.log"], arguments: [config.text()], what: "GitHub API", sourceLocation: sourceLocation)
    }

    func stop() { script.stop() }

    /// The server's state: the pull request's body, the comments, and counts of requests.
    var state: JSONValue {
        get throws {
            let text = try String(contentsOfFile: script.folder.path + "/state.json", encoding: .utf8)
            return try JSONParser.parse(text)
        }
    }

    var body: String { get throws { try state["body"]?.stringValue ?? "" } }

    /// Comments by Tickmark (bodies starting with the marker).
    var tickmarkComments: [JSONValue] {
        get throws { try (state["comments"]?.arrayValue ?? []).filter { $0["body"]?.stringValue?.hasPrefix("<!-- tickmark:pr-checklist -->") == true } }
    }

    /// Every request received: one JSON object a line with `method`, `path`, `headers`, `body`.
    var requests: [JSONValue] {
        let text = (try? String(contentsOfFile: script.folder.path + "/requests.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
    }

    /// `METHOD path` of every request, in order.
    var requestLines: [String] {
        requests.map { "\($0["method"]?.stringValue ?? "") \($0["path"]?.stringValue ?? "")" }
    }

    /// A `pull_request` event as GitHub Actions writes it to `GITHUB_EVENT_PATH`.
    static func event(body: String) -> String {
        JSONValue.object([
            "action": .string("opened"),
            "number": .integer(number),
            "pull_request": pullRequest(body: body, base: "https://api.github.com"),
            "repository": .object(["id": .integer(681_234_567), "name": .string(name), "full_name": .string(repository)]),
            "sender": .object(["login": .string(author), "id": .integer(5_551_234), "type": .string("User")]),
        ]).text(pretty: true)
    }

    /// A pull request as GitHub's API answers it (the fields a client reads, and some around them).
    static func pullRequest(body: String, base: String) -> JSONValue {
        .object([
            "url": .string("\(base)/repos/\(repository)/pulls/\(number)"),
            "id": .integer(1_987_654_321),
            "node_id": .string("PR_kwDOKJx1as51f3Kx"),
            "html_url": .string("https://github.com/\(repository)/pull/\(number)"),
            "number": .integer(number),
            "state": .string("open"),
            "title": .string("Add login rate limit"),
            "user": .object(["login": .string(author), "id": .integer(5_551_234), "type": .string("User")]),
            "body": .string(body),
            "head": .object(["ref": .string("feature/rate-limit"), "sha": .string("6dcb09b5b57875f334f61aebed695e2e4193db5e")]),
            "base": .object([
                "ref": .string("main"), "sha": .string("9049f1265b7d61be4a8904a9a27120d2064dab3b"),
                "repo": .object(["id": .integer(681_234_567), "name": .string(name), "full_name": .string(repository)]),
            ]),
        ])
    }
}
