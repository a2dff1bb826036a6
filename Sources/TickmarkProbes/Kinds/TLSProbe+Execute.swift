import Foundation
import Tickmark

extension TLSProbe {
    /// Performs a TLS handshake and judges the certificate: in its validity period, trusted,
    /// valid for the name, and valid for `days` more days. Failing to connect is an error; a
    /// failed handshake or an unacceptable certificate fails the probe.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let endpoint = configuration.endpoint
        let name = configuration.verifiedName
        var evidence = ProbeEvidence(action: "TLS handshake with \(endpoint) for \(name)")
        let certificate: CertificateInfo
        switch await context.network.certificate(host: endpoint.host, port: endpoint.port, serverName: name, timeout: context.timeout) {
        case .success(let received): certificate = received
        case .failure(let failure):
            evidence.fields.append(EvidenceField("failure", failure.kind.rawValue))
            return ProbeResult(failure.kind == .tls ? .fail : .error, failure.message, evidence: evidence)
        }
        let now = context.now()
        let remaining = certificate.notAfter.timeIntervalSince(now)
        evidence.fields += [
            EvidenceField("subject", certificate.subject),
            EvidenceField("issuer", certificate.issuer),
            EvidenceField("not-before", ExecutionText.timestamp(certificate.notBefore)),
            EvidenceField("not-after", ExecutionText.timestamp(certificate.notAfter)),
            EvidenceField("days-left", String(Int((remaining / 86400).rounded(.down)))),
            EvidenceField("chain", certificate.chainVerified ? "verified" : "not verified: \(certificate.verificationError ?? "unknown reason")"),
            EvidenceField("host-match", certificate.matchesHost ? "yes" : "no"),
        ]
        if remaining <= 0 {
            let reason = "certificate expired on \(ExecutionText.day(certificate.notAfter)) (\(ExecutionText.age(remaining)) ago)"
            return ProbeResult(.fail, reason, evidence: evidence)
        }
        if certificate.notBefore > now {
            return ProbeResult(.fail, "certificate is not valid before \(ExecutionText.timestamp(certificate.notBefore))", evidence: evidence)
        }
        if !certificate.chainVerified {
            return ProbeResult(.fail, "certificate is not trusted: \(certificate.verificationError ?? "its chain does not verify")", evidence: evidence)
        }
        if !certificate.matchesHost {
            return ProbeResult(.fail, "certificate is not valid for \(name) (subject \(certificate.subject))", evidence: evidence)
        }
        let days = Int((remaining / 86400).rounded(.down))
        if remaining < Double(configuration.minimumDaysRemaining) * 86400 {
            let reason = "certificate expires on \(ExecutionText.day(certificate.notAfter)), in \(ExecutionText.count(days, "day")), fewer than \(configuration.minimumDaysRemaining)"
            return ProbeResult(.fail, reason, evidence: evidence)
        }
        return ProbeResult(.pass, "certificate valid for \(name) until \(ExecutionText.day(certificate.notAfter)) (\(ExecutionText.count(days, "day")) left)", evidence: evidence)
    }
}
