import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Tickmark

/// Sends HTTP requests with Foundation's `URLSession`, one ephemeral session per request (no
/// cache, no cookies kept), reading at most `HTTPResponse.bodyLimit` bytes of body.
///
/// Redirects are followed only when asked, and credentials (`Authorization`, `Cookie`,
/// `Proxy-Authorization`) are dropped when a redirect leads to another origin.
///
/// `insecure` HTTPS requests go through `SocketHTTPClient` instead: on Linux, URLSession does not
/// ask its delegate about the server's certificate (the handshake fails with "SSL certificate
/// problem" before any delegate call), so it cannot be told to accept an untrusted one.
public struct URLSessionTransport: HTTPTransport {
    /// Creates a transport.
    public init() {}

    /// Sends the request; a response of any status is a success.
    public func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            return .failure(NetworkFailure("'\(request.url)' is not an http:// or https:// URL", kind: .other))
        }
        if request.insecure && scheme == "https" { return await SocketHTTPClient().send(request) }

        let seconds = max(0.001, request.timeout.seconds)
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        if let body = request.body { urlRequest.httpBody = Data(body) }

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let collector = ResponseCollector(
            originalURL: url, followRedirects: request.followRedirects, limit: HTTPResponse.bodyLimit, timeout: request.timeout
        )
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: urlRequest)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                collector.start(task, continuation: continuation)
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// The rules both HTTP transports apply when a response redirects.
enum HTTPRedirects {
    /// The most redirects followed for one request.
    static let maximumCount = 10

    /// Headers that carry credentials; never sent to another origin than the one requested.
    static let credentialHeaders: Set<String> = ["authorization", "cookie", "proxy-authorization"]

    /// Whether `status` redirects (and a `Location` header says where).
    static func isRedirect(_ status: Int) -> Bool {
        [301, 302, 303, 307, 308].contains(status)
    }

    /// `scheme://host:port`, lower case, with the scheme's default port made explicit.
    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// Whether a request to `target` may carry the credentials given for `original`.
    static func mayForwardCredentials(from original: URL, to target: URL) -> Bool {
        origin(original) == origin(target)
    }

    /// The headers to send to `target`: all of them on the same origin as `original`, otherwise
    /// all but the credentials.
    static func headers(_ headers: [HTTPHeader], from original: URL, to target: URL) -> [HTTPHeader] {
        if mayForwardCredentials(from: original, to: target) { return headers }
        return headers.filter { !credentialHeaders.contains($0.name.lowercased()) }
    }

    /// The method after a redirect: 303 turns anything but HEAD into GET; 301 and 302 turn POST
    /// into GET, as browsers and curl do; 307 and 308 keep it.
    static func method(after status: Int, from method: String) -> String {
        switch status {
        case 303 where method != "HEAD": "GET"
        case 301 where method == "POST", 302 where method == "POST": "GET"
        default: method
        }
    }
}
