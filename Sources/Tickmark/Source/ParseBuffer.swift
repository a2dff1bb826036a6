/// The bytes handed to cmark-gfm, and the map from their offsets back to the original file.
///
/// The parser never sees three things the original may hold, because cmark-gfm would either
/// mis-parse them or shift its columns:
/// - a UTF-8 byte-order mark (this cmark-gfm misses a task item on line 1 after one);
/// - the YAML front matter (its lines are blanked, keeping their line terminators so line numbers agree);
/// - NUL bytes and invalid UTF-8 sequences (replaced by U+FFFD, which cmark-gfm would do anyway,
///   but then columns after them would no longer match the file).
///
/// Line numbers are identical in both buffers; only byte offsets differ, and `originalOffset(_:)`
/// maps them back.
struct ParseBuffer {
    private struct Segment {
        var parseStart: Int
        var originalStart: Int
        var length: Int
        var copied: Bool
    }

    /// The bytes to parse.
    private(set) var bytes: [UInt8] = []
    /// Original offsets at which a NUL byte or an invalid UTF-8 sequence was replaced.
    private(set) var replacedOffsets: [Int] = []
    private var segments: [Segment] = []
    private var isIdentity = false
    /// The last 1-based line whose bytes differ from the original's (0 when none does). Every
    /// later line is the original line, byte for byte, at the same line number.
    private(set) var lastAlteredLine = 0

    /// Builds the parse input for `source`; `blanked` is a byte range of it (the front matter) whose
    /// lines are emptied.
    init(source: SourceText, blanked: Range<Int>?) {
        let original = source.bytes
        var start = 0
        if original.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if start == 0, blanked == nil, ParseBuffer.isCleanUTF8(original) {
            bytes = original
            isIdentity = true
            return
        }
        bytes.reserveCapacity(original.count)
        var cursor = start
        if let blanked {
            copyChecked(original, from: cursor, to: blanked.lowerBound)
            // Each line of the range becomes an empty line ending in `\n`, whatever its own line
            // ending: kept as they were, a lone CR followed by the next line's LF would read as
            // one CRLF and every later line number would be off by one.
            var index = blanked.lowerBound
            while index < blanked.upperBound {
                let byte = original[index]
                if byte == 0x0A || byte == 0x0D {
                    lineBreak(originalOffset: index)
                    if byte == 0x0D, index + 1 < blanked.upperBound, original[index + 1] == 0x0A { index += 1 }
                }
                index += 1
            }
            cursor = blanked.upperBound
        }
        copyChecked(original, from: cursor, to: original.count)
        var lastAltered = start > 0 ? 0 : -1   // the last altered original offset
        if let blanked, !blanked.isEmpty {
            // The lines of the range are emptied, and the line it ends in if it ends inside one.
            lastAltered = max(lastAltered, blanked.upperBound - 1)
            let end = blanked.upperBound
            if end < original.count, source.lineStarts[source.lineIndex(containing: end)] != end {
                lastAltered = max(lastAltered, end)
            }
        }
        if let replaced = replacedOffsets.last { lastAltered = max(lastAltered, replaced) }
        lastAlteredLine = lastAltered < 0 ? 0 : source.lineIndex(containing: min(lastAltered, max(0, original.count - 1))) + 1
    }

    /// The original offset of a parse-buffer offset.
    func originalOffset(_ parseOffset: Int) -> Int {
        if isIdentity { return parseOffset }
        guard let last = segments.last else { return 0 }
        if parseOffset >= last.parseStart + last.length {
            return last.originalStart + (last.copied ? last.length : 1)
        }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].parseStart <= parseOffset { low = mid } else { high = mid - 1 }
        }
        let segment = segments[low]
        return segment.copied ? segment.originalStart + (parseOffset - segment.parseStart) : segment.originalStart
    }

    private mutating func copy(_ original: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let last = segments.last, last.copied,
           last.originalStart + last.length == range.lowerBound,
           last.parseStart + last.length == bytes.count {
            segments[segments.count - 1].length += range.count
        } else {
            segments.append(Segment(parseStart: bytes.count, originalStart: range.lowerBound, length: range.count, copied: true))
        }
        bytes.append(contentsOf: original[range])
    }

    private mutating func lineBreak(originalOffset: Int) {
        segments.append(Segment(parseStart: bytes.count, originalStart: originalOffset, length: 1, copied: false))
        bytes.append(0x0A)
    }

    private mutating func replace(originalOffset: Int) {
        segments.append(Segment(parseStart: bytes.count, originalStart: originalOffset, length: 3, copied: false))
        bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
        replacedOffsets.append(originalOffset)
    }

    /// Copies `original[from..<to]`, replacing NUL bytes and invalid UTF-8 sequences by U+FFFD.
    private mutating func copyChecked(_ original: [UInt8], from: Int, to: Int) {
        var runStart = from
        var index = from
        while index < to {
            index = ParseBuffer.skipASCII(original, from: index, to: to)
            guard index < to else { break }
            let length = ParseBuffer.validSequenceLength(original, at: index, limit: to)
            if length > 0 {
                index += length
                continue
            }
            copy(original, runStart..<index)
            replace(originalOffset: index)
            index += 1
            // A broken multi-byte sequence is replaced once, as one character.
            while index < to, original[index] & 0xC0 == 0x80 { index += 1 }
            runStart = index
        }
        copy(original, runStart..<to)
    }

    /// The first offset from `start` (before `end`) that is not ASCII or is NUL.
    static func skipASCII(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] != 0, bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// True when `bytes` is valid UTF-8 without NUL bytes.
    static func isCleanUTF8(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while true {
            index = skipASCII(bytes, from: index, to: bytes.count)
            guard index < bytes.count else { return true }
            let length = validSequenceLength(bytes, at: index, limit: bytes.count)
            if length == 0 { return false }
            index += length
        }
    }

    /// The length of the valid, non-NUL UTF-8 sequence starting at `index`, or 0.
    static func validSequenceLength<C: RandomAccessCollection>(_ bytes: C, at index: Int, limit: Int) -> Int
        where C.Element == UInt8, C.Index == Int {
        let lead = bytes[index]
        if lead == 0 { return 0 }
        if lead < 0x80 { return 1 }
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: return 0
        }
        guard index + length <= limit else { return 0 }
        let second = bytes[index + 1]
        guard second >= lowest, second <= highest else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
