import Foundation
import Tickmark

/// Sends HTTP requests with Tickmark's own HTTP/1.1 client over TCP and OpenSSL: one connection
/// per request, no cache, no cookies kept, at most `HTTPResponse.bodyLimit` bytes of body read.
///
/// HTTPS certificates are checked against the system's trust store (plus
/// `trustedCertificateFiles`) and the host name, unless the request is `insecure`. Redirects are
/// followed only when asked, and credentials (`Authorization`, `Cookie`, `Proxy-Authorization`)
/// are dropped when a redirect leads to another origin. Requests go through the proxies the
/// environment names (`http_proxy`, `https_proxy`, `no_proxy`).
///
/// Foundation's `URLSession` is not used: on Linux it brings libcurl and some thirty libraries
/// that every `tickmark` command would load at start-up (7.6 ms of a 10 ms start), and it cannot
/// be told to accept an untrusted certificate.
package struct SocketHTTPTransport: HTTPTransport {
    /// Certificate files (PEM) trusted besides the system's store.
    package var trustedCertificateFiles: [String]
    /// The proxies requests go through.
    package var proxies: HTTPProxies

    /// Creates a transport; proxies come from the process's environment unless given.
    package init(trustedCertificateFiles: [String] = [], proxies: HTTPProxies? = nil) {
        self.trustedCertificateFiles = trustedCertificateFiles
        self.proxies = proxies ?? HTTPProxies(environment: ProcessInfo.processInfo.environment)
    }

    /// Sends the request; a response of any status is a success.
    package func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            return .failure(NetworkFailure("'\(request.url)' is not an http:// or https:// URL", kind: .other))
        }
        return await SocketHTTPClient(trustedCertificateFiles: trustedCertificateFiles, proxies: proxies).send(request)
    }
}
