import Foundation
import Tickmark

/// The rules the HTTP transport applies when a response redirects.
enum HTTPRedirectRules {
    /// The most redirects followed for one request.
    static let maximumCount = 10

    /// Request headers that go on to another origin than the one requested: those that say what
    /// the client accepts and what it sends. Every other header the probe names (`Authorization`,
    /// `Cookie`, `Host`, `X-Api-Key`, any custom one) stays with the origin it was written for.
    static let crossOriginHeaders: Set<String> = [
        "accept", "accept-language", "cache-control", "content-language", "content-type", "user-agent",
    ]

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

    /// Whether `target` is on the origin of `original`.
    static func sameOrigin(_ original: URL, _ target: URL) -> Bool {
        origin(original) == origin(target)
    }

    /// The headers to send to `target`: all of them on the same origin as `original`, otherwise
    /// only `crossOriginHeaders`.
    static func headers(_ headers: [HTTPHeader], from original: URL, to target: URL) -> [HTTPHeader] {
        if sameOrigin(original, target) { return headers }
        return headers.filter { crossOriginHeaders.contains($0.name.lowercased()) }
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
