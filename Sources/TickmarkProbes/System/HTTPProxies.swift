import Foundation

/// The HTTP proxies to use, as `curl` and most tools read them from the environment:
/// `http_proxy` for http URLs, `https_proxy` for https ones (upper-case names too), and
/// `no_proxy`, a comma-separated list of host names (a name also covers its subdomains; `*`
/// covers everything) reached directly. Loopback hosts (`localhost`, `127.x.x.x`, `::1`) are always
/// reached directly.
package struct HTTPProxies: Sendable, Equatable {
    /// The proxy for http URLs.
    package var http: URL?
    /// The proxy for https URLs (tunnelled with CONNECT).
    package var https: URL?
    /// Hosts reached without a proxy.
    package var bypass: [String]

    /// No proxies.
    package init(http: URL? = nil, https: URL? = nil, bypass: [String] = []) {
        self.http = http
        self.https = https
        self.bypass = bypass
    }

    /// The proxies an environment names.
    package init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            let text = environment[name] ?? environment[name.uppercased()]
            return text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        func proxyURL(_ text: String?) -> URL? {
            guard let text else { return nil }
            return URL(string: text.contains("://") ? text : "http://" + text)
        }
        self.init(
            http: proxyURL(value("http_proxy")), https: proxyURL(value("https_proxy")),
            bypass: (value("no_proxy") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        )
    }

    /// The proxy for `url`, or nil to connect directly.
    package func proxy(for url: URL) -> URL? {
        guard var host = url.host?.lowercased() else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1" { return nil }
        for entry in bypass {
            if entry == "*" { return nil }
            let name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if host == name || host.hasSuffix("." + name) { return nil }
        }
        return url.scheme?.lowercased() == "https" ? https : http
    }
}
