import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// `tcp` and `tls` probes against loopback listeners.
@Suite(.timeLimit(.minutes(1))) struct NetworkRealTests {
    private func context(_ prober: SocketNetworkProber = SocketNetworkProber(), timeout: Duration = .seconds(5)) -> ProbeContext {
        ProbeContext(workingDirectory: "/tmp", environment: [:], timeout: timeout, now: { Date() }, processes: SystemProcessLauncher(),
                     http: CurlHTTPTransport(), network: prober, files: LocalFileReader())
    }

    @Test func tcpConnectsToAnOpenPortAndFailsOnAClosedOne() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let open = try await ProbeRun.inline("probe: tcp 127.0.0.1:\(server.port)", in: context())
        #expect(open.status == .pass, "\(open.reason)")
        let named = try await ProbeRun.inline("probe: tcp localhost:\(server.port)", in: context())
        #expect(named.status == .pass, "\(named.reason)")
        let port = try ClosedPort.find()
        let closed = try await ProbeRun.inline("probe: tcp 127.0.0.1:\(port)", in: context())
        #expect(closed.status == .fail)
        #expect(closed.reason == "cannot connect to 127.0.0.1:\(port): connection refused")
    }

    @Test func tcpReachesIPv6Loopback() async throws {
        let listener = try IPv6Listener()
        defer { listener.close() }
        let result = try await ProbeRun.inline("probe: tcp [::1]:\(listener.port)", in: context())
        #expect(result.status == .pass, "\(result.reason)")
    }

    @Test func aNameThatDoesNotResolveIsAnError() async throws {
        let result = try await ProbeRun.inline("probe: tcp tickmark-test.invalid:443", in: context(timeout: .seconds(3)))
        #expect(result.status == .error)
        #expect(result.reason.hasPrefix("cannot resolve tickmark-test.invalid") || result.reason.hasPrefix("resolving tickmark-test.invalid timed out"))
    }

    @Test func tlsJudgesARealCertificate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let certificates = try TestCertificates(in: folder)
        let server = try LoopbackServer(certificate: certificates.certificate, key: certificates.key)
        defer { server.stop() }

        let untrusted = try await ProbeRun.inline("probe: tls localhost:\(server.port)", in: context())
        #expect(untrusted.status == .fail)
        #expect(untrusted.reason == "certificate is not trusted: unable to get local issuer certificate")
        #expect(untrusted.evidence.field("subject") == "O = Tickmark, CN = localhost")
        #expect(untrusted.evidence.field("issuer") == "CN = Tickmark Test CA")

        let trusting = context(SocketNetworkProber(trustedCertificateFiles: [certificates.authority]))
        let valid = try await ProbeRun.inline("probe: tls localhost:\(server.port) days=10", in: trusting)
        #expect(valid.status == .pass, "\(valid.reason)")
        #expect(valid.evidence.field("days-left") == "29")
        let byAddress = try await ProbeRun.inline("probe: tls 127.0.0.1:\(server.port)", in: trusting)
        #expect(byAddress.status == .pass, "\(byAddress.reason)")
        let tooShort = try await ProbeRun.inline("probe: tls localhost:\(server.port) days=400", in: trusting)
        #expect(tooShort.status == .fail)
        #expect(tooShort.reason.hasSuffix("in 29 days, fewer than 400"), "\(tooShort.reason)")
        let otherName = try await ProbeRun.inline("probe: tls 127.0.0.1:\(server.port) servername=api.example.com", in: trusting)
        #expect(otherName.status == .fail)
        #expect(otherName.reason == "certificate is not valid for api.example.com (subject O = Tickmark, CN = localhost)")
    }

    @Test func tlsToAPlainPortFailsAndToAClosedPortIsAnError() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let plain = try await ProbeRun.inline("probe: tls 127.0.0.1:\(server.port)", in: context())
        #expect(plain.status == .fail)
        #expect(plain.reason.hasPrefix("TLS handshake failed"), "\(plain.reason)")
        let port = try ClosedPort.find()
        let closed = try await ProbeRun.inline("probe: tls 127.0.0.1:\(port)", in: context())
        #expect(closed.status == .error)
    }
}
