import Tickmark

/// Builds byte strings in the SSH wire encoding of RFC 4251 §5.
package struct SSHWriter: Sendable {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    package init() {}

    /// Appends raw bytes, with no length prefix.
    package mutating func raw<Bytes: Sequence>(_ data: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: data)
    }

    /// Appends a single byte.
    package mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends a `uint32`: four bytes, big-endian.
    package mutating func uint32(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends a `string`: a `uint32` length, then the bytes.
    package mutating func string<Bytes: Collection<UInt8>>(_ data: Bytes) {
        uint32(UInt32(data.count))
        bytes.append(contentsOf: data)
    }

    /// Appends a `string` holding the UTF-8 of `text`.
    package mutating func string(_ text: String) {
        string(Array(text.utf8))
    }
}

/// Reads values in the SSH wire encoding, checking every length against the bytes left.
///
/// Every read throws `SSHWireError` instead of reading past the end, so no input can crash it.
package struct SSHReader: Sendable {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    package private(set) var offset: Int

    /// Creates a reader over `bytes`, starting at the first byte.
    package init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        self.bytes = Array(bytes)
        self.offset = 0
    }

    /// How many bytes are left.
    package var remaining: Int { bytes.count - offset }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { offset == bytes.count }

    /// Reads `count` raw bytes.
    package mutating func raw(_ count: Int) throws(SSHWireError) -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw SSHWireError(offset: offset, message: "needs \(count) bytes but only \(remaining) are left")
        }
        let slice = Array(bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// Reads one byte.
    package mutating func byte() throws(SSHWireError) -> UInt8 {
        try raw(1)[0]
    }

    /// Reads a big-endian `uint32`.
    package mutating func uint32() throws(SSHWireError) -> UInt32 {
        let four = try raw(4)
        return four.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Reads a `string` as bytes.
    package mutating func string() throws(SSHWireError) -> [UInt8] {
        let start = offset
        let length = try uint32()
        guard Int(length) <= remaining else {
            offset = start
            throw SSHWireError(offset: start, message: "a string of \(length) bytes runs past the end (\(remaining) left)")
        }
        return try raw(Int(length))
    }

    /// Reads a `string` and requires it to equal `expected` (for magic values and type names).
    package mutating func expectString(_ expected: String, _ what: String) throws(SSHWireError) {
        let start = offset
        let found = try string()
        guard found == Array(expected.utf8) else {
            throw SSHWireError(offset: start, message: "\(what) is '\(printable(found))', expected '\(expected)'")
        }
    }

    /// Throws unless every byte has been read.
    package func expectEnd(_ what: String) throws(SSHWireError) {
        guard isAtEnd else {
            throw SSHWireError(offset: offset, message: "\(remaining) unexpected bytes after the \(what)")
        }
    }
}

/// Malformed SSH wire data: where, and what was wrong.
package struct SSHWireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset where reading failed.
    package var offset: Int
    /// What was wrong.
    package var message: String

    /// Creates an error.
    package init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `message (at byte N)`.
    package var description: String { "\(message) (at byte \(offset))" }
}

/// Text for an error message: printable ASCII kept, other bytes as `\xNN`, cut at 40 bytes.
func printable(_ bytes: [UInt8]) -> String {
    var out = ""
    for byte in bytes.prefix(40) {
        if byte >= 0x20 && byte < 0x7F {
            out.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            out += "\\x" + Digest.hex([byte])
        }
    }
    return bytes.count > 40 ? out + "…" : out
}
