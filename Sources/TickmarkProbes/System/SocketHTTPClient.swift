import Foundation
import Tickmark

/// A small HTTP/1.1 client over `TCPSocket` and `TLSSession` that accepts any server certificate:
/// what `insecure: true` means, which URLSession on Linux cannot do. One connection per request
/// (`Connection: close`), redirects followed by the same rules as `URLSessionTransport`.
struct SocketHTTPClient {
    /// Sends the request on a thread of its own.
    func send(_ request: HTTPRequest) async -> Result<HTTPResponse, NetworkFailure> {
        await DetachedThread.run { SocketHTTPClient.exchange(request) }
    }

    private struct Answer {
        var head: HTTPWire.Head
        var body: [UInt8]
        var truncated: Bool
    }

    static func exchange(_ request: HTTPRequest) -> Result<HTTPResponse, NetworkFailure> {
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
            switch once(url: url, method: method, headers: headers, body: body, deadline: deadline) {
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

    private static func once(url: URL, method: String, headers: [HTTPHeader], body: [UInt8]?, deadline: ContinuousClock.Instant) -> Result<Answer, NetworkFailure> {
        guard var host = url.host, !host.isEmpty else { return .failure(NetworkFailure("'\(url.absoluteString)' has no host", kind: .other)) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let secure = url.scheme?.lowercased() == "https"
        let port = url.port ?? (secure ? 443 : 80)
        let socket: TCPSocket
        switch TCPSocket.connect(host: host, port: port, timeout: deadline - .now, deadline: deadline) {
        case .success(let connected): socket = connected
        case .failure(let failure): return .failure(failure)
        }
        let stream: any ByteStream
        if secure {
            guard let session = TLSSession(socket: socket, serverName: host) else { return .failure(NetworkFailure("cannot set up OpenSSL", kind: .other)) }
            if let failure = session.handshake(until: deadline) { return .failure(failure) }
            stream = session
        } else {
            stream = socket
        }
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? ""
        let target = (path.isEmpty ? "/" : path) + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
        let hostHeader = (host.contains(":") ? "[\(host)]" : host) + (url.port.map { ":\($0)" } ?? "")
        let bytes: [UInt8]
        switch HTTPWire.request(method: method, target: target, host: hostHeader, headers: headers, body: body) {
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
}
