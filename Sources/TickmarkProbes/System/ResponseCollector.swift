import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Tickmark

/// The delegate of one `URLSessionTransport` request: applies the redirect rules, keeps at most
/// `limit` bytes of body, and hands the result to the waiting task once.
final class ResponseCollector: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<HTTPResponse, NetworkFailure>, Never>?
        var start = ContinuousClock.now
        var end: ContinuousClock.Instant?
        var body: [UInt8] = []
        var truncated = false
    }

    private let originalURL: URL
    private let followRedirects: Bool
    private let limit: Int
    private let timeout: Duration
    private let state = Mutex(State())

    init(originalURL: URL, followRedirects: Bool, limit: Int, timeout: Duration) {
        self.originalURL = originalURL
        self.followRedirects = followRedirects
        self.limit = limit
        self.timeout = timeout
    }

    /// Starts `task`; its outcome resumes `continuation`.
    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<Result<HTTPResponse, NetworkFailure>, Never>) {
        state.withLock {
            $0.continuation = continuation
            $0.start = .now
        }
        task.resume()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        guard followRedirects else { return completionHandler(nil) }
        var next = request
        if let target = request.url, !HTTPRedirects.mayForwardCredentials(from: originalURL, to: target) {
            for name in request.allHTTPHeaderFields?.keys ?? [:].keys where HTTPRedirects.credentialHeaders.contains(name.lowercased()) {
                next.setValue(nil, forHTTPHeaderField: name)
            }
        }
        completionHandler(next)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let full = state.withLock { state -> Bool in
            let room = limit - state.body.count
            state.body.append(contentsOf: data.prefix(room))
            if data.count > room {
                state.truncated = true
                state.end = .now
            }
            return state.truncated
        }
        if full { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result) = state.withLock { state in
            let end = state.end ?? .now
            let outcome: Result<HTTPResponse, NetworkFailure>
            if let error, !state.truncated {
                outcome = .failure(failure(error))
            } else if let response = task.response as? HTTPURLResponse {
                let finalURL = response.url.flatMap { $0 == originalURL ? nil : $0.absoluteString }
                outcome = .success(HTTPResponse(
                    status: response.statusCode, headers: ResponseCollector.headers(response), body: state.body,
                    latency: end - state.start, finalURL: finalURL, bodyTruncated: state.truncated
                ))
            } else {
                outcome = .failure(NetworkFailure("no HTTP response from \(originalURL.host ?? "the server")", kind: .other))
            }
            let continuation = state.continuation
            state.continuation = nil
            return (continuation, outcome)
        }
        continuation?.resume(returning: result)
    }

    private static func headers(_ response: HTTPURLResponse) -> [HTTPHeader] {
        response.allHeaderFields.compactMap { key, value in
            (key as? String).map { HTTPHeader(name: $0, value: "\(value)") }
        }.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// A one-line failure for a URLSession error.
    private func failure(_ error: any Error) -> NetworkFailure {
        let error = error as NSError
        let host = originalURL.host ?? "the server"
        let endpoint = originalURL.port.map { "\(host):\($0)" } ?? host
        var detail = error.localizedDescription
        if detail.isEmpty || detail == "(null)" || detail.hasPrefix("The operation could not be completed") {
            detail = "\(error.domain) error \(error.code)"
        }
        switch error.code {
        case NSURLErrorTimedOut:
            return NetworkFailure("timed out after \(DurationText.format(timeout))", kind: .timedOut)
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
            return NetworkFailure("cannot resolve host \(host)", kind: .nameResolution)
        case NSURLErrorCannotConnectToHost:
            return NetworkFailure("cannot connect to \(endpoint): connection refused", kind: .refused)
        case NSURLErrorCancelled:
            return NetworkFailure("the request was cancelled", kind: .other)
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
             NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot:
            return NetworkFailure("TLS failed: \(detail)", kind: .tls)
        default:
            let isTLS = detail.contains("SSL") || detail.contains("certificate")
            return NetworkFailure(isTLS ? "TLS failed: \(detail)" : detail, kind: isTLS ? .tls : .other)
        }
    }
}
