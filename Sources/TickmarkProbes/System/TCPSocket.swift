import Foundation
import Tickmark

/// A byte stream with a deadline on every operation: a TCP socket, or TLS over one.
protocol ByteStream: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) -> NetworkFailure?
    /// Reads at most `buffer.count` bytes; 0 means the peer closed the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) -> Result<Int, NetworkFailure>
}

/// A connected, non-blocking TCP socket. Blocking calls: use it on a thread of its own.
final class TCPSocket: ByteStream {
    /// The socket's descriptor, closed with the object.
    let fd: Int32
    /// The address it is connected to, numeric (`127.0.0.1`, `::1`).
    let address: String

    private init(fd: Int32, address: String) {
        self.fd = fd
        self.address = address
    }

    deinit { close(fd) }

    /// Resolves `host` and connects to the first of its addresses that accepts, trying them in
    /// order until one connects or `deadline` passes.
    static func connect(host: String, port: Int, timeout: Duration, deadline: ContinuousClock.Instant) -> Result<TCPSocket, NetworkFailure> {
        let addresses: [SocketAddress]
        switch NameResolver.resolve(host, port: port, until: deadline, timeout: timeout) {
        case .success(let found): addresses = found
        case .failure(let failure): return .failure(failure)
        }
        var lastFailure = NetworkFailure("\(host) has no address", kind: .nameResolution)
        for address in addresses {
            switch connect(to: address, deadline: deadline, timeout: timeout, endpoint: HostPort(host: host, port: port)) {
            case .success(let socket): return .success(socket)
            case .failure(let failure):
                lastFailure = failure
                if failure.kind == .timedOut { return .failure(failure) }
            }
        }
        return .failure(lastFailure)
    }

    private static func connect(to address: SocketAddress, deadline: ContinuousClock.Instant, timeout: Duration,
                                endpoint: HostPort) -> Result<TCPSocket, NetworkFailure> {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return .failure(NetworkFailure("cannot create a socket: \(errorText(errno))", kind: .other)) }
        let socket = TCPSocket(fd: fd, address: address.numericHost)
        let result = address.storage.withUnsafeBytes { raw in
            Glibc.connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), address.length)
        }
        if result != 0 && errno != EINPROGRESS {
            return .failure(failure(errno, endpoint: endpoint, address: address.numericHost))
        }
        guard socket.wait(for: Int16(POLLOUT), until: deadline) else {
            return .failure(NetworkFailure("connecting to \(endpoint) timed out after \(DurationText.format(timeout))", kind: .timedOut))
        }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else { return .failure(failure(error, endpoint: endpoint, address: address.numericHost)) }
        return .success(socket)
    }

    /// A failure for a `connect` error number.
    private static func failure(_ code: Int32, endpoint: HostPort, address: String) -> NetworkFailure {
        let kind: NetworkFailure.Kind = switch code {
        case ECONNREFUSED: .refused
        case ENETUNREACH, EHOSTUNREACH: .unreachable
        case ETIMEDOUT: .timedOut
        default: .other
        }
        let via = address == endpoint.host ? "" : " (\(address))"
        return NetworkFailure("cannot connect to \(endpoint)\(via): \(errorText(code).lowercased())", kind: kind)
    }

    /// Waits until the socket is ready for `events`; false when `deadline` passed first.
    func wait(for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let milliseconds = Int32(min(60_000, (remaining.seconds * 1000).rounded(.up)))
            let result = poll(&descriptor, 1, milliseconds)
            if result > 0 { return true }
            if result < 0 && errno != EINTR { return true }   // let the next call report the error
        }
    }

    func write(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) -> NetworkFailure? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written > 0 {
                offset += written
            } else if errno == EAGAIN || errno == EINTR {
                guard wait(for: Int16(POLLOUT), until: deadline) else { return NetworkFailure("sending timed out", kind: .timedOut) }
            } else {
                return NetworkFailure("cannot send: \(TCPSocket.errorText(errno).lowercased())", kind: .other)
            }
        }
        return nil
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) -> Result<Int, NetworkFailure> {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return .success(count) }
            guard errno == EAGAIN || errno == EINTR else {
                return .failure(NetworkFailure("cannot receive: \(TCPSocket.errorText(errno).lowercased())", kind: .other))
            }
            guard wait(for: Int16(POLLIN), until: deadline) else { return .failure(NetworkFailure("receiving timed out", kind: .timedOut)) }
        }
    }

    /// `strerror` as a Swift string.
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
