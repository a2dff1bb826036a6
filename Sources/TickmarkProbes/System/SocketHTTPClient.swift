import Foundation
import Tickmark

/// A small HTTP/1.1 client over `TCPSocket` and `TLSSession`, behind `SocketHTTPTransport`: one
/// connection per request (`Connection: close`), redirects followed by `HTTPRedirects`' rules,
/// certificates verified unless the request is `insecure`, proxies tunnelled with CONNECT.
struct SocketHTTPClient: Sendable {
    var trustedCertificateFiles: [String] = []
    var proxies = HTTPProxies()

    /// Sends the request on a thread of its own.
    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
        let client = self
        return await DetachedThread.run { client.exchange(request) }
    }

    private struct Answer {
        var head: HTTPWire.Head
        var body: [UInt8]
        var truncated: Bool
    }

    func exchange(_ request: HTTPRequest) -> Result<HTTPResponse, NetworkFailure> {
        let start = ContinuousClock.now
        let deadline = start + request.timeout
        guard let original = URL(string: request.url) else {
            return .failure(NetworkFailure("'\(request.url)' is not a valid URL", kind: .other))
        }
        var url = original
        var method = request.method
        var body = request.body
        var headers = request.headers
        for _ in 0...HTTPRedirects.maximumCount {
            let answer: Answer
            switch once(url: url, method: method, headers: headers, body: body, verify: !request.insecure, deadline: deadline) {
            case .success(let received): answer = received
            case .failure(var failure):
                if failure.kind == .timedOut { failure.message = "timed out after \(DurationText.format(request.timeout))" }
                return .failure(failure)
            }
            if request.followRedirects, HTTPRedirects.isRedirect(answer.head.status),
               let location = answer.head.header("Location"), let next = URL(string: location, relativeTo: url)?.absoluteURL,
               let scheme = next.scheme?.lowercased(), scheme == "http" || scheme == "https" {
                let nextMethod = HTTPRedirects.method(after: answer.head.status, from: method)
                headers = HTTPRedirects.headers(request.headers, from: original, to: next)
                if nextMethod != method {
                    body = nil
                    headers.removeAll { $0.name.lowercased() == "content-type" }
                }
                method = nextMethod
                url = next
                continue
            }
            return .success(HTTPResponse(
                status: answer.head.status, headers: answer.head.headers, body: answer.body, latency: .now - start,
                finalURL: url == original ? nil : url.absoluteString, bodyTruncated: answer.truncated
            ))
        }
        return .failure(NetworkFailure("more than \(HTTPRedirects.maximumCount) redirects", kind: .other))
    }

    private func once(
        url: URL, method: String, headers: [HTTPHeader], body: [UInt8]?, verify: Bool, deadline: ContinuousClock.Instant
    ) -> Result<Answer, NetworkFailure> {
        guard var host = url.host, !host.isEmpty else { return .failure(NetworkFailure("'\(url.absoluteString)' has no host", kind: .other)) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let secure = url.scheme?.lowercased() == "https"
        let port = url.port ?? (secure ? 443 : 80)
        let hostHeader = (host.contains(":") ? "[\(host)]" : host) + (url.port.map { ":\($0)" } ?? "")
        let proxy = proxies.proxy(for: url)
        var extraHeaders: [HTTPHeader] = []
        if let proxy, let user = proxy.user {
            let credentials = Base64.encode("\(user):\(proxy.password ?? "")".utf8)
            extraHeaders.append(HTTPHeader(name: "Proxy-Authorization", value: "Basic \(credentials)"))
        }

        let socket: TCPSocket
        let connectHost = proxy?.host ?? host
        let connectPort = proxy.map { $0.port ?? ($0.scheme?.lowercased() == "https" ? 443 : 80) } ?? port
        switch TCPSocket.connect(host: connectHost, port: connectPort, timeout: deadline - .now, deadline: deadline) {
        case .success(let connected): socket = connected
        case .failure(var failure):
            if proxy != nil { failure.message = "proxy \(connectHost):\(connectPort): \(failure.message)" }
            return .failure(failure)
        }
        if secure, proxy != nil, let failure = tunnel(through: socket, to: hostHeader, headers: extraHeaders, deadline: deadline) {
            return .failure(failure)
        }
        let stream: any ByteStream
        if secure {
            guard let session = TLSSession(socket: socket, serverName: host, trustedCertificateFiles: trustedCertificateFiles) else {
                return .failure(NetworkFailure("cannot set up OpenSSL", kind: .other))
            }
            if let failure = session.handshake(until: deadline) { return .failure(failure) }
            if verify, let failure = SocketHTTPClient.refusal(of: session.certificate(for: host), host: host) { return .failure(failure) }
            stream = session
        } else {
            stream = socket
        }
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? ""
        var target = (path.isEmpty ? "/" : path) + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
        var sent = headers
        if !secure, proxy != nil {
            // Through a proxy, a plain http request names the whole URL.
            target = "http://\(hostHeader)" + target
            sent += extraHeaders
        }
        let bytes: [UInt8]
        switch HTTPWire.request(method: method, target: target, host: hostHeader, headers: sent, body: body) {
        case .success(let encoded): bytes = encoded
        case .failure(let failure): return .failure(failure)
        }
        if let failure = stream.write(bytes, until: deadline) { return .failure(failure) }
        var wire = HTTPWire(stream: stream, deadline: deadline)
        let head: HTTPWire.Head
        switch wire.readHead() {
        case .success(let received): head = received
        case .failure(let failure): return .failure(failure)
        }
        return wire.readBody(of: head, method: method, limit: HTTPResponse.bodyLimit)
            .map { Answer(head: head, body: $0.body, truncated: $0.truncated) }
    }

    /// Asks a proxy for a tunnel to `authority` (`host:port`); nil once it is open.
    private func tunnel(through socket: TCPSocket, to authority: String, headers: [HTTPHeader], deadline: ContinuousClock.Instant) -> NetworkFailure? {
        let target = authority.contains(":") && !authority.hasSuffix("]") ? authority : authority + ":443"
        var text = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        text += "\r\n"
        if let failure = socket.write(Array(text.utf8), until: deadline) { return failure }
        var wire = HTTPWire(stream: socket, deadline: deadline)
        switch wire.readHead() {
        case .success(let head) where (200..<300).contains(head.status): return nil
        case .success(let head): return NetworkFailure("proxy refused the tunnel to \(target): HTTP \(head.status)", kind: .other)
        case .failure(let failure): return failure
        }
    }

    /// Why a verified request must not use this certificate, if it must not.
    static func refusal(of certificate: CertificateInfo?, host: String) -> NetworkFailure? {
        guard let certificate else { return NetworkFailure("\(host) presented no certificate", kind: .tls) }
        if let problem = certificate.verificationError {
            return NetworkFailure("certificate of \(host) is not trusted: \(problem) (use insecure=true to skip the check)", kind: .tls)
        }
        if !certificate.matchesHost {
            return NetworkFailure("certificate is not valid for \(host) (it is for \(certificate.subject))", kind: .tls)
        }
        return nil
    }
}
