/// Maps cmark-gfm's lines and columns, which count in the parse buffer, back to positions in the
/// original file.
struct ParsePositions {
    let source: SourceText
    private let buffer: ParseBuffer
    /// Where lines start in the parse buffer, up to the last altered line (later lines are the
    /// file's own).
    private let parseLineStarts: [Int]
    /// Lines after this one are the same in the parse buffer and the file.
    private let lastAlteredLine: Int

    init(source: SourceText, buffer: ParseBuffer) {
        self.source = source
        self.buffer = buffer
        lastAlteredLine = buffer.lastAlteredLine
        parseLineStarts = lastAlteredLine == 0 ? [] : SourceText.lineStarts(of: buffer.bytes, lines: lastAlteredLine)
    }

    /// The original position of a cmark line and column, or nil when cmark gave none.
    func position(_ location: LineColumn) -> SourcePosition? {
        guard location.line >= 1, location.line <= source.lineCount, location.column >= 1 else { return nil }
        if location.line > lastAlteredLine {
            let offset = source.lineStarts[location.line - 1] + location.column - 1
            return SourcePosition(line: location.line, column: location.column, offset: min(offset, source.bytes.count))
        }
        let parseOffset = parseLineStarts[location.line - 1] + location.column - 1
        return source.position(ofOffset: buffer.originalOffset(parseOffset))
    }
}
