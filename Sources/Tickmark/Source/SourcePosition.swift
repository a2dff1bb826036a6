/// A place in a checklist file: 1-based line, 1-based column counted in UTF-8 bytes, and the absolute byte offset.
///
/// Columns count bytes, as cmark-gfm does: a tab is one column, `é` two, an emoji four.
/// The offset is what edits need; line and column are what people read.
public struct SourcePosition: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// 1-based line number in the original file (front matter included).
    public var line: Int
    /// 1-based column, in UTF-8 bytes from the start of the line.
    public var column: Int
    /// 0-based byte offset from the start of the file.
    public var offset: Int

    /// Creates a position from its three coordinates.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// Orders by place in the file.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset < rhs.offset
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A half-open byte range of a file with the positions of its ends.
public struct SourceSpan: Hashable, Sendable, Codable {
    /// The first byte of the span.
    public var start: SourcePosition
    /// The position just past the last byte of the span.
    public var end: SourcePosition

    /// Creates a span from its two ends.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The byte range the span covers.
    public var byteRange: Range<Int> { start.offset..<max(start.offset, end.offset) }
}
