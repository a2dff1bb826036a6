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
        guard bytes.count > target, !containsLabelColon(bytes) else { return [] }
        var cuts: [Cut] = []
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var lineStart = 0
            var line = 1
            var previousBlank = false
            var lastCut = 0
            while lineStart < count {
                // Find the end of the line and whether it is blank.
                var index = lineStart
                var blank = true
                while index < count, buffer[index] != 0x0A, buffer[index] != 0x0D {
                    if buffer[index] != 0x20 && buffer[index] != 0x09 { blank = false }
                    index += 1
                }
                if previousBlank, lineStart - lastCut >= target, isHeadingStart(buffer, at: lineStart, lineEnd: index) {
                    cuts.append(Cut(offset: lineStart, line: line))
                    lastCut = lineStart
                }
                if index < count {
                    if buffer[index] == 0x0D, index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                    index += 1
                }
                previousBlank = blank
                lineStart = index
                line += 1
            }
        }
        return cuts
    }

    /// Whether an ATX heading starts at `start` (column 1).
    private static func isHeadingStart(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, lineEnd: Int) -> Bool {
        var index = start
        while index < lineEnd, buffer[index] == 0x23, index - start < 7 { index += 1 }
        let hashes = index - start
        guard hashes >= 1, hashes <= 6 else { return false }
        return index == lineEnd || buffer[index] == 0x20 || buffer[index] == 0x09
    }

    /// Whether `]:` occurs anywhere.
    private static func containsLabelColon(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard buffer.count > 1 else { return false }
            for index in 0..<(buffer.count - 1) where buffer[index] == 0x5D && buffer[index + 1] == 0x3A {
                return true
            }
            return false
        }
    }
}
