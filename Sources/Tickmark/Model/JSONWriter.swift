/// A small, fast writer of JSON text with a fixed key order, used for every JSON Tickmark emits
/// so that output is deterministic and cheap for large checklists.
///
/// Large documents can be streamed: `drain(ifAtLeast:into:)` hands over what has been written so
/// far (between two values, so never inside a UTF-8 sequence) and starts the buffer over.
public struct JSONWriter: ~Copyable, @unchecked Sendable {   // owns its buffer alone
    // The text is written through a pointer into memory the writer owns: one capacity check per
    // write and no reference counting, which matters for large checklists.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// For each open object or array, whether it has a value yet: bit `depth` of `shallowHasValue`
    /// for the first 64 levels, then of the words in `deepHasValue`.
    private var shallowHasValue: UInt64 = 0
    private var deepHasValue: [UInt64] = []
    private let pretty: Bool
    private var depth = 0
    private var pendingKey = false

    /// Creates a writer; `pretty` indents by two spaces.
    public init(pretty: Bool = true, capacity: Int = 4096) {
        self.pretty = pretty
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The bytes written so far (since the last drain).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The text written so far.
    public var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// The bytes written, with a final newline.
    public consuming func finishedLine() -> [UInt8] {
        append(0x0A)
        return bytes
    }

    /// Hands the bytes written so far to `sink` when there are at least `threshold` of them, and
    /// keeps writing into the emptied buffer.
    public mutating func drain(ifAtLeast threshold: Int, into sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard count >= threshold else { return }
        try sink(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    // MARK: Bytes

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        base[count] = first
        base[count + 1] = second
        count += 2
    }

    @inline(__always)
    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let start = buffer.baseAddress, buffer.count > 0 else { return }
        reserve(buffer.count)
        (base + count).update(from: start, count: buffer.count)
        count += buffer.count
    }

    private mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Structure

    private var currentHasValue: Bool {
        @inline(__always) get {
            if depth < 64 { return shallowHasValue & (1 << UInt64(depth)) != 0 }
            return deepHasValue[(depth >> 6) - 1] & (1 << UInt64(depth & 63)) != 0
        }
    }

    @inline(__always)
    private mutating func markValue(_ flag: Bool) {
        if depth < 64 {
            let bit: UInt64 = 1 << UInt64(depth)
            if flag { shallowHasValue |= bit } else { shallowHasValue &= ~bit }
            return
        }
        let word = (depth >> 6) - 1
        while deepHasValue.count <= word { deepHasValue.append(0) }
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if flag { deepHasValue[word] |= bit } else { deepHasValue[word] &= ~bit }
    }

    private mutating func newline() {
        guard pretty else { return }
        let width = depth * 2
        reserve(width + 1)
        writeNewline(at: count, width: width)
        count += width + 1
    }

    /// A line feed and `width` spaces at `offset`, in memory already reserved.
    @inline(__always)
    private func writeNewline(at offset: Int, width: Int) {
        base[offset] = 0x0A
        (base + offset + 1).initialize(repeating: 0x20, count: width)
    }

    /// Starts a value: a comma after a previous one, then a new line when pretty.
    @inline(__always)
    private mutating func beginValue() {
        if pendingKey {
            pendingKey = false
            return
        }
        if currentHasValue { append(0x2C) } else { markValue(true) }
        if depth > 0 { newline() }
    }

    /// Writes `"key": ` inside an object; follow it with exactly one value.
    public mutating func key(_ key: String) {
        beginValue()
        writeString(key)
        if pretty { append(0x3A, 0x20) } else { append(0x3A) }
        pendingKey = true
    }

    /// Writes `"key": ` for a key known not to need escaping (Tickmark's own field names): the
    /// comma, line and indentation before it and the key in one reservation.
    public mutating func staticKey(_ key: StaticString) {
        precondition(!pendingKey && depth > 0, "a key goes inside an object, before its value")
        let length = key.utf8CodeUnitCount
        let width = pretty ? depth * 2 : 0
        reserve(length + width + 6)
        var at = count
        if currentHasValue {
            base[at] = 0x2C
            at += 1
        } else {
            markValue(true)
        }
        if pretty {
            writeNewline(at: at, width: width)
            at += width + 1
        }
        base[at] = 0x22
        (base + at + 1).update(from: key.utf8Start, count: length)
        at += length + 1
        base[at] = 0x22
        base[at + 1] = 0x3A
        at += 2
        if pretty {
            base[at] = 0x20
            at += 1
        }
        count = at
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
        append(byte)
        depth += 1
        markValue(false)
    }

    private mutating func close(_ byte: UInt8) {
        let hadValues = currentHasValue
        depth -= 1
        if hadValues { newline() }
        append(byte)
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

    /// Writes bytes as a string of lowercase hex digits.
    public mutating func hexString<Bytes: Sequence<UInt8>>(_ value: Bytes) {
        if let done: Void = value.withContiguousStorageIfAvailable({ hexString(bytes: $0) }) { return done }
        hexString(bytes: Array(value))
    }

    private mutating func hexString(bytes value: [UInt8]) {
        value.withUnsafeBufferPointer { hexString(bytes: $0) }
    }

    private mutating func hexString(bytes value: UnsafeBufferPointer<UInt8>) {
        beginValue()
        reserve(value.count * 2 + 2)
        base[count] = 0x22
        var index = count + 1
        let digits: StaticString = "0123456789abcdef"
        let digit = digits.utf8Start
        for byte in value {
            base[index] = digit[Int(byte >> 4)]
            base[index + 1] = digit[Int(byte & 0x0F)]
            index += 2
        }
        base[index] = 0x22
        count = index + 1
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        beginValue()
        if value >= 0 && value < 10 {
            append(0x30 + UInt8(value))
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
            let digits = UnsafeRawBufferPointer(rebasing: buffer[index...])
            append(UnsafeBufferPointer(start: digits.baseAddress!.assumingMemoryBound(to: UInt8.self), count: digits.count))
        }
    }

    /// Writes a number value (integers without a fraction; non-finite numbers as `null`).
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 {
            integer(Int(value))
        } else {
            beginValue()
            var text = String(value)
            text.withUTF8 { append($0) }
        }
    }

    /// Writes `true` or `false`.
    public mutating func boolean(_ value: Bool) {
        beginValue()
        append(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        beginValue()
        append("null")
    }

    /// The text of one value, kept to be written again by `valueAfterKey(identity:kept:render:)`.
    struct KeptValue {
        fileprivate var identity: UnsafeRawPointer?
        fileprivate var depth = -1
        fileprivate var text: [UInt8] = []
    }

    /// Writes the value that follows a key: `render` writes it, unless `kept` holds the text of
    /// the value last written with the same non-nil `identity` at the same depth, which is then
    /// copied instead. `identity` must name the value's contents while `kept` is in use (the
    /// storage of an array that outlives the writing, for example).
    mutating func valueAfterKey(identity: UnsafeRawPointer?, kept: inout KeptValue, render: (inout JSONWriter) -> Void) {
        precondition(pendingKey, "a kept value follows a key")
        if identity != nil, kept.identity == identity, kept.depth == depth {
            pendingKey = false
            kept.text.withUnsafeBufferPointer { append($0) }
            return
        }
        let start = count
        render(&self)
        kept.identity = identity
        kept.depth = depth
        kept.text = Array(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Writes an array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for index in values.indices { string(values[index]) }
        endArray()
    }

    private mutating func writeString(_ value: String) {
        append(0x22)
        let direct: Void? = value.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if direct == nil {
            var small = value
            small.withUTF8 { appendEscaped($0) }   // small strings are copied to the stack, not the heap
        }
        append(0x22)
    }

    private mutating func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let start = buffer.baseAddress else { return }
        let length = buffer.count
        var runStart = 0
        var index = 0
        // Eight bytes at a time while none needs escaping (control characters, `"` and `\`).
        while index + 8 <= length {
            let word = UInt64(littleEndian: UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
            if !JSONWriter.needsEscaping(word) {
                index += 8
                continue
            }
            for offset in index..<(index + 8) where JSONWriter.needsEscaping(start[offset]) {
                append(UnsafeBufferPointer(rebasing: buffer[runStart..<offset]))
                appendEscape(start[offset])
                runStart = offset + 1
            }
            index += 8
        }
        while index < length {
            if JSONWriter.needsEscaping(start[index]) {
                append(UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
                appendEscape(start[index])
                runStart = index + 1
            }
            index += 1
        }
        append(UnsafeBufferPointer(rebasing: buffer[runStart..<length]))
    }

    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    /// Whether any of the eight bytes of `word` is below 0x20, `"` or `\`.
    @inline(__always)
    private static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let belowSpace = (word &- ones &* 0x20) & ~word & highs != 0
        return belowSpace || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case 0x22: append(0x5C, 0x22)
        case 0x5C: append(0x5C, 0x5C)
        case 0x0A: append(0x5C, 0x6E)
        case 0x0D: append(0x5C, 0x72)
        case 0x09: append(0x5C, 0x74)
        default:
            append(0x5C, 0x75)
            append(0x30, 0x30)
            append(JSONWriter.hexDigit(byte >> 4), JSONWriter.hexDigit(byte & 0xF))
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}
