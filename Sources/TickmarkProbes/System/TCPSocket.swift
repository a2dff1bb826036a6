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

    /// The time an attempt has before the next address is tried beside it (RFC 8305's
    /// "Connection Attempt Delay").
    static let attemptDelay: Duration = .milliseconds(250)

    /// Resolves `host` and connects to the first of its addresses that accepts: the addresses
    /// are tried in `getaddrinfo`'s order, each given `attemptDelay` before the next is started
    /// beside it (attempts already started go on), so that an address family that does not
    /// answer (IPv6 routed nowhere) costs a quarter of a second, not the whole timeout.
    /// `hosts` gives addresses for names (numeric, in order), as `curl --resolve` does.
    static func connect(host: String, port: Int, timeout: Duration, deadline: ContinuousClock.Instant,
                        hosts: [String: [String]] = [:]) -> Result<TCPSocket, NetworkFailure> {
        var addresses: [SocketAddress] = []
        for name in hosts[host] ?? [host] {
            switch NameResolver.resolve(name, port: port, until: deadline, timeout: timeout) {
            case .success(let found): addresses += found
            case .failure(let failure): return .failure(failure)
            }
        }
        return connect(to: addresses, endpoint: HostPort(host: host, port: port), timeout: timeout, deadline: deadline)
    }

    /// Connects to the first of `addresses` that accepts, staggering the attempts.
    static func connect(to addresses: [SocketAddress], endpoint: HostPort, timeout: Duration,
                        deadline: ContinuousClock.Instant) -> Result<TCPSocket, NetworkFailure> {
        var pending: [(socket: TCPSocket, address: String)] = []
        var next = 0
        var nextStart = ContinuousClock.now
        var lastFailure = NetworkFailure("\(endpoint.host) has no address", kind: .nameResolution)
        while true {
            let now = ContinuousClock.now
            guard now < deadline else {
                return .failure(NetworkFailure("connecting to \(endpoint) timed out after \(DurationText.format(timeout))", kind: .timedOut))
            }
            if next < addresses.count, pending.isEmpty || now >= nextStart {
                let address = addresses[next]
                next += 1
                nextStart = now + attemptDelay
                switch start(address, endpoint: endpoint) {
                case .success(let socket): pending.append((socket, address.numericHost))
                case .failure(let failure): lastFailure = failure
                }
                continue
            }
            guard !pending.isEmpty else { return .failure(lastFailure) }
            let until = next < addresses.count ? min(deadline, nextStart) : deadline
            var descriptors = pending.map { pollfd(fd: $0.socket.fd, events: Int16(POLLOUT), revents: 0) }
            let milliseconds = Int32(max(0, min(60_000, ((until - now).seconds * 1000).rounded(.up))))
            guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { continue }
            for (index, descriptor) in descriptors.enumerated().reversed() where descriptor.revents != 0 {
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor.fd, SOL_SOCKET, SO_ERROR, &error, &length)
                if error == 0 { return .success(pending[index].socket) }
                lastFailure = failure(error, endpoint: endpoint, address: pending[index].address)
                pending.remove(at: index)
            }
        }
    }

    /// Starts a non-blocking connection to `address`.
    private static func start(_ address: SocketAddress, endpoint: HostPort) -> Result<TCPSocket, NetworkFailure> {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return .failure(NetworkFailure("cannot create a socket: \(errorText(errno))", kind: .other)) }
        let socket = TCPSocket(fd: fd, address: address.numericHost)
        let result = address.storage.withUnsafeBytes { raw in
            Glibc.connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), address.length)
        }
        if result != 0 && errno != EINPROGRESS {
            return .failure(failure(errno, endpoint: endpoint, address: address.numericHost))
        }
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
