/// Where the probes of an item are in the original file: the first byte of an inline probe's
/// code span, and the lines of a fenced probe block's body.
struct ProbePlacement {
    let positions: ParsePositions
    var source: SourceText { positions.source }

    /// Whether a code block's info string starts with the word `probe`.
    static func isProbeInfo(_ info: String) -> Bool {
        let word = "probe".utf8
        guard info.utf8.starts(with: word) else { return false }
        let rest = info.utf8.dropFirst(word.count)
        return rest.isEmpty || rest.first == 0x20
    }

    /// The original position of a code span's first text byte. cmark-gfm's inline positions are
    /// unreliable after autolinks, so the span's bytes are checked and, if needed, searched for
    /// on its line (the item's line when cmark-gfm gave none).
    func codeSpanStart(literal: String, location: LineColumn, itemPosition: SourcePosition) -> SourcePosition? {
        let needle = Array(literal.utf8.prefix(16))
        if let guess = positions.position(location), source.bytes[guess.offset...].starts(with: needle) {
            return guess
        }
        let line = location.line >= 1 ? location.line : itemPosition.line
        let lineRange = source.contentRange(ofLine: line)
        let haystack = source.bytes[lineRange]
        let lineStart = source.position(line: line, column: 1)
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return source.position(ofOffset: index, from: lineStart) }
            index += 1
        }
        return positions.position(location) ?? itemPosition
    }

    /// For each line of a code block's literal, the original offset of its first byte (the
    /// literal has the block's indentation removed, so each line is found from its line's end).
    func bodyLineOffsets(literal: String, fenceLine: Int) -> [Int] {
        var offsets: [Int] = []
        var line = fenceLine + 1
        for literalLine in literal.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line <= source.lineCount else { break }
            let range = source.contentRange(ofLine: line)
            let length = literalLine.utf8.count - (literalLine.utf8.last == 0x0D ? 1 : 0)
            offsets.append(max(range.lowerBound, range.upperBound - length))
            line += 1
        }
        return offsets
    }
}
