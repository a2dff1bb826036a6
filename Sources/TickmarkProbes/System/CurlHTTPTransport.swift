import CTickmarkCurl
import Foundation
import Tickmark

/// Sends HTTP requests with libcurl (loaded on first use, see `CurlLibrary`): HTTP/1.1 and HTTP/2,
/// Happy Eyeballs between IPv6 and IPv4, compressed bodies decoded, proxies as curl reads them
/// from the environment (`http_proxy`, `https_proxy`, `all_proxy`, `no_proxy`), one connection
/// per request, no cookies kept.
///
/// Redirects are followed here rather than by libcurl, so that the headers a probe names go to
/// the origin it wrote them for and no further (`HTTPRedirectRules`); credentials written in the
/// URL go to that origin only, and never appear in a message.
package struct CurlHTTPTransport: HTTPTransport {
    var options: CurlOptions

    /// Creates a transport. `trustedCertificateFile` is trusted besides the system's store when a
    /// request names no CA file (otherwise `SSL_CERT_FILE`, as OpenSSL reads it); the folder of
    /// hashed certificates `SSL_CERT_DIR` names is searched too, as OpenSSL and curl search it;
    /// `proxy` and `noProxy` replace what the environment says (as `curl -x` and `--noproxy`);
    /// `resolve` gives addresses for host names (as `curl --resolve`). `environment` is where
    /// `SSL_CERT_FILE` and `SSL_CERT_DIR` are read (the process's by default).
    package init(
        trustedCertificateFile: String? = nil, proxy: String? = nil, noProxy: String? = nil, resolve: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        func named(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        options = CurlOptions(
            certificateAuthorityFile: trustedCertificateFile ?? named("SSL_CERT_FILE"), certificateAuthorityFolder: named("SSL_CERT_DIR"),
            proxy: proxy, noProxy: noProxy, resolve: resolve
        )
    }

    /// Sends the request; a response of any status is a success. The transfer is performed by
    /// the process's `CurlMultiDriver`, with no thread of its own; cancelling the task stops it.
    package func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
        // Loading (dlopen, the first time only) blocks the calling thread for a few milliseconds.
        if let failure = CurlLibrary.load() { return .failure(failure) }
        guard let driver = CurlMultiDriver.shared else { return .failure(NetworkFailure("cannot set up libcurl's multi handle", kind: .other)) }
        return await CurlHTTPTransport.exchange(request, options: options, driver: driver)
    }

    static func exchange(_ request: HTTPRequest, options: CurlOptions, driver: CurlMultiDriver) async -> Result<HTTPResponse, NetworkFailure> {
        let start = ContinuousClock.now
        let deadline = start + request.timeout
        let (address, credentials) = URLCredentials.split(request.url)
        guard let original = URL(string: address), let scheme = original.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = original.host, !host.isEmpty else {
            return .failure(NetworkFailure("'\(URLCredentials.masked(request.url))' is not an http:// or https:// URL", kind: .other))
        }
        if let port = URLComponents(string: address)?.port, !(1...65535).contains(port) {
            return .failure(NetworkFailure("port \(port) is out of range (1-65535)", kind: .other))
        }
        let transfer = CurlTransfer(request: request, options: options)
        var hop = CurlTransfer.Hop(url: address, method: request.method, headers: request.headers, body: request.body,
                                   user: credentials?.user, password: credentials?.password)
        var url = original
        for _ in 0...HTTPRedirectRules.maximumCount {
            let answer: CurlTransfer.Answer
            switch await transfer.perform(hop, remaining: deadline - .now, driver: driver) {
            case .success(let received): answer = received
            case .failure(let failure): return .failure(describe(failure, url: url, timeout: request.timeout))
            }
            if request.followRedirects, HTTPRedirectRules.isRedirect(answer.status), let location = answer.redirectURL,
               let next = URL(string: URLCredentials.split(location).url), let nextScheme = next.scheme?.lowercased(),
               nextScheme == "http" || nextScheme == "https" {
                let method = HTTPRedirectRules.method(after: answer.status, from: hop.method)
                hop.headers = HTTPRedirectRules.headers(request.headers, from: original, to: next)
                if method != hop.method {
                    hop.body = nil
                    hop.headers.removeAll { $0.name.lowercased() == "content-type" }
                }
                let sameOrigin = HTTPRedirectRules.sameOrigin(original, next)
                hop.user = sameOrigin ? credentials?.user : nil
                hop.password = sameOrigin ? credentials?.password : nil
                hop.method = method
                hop.url = next.absoluteString
                url = next
                continue
            }
            return .success(HTTPResponse(
                status: answer.status, headers: answer.headers, body: answer.body, latency: .now - start,
                finalURL: url == original ? nil : url.absoluteString, bodyTruncated: answer.truncated,
                bodySize: answer.bodySize, httpVersion: answer.httpVersion
            ))
        }
        return .failure(NetworkFailure("more than \(HTTPRedirectRules.maximumCount) redirects", kind: .other))
    }

    /// One line for a failed transfer: what failed (resolving, connecting, the server's answer,
    /// the body), where, and after how long.
    static func describe(_ failure: CurlTransfer.Failure, url: URL, timeout: Duration) -> NetworkFailure {
        let host = url.host ?? "?"
        let secure = url.scheme?.lowercased() == "https"
        let endpoint = HostPort(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: url.port ?? (secure ? 443 : 80))
        let limit = DurationText.format(timeout)
        let detail = URLCredentials.masked(failure.detail)
        switch failure.code {
        case CURLE_OPERATION_TIMEDOUT:
            if !failure.connected { return NetworkFailure("connecting to \(endpoint) timed out after \(limit)", kind: .timedOut) }
            if !failure.answered { return NetworkFailure("no response from \(endpoint) within \(limit) (the connection was made)", kind: .timedOut) }
            return NetworkFailure("the response of \(endpoint) was still arriving after \(limit)", kind: .timedOut)
        case CURLE_COULDNT_RESOLVE_HOST:
            return NetworkFailure("cannot resolve \(host)", kind: .nameResolution)
        case CURLE_COULDNT_RESOLVE_PROXY:
            return NetworkFailure("cannot resolve the proxy: \(detail)", kind: .nameResolution)
        case CURLE_COULDNT_CONNECT:
            let reason = failure.osError != 0 ? String(cString: strerror(Int32(failure.osError))).lowercased() : detail
            let kind: NetworkFailure.Kind = switch Int32(failure.osError) {
            case ECONNREFUSED: .refused
            case ENETUNREACH, EHOSTUNREACH: .unreachable
            default: .other
            }
            return NetworkFailure("cannot connect to \(endpoint): \(reason)", kind: kind)
        case CURLE_PEER_FAILED_VERIFICATION:
            return NetworkFailure("certificate of \(host) is not trusted: \(detail) (name its CA with ca=FILE, or use insecure=true to skip the check)", kind: .tls)
        case CURLE_SSL_CONNECT_ERROR:
            return NetworkFailure("TLS handshake with \(endpoint) failed: \(detail)", kind: .tls)
        case CURLE_SSL_CERTPROBLEM:
            return NetworkFailure("the client certificate cannot be used: \(detail)", kind: .tls)
        case CURLE_SSL_CACERT_BADFILE:
            return NetworkFailure("the CA file cannot be used: \(detail)", kind: .tls)
        case CURLE_ABORTED_BY_CALLBACK, CURLE_WRITE_ERROR:
            return NetworkFailure("the request was cancelled", kind: .other)
        default:
            return NetworkFailure("\(endpoint): \(detail)", kind: .other)
        }
    }
}
