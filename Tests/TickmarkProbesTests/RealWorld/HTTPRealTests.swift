import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// `http` probes and the HTTP transports against a loopback server.
@Suite(.timeLimit(.minutes(1))) struct HTTPRealTests {
    private let transport = CurlHTTPTransport()

    private func context(timeout: Duration = .seconds(10)) -> ProbeContext {
        .live(workingDirectory: "/tmp", environment: [:], timeout: timeout)
    }

    private func headersSeen(_ response: HTTPResponse) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(response.body))
    }

    private let credentials = [
        HTTPHeader(name: "Authorization", value: "Bearer s3cret"), HTTPHeader(name: "Cookie", value: "session=abc"),
        HTTPHeader(name: "X-Trace", value: "kept"),
    ]

    @Test func aProbeChecksStatusJSONAndHeaders() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let probe = "probe: http GET \(server.base)/json status=200 json=.version=1.2.3 json=.ok=true header=Content-Type:json under=5s"
        let result = try await ProbeRun.inline(probe, in: context())
        #expect(result.status == .pass, "\(result.reason)")
        #expect(result.evidence.output == #"{"ok": true, "version": "1.2.3"}"#)
        let wrong = try await ProbeRun.inline("probe: http \(server.base)/json json=.version=2.0.0", in: context())
        #expect(wrong.status == .fail)
        #expect(wrong.reason == #"json .version is "1.2.3", expected "2.0.0""#)
    }

    @Test func aSlowServerTimesOut() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await ProbeRun.inline("probe: http \(server.base)/slow?seconds=30", in: context(timeout: .seconds(1)))
        #expect(result.status == .error)
        #expect(result.reason == "no response from 127.0.0.1:\(server.port) within 1s (the connection was made)")
        // The server answers after 30 s: well under that shows the timeout ended the request, with
        // room for a machine too busy to run the probe promptly.
        #expect(clock.now - start < .seconds(25))
    }

    @Test func aClosedPortIsAnError() async throws {
        let port = try ClosedPort.find()
        let result = try await ProbeRun.inline("probe: http http://127.0.0.1:\(port)/", in: context())
        #expect(result.status == .error)
        #expect(result.reason == "cannot connect to 127.0.0.1:\(port): connection refused")
    }

    @Test func credentialsAreNotForwardedToAnotherHost() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let other = try await transport.send(HTTPRequest(
            method: "GET", url: "\(server.base)/redirect?to=http://localhost:PORT/headers", headers: credentials, timeout: .seconds(5)
        )).get()
        #expect(other.finalURL == "http://localhost:\(server.port)/headers")
        let seen = try headersSeen(other)
        #expect(seen["authorization"] == nil && seen["cookie"] == nil && seen["x-trace"] == nil, "forwarded: \(seen)")
        let same = try await transport.send(HTTPRequest(
            method: "GET", url: "\(server.base)/redirect?to=/headers", headers: credentials, timeout: .seconds(5)
        )).get()
        #expect(try headersSeen(same)["authorization"] == "Bearer s3cret", "the same host keeps them")
    }

    @Test func redirectsAreNotFollowedWhenTheProbeSaysSo() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let result = try await ProbeRun.inline("probe: http \(server.base)/redirect?to=/json follow=false status=302", in: context())
        #expect(result.status == .pass, "\(result.reason)")
    }

    @Test func bodiesAreCutAtTheLimitAsked() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        var request = HTTPRequest(method: "GET", url: "\(server.base)/big", timeout: .seconds(10))
        request.bodyLimit = 1024 * 1024
        let response = try await transport.send(request).get()
        #expect(response.status == 200)
        #expect(response.body.count == 1024 * 1024)
        #expect(response.bodyTruncated)
    }

    @Test func insecureAcceptsAnUntrustedCertificateAndTheDefaultDoesNot() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let certificates = try TestCertificates(in: folder)
        let server = try LoopbackServer(certificate: certificates.certificate, key: certificates.key)
        defer { server.stop() }
        let insecure = try await ProbeRun.inline("probe: http \(server.base)/json insecure=true json=.ok=true", in: context())
        #expect(insecure.status == .pass, "\(insecure.reason)")
        #expect(insecure.evidence.field("certificate") == "not verified (insecure)")
        let verified = try await ProbeRun.inline("probe: http \(server.base)/json", in: context())
        #expect(verified.status == .error)
        #expect(verified.reason.contains("certificate"), "\(verified.reason)")

        let redirected = try await transport.send(HTTPRequest(
            method: "GET", url: "\(server.base)/redirect?to=https://localhost:PORT/headers", headers: credentials,
            timeout: .seconds(5), insecure: true
        )).get()
        let seen = try headersSeen(redirected)
        #expect(seen["authorization"] == nil && seen["cookie"] == nil && seen["x-trace"] == nil, "\(seen)")
        let posted = try await transport.send(HTTPRequest(
            method: "POST", url: "\(server.base)/echo", body: Array("{\"a\":1}".utf8), timeout: .seconds(5), insecure: true
        )).get()
        #expect(posted.status == 201 && posted.body == Array("{\"a\":1}".utf8))
    }
}

/// The CA stores OpenSSL and curl read from the environment.
@Suite(.timeLimit(.minutes(1))) struct HTTPTrustStoreRealTests {
    @Test func aFolderOfHashedCertificatesNamedBySSLCertDirIsTrusted() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let certificates = try TestCertificates(in: folder)
        try Shell.run("mkdir authorities && cp ca.pem authorities/ && openssl rehash authorities", in: folder.path)
        let server = try LoopbackServer(certificate: certificates.certificate, key: certificates.key)
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: "\(server.base)/json", timeout: .seconds(5))

        let trusting = CurlHTTPTransport(environment: ["SSL_CERT_DIR": folder.path + "/authorities"])
        let answered = try await trusting.send(request).get()
        #expect(answered.status == 200)

        let refused = await CurlHTTPTransport(environment: [:]).send(request)
        guard case .failure(let failure) = refused else {
            Issue.record("the test authority is trusted without SSL_CERT_DIR")
            return
        }
        #expect(failure.message.contains("certificate"), "\(failure.message)")

        // A run reads the variable from its own environment, as a probe's context gets it.
        let context = ProbeContext.live(workingDirectory: folder.path, environment: ["SSL_CERT_DIR": folder.path + "/authorities"], timeout: .seconds(5))
        let probe = try await ProbeRun.inline("probe: http \(server.base)/json status=200", in: context)
        #expect(probe.status == .pass, "\(probe.reason)")
    }
}

/// Requests through a forward proxy, named as `curl -x` names it.
@Suite(.timeLimit(.minutes(1))) struct HTTPProxyRealTests {
    @Test func plainAndTunnelledRequestsGoThroughTheProxyUnlessBypassed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let certificates = try TestCertificates(in: folder)
        let plain = try LoopbackServer()
        defer { plain.stop() }
        let secure = try LoopbackServer(certificate: certificates.certificate, key: certificates.key)
        defer { secure.stop() }
        let proxy = try LoopbackProxy()
        defer { proxy.stop() }
        let address = "127.0.0.1:\(proxy.port)"
        let transport = CurlHTTPTransport(proxy: "http://\(address)", noProxy: "")

        let viaProxy = try await transport.send(HTTPRequest(method: "GET", url: "http://service.test:\(plain.port)/json", timeout: .seconds(5))).get()
        #expect(viaProxy.status == 200 && String(decoding: viaProxy.body, as: UTF8.self).contains("1.2.3"))
        let tunnelled = try await transport.send(HTTPRequest(
            method: "GET", url: "https://service.test:\(secure.port)/json", timeout: .seconds(5), insecure: true
        )).get()
        #expect(tunnelled.status == 200 && String(decoding: tunnelled.body, as: UTF8.self).contains("1.2.3"))
        #expect(proxy.requestLines == [
            "GET http://service.test:\(plain.port)/json HTTP/1.1", "CONNECT service.test:\(secure.port) HTTP/1.1",
        ])

        // no_proxy names are reached directly.
        let bypassing = CurlHTTPTransport(proxy: "http://\(address)", noProxy: "example.org, .test")
        let refused = await bypassing.send(HTTPRequest(method: "GET", url: "http://service.test:\(plain.port)/json", timeout: .seconds(5)))
        #expect(throws: NetworkFailure.self) { try refused.get() }   // direct: service.test does not resolve
        #expect(proxy.requestLines.count == 2)
    }
}
