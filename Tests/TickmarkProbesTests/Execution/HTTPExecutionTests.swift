import Testing
import TickmarkProbes

@Suite struct HTTPExecutionTests {
    private let json = [HTTPHeader(name: "Content-Type", value: "application/json")]

    @Test func passesAndSendsWhatTheProbeSays() async throws {
        let transport = FakeHTTPTransport(status: 202, body: "{}", headers: json)
        let markdown = ProbeRun.block("""
        http: POST https://hooks.example.com/ping
        headers: { Authorization: Bearer t0ken }
        data: '{"ping": true}'
        insecure: true
        follow: false
        expect: { status: 202 }
        """)
        let result = try await ProbeRun.markdown(markdown, in: ProbeRun.context(http: transport, timeout: .seconds(3)))
        #expect(result.status == .pass)
        #expect(result.reason == "status 202 in 20ms")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "https://hooks.example.com/ping")
        #expect(request.headers == [HTTPHeader(name: "Authorization", value: "Bearer t0ken")])
        #expect(request.body == Array("{\"ping\": true}".utf8))
        #expect(request.timeout == .seconds(3))
        #expect(request.insecure && !request.followRedirects)
        #expect(result.evidence.action == "POST https://hooks.example.com/ping")
        #expect(result.evidence.field("status") == "202")
        #expect(result.evidence.field("content-type") == "application/json")
        #expect(result.evidence.field("certificate") == "not verified (insecure)")
    }

    @Test func anUnexpectedStatusFails() async throws {
        let result = try await ProbeRun.inline("probe: http GET https://api.example.com/health status=200",
                                               in: ProbeRun.context(http: FakeHTTPTransport(status: 503, body: "down")))
        #expect(result.status == .fail)
        #expect(result.reason == "expected status 200, got 503")
        #expect(result.evidence.output == "down")
    }

    @Test func everyUnmetExpectationIsNamed() async throws {
        let body = #"{"commit": "abc123", "items": [{"id": 7}], "ok": true}"#
        let transport = FakeHTTPTransport(status: 200, body: body, headers: json, latency: .milliseconds(1200))
        let probe = "probe: http https://api.example.com/v json=.commit=def456 json=/items/0/id=7 json=.missing=1 "
            + "header=X-Frame-Options header=Content-Type:text/html body=healthy matches=false under=800ms"
        let result = try await ProbeRun.inline(probe, in: ProbeRun.context(http: transport))
        #expect(result.status == .fail)
        #expect(result.reason == "body does not contain \"healthy\"; body does not match /false/; "
            + "json .commit is \"abc123\", expected \"def456\"; json .missing is missing; header X-Frame-Options is missing; "
            + "header Content-Type is \"application/json\", expected it to contain \"text/html\"; took 1.2s, more than 800ms")
    }

    @Test func allExpectationsMetPass() async throws {
        let transport = FakeHTTPTransport(status: 200, body: #"{"version": "1.2.3", "count": 3}"#, headers: json)
        let probe = "probe: http https://api.example.com/v json=.version=1.2.3 json=.count=3 header=content-type:json body=1.2.3 under=1s"
        let result = try await ProbeRun.inline(probe, in: ProbeRun.context(http: transport))
        #expect(result.status == .pass, "\(result.reason)")
    }

    @Test func aBodyThatIsNotJSONFailsTheJSONCheck() async throws {
        let transport = FakeHTTPTransport(status: 200, body: "<html>", headers: [HTTPHeader(name: "Content-Type", value: "text/html")])
        let result = try await ProbeRun.inline("probe: http https://a.example.com json=.ok=true", in: ProbeRun.context(http: transport))
        #expect(result.status == .fail)
        #expect(result.reason == "body is not JSON")
    }

    @Test func aTransportFailureIsAnError() async throws {
        let transport = FakeHTTPTransport { _ in .failure(NetworkFailure("cannot connect to 127.0.0.1:9: connection refused", kind: .refused)) }
        let result = try await ProbeRun.inline("probe: http http://127.0.0.1:9/", in: ProbeRun.context(http: transport))
        #expect(result.status == .error)
        #expect(result.reason == "cannot connect to 127.0.0.1:9: connection refused")
    }

    @Test func binaryBodiesAreNotCopiedIntoEvidence() async throws {
        let transport = FakeHTTPTransport { _ in
            .success(HTTPResponse(status: 200, headers: [HTTPHeader(name: "Content-Type", value: "image/png")], body: [0x89, 0x50, 0x4E, 0x47, 0, 1], latency: .milliseconds(5)))
        }
        let result = try await ProbeRun.inline("probe: http https://a.example.com/logo.png", in: ProbeRun.context(http: transport))
        #expect(result.evidence.output == "(6 bytes of image/png not shown)")
    }
}
