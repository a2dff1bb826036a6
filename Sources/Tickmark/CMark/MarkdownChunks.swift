#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a long document may be cut into pieces that cmark-gfm can parse one at a time.
///
/// cmark-gfm's tree takes about sixteen bytes of memory per byte of input, so a large checklist
/// is parsed piece by piece, each piece's tree released before the next is built. A cut must not
/// change the parse. It is made only before a line that
/// - starts with an ATX heading (`#` to `######` then a space, a tab or the line's end) in
///   column 1, and
/// - follows a blank line,
/// and only in documents without `]:` anywhere (so without link reference definitions or
/// footnotes, whose labels reach across the whole document).
///
/// Such a line closes every open block (paragraphs already closed at the blank line; list items
/// and block quotes do not continue into an unindented line without a marker), except a fenced
/// code block or an HTML block (kinds 1–5) that is still open, which would take the heading in.
/// The text cannot tell those apart cheaply, but the tree can: such a block is still open at the
/// end of the piece before the cut, and so ends on its last line (the blank one), which a
/// closed one never does. `MarkdownTree` checks this after parsing each piece and, when it
/// finds one, parses the piece again up to a later cut.
struct MarkdownChunks {
    /// A place to cut: a byte offset at a line start, and that line's 1-based number.
    struct Cut: Equatable, Sendable {
        var offset: Int
        var line: Int
    }

    /// The cuts to try, at least `target` bytes apart, in order; the end of the document is not one.
    static func cuts(in bytes: [UInt8], target: Int) -> [Cut] {
        guard bytes.count > target, target > 0, !containsLabelColon(bytes) else { return [] }
        var cuts: [Cut] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            let hasCR = memchr(base, 0x0D, count) != nil
            var counted = Cut(offset: 0, line: 1)   // lines are counted up to here
            var searchFrom = target
            // Headings are rare: jump from one `#` to the next, at least `target` past the last cut.
            while searchFrom < count, let hit = memchr(base + searchFrom, 0x23, count - searchFrom) {
                let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                searchFrom = offset + 1
                guard startsLine(buffer, at: offset), followsBlankLine(buffer, at: offset),
                      isHeadingStart(buffer, at: offset) else { continue }
                counted = Cut(offset: offset, line: counted.line + lineEnds(buffer, from: counted.offset, to: offset, hasCR: hasCR))
                cuts.append(counted)
                searchFrom = offset + target
            }
        }
        return cuts
    }

    /// Whether `offset` is at the start of a line (a line ends at `\n`, `\r\n` or a lone `\r`).
    private static func startsLine(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        offset == 0 || buffer[offset - 1] == 0x0A || buffer[offset - 1] == 0x0D
    }

    /// Whether the line before the one starting at `offset` holds only spaces and tabs.
    private static func followsBlankLine(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset > 0 else { return false }
        var index = offset - 1
        if buffer[index] == 0x0A, index > 0, buffer[index - 1] == 0x0D { index -= 1 }
        index -= 1   // past the previous line's terminator
        while index >= 0 {
            switch buffer[index] {
            case 0x20, 0x09: index -= 1
            case 0x0A, 0x0D: return true
            default: return false
            }
        }
        return true
    }

    /// The number of line ends in `start..<end`.
    private static func lineEnds(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, hasCR: Bool) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var lines = 0
        if !hasCR {
            var offset = start
            while offset < end, let hit = memchr(base + offset, 0x0A, end - offset) {
                offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
                lines += 1
            }
            return lines
        }
        var index = start
        while index < end {
            let byte = buffer[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= buffer.count || buffer[index + 1] != 0x0A)) { lines += 1 }
            index += 1
        }
        return lines
    }

    /// Whether an ATX heading starts at `start` (column 1).
    private static func isHeadingStart(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var index = start
        while index < buffer.count, buffer[index] == 0x23, index - start < 7 { index += 1 }
        let hashes = index - start
        guard hashes >= 1, hashes <= 6 else { return false }
        return index == buffer.count || buffer[index] == 0x20 || buffer[index] == 0x09 || buffer[index] == 0x0A || buffer[index] == 0x0D
    }

    /// Whether `]:` occurs anywhere.
    private static func containsLabelColon(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 1 else { return false }
            var offset = 1
            while offset < buffer.count, let hit = memchr(base + offset, 0x3A, buffer.count - offset) {
                offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if buffer[offset - 1] == 0x5D { return true }
                offset += 1
            }
            return false
        }
    }
}
