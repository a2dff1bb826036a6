import Foundation
import Tickmark

/// What libcurl hands over during one transfer: the header lines of the response (a new status
/// line, from a 1xx answer or a proxy's tunnel, starts them again) and the body, kept up to a limit.
final class CurlReceiver {
    /// The most body bytes kept.
    let limit: Int
    /// Whether to stop the transfer at the limit; otherwise later bytes are only counted.
    let stopAtLimit: Bool
    /// The header lines of the latest response, without line ends; folded lines joined.
    private(set) var headerLines: [String] = []
    /// The body bytes kept (decoded when the server compressed them).
    private(set) var body: [UInt8] = []
    /// All body bytes received, kept or not.
    private(set) var bodySize = 0
    /// Whether the transfer was stopped because the body reached `limit`.
    private(set) var stoppedAtLimit = false

    init(limit: Int, stopAtLimit: Bool) {
        self.limit = limit
        self.stopAtLimit = stopAtLimit
    }

    /// Takes one header line; false stops the transfer.
    func header(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var line = String(decoding: bytes, as: UTF8.self)
        while let last = line.unicodeScalars.last, last == "\n" || last == "\r" { line.unicodeScalars.removeLast() }
        if line.hasPrefix("HTTP/") {
            headerLines = []
        } else if let first = line.first, first == " " || first == "\t" {
            // An obsolete folded line continues the previous header's value.
            let continuation = line.trimmingCharacters(in: .whitespaces)
            if !headerLines.isEmpty, !continuation.isEmpty { headerLines[headerLines.count - 1] += " " + continuation }
        } else if !line.isEmpty {
            headerLines.append(line)
        }
        return true
    }

    /// Takes body bytes; false stops the transfer.
    func bodyBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bodySize += bytes.count
        let room = limit - body.count
        if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
        if bytes.count > room, stopAtLimit {
            stoppedAtLimit = true
            return false
        }
        return true
    }

    /// The headers of the latest response, in order, repeated names kept. A space before the
    /// colon is taken as part of the separator; lines without a colon are left out.
    var headers: [HTTPHeader] {
        headerLines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            return HTTPHeader(name: name, value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }
}
