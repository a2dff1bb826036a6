#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact bytes of a file together with a table of where each line starts.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, the same rule cmark-gfm uses, so line numbers
/// agree with the parser's.
public struct SourceText: Sendable, Equatable {
    /// The bytes as read from disk; never modified.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Indexes the lines of `bytes`.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.lineStarts = SourceText.lineStarts(of: bytes)
    }

    /// The number of lines (a final line without a terminator counts; an empty file has one empty line).
    public var lineCount: Int { lineStarts.count }

    /// The offsets where lines begin, using cmark-gfm's line-ending rule; with `lines`, only
    /// those of the first `lines` lines.
    static func lineStarts(of bytes: [UInt8], lines: Int = .max) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            if memchr(base, 0x0D, bytes.count) == nil {
                // Line feeds only, as nearly every file: found with memchr.
                var index = 0
                while starts.count < lines, index < bytes.count, let hit = memchr(base + index, 0x0A, bytes.count - index) {
                    index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                    starts.append(index)
                }
                return
            }
            var index = 0
            while index < bytes.count, starts.count < lines {
                let byte = bytes[index]
                index += 1
                guard byte <= 0x0D else { continue }
                if byte == 0x0A {
                    starts.append(index)
                } else if byte == 0x0D {
                    if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                    starts.append(index)
                }
            }
        }
        return starts
    }

    /// The position of a byte offset (clamped to the file).
    public func position(ofOffset offset: Int) -> SourcePosition {
        let offset = max(0, min(offset, bytes.count))
        let line = lineIndex(containing: offset)
        return SourcePosition(line: line + 1, column: offset - lineStarts[line] + 1, offset: offset)
    }

    /// The position of a byte offset at or after `earlier` (a position on the same line or an
    /// earlier one): found by stepping forward from `earlier`'s line, where the offsets of a
    /// probe's or a span's parts are, instead of searching every line.
    public func position(ofOffset offset: Int, from earlier: SourcePosition) -> SourcePosition {
        let offset = max(0, min(offset, bytes.count))
        var line = earlier.line - 1
        guard line >= 0, line < lineStarts.count, lineStarts[line] <= offset else { return position(ofOffset: offset) }
        while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset { line += 1 }
        return SourcePosition(line: line + 1, column: offset - lineStarts[line] + 1, offset: offset)
    }

    /// The position of a 1-based line and byte column (both clamped to the file).
    public func position(line: Int, column: Int) -> SourcePosition {
        let lineIndex = max(0, min(line - 1, lineStarts.count - 1))
        let start = lineStarts[lineIndex]
        let offset = min(start + max(column, 1) - 1, bytes.count)
        return SourcePosition(line: lineIndex + 1, column: offset - start + 1, offset: offset)
    }

    /// The 0-based index of the line that contains `offset`.
    public func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The byte range of a 1-based line, without its terminator.
    public func contentRange(ofLine line: Int) -> Range<Int> {
        let index = max(0, min(line - 1, lineStarts.count - 1))
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The text of a 1-based line without its terminator, invalid UTF-8 shown as U+FFFD.
    public func text(ofLine line: Int) -> String {
        String(decoding: bytes[contentRange(ofLine: line)], as: UTF8.self)
    }
}
