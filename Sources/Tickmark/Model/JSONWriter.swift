/// A small, fast writer of JSON text with a fixed key order, used for every JSON Tickmark emits
/// so that output is deterministic and cheap for large checklists.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth = 0

    /// Creates a writer; `pretty` indents by two spaces.
    public init(pretty: Bool = true, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes written, with a final newline, taken from the writer without copying them.
    public consuming func finishedLine() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func beginValue() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
        if depth > 0 { newline() }
    }

    /// Writes `"key": ` inside an object; follow it with exactly one value.
    public mutating func key(_ key: String) {
        beginValue()
        writeString(key)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
        needsComma[needsComma.count - 1] = false
        pendingKey = true
    }

    private var pendingKey = false

    private mutating func valueStart() {
        if pendingKey {
            pendingKey = false
            needsComma[needsComma.count - 1] = true
        } else {
            beginValue()
        }
    }

    /// Opens an object.
    public mutating func beginObject() { open(0x7B) }
    /// Closes an object.
    public mutating func endObject() { close(0x7D) }
    /// Opens an array.
    public mutating func beginArray() { open(0x5B) }
    /// Closes an array.
    public mutating func endArray() { close(0x5D) }

    private mutating func open(_ byte: UInt8) {
        valueStart()
        bytes.append(byte)
        needsComma.append(false)
        depth += 1
    }

    private mutating func close(_ byte: UInt8) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if hadItems { newline() }
        bytes.append(byte)
    }

    /// Writes a string value.
    public mutating func string(_ value: String) {
        valueStart()
        writeString(value)
    }

    /// Writes a string value, or `null`.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        valueStart()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a number value (integers without a fraction; non-finite numbers as `null`).
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        valueStart()
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// Writes `true` or `false`.
    public mutating func boolean(_ value: Bool) {
        valueStart()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Writes `null`.
    public mutating func null() {
        valueStart()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes an array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    private mutating func writeString(_ value: String) {
        bytes.append(0x22)
        let fast: Void? = value.utf8.withContiguousStorageIfAvailable { buffer in
            appendEscaped(buffer)
        }
        if fast == nil {
            Array(value.utf8).withUnsafeBufferPointer { appendEscaped($0) }
        }
        bytes.append(0x22)
    }

    private mutating func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<buffer.count {
            let byte = buffer[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            default: bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, JSONWriter.hexDigit(byte >> 4), JSONWriter.hexDigit(byte & 0xF)])
            }
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}
