extension JSONValue {
    /// The value as JSON text in UTF-8: compact (`{"a":1}`), or `pretty` with two-space
    /// indentation and `": "` after keys. Members keep their order; non-ASCII text is written
    /// as is; only `"`, `\` and control characters are escaped; non-finite numbers become `null`.
    public func serialized(pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, pretty: pretty, depth: 0)
        return out
    }

    /// The value as JSON text (see `serialized(pretty:)`).
    public func text(pretty: Bool = false) -> String {
        String(decoding: serialized(pretty: pretty), as: UTF8.self)
    }

    private func write(to out: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .number(let value): out += Array(Self.numberText(value).utf8)
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let elements):
            writeContainer(open: 0x5B, close: 0x5D, count: elements.count, to: &out, pretty: pretty, depth: depth) { index, out in
                elements[index].write(to: &out, pretty: pretty, depth: depth + 1)
            }
        case .object(let members):
            writeContainer(open: 0x7B, close: 0x7D, count: members.count, to: &out, pretty: pretty, depth: depth) { index, out in
                Self.writeString(members[index].key, to: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                members[index].value.write(to: &out, pretty: pretty, depth: depth + 1)
            }
        }
    }

    private func writeContainer(
        open: UInt8, close: UInt8, count: Int, to out: inout [UInt8], pretty: Bool, depth: Int,
        element: (Int, inout [UInt8]) -> Void
    ) {
        out.append(open)
        for index in 0..<count {
            if index > 0 { out.append(0x2C) }
            if pretty { Self.newline(&out, depth: depth + 1) }
            element(index, &out)
        }
        if pretty, count > 0 { Self.newline(&out, depth: depth) }
        out.append(close)
    }

    private static func newline(_ out: inout [UInt8], depth: Int) {
        out.append(0x0A)
        out += [UInt8](repeating: 0x20, count: 2 * depth)
    }

    /// Whole numbers below 2^53 without a fraction; others in Swift's shortest round-trip form.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 {
            return String(Int(value))
        }
        return String(value)
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
