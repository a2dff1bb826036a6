import Foundation
import Tickmark
import TickmarkProbes

/// A small client of GitHub's REST API, over the HTTP transport probes use.
///
/// Every request carries `Authorization: Bearer TOKEN`, `Accept: application/vnd.github+json`,
/// `X-GitHub-Api-Version: 2022-11-28` and a `User-Agent`. The token is sent only to the API's own
/// origin (a pagination link elsewhere is refused), and never appears in an error: every message
/// built from a response or a network failure has it replaced by `***`.
struct GitHubAPI: Sendable {
    /// The API version requests ask for.
    static let apiVersion = "2022-11-28"

    /// `https://api.github.com`, or `GITHUB_API_URL` (GitHub Enterprise Server), without a
    /// trailing `/`.
    var baseURL: String
    /// `owner/name`.
    var repository: String
    /// The token sent as `Authorization: Bearer`.
    var token: String
    /// Sends the requests.
    var transport: any HTTPTransport
    /// The limit of one request.
    var timeout: Duration = .seconds(30)

    /// The client for the repository and token of a GitHub Actions environment: `GITHUB_API_URL`
    /// (default `https://api.github.com`), `GITHUB_REPOSITORY`, `GITHUB_TOKEN`.
    static func fromEnvironment(_ environment: [String: String], repository fallback: String?, transport: any HTTPTransport) throws(TickmarkError) -> GitHubAPI {
        guard let token = environment["GITHUB_TOKEN"], !token.isEmpty else {
            throw TickmarkError(.usage, PullRequestMessages.missingToken)
        }
        let repository = environment["GITHUB_REPOSITORY"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        guard let repository, isRepositoryName(repository) else {
            throw TickmarkError(.usage, PullRequestMessages.missingRepository(environment["GITHUB_REPOSITORY"]))
        }
        var base = environment["GITHUB_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://api.github.com"
        while base.hasSuffix("/") { base.removeLast() }
        guard base.hasPrefix("https://") || base.hasPrefix("http://") else {
            throw TickmarkError(.usage, "GITHUB_API_URL must be an http:// or https:// URL, not '\(base)'")
        }
        return GitHubAPI(baseURL: base, repository: repository, token: token, transport: transport)
    }

    /// Whether `text` is `owner/name` with no other slash, space or dot-only part.
    static func isRepositoryName(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        }
    }

    /// An answer: status, headers and the body parsed as JSON.
    struct Answer: Sendable {
        var status: Int
        var headers: [HTTPHeader]
        var json: JSONValue
        /// Whether the body was cut at the transport's limit.
        var truncated: Bool
    }

    /// Sends `method` to `target` (a path such as `/repos/o/r/pulls/1`, or an absolute URL on the
    /// API's origin) with an optional JSON body; throws unless the status is 2xx.
    func send(_ method: String, _ target: String, body: JSONValue? = nil) async throws(TickmarkError) -> Answer {
        let url = target.hasPrefix("/") ? baseURL + target : target
        guard Self.origin(of: url) == Self.origin(of: baseURL) else {
            throw TickmarkError(.invalidInput, "GitHub API: refusing to send the token to \(Self.origin(of: url) ?? url), which is not \(baseURL)")
        }
        var headers = [
            HTTPHeader(name: "Accept", value: "application/vnd.github+json"),
            HTTPHeader(name: "Authorization", value: "Bearer \(token)"),
            HTTPHeader(name: "X-GitHub-Api-Version", value: Self.apiVersion),
            HTTPHeader(name: "User-Agent", value: "tickmark/\(TickmarkCommand.version)"),
        ]
        if body != nil { headers.append(HTTPHeader(name: "Content-Type", value: "application/json; charset=utf-8")) }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body?.serialized(), timeout: timeout, followRedirects: false)
        let what = "\(method) \(Self.pathOf(url))"
        let response: HTTPResponse
        switch await transport.send(request) {
        case .success(let answer): response = answer
        case .failure(let failure): throw TickmarkError(.unreadable, redact("GitHub API: \(what) failed: \(failure.message)"))
        }
        let parsed = try? JSONParser.parse(response.body)
        guard (200..<300).contains(response.status) else {
            throw TickmarkError(.unreadable, redact(PullRequestMessages.refused(what, status: response.status, message: parsed?["message"]?.stringValue)))
        }
        guard let parsed else {
            throw TickmarkError(.unreadable, redact("GitHub API: \(what) answered \(response.status) with a body that is not JSON\(response.bodyTruncated ? " (cut at \(HTTPResponse.bodyLimit) bytes)" : "")"))
        }
        return Answer(status: response.status, headers: response.headers, json: parsed, truncated: response.bodyTruncated)
    }

    /// `text` with the token replaced by `***`.
    func redact(_ text: String) -> String {
        token.isEmpty ? text : text.replacingOccurrences(of: token, with: "***")
    }

    /// `scheme://host[:port]` of a URL, lower-cased; `nil` when it has none.
    static func origin(of url: String) -> String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host?.lowercased() else { return nil }
        return "\(scheme)://\(host)" + (parsed.port.map { ":\($0)" } ?? "")
    }

    /// The path and query of a URL, for messages.
    static func pathOf(_ url: String) -> String {
        guard let parsed = URL(string: url), let host = parsed.host, let range = url.range(of: host) else { return url }
        let rest = url[range.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    /// The `rel="next"` URL of a `Link` header (RFC 8288), as GitHub paginates.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let isNext = pieces.dropFirst().contains { parameter in
                guard let equals = parameter.firstIndex(of: "="),
                      parameter[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "rel" else { return false }
                let value = parameter[parameter.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                return value.lowercased().split(separator: " ").contains("next")
            }
            if isNext { return String(target.dropFirst().dropLast()) }
        }
        return nil
    }
}
