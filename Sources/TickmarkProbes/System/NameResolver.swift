import Foundation
import Synchronization
import Tickmark

/// A resolved socket address, copied out of `getaddrinfo`'s list.
struct SocketAddress: Sendable {
    /// `AF_INET` or `AF_INET6`.
    var family: Int32
    /// The `sockaddr_in` or `sockaddr_in6` bytes, in a `sockaddr_storage`-sized buffer.
    var storage: [UInt8]
    /// The number of meaningful bytes in `storage`.
    var length: socklen_t
    /// The address as text (`127.0.0.1`, `::1`).
    var numericHost: String
}

/// Host name resolution with a deadline. `getaddrinfo` cannot be interrupted, so it runs on a
/// thread of its own; when the deadline passes first, its late answer is dropped.
enum NameResolver {
    private final class Answer: Sendable {
        let value = Mutex<Result<[SocketAddress], NetworkFailure>?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    /// The addresses of `host` (a name, or an IPv4 or IPv6 address), in `getaddrinfo`'s order.
    static func resolve(_ host: String, port: Int, until deadline: ContinuousClock.Instant, timeout: Duration) -> Result<[SocketAddress], NetworkFailure> {
        let answer = Answer()
        DetachedThread.start(stackSize: 256 * 1024) {
            let result = lookUp(host, port: port)
            answer.value.withLock { $0 = result }
            answer.done.signal()
        }
        let remaining = deadline - .now
        let waitTime = DispatchTime.now() + .nanoseconds(Int(max(0, remaining.seconds) * 1e9))
        guard answer.done.wait(timeout: waitTime) == .success, let result = answer.value.withLock({ $0 }) else {
            return .failure(NetworkFailure("resolving \(host) timed out after \(DurationText.format(timeout))", kind: .nameResolution))
        }
        return result
    }

    private static func lookUp(_ host: String, port: Int) -> Result<[SocketAddress], NetworkFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failure(NetworkFailure("cannot resolve \(host): \(reason.lowercased())", kind: .nameResolution))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var cursor = list
        while let entry = cursor?.pointee {
            cursor = entry.ai_next
            guard let socketAddress = entry.ai_addr, entry.ai_family == AF_INET || entry.ai_family == AF_INET6 else { continue }
            var storage = [UInt8](repeating: 0, count: MemoryLayout<sockaddr_storage>.size)
            let length = Int(entry.ai_addrlen)
            storage.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: socketAddress, count: min(length, $0.count))) }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            getnameinfo(socketAddress, entry.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST)
            let numeric = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            addresses.append(SocketAddress(family: entry.ai_family, storage: storage, length: entry.ai_addrlen, numericHost: numeric))
        }
        guard !addresses.isEmpty else { return .failure(NetworkFailure("\(host) has no IPv4 or IPv6 address", kind: .nameResolution)) }
        return .success(addresses)
    }
}
