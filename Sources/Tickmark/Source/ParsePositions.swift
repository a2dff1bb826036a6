/// Maps cmark-gfm's lines and columns, which count in the parse buffer, back to positions in the
/// original file.
struct ParsePositions {
    let source: SourceText
    private let buffer: ParseBuffer
    private let parseLineStarts: [Int]
    /// Lines after this one are the same in the parse buffer and the file.
    private let lastAlteredLine: Int

    init(source: SourceText, buffer: ParseBuffer) {
        self.source = source
        self.buffer = buffer
        lastAlteredLine = buffer.lastAlteredLine
        parseLineStarts = lastAlteredLine == 0 ? source.lineStarts : SourceText.lineStarts(of: buffer.bytes)
    }

    /// The original position of a cmark line and column, or nil when cmark gave none.
    func position(_ location: LineColumn) -> SourcePosition? {
        guard location.line >= 1, location.line <= parseLineStarts.count, location.column >= 1 else { return nil }
        if location.line > lastAlteredLine {
            let offset = source.lineStarts[location.line - 1] + location.column - 1
            return SourcePosition(line: location.line, column: location.column, offset: min(offset, source.bytes.count))
        }
        let parseOffset = parseLineStarts[location.line - 1] + location.column - 1
        return source.position(ofOffset: buffer.originalOffset(parseOffset))
    }
}
