import Foundation
import Tickmark

/// The rules the HTTP client applies when a response redirects.
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
