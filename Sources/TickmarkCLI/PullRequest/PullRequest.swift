import Foundation
import Tickmark

/// A pull request as far as `run --pull-request` needs it, read from GitHub's JSON (the
/// `pull_request` of an event, or `GET /repos/{owner}/{repo}/pulls/{number}`).
struct PullRequest: Sendable, Equatable {
    /// Its number.
    var number: Int
    /// Its description, as the author wrote it (`""` when GitHub says `null`).
    var body: String
    /// The author's login.
    var author: String
    /// Its page on GitHub, when known.
    var htmlURL: String?
    /// `owner/name` of the repository it belongs to (its base), when known.
    var repository: String?

    /// The name diagnostics and outputs give its body: `github:pr#12`.
    var path: String { "\(PullRequestReference.scheme)#\(number)" }

    /// Reads GitHub's pull request JSON; `nil` when it has no number or no author.
    init?(json: JSONValue) {
        guard let number = json["number"]?.intValue, let author = json["user"]?["login"]?.stringValue else { return nil }
        self.number = number
        self.body = json["body"]?.stringValue ?? ""
        self.author = author
        self.htmlURL = json["html_url"]?.stringValue
        self.repository = json["base"]?["repo"]?["full_name"]?.stringValue
    }

    /// Creates a pull request from its parts.
    init(number: Int, body: String, author: String, htmlURL: String? = nil, repository: String? = nil) {
        self.number = number
        self.body = body
        self.author = author
        self.htmlURL = htmlURL
        self.repository = repository
    }
}

/// Where `run --pull-request` reads the body: `event` (`GITHUB_EVENT_PATH`, the text as it was
/// when the event fired) or `api` (the current text, from the REST API).
enum PullRequestSource: String, Sendable, CaseIterable {
    case event, api
}

/// `github:pr` or `github:pr#12` as a checklist path: the pull request of the event, or the one
/// numbered.
struct PullRequestReference: Sendable, Equatable {
    /// The prefix of such paths.
    static let scheme = "github:pr"

    /// The number given in the path, if any.
    var number: Int?

    /// Reads `github:pr` or `github:pr#N`; `nil` for any other path.
    init?(path: String) {
        guard path.hasPrefix(Self.scheme) else { return nil }
        let rest = path.dropFirst(Self.scheme.count)
        if rest.isEmpty {
            number = nil
        } else if rest.first == "#", let value = Int(rest.dropFirst()), value > 0 {
            number = value
        } else {
            return nil
        }
    }

    /// A reference to the event's pull request, or to the one numbered.
    init(number: Int?) {
        self.number = number
    }
}

/// The pull request of a GitHub Actions event file (`GITHUB_EVENT_PATH`).
enum PullRequestEvent {
    /// Reads the event at `path`: its `pull_request` (with `repository.full_name` as the
    /// repository when the pull request does not say).
    static func read(_ path: String) throws(TickmarkError) -> PullRequest {
        let bytes = try ChecklistFile.readBytes(path)
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw TickmarkError(.invalidInput, "GITHUB_EVENT_PATH is not a JSON event file: \(error.description)", path: path)
        }
        guard let pull = json["pull_request"], var pullRequest = PullRequest(json: pull) else {
            throw TickmarkError(.invalidInput, PullRequestMessages.notAPullRequestEvent(keys: json.keys ?? []), path: path)
        }
        if pullRequest.repository == nil { pullRequest.repository = json["repository"]?["full_name"]?.stringValue }
        return pullRequest
    }
}
