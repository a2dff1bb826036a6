/// Strict Base64 (RFC 4648) encoding and decoding, with no dependency on Foundation.
///
/// Decoding is canonical: padding is required, the unused low bits of the last group must be
/// zero, and nothing but the alphabet may appear. So two different texts never decode to the same
/// bytes, which is what a signature verifier needs to notice a changed byte.
package enum Base64 {
    /// Which 64-character alphabet a text uses.
    package enum Alphabet: Sendable {
        /// `A–Z a–z 0–9 + /`.
        case standard
        /// `A–Z a–z 0–9 - _` (RFC 4648 §5).
        case urlSafe
    }

    private static let standardTable: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes `bytes` in the standard alphabet, padded with `=`, on one line.
    package static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes, padded: Bool = true) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= input.count {
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            for shift in [18, 12, 6, 0] { out.append(standardTable[Int((group >> UInt32(shift)) & 0x3F)]) }
            index += 3
        }
        let rest = input.count - index
        if rest > 0 {
            var group = UInt32(input[index]) << 16
            if rest == 2 { group |= UInt32(input[index + 1]) << 8 }
            out.append(standardTable[Int((group >> 18) & 0x3F)])
            out.append(standardTable[Int((group >> 12) & 0x3F)])
            if rest == 2 { out.append(standardTable[Int((group >> 6) & 0x3F)]) }
            if padded { out.append(contentsOf: Array(repeating: UInt8(ascii: "="), count: 3 - rest)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes padded Base64 text in either alphabet (not both mixed); `nil` if it is not canonical.
    package static func decode(_ text: String) -> [UInt8]? {
        decode(Array(text.utf8))
    }

    /// Decodes padded Base64 bytes in either alphabet (not both mixed); `nil` if not canonical.
    package static func decode(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var alphabet: Alphabet?
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3)
        var index = 0
        while index < text.count {
            let isLast = index + 4 == text.count
            var group: UInt32 = 0
            var padding = 0
            for offset in 0..<4 {
                let char = text[index + offset]
                if char == UInt8(ascii: "=") {
                    // Padding may only end the last group, and only in its last one or two places.
                    guard isLast, offset >= 2 else { return nil }
                    padding += 1
                    group <<= 6
                    continue
                }
                guard padding == 0, let (value, kind) = sextet(char) else { return nil }
                if let kind {
                    if let alphabet, alphabet != kind { return nil }
                    alphabet = kind
                }
                group = group << 6 | value
            }
            // Bits beyond the produced bytes must be zero: otherwise the text is not canonical.
            if padding > 0, group & ((1 << UInt32(8 * padding)) - 1) != 0 { return nil }
            out.append(UInt8(group >> 16))
            if padding < 2 { out.append(UInt8((group >> 8) & 0xFF)) }
            if padding < 1 { out.append(UInt8(group & 0xFF)) }
            index += 4
        }
        return out
    }

    /// The 6-bit value of one character, with the alphabet it pins down (if it is alphabet-specific).
    private static func sextet(_ char: UInt8) -> (UInt32, Alphabet?)? {
        switch char {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return (UInt32(char - UInt8(ascii: "A")), nil)
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return (UInt32(char - UInt8(ascii: "a")) + 26, nil)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return (UInt32(char - UInt8(ascii: "0")) + 52, nil)
        case UInt8(ascii: "+"): return (62, .standard)
        case UInt8(ascii: "/"): return (63, .standard)
        case UInt8(ascii: "-"): return (62, .urlSafe)
        case UInt8(ascii: "_"): return (63, .urlSafe)
        default: return nil
        }
    }
}
