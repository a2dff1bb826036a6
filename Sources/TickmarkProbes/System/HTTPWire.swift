import Foundation

/// HTTP/1.1 on the wire, for `SocketHTTPClient`: the request's bytes, and a response read from a
/// `ByteStream` (status line, headers, and a body by length, chunks, or until the end).
struct HTTPWire {
    /// The status and headers of a response.
    struct Head {
        var status: Int
        var headers: [HTTPHeader]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    private let stream: any ByteStream
    private let deadline: ContinuousClock.Instant
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false

    init(stream: any ByteStream, deadline: ContinuousClock.Instant) {
        self.stream = stream
        self.deadline = deadline
    }

    /// The bytes of a request; a header value holding a line break is refused.
    static func request(method: String, target: String, host: String, headers: [HTTPHeader], body: [UInt8]?) -> Result<[UInt8], NetworkFailure> {
        var text = "\(method) \(target) HTTP/1.1\r\n"
        let given = Set(headers.map { $0.name.lowercased() })
        if !given.contains("host") { text += "Host: \(host)\r\n" }
        if !given.contains("user-agent") { text += "User-Agent: tickmark\r\n" }
        if !given.contains("accept") { text += "Accept: */*\r\n" }
        for header in headers where !["connection", "content-length", "transfer-encoding"].contains(header.name.lowercased()) {
            guard !header.value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                return .failure(NetworkFailure("header \(header.name) holds a line break", kind: .other))
            }
            text += "\(header.name): \(header.value)\r\n"
        }
        text += "Connection: close\r\n"
        if let body { text += "Content-Length: \(body.count)\r\n" }
        return .success(Array((text + "\r\n").utf8) + (body ?? []))
    }

    /// Reads the status line and headers, skipping interim (1xx) responses.
    mutating func readHead() -> Result<Head, NetworkFailure> {
        while true {
            guard let end = find([0x0D, 0x0A, 0x0D, 0x0A]) else {
                if buffer.count - position > 64 * 1024 { return .failure(NetworkFailure("response headers are too large", kind: .other)) }
                if ended {
                    return .failure(NetworkFailure(buffer.count == position ? "the server closed the connection without answering" : "the response headers are incomplete", kind: .other))
                }
                if let failure = more() { return .failure(failure) }
                continue
            }
            let lines = String(decoding: buffer[position..<end], as: UTF8.self).components(separatedBy: "\r\n")
            position = end + 4
            let statusParts = lines[0].split(separator: " ", maxSplits: 2)
            guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]), (100...599).contains(status) else {
                return .failure(NetworkFailure("not an HTTP response: \(lines[0].prefix(80))", kind: .other))
            }
            if status < 200 && status != 101 { continue }
            let headers = lines.dropFirst().compactMap { line -> HTTPHeader? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return HTTPHeader(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            return .success(Head(status: status, headers: headers))
        }
    }

    /// Reads the body of a response to `method`, keeping at most `limit` bytes.
    mutating func readBody(of head: Head, method: String, limit: Int) -> Result<(body: [UInt8], truncated: Bool), NetworkFailure> {
        if method == "HEAD" || head.status == 204 || head.status == 304 { return .success(([], false)) }
        if head.header("Transfer-Encoding")?.lowercased().contains("chunked") == true { return readChunks(limit: limit) }
        if let text = head.header("Content-Length"), let length = Int(text.trimmingCharacters(in: .whitespaces)), length >= 0 {
            return take(min(length, limit), exact: true).map { ($0, length > limit) }
        }
        return take(limit, exact: false).map { bytes in (bytes, !(ended && buffer.count == position)) }
    }

    private mutating func readChunks(limit: Int) -> Result<(body: [UInt8], truncated: Bool), NetworkFailure> {
        var body: [UInt8] = []
        while true {
            guard case .success(let sizeLine) = readLine() else { return .failure(NetworkFailure("the chunked body is incomplete", kind: .other)) }
            let sizeText = sizeLine.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return .failure(NetworkFailure("bad chunk size '\(sizeText)'", kind: .other)) }
            if size == 0 { return .success((body, false)) }
            let room = limit - body.count
            switch take(min(size, room), exact: true) {
            case .success(let bytes): body += bytes
            case .failure(let failure): return .failure(failure)
            }
            if size > room { return .success((body, true)) }
            _ = readLine()
        }
    }

    /// The next line, without its CRLF.
    private mutating func readLine() -> Result<String, NetworkFailure> {
        while true {
            if let end = find([0x0D, 0x0A]) {
                defer { position = end + 2 }
                return .success(String(decoding: buffer[position..<end], as: UTF8.self))
            }
            if ended || buffer.count - position > 4096 { return .failure(NetworkFailure("incomplete line", kind: .other)) }
            if let failure = more() { return .failure(failure) }
        }
    }

    /// `count` bytes (or, when not `exact`, up to `count` bytes until the end of the stream).
    private mutating func take(_ count: Int, exact: Bool) -> Result<[UInt8], NetworkFailure> {
        while buffer.count - position < count && !ended {
            if let failure = more() { return .failure(failure) }
        }
        if exact && buffer.count - position < count {
            return .failure(NetworkFailure("the server closed the connection before sending the whole body", kind: .other))
        }
        let end = min(buffer.count, position + count)
        defer { position = end }
        return .success(Array(buffer[position..<end]))
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count - position >= pattern.count else { return nil }
        for index in position...(buffer.count - pattern.count) where buffer[index] == pattern[0] {
            if buffer[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
        }
        return nil
    }

    /// Reads more bytes; sets `ended` at the end of the stream.
    private mutating func more() -> NetworkFailure? {
        if position > 64 * 1024 {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let result = chunk.withUnsafeMutableBytes { stream.read(into: $0, until: deadline) }
        switch result {
        case .success(0): ended = true
        case .success(let count): buffer += chunk[..<count]
        case .failure(let failure): return failure
        }
        return nil
    }
}
