#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tickmark

/// The parser of one `allowed_signers` line.
enum AllowedSignersLine {
    /// Parses a non-blank, non-comment line.
    static func parse(_ line: String, number: Int) throws(TickmarkError) -> AllowedSigners.Entry {
        var fields = Fields(Array(line.utf8))
        guard let principals = fields.next(), !principals.isEmpty else { throw invalid("no principals") }
        guard var token = fields.next() else { throw invalid("no key after the principals") }
        var entry = AllowedSigners.Entry(
            principals: unquote(principals), namespaces: nil, validAfter: nil, validBefore: nil, publicKey: nil, line: number
        )
        var certificateAuthority = false
        if !looksLikeKeyType(token) {
            for option in splitOptions(token) {
                let (name, value) = splitOption(option)
                switch name.lowercased() {
                case "cert-authority" where value == nil: certificateAuthority = true
                case "namespaces": entry.namespaces = try required(value, name)
                case "valid-after": entry.validAfter = try timestamp(try required(value, name), name)
                case "valid-before": entry.validBefore = try timestamp(try required(value, name), name)
                default: throw invalid("unknown option '\(option)'")
                }
            }
            guard let next = fields.next() else { throw invalid("no key after the options") }
            token = next
        }
        guard looksLikeKeyType(token) else {
            throw invalid("expected a key type such as ssh-ed25519, found '\(token)' (options are separated by commas, not spaces)")
        }
        guard let base64 = fields.next() else { throw invalid("the key '\(token)' has no Base64 part") }
        guard token == SSHPublicKey.keyType, !certificateAuthority else {
            return entry  // another key type or a certificate authority: kept, but never matches
        }
        entry.publicKey = try SSHPublicKey(line: token + " " + base64)
        return entry
    }

    private static func invalid(_ message: String) -> TickmarkError {
        TickmarkError(.invalidInput, message)
    }

    private static func required(_ value: String?, _ name: String) throws(TickmarkError) -> String {
        guard let value, !value.isEmpty else { throw invalid("the option \(name) needs a value, as in \(name)=\"…\"") }
        return value
    }

    private static func looksLikeKeyType(_ token: String) -> Bool {
        ["ssh-", "ecdsa-", "sk-"].contains { token.hasPrefix($0) } && !token.contains("=")
    }

    /// Splits `a,b="x,y",c` at commas outside double quotes.
    private static func splitOptions(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for char in text {
            if char == "\"" { quoted.toggle() }
            if char == ",", !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(char)
            }
        }
        parts.append(current)
        return parts
    }

    private static func splitOption(_ option: String) -> (String, String?) {
        guard let equals = option.firstIndex(of: "=") else { return (option, nil) }
        return (String(option[..<equals]), unquote(String(option[option.index(after: equals)...])))
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// `YYYYMMDD[HHMM[SS]][Z]`: UTC with `Z`, local time without, as ssh-keygen reads it.
    static func timestamp(_ text: String, _ name: String) throws(TickmarkError) -> Int {
        var digits = Array(text.utf8)
        let utc = digits.last == UInt8(ascii: "Z")
        if utc { digits.removeLast() }
        guard [8, 12, 14].contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw invalid("\(name)=\"\(text)\" is not a time of the form YYYYMMDD[HHMM[SS]][Z]")
        }
        func number(_ start: Int, _ length: Int) -> Int32 {
            digits[start..<(start + length)].reduce(0) { $0 * 10 + Int32($1 - 0x30) }
        }
        var parts = tm()
        parts.tm_year = number(0, 4) - 1900
        parts.tm_mon = number(4, 2) - 1
        parts.tm_mday = number(6, 2)
        parts.tm_hour = digits.count >= 12 ? number(8, 2) : 0
        parts.tm_min = digits.count >= 12 ? number(10, 2) : 0
        parts.tm_sec = digits.count == 14 ? number(12, 2) : 0
        parts.tm_isdst = -1
        guard (0...11).contains(parts.tm_mon), (1...31).contains(parts.tm_mday), parts.tm_hour < 24, parts.tm_min < 60, parts.tm_sec < 61 else {
            throw invalid("\(name)=\"\(text)\" is not a valid date and time")
        }
        return Int(utc ? timegm(&parts) : mktime(&parts))
    }

    /// Whitespace-separated fields, where a field that starts with `"` runs to the closing quote.
    struct Fields {
        private let bytes: [UInt8]
        private var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> String? {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count else { return nil }
            let start = index
            var quoted = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if !quoted, byte == 0x20 || byte == 0x09 { break }
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}
