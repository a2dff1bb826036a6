/// A small, fast writer of JSON text with a fixed key order, used for every JSON Tickmark emits
/// so that output is deterministic and cheap for large checklists.
///
/// Large documents can be streamed: `drain(ifAtLeast:into:)` hands over what has been written so
/// far (between two values, so never inside a UTF-8 sequence) and starts the buffer over.
public struct JSONWriter: Sendable {
    /// The bytes written so far (since the last drain).
    public private(set) var bytes: [UInt8] = []
    /// For each open object or array, whether it has a value yet; bit `depth` of a stack of words.
    private var hasValue: [UInt64] = [0]
    private let pretty: Bool
    private var depth = 0
    private var pendingKey = false

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

    /// Hands the bytes written so far to `sink` when there are at least `threshold` of them, and
    /// keeps writing into the emptied buffer.
    public mutating func drain(ifAtLeast threshold: Int, into sink: ([UInt8]) throws -> Void) rethrows {
        guard bytes.count >= threshold else { return }
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Structure

    private var currentHasValue: Bool {
        hasValue[depth >> 6] & (1 << UInt64(depth & 63)) != 0
    }

    private mutating func markValue(_ flag: Bool) {
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if flag { hasValue[depth >> 6] |= bit } else { hasValue[depth >> 6] &= ~bit }
    }

    private static let indentation = [UInt8](repeating: 0x20, count: 256)

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        var remaining = depth * 2
        while remaining > 0 {
            let count = min(remaining, JSONWriter.indentation.count)
            JSONWriter.indentation.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
            remaining -= count
        }
    }

    /// Starts a value: a comma after a previous one, then a new line when pretty.
    private mutating func beginValue() {
        if pendingKey {
            pendingKey = false
            return
        }
        if currentHasValue { bytes.append(0x2C) } else { markValue(true) }
        if depth > 0 { newline() }
    }

    /// Writes `"key": ` inside an object; follow it with exactly one value.
    public mutating func key(_ key: String) {
        beginValue()
        writeString(key)
        if pretty {
            bytes.append(0x3A)
            bytes.append(0x20)
        } else {
            bytes.append(0x3A)
        }
        pendingKey = true
    }

    /// Writes `"key": ` for a key known not to need escaping (Tickmark's own field names).
    public mutating func staticKey(_ key: StaticString) {
        beginValue()
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(0x22)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
        pendingKey = true
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
        beginValue()
        bytes.append(byte)
        depth += 1
        if depth >> 6 >= hasValue.count { hasValue.append(0) }
        markValue(false)
    }

    private mutating func close(_ byte: UInt8) {
        let hadValues = currentHasValue
        depth -= 1
        if hadValues { newline() }
        bytes.append(byte)
    }

    // MARK: Values

    /// Writes a string value.
    public mutating func string(_ value: String) {
        beginValue()
        writeString(value)
    }

    /// Writes a string value, or `null`.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes a string value given as UTF-8.
    public mutating func string(utf8 value: UnsafeBufferPointer<UInt8>) {
        beginValue()
        bytes.append(0x22)
        appendEscaped(value)
        bytes.append(0x22)
    }

    /// Writes bytes as a string of lowercase hex digits.
    public mutating func hexString<Bytes: Sequence<UInt8>>(_ value: Bytes) {
        beginValue()
        bytes.append(0x22)
        for byte in value {
            bytes.append(JSONWriter.hexDigit(byte >> 4))
            bytes.append(JSONWriter.hexDigit(byte & 0x0F))
        }
        bytes.append(0x22)
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        beginValue()
        if value >= 0 && value < 10 {
            bytes.append(0x30 + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for 24 bytes: 20 digits and a sign
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                index -= 1
                buffer[index] = 0x2D
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// Writes a number value (integers without a fraction; non-finite numbers as `null`).
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 {
            integer(Int(value))
        } else {
            beginValue()
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// Writes `true` or `false`.
    public mutating func boolean(_ value: Bool) {
        beginValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Writes `null`.
    public mutating func null() {
        beginValue()
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
        var value = value
        value.withUTF8 { appendEscaped($0) }   // small strings are copied to the stack, not the heap
        bytes.append(0x22)
    }

    private mutating func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<buffer.count {
            let byte = buffer[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
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
