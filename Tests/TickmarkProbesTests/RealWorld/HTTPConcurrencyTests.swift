import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// Many HTTP requests at once share one libcurl multi handle: each one completes with its own
/// answer, and a cancelled one stops at once, even when its server never answers.
@Suite(.timeLimit(.minutes(1))) struct HTTPConcurrencyTests {
    private let transport = CurlHTTPTransport()

    @Test func cancellingARequestStopsItAtOnceWhenTheServerSendsNothing() async throws {
        // The server answers after 30 s and the request's own timeout is 30 s: the cancellation
        // ended it. Room is left for a machine busy with every other suite; `HTTPTimingTests`,
        // run alone, holds it to 150 ms.
        try await Self.cancelWhileTheServerSendsNothing(transport: transport, within: .seconds(5))
    }

    /// Sends a request its server answers only after 30 s, cancels it 300 ms in, and expects it
    /// to end as cancelled within `limit` of the cancellation.
    static func cancelWhileTheServerSendsNothing(
        transport: CurlHTTPTransport, within limit: Duration, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: "\(server.base)/slow?seconds=30", timeout: .seconds(30))
        let task = Task { await transport.send(request) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.value
        let stopped = ContinuousClock.now - cancelled
        guard case .failure(let failure) = result else {
            Issue.record("a cancelled request answered: \(result)", sourceLocation: sourceLocation)
            return
        }
        #expect(failure.message == "the request was cancelled", sourceLocation: sourceLocation)
        #expect(stopped < limit, "stopped \(stopped) after the cancellation", sourceLocation: sourceLocation)
    }

    @Test func aRequestOfACancelledTaskIsNotSent() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: "\(server.base)/slow?seconds=30", timeout: .seconds(30))
        let transport = transport
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await transport.send(request)
        }
        guard case .failure(let failure) = await task.value else { Issue.record("a cancelled request answered"); return }
        #expect(failure.message == "the request was cancelled")
    }

    @Test func requestsAtOnceEachGetTheirOwnAnswer() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let transport = transport
        let base = server.base
        let clock = ContinuousClock()
        let start = clock.now
        let answers = await withTaskGroup(of: (Int, Result<HTTPResponse, NetworkFailure>).self) { group in
            for index in 0..<60 {
                group.addTask {
                    let body = Array("request \(index)".utf8)
                    let request = HTTPRequest(method: "POST", url: "\(base)/echo", body: body, timeout: .seconds(20))
                    return (index, await transport.send(request))
                }
            }
            // One more that is cancelled while the others run: it stops alone.
            group.addTask {
                let slow = Task { await transport.send(HTTPRequest(method: "GET", url: "\(base)/slow?seconds=30", timeout: .seconds(30))) }
                try? await Task.sleep(for: .milliseconds(200))
                slow.cancel()
                return (-1, await slow.value)
            }
            var answers: [Int: Result<HTTPResponse, NetworkFailure>] = [:]
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
        for index in 0..<60 {
            let response = try #require(try? answers[index]?.get(), "request \(index): \(String(describing: answers[index]))")
            #expect(response.status == 201)
            #expect(String(decoding: response.body, as: UTF8.self) == "request \(index)")
        }
        guard case .failure(let failure) = answers[-1] else { Issue.record("the cancelled request answered"); return }
        #expect(failure.message == "the request was cancelled")
        #expect(clock.now - start < .seconds(20))
    }

    @Test func addressesGivenToOneTransportAreNotSeenByAnother() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: "http://given.invalid:\(server.port)/json", timeout: .seconds(10))
        let given = CurlHTTPTransport(resolve: ["given.invalid:\(server.port):127.0.0.1"])
        let answer = try await given.send(request).get()
        #expect(answer.status == 200)
        guard case .failure(let failure) = await transport.send(request) else { Issue.record("the other transport used the address"); return }
        #expect(failure.message == "cannot resolve given.invalid")
    }
}
