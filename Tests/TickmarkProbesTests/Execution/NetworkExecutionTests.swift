import Foundation
import Testing
import TickmarkProbes

@Suite struct TCPExecutionTests {
    @Test func anOpenConnectionPasses() async throws {
        let prober = FakeNetworkProber(connection: .success(.milliseconds(4)))
        let result = try await ProbeRun.inline("probe: tcp db.internal:5432", in: ProbeRun.context(network: prober, timeout: .seconds(2)))
        #expect(result.status == .pass)
        #expect(result.reason == "connected to db.internal:5432 in 4ms")
        #expect(prober.calls == [.init(host: "db.internal", port: 5432, serverName: nil, timeout: .seconds(2))])
    }

    @Test(arguments: [NetworkFailure.Kind.refused, .unreachable, .timedOut])
    func aConnectionThatDoesNotOpenFails(_ kind: NetworkFailure.Kind) async throws {
        let prober = FakeNetworkProber(connection: .failure(NetworkFailure("cannot connect to db.internal:5432: connection refused", kind: kind)))
        let result = try await ProbeRun.inline("probe: tcp db.internal:5432", in: ProbeRun.context(network: prober))
        #expect(result.status == .fail)
        #expect(result.reason == "cannot connect to db.internal:5432: connection refused")
    }

    @Test func aNameThatDoesNotResolveIsAnError() async throws {
        let prober = FakeNetworkProber(connection: .failure(NetworkFailure("cannot resolve db.internal: name or service not known", kind: .nameResolution)))
        let result = try await ProbeRun.inline("probe: tcp db.internal:5432", in: ProbeRun.context(network: prober))
        #expect(result.status == .error)
    }
}

@Suite struct TLSExecutionTests {
    private func certificate(notBefore: Double = -30, notAfter: Double = 60, verified: Bool = true, matches: Bool = true,
                             error: String? = nil) -> CertificateInfo {
        CertificateInfo(subject: "CN = api.example.com", issuer: "C = US, O = Let's Encrypt, CN = R11",
                        notBefore: FixedClock.days(notBefore), notAfter: FixedClock.days(notAfter),
                        chainVerified: verified, matchesHost: matches, verificationError: error)
    }

    private func run(_ probe: String, _ answer: Result<CertificateInfo, NetworkFailure>) async throws -> (ProbeResult, FakeNetworkProber) {
        let prober = FakeNetworkProber(certificate: answer)
        return (try await ProbeRun.inline(probe, in: ProbeRun.context(network: prober)), prober)
    }

    @Test func aValidCertificateWithEnoughDaysPasses() async throws {
        let (result, prober) = try await run("probe: tls 10.0.0.5:8443 servername=api.example.com days=14", .success(certificate()))
        #expect(result.status == .pass)
        #expect(result.reason == "certificate valid for api.example.com until 2026-07-14 (60 days left)")
        #expect(prober.calls.first?.host == "10.0.0.5")
        #expect(prober.calls.first?.serverName == "api.example.com")
        #expect(result.evidence.field("issuer") == "C = US, O = Let's Encrypt, CN = R11")
        #expect(result.evidence.field("days-left") == "60")
    }

    @Test func tooFewDaysLeftFails() async throws {
        let (result, _) = try await run("probe: tls api.example.com days=90", .success(certificate()))
        #expect(result.status == .fail)
        #expect(result.reason == "certificate expires on 2026-07-14, in 60 days, fewer than 90")
    }

    @Test func anExpiredCertificateFails() async throws {
        let (result, _) = try await run("probe: tls api.example.com", .success(certificate(notAfter: -3, verified: false, error: "certificate has expired")))
        #expect(result.status == .fail)
        #expect(result.reason == "certificate expired on 2026-05-12 (3d ago)")
    }

    @Test func anUntrustedCertificateFails() async throws {
        let (result, _) = try await run("probe: tls api.example.com", .success(certificate(verified: false, error: "self-signed certificate")))
        #expect(result.status == .fail)
        #expect(result.reason == "certificate is not trusted: self-signed certificate")
    }

    @Test func aCertificateForAnotherHostFails() async throws {
        let (result, _) = try await run("probe: tls api.example.com", .success(certificate(matches: false)))
        #expect(result.status == .fail)
        #expect(result.reason == "certificate is not valid for api.example.com (subject CN = api.example.com)")
    }

    @Test func aCertificateNotYetValidFails() async throws {
        let (result, _) = try await run("probe: tls api.example.com", .success(certificate(notBefore: 2)))
        #expect(result.status == .fail)
        #expect(result.reason.hasPrefix("certificate is not valid before 2026-05-17"))
    }

    @Test func connectionProblemsAreErrorsButAFailedHandshakeFails() async throws {
        let (refused, _) = try await run("probe: tls api.example.com", .failure(NetworkFailure("connection refused", kind: .refused)))
        #expect(refused.status == .error)
        let (unresolved, _) = try await run("probe: tls api.example.com", .failure(NetworkFailure("cannot resolve", kind: .nameResolution)))
        #expect(unresolved.status == .error)
        let (handshake, _) = try await run("probe: tls api.example.com", .failure(NetworkFailure("TLS handshake failed: wrong version number", kind: .tls)))
        #expect(handshake.status == .fail)
        #expect(handshake.reason == "TLS handshake failed: wrong version number")
    }
}
