#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tickmark

/// A connected Unix stream socket to an SSH agent, with blocking reads and writes and a timeout.
struct AgentSocket {
    private let descriptor: Int32
    private let path: String

    /// Seconds to wait for the agent: long enough for an agent that asks the user to confirm.
    static let timeoutSeconds = 120

    /// Connects to the socket at `path`.
    init(path: String) throws(TickmarkError) {
        self.path = path
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity else {
            throw TickmarkError(.sshAgent, "the agent socket path '\(path)' is empty or longer than \(capacity - 1) bytes")
        }
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else {
            throw TickmarkError(.sshAgent, "cannot create a socket: \(String(cString: strerror(errno)))")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        var timeout = timeval(tv_sec: Self.timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let status = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard status == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw TickmarkError(
                .sshAgent,
                "cannot reach the SSH agent at \(path) (\(reason)); start one with `eval \"$(ssh-agent)\"` and `ssh-add` your key"
            )
        }
        self.descriptor = descriptor
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(TickmarkError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress! + written, buffer.count - written, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw TickmarkError(.sshAgent, "cannot write to the SSH agent at \(path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
    }

    /// Reads exactly `count` bytes.
    func read(_ count: Int) throws(TickmarkError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let received = bytes.withUnsafeMutableBytes { buffer in
                recv(descriptor, buffer.baseAddress! + filled, count - filled, 0)
            }
            if received < 0 {
                if errno == EINTR { continue }
                let reason = errno == EAGAIN || errno == EWOULDBLOCK
                    ? "no answer within \(Self.timeoutSeconds) seconds" : String(cString: strerror(errno))
                throw TickmarkError(.sshAgent, "cannot read from the SSH agent at \(path): \(reason)")
            }
            if received == 0 {
                throw TickmarkError(.sshAgent, "the SSH agent at \(path) closed the connection before answering")
            }
            filled += received
        }
        return bytes
    }

    /// Closes the connection.
    func close() {
        Glibc.close(descriptor)
    }
}
