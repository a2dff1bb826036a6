import COpenSSL
import CTickmarkSystem
import Foundation

/// A TLS client connection (the system's OpenSSL) over a connected `TCPSocket`.
///
/// The handshake never stops at a bad certificate: the chain is verified against the system's
/// trust store (plus `trustedCertificateFiles`) and the verdict is read afterwards, so a probe can
/// say why a certificate is not acceptable. Used on one thread.
final class TLSSession: ByteStream {
    private let socket: TCPSocket
    private let context: OpaquePointer
    private let ssl: OpaquePointer

    /// Prepares a session; `serverName` is sent as SNI unless it is an IP address.
    init?(socket: TCPSocket, serverName: String, trustedCertificateFiles: [String] = []) {
        guard let context = SSL_CTX_new(TLS_client_method()) else { return nil }
        SSL_CTX_set_default_verify_paths(context)
        for file in trustedCertificateFiles { SSL_CTX_load_verify_locations(context, file, nil) }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        tickmark_ssl_ctx_ignore_unexpected_eof(context)
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            return nil
        }
        self.socket = socket
        self.context = context
        self.ssl = ssl
        SSL_set_fd(ssl, socket.fd)
        if !TLSSession.isIPAddress(serverName) { _ = tickmark_ssl_set_server_name(ssl, serverName) }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    /// Performs the handshake; a failure says why.
    func handshake(until deadline: ContinuousClock.Instant) -> NetworkFailure? {
        while true {
            ERR_clear_error()
            let result = SSL_connect(ssl)
            if result == 1 { return nil }
            if let failure = waitOrFail(result, deadline: deadline, doing: "TLS handshake") { return failure }
        }
    }

    /// The certificate the server presented and the verdict on it for `name`.
    func certificate(for name: String) -> CertificateInfo? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        let verification = SSL_get_verify_result(ssl)
        let matches = TLSSession.isIPAddress(name)
            ? X509_check_ip_asc(certificate, name, 0) == 1
            : X509_check_host(certificate, name, name.utf8.count, 0, nil) == 1
        return CertificateInfo(
            subject: TLSSession.line(X509_get_subject_name(certificate)),
            issuer: TLSSession.line(X509_get_issuer_name(certificate)),
            notBefore: TLSSession.date(X509_get0_notBefore(certificate)),
            notAfter: TLSSession.date(X509_get0_notAfter(certificate)),
            chainVerified: verification == X509_V_OK,
            matchesHost: matches,
            verificationError: verification == X509_V_OK ? nil : String(cString: X509_verify_cert_error_string(verification))
        )
    }

    func write(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) -> NetworkFailure? {
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let written = bytes[offset...].withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
            if written > 0 {
                offset += Int(written)
            } else if let failure = waitOrFail(written, deadline: deadline, doing: "sending") {
                return failure
            }
        }
        return nil
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) -> Result<Int, NetworkFailure> {
        while true {
            ERR_clear_error()
            let count = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count))
            if count > 0 { return .success(Int(count)) }
            if SSL_get_error(ssl, count) == SSL_ERROR_ZERO_RETURN { return .success(0) }
            if let failure = waitOrFail(count, deadline: deadline, doing: "receiving") { return .failure(failure) }
        }
    }

    /// After an OpenSSL call returned `result`: waits for the socket when OpenSSL asks to (nil),
    /// or says what failed.
    private func waitOrFail(_ result: Int32, deadline: ContinuousClock.Instant, doing action: String) -> NetworkFailure? {
        let error = SSL_get_error(ssl, result)
        let events: Int16
        switch error {
        case SSL_ERROR_WANT_READ: events = Int16(POLLIN)
        case SSL_ERROR_WANT_WRITE: events = Int16(POLLOUT)
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
            let reason = errno == 0 ? "the server closed the connection" : TCPSocket.errorText(errno).lowercased()
            return NetworkFailure("\(action) failed: \(reason)", kind: .tls)
        default:
            return NetworkFailure("\(action) failed: \(TLSSession.openSSLError())", kind: .tls)
        }
        return socket.wait(for: events, until: deadline) ? nil : NetworkFailure("\(action) timed out", kind: .timedOut)
    }

    /// The reason of the oldest queued OpenSSL error (`wrong version number`).
    private static func openSSLError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "unknown OpenSSL error" }
        if let reason = ERR_reason_error_string(code) { return String(cString: reason) }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func line(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        var buffer = [CChar](repeating: 0, count: 1024)
        let length = Int(tickmark_x509_name_line(name, &buffer, Int32(buffer.count)))
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    static func isIPAddress(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }
}
