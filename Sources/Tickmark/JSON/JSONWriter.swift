/// Writes JSON text value by value: every JSON document Tickmark produces (checklist models,
/// lint results, reports, run records, signed statements) is written by this one type, so that
/// escaping, numbers and layout are the same everywhere and keys come in the order they are written.
///
/// Open an object or array, write keys and values, close it; `value(_:)` writes a whole `JSONValue`.
/// The writer does not check that calls are balanced: its users write fixed shapes.
package struct JSONWriter {
    /// How the text is laid out and escaped.
    package struct Format: Sendable, Equatable {
        /// One member or element per line, indented by two spaces; otherwise no whitespace at all.
        package var pretty: Bool
        /// `"key" : value` instead of `"key": value`.
        package var spaceBeforeColon = false
        /// Empty arrays and objects written open over two lines (`[`, an empty line, `]`) instead of `[]`.
        package var emptyContainersOpen = false
        /// Backspace and form feed escaped as `\b` and `\f` instead of `\u0008` and `\u000c`.
        package var shortControlEscapes = false

        /// Two-space indentation, `": "`, `[]` for empty containers, `\u00XX` for control characters.
        package static let pretty = Format(pretty: true)
        /// No whitespace, `\u00XX` for control characters.
        package static let compact = Format(pretty: false)
        /// The layout of run records since their first version (that of Foundation's `JSONEncoder`
        /// with pretty printing), kept so that records stay byte for byte what they were.
        package static let record = Format(pretty: true, spaceBeforeColon: true, emptyContainersOpen: true, shortControlEscapes: true)

        /// Creates a format.
        package init(pretty: Bool, spaceBeforeColon: Bool = false, emptyContainersOpen: Bool = false, shortControlEscapes: Bool = false) {
            self.pretty = pretty
            self.spaceBeforeColon = spaceBeforeColon
            self.emptyContainersOpen = emptyContainersOpen
            self.shortControlEscapes = shortControlEscapes
        }
    }

    /// The text written so far (since the last `drain`).
    package private(set) var bytes: [UInt8] = []
    /// The layout.
    package let format: Format
    /// How many containers are open.
    private var depth = 0
    /// Whether the innermost open container holds a value yet.
    private var hasValue = false
    /// The same for each enclosing open container, outermost first.
    private var outerHaveValues: [Bool] = []
    /// Whether a key was written and waits for its value.
    private var afterKey = false
    /// A line feed and the spaces of the deepest indentation so far, whose start is copied at
    /// the start of each line.
    private var lineStart: [UInt8] = [0x0A]

    /// Creates a writer.
    package init(format: Format = .pretty, capacity: Int = 1024) {
        self.format = format
        bytes.reserveCapacity(capacity)
    }

    /// Creates a writer, pretty (the default) or compact, with `\u00XX` for control characters.
    package init(pretty: Bool, capacity: Int = 1024) {
        self.init(format: pretty ? .pretty : .compact, capacity: capacity)
    }

    /// The text written so far.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes written, with a final line feed.
    package consuming func finishedLine() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    /// Hands what was written so far to `sink` when it is at least `threshold` bytes, and starts
    /// the buffer over. Between two values only, so never inside a UTF-8 sequence.
    package mutating func drain(ifAtLeast threshold: Int, into sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard bytes.count >= threshold else { return }
        try bytes.withUnsafeBytes(sink)
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Structure

    /// Writes what goes before a value: nothing after a key; otherwise a comma after an earlier
    /// value and, when pretty, a new line.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if hasValue { bytes.append(0x2C) } else { hasValue = true }
        newline(depth: depth)
    }

    /// Starts a new line indented for `depth` open containers, when pretty.
    private mutating func newline(depth: Int) {
        guard format.pretty else { return }
        while lineStart.count < 1 + depth * 2 { lineStart.append(0x20) }
        bytes.append(contentsOf: lineStart[..<(1 + depth * 2)])
    }

    /// Opens an object.
    package mutating func beginObject() { open(0x7B) }
    /// Closes an object.
    package mutating func endObject() { close(0x7D) }
    /// Opens an array.
    package mutating func beginArray() { open(0x5B) }
    /// Closes an array.
    package mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        beginValue()
        bytes.append(bracket)
        if depth > 0 { outerHaveValues.append(hasValue) }
        depth += 1
        hasValue = false
    }

    private mutating func close(_ bracket: UInt8) {
        let filled = hasValue
        depth -= 1
        hasValue = depth > 0 ? outerHaveValues.removeLast() : false
        if filled {
            newline(depth: depth)
        } else if format.emptyContainersOpen && format.pretty {
            newline(depth: 0)
            newline(depth: depth)
        }
        bytes.append(bracket)
    }

    /// Writes `"key": ` inside an object; write exactly one value next.
    package mutating func key(_ key: String) {
        beginValue()
        writeString(key)
        appendColon()
    }

    /// Writes `"key": ` for a key known to need no escaping (the field names of Tickmark's own
    /// documents), copying its bytes as they are.
    package mutating func staticKey(_ key: StaticString) {
        beginValue()
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(0x22)
        appendColon()
    }

    private mutating func appendColon() {
        if format.pretty {
            if format.spaceBeforeColon { bytes.append(0x20) }
            bytes.append(0x3A)
            bytes.append(0x20)
        } else {
            bytes.append(0x3A)
        }
        afterKey = true
    }

    // MARK: Values

    /// Writes a string.
    package mutating func string(_ value: String) {
        beginValue()
        writeString(value)
    }

    /// Writes a string, or `null`.
    package mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes an array of strings.
    package mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Writes an integer.
    package mutating func integer(_ value: Int) {
        beginValue()
        writeInteger(value)
    }

    /// Writes a number: a whole number up to 2^53 in magnitude (where every integer is exact) as
    /// an integer (`3`, not `3.0`; `9007199254740992`), others in Swift's shortest form that reads
    /// back the same (`1.5`, `1e+300`); infinities and NaN, which JSON cannot hold, as `null`.
    package mutating func number(_ value: Double) {
        beginValue()
        bytes.append(contentsOf: Self.numberText(value).utf8)
    }

    /// The text `number(_:)` writes for `value`.
    package static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 { return String(Int(value)) }
        return String(value)
    }

    /// Writes `true` or `false`.
    package mutating func boolean(_ value: Bool) {
        beginValue()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Writes `null`.
    package mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
    }

    private mutating func writeInteger(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(0x30 + UInt8(value))
            return
        }
        guard value != .min else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        // Digits straight into the buffer (a line number per item, no string made for it).
        if value < 0 { bytes.append(0x2D) }
        var magnitude = abs(value)
        let first = bytes.count
        while magnitude > 0 {
            bytes.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[first...].reverse()
    }

    // MARK: Strings

    private mutating func writeString(_ value: String) {
        bytes.append(0x22)
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var copy = value   // a bridged or small string: made contiguous once
            copy.withUTF8 { appendEscaped($0) }
        }
        bytes.append(0x22)
    }

    /// Appends `text` with `"`, `\` and control characters escaped; everything else, non-ASCII
    /// included, is written as is (Swift strings are valid Unicode, so there is nothing to repair).
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            appendEscape(byte)
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        let short: UInt8? = switch byte {
        case 0x22: 0x22   // \"
        case 0x5C: 0x5C   // \\
        case 0x0A: 0x6E   // \n
        case 0x0D: 0x72   // \r
        case 0x09: 0x74   // \t
        case 0x08 where format.shortControlEscapes: 0x62   // \b
        case 0x0C where format.shortControlEscapes: 0x66   // \f
        default: nil
        }
        if let short {
            bytes.append(0x5C)
            bytes.append(short)
            return
        }
        let digits: StaticString = "0123456789abcdef"
        bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, digits.utf8Start[Int(byte >> 4)], digits.utf8Start[Int(byte & 0xF)]])
    }
}
