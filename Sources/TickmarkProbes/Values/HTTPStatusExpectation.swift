import Tickmark

/// The response statuses an `http` probe accepts: codes (`200`), lists (`200,204`) and classes
/// (`2xx`).
package struct HTTPStatusExpectation: Sendable, Equatable, CustomStringConvertible {
    /// One accepted code or class.
    package enum Pattern: Sendable, Equatable, CustomStringConvertible {
        /// Exactly this code, 100…599.
        case code(Int)
        /// Any code whose first digit is this one, 1…5 (`2` for `2xx`).
        case statusClass(Int)

        /// `200` or `2xx`.
        package var description: String {
            switch self {
            case .code(let code): String(code)
            case .statusClass(let digit): "\(digit)xx"
            }
        }

        /// Whether `status` is accepted by this pattern.
        package func matches(_ status: Int) -> Bool {
            switch self {
            case .code(let code): status == code
            case .statusClass(let digit): status / 100 == digit && (100...599).contains(status)
            }
        }
    }

    /// The accepted patterns; a status is accepted when any matches.
    package var patterns: [Pattern]

    /// Creates an expectation.
    package init(_ patterns: [Pattern]) { self.patterns = patterns }

    /// Any `2xx` status: the default when a probe names none.
    package static let success = HTTPStatusExpectation([.statusClass(2)])

    /// Whether `status` is accepted.
    package func matches(_ status: Int) -> Bool { patterns.contains { $0.matches(status) } }

    /// `200`, `200 or 204`, `2xx or 304`.
    package var description: String { patterns.map(\.description).joined(separator: " or ") }

    /// Reads one written pattern: `200` or `2xx` (any case).
    package static func pattern(_ text: String) -> Pattern? {
        let trimmed = text.trimmingASCIIWhitespace()
        let bytes = Array(trimmed.utf8)
        guard bytes.count == 3, (0x31...0x35).contains(bytes[0]) else { return nil }
        let first = Int(bytes[0] - 0x30)
        if bytes[1...].allSatisfy({ $0 == 0x78 || $0 == 0x58 }) { return .statusClass(first) }
        guard bytes[1...].allSatisfy({ (0x30...0x39).contains($0) }), let code = Int(trimmed) else { return nil }
        return .code(code)
    }

    /// Reads a written list: `200`, `200,204`, `2xx, 304`; a failure names the first invalid entry.
    package static func parse(_ entries: [String]) -> Result<HTTPStatusExpectation, InvalidEntry> {
        var patterns: [Pattern] = []
        for entry in entries {
            for part in entry.split(separator: ",", omittingEmptySubsequences: false) {
                guard let pattern = pattern(String(part)) else { return .failure(InvalidEntry(text: part.trimmingASCIIWhitespace())) }
                patterns.append(pattern)
            }
        }
        guard !patterns.isEmpty else { return .failure(InvalidEntry(text: "")) }
        return .success(HTTPStatusExpectation(patterns))
    }

    /// An entry that is neither a status code nor a class.
    package struct InvalidEntry: Error, Sendable, Equatable {
        /// The entry as written.
        package var text: String
    }
}
