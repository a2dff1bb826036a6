import Foundation
import Tickmark

/// Opens real TCP connections and TLS handshakes (the system's OpenSSL), IPv4 and IPv6.
package struct SocketNetworkProber: NetworkProber {
    /// PEM files of certificates trusted in addition to the system's store (a private CA).
    package var trustedCertificateFiles: [String]
    /// Addresses for host names (numeric, tried in order), as `curl --resolve` gives them.
    package var hosts: [String: [String]]

    /// Creates a prober.
    package init(trustedCertificateFiles: [String] = [], hosts: [String: [String]] = [:]) {
        self.trustedCertificateFiles = trustedCertificateFiles
        self.hosts = hosts
    }

    /// Resolves `host`, connects to `port` within `timeout`, closes the connection, and returns
    /// how long connecting took (resolution included).
    package func connect(host: String, port: Int, timeout: Duration) async -> Result<Duration, NetworkFailure> {
        let hosts = hosts
        return await DetachedThread.run {
            let start = ContinuousClock.now
            return TCPSocket.connect(host: host, port: port, timeout: timeout, deadline: start + timeout, hosts: hosts)
                .map { _ in ContinuousClock.now - start }
        }
    }

    /// Connects, performs a TLS handshake sending `serverName`, and returns the certificate and
    /// the verdict on it for `serverName`. A certificate that does not verify is not a failure
    /// here: `chainVerified`, `matchesHost` and `verificationError` say what is wrong.
    package func certificate(host: String, port: Int, serverName: String, timeout: Duration) async -> Result<CertificateInfo, NetworkFailure> {
        let trusted = trustedCertificateFiles
        let hosts = hosts
        return await DetachedThread.run {
            let deadline = ContinuousClock.now + timeout
            let socket: TCPSocket
            switch TCPSocket.connect(host: host, port: port, timeout: timeout, deadline: deadline, hosts: hosts) {
            case .success(let connected): socket = connected
            case .failure(let failure): return .failure(failure)
            }
            guard let session = TLSSession(socket: socket, serverName: serverName, trustedCertificateFiles: trusted) else {
                return .failure(NetworkFailure("cannot set up OpenSSL", kind: .other))
            }
            if var failure = session.handshake(until: deadline) {
                if failure.kind == .timedOut { failure.message = "TLS handshake with \(HostPort(host: host, port: port)) timed out after \(DurationText.format(timeout))" }
                return .failure(failure)
            }
            guard let certificate = session.certificate(for: serverName) else {
                return .failure(NetworkFailure("the server presented no certificate", kind: .tls))
            }
            return .success(certificate)
        }
    }
}
