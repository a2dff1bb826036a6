/// Prints diagnostics the way compilers do, so editors and CI can pick them up:
///
/// ```
/// checklists/prod.md:14:7: error: unknown probe kind 'htpp'; did you mean 'http'? [UnknownProbeKind]
///    14 | - [ ] Health `probe: htpp GET /health`
///       |                      ^~~~
/// ```
public struct DiagnosticFormatter: Sendable {
    /// Whether to color the severity word with ANSI escapes.
    public var colored: Bool

    /// Creates a formatter.
    public init(colored: Bool = false) {
        self.colored = colored
    }

    /// The one-line header: `path:line:column: severity: message [Id]`.
    public func header(_ diagnostic: Diagnostic) -> String {
        var location = diagnostic.path
        if let position = diagnostic.position { location += ":\(position.line):\(position.column)" }
        let word = diagnostic.severity.rawValue
        let severity: String
        if colored {
            let code = diagnostic.severity == .error ? "31" : diagnostic.severity == .warning ? "33" : "36"
            severity = "\u{1B}[1;\(code)m\(word):\u{1B}[0m"
        } else {
            severity = "\(word):"
        }
        return "\(location): \(severity) \(diagnostic.message) [\(diagnostic.id)]"
    }

    /// The header, the source line with a caret under the position, and any notes (a located
    /// note as `path:line:column: note: message`, like a compiler's).
    public func format(_ diagnostic: Diagnostic, source: SourceText?) -> String {
        var lines = [header(diagnostic)]
        if let source, let position = diagnostic.position, position.line <= source.lineCount {
            let range = source.contentRange(ofLine: position.line)
            let lineBytes = Array(source.bytes[range])
            let number = String(position.line)
            let gutter = String(repeating: " ", count: number.count)
            lines.append(" \(number) | \(String(decoding: lineBytes, as: UTF8.self))")
            lines.append(" \(gutter) | \(caretLine(lineBytes: lineBytes, column: position.column, length: diagnostic.length))")
        }
        for note in diagnostic.notes {
            if let path = note.path, let position = note.position {
                lines.append("\(path):\(position.line):\(position.column): note: \(note.message)")
            } else {
                lines.append("note: \(note.message)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Spaces up to the column (tabs kept so the caret lines up), then `^` and `~`s.
    private func caretLine(lineBytes: [UInt8], column: Int, length: Int) -> String {
        var prefix = ""
        let before = lineBytes.prefix(max(0, column - 1))
        var index = before.startIndex
        while index < before.endIndex {
            let byte = before[index]
            if byte == 0x09 {
                prefix += "\t"
            } else if byte & 0xC0 != 0x80 {
                // One display cell per character (wide characters are rare in checklists).
                prefix += " "
            }
            index += 1
        }
        let available = max(1, lineBytes.count - (column - 1))
        let width = max(1, min(length, available))
        var underline = "^"
        if width > 1 {
            let covered = lineBytes.dropFirst(column - 1).prefix(width)
            let characters = covered.filter { $0 & 0xC0 != 0x80 }.count
            underline += String(repeating: "~", count: max(0, characters - 1))
        }
        return prefix + underline
    }
}
