import Yams

/// A piece of YAML embedded in a checklist (front matter or a probe block), with the map from
/// the YAML parser's marks back to positions in the original file.
struct YAMLRegion {
    /// The YAML text given to the parser.
    let text: String
    /// For each YAML line, the original byte offset of its first byte.
    private let lineOffsets: [Int]
    /// Each YAML line's text, to turn scalar columns into byte columns.
    private let lines: [Substring]
    let source: SourceText

    /// A region whose YAML line `k` (0-based) starts at `lineOffsets[k]` in `source`.
    init(text: String, lineOffsets: [Int], source: SourceText) {
        self.text = text
        self.lineOffsets = lineOffsets
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.source = source
    }

    /// The original position of a YAML mark (1-based line, column in Unicode scalars).
    func position(of mark: Mark?) -> SourcePosition? {
        guard let mark, !lineOffsets.isEmpty else { return nil }
        let lineIndex = max(0, min(mark.line - 1, lineOffsets.count - 1))
        var byteColumn = 0
        if lineIndex < lines.count {
            let scalars = lines[lineIndex].unicodeScalars
            var index = scalars.startIndex
            var count = 1
            while count < mark.column, index < scalars.endIndex {
                byteColumn += UTF8.width(scalars[index])
                index = scalars.index(after: index)
                count += 1
            }
        }
        return source.position(ofOffset: lineOffsets[lineIndex] + byteColumn)
    }

    /// A YAML parser's complaint and where it points.
    struct Problem: Error {
        var message: String
        var position: SourcePosition?
    }

    /// The position of the region's first byte.
    var startPosition: SourcePosition { source.position(ofOffset: lineOffsets.first ?? 0) }

    /// The parsed root node, or the parser's complaint as a message and position.
    func compose() -> Result<Node?, Problem> {
        do {
            return .success(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                var message = problem
                if let context { message += " \(context.text)" }
                return .failure(Problem(message: message, position: position(of: mark)))
            case .reader(let problem, _, _, _):
                return .failure(Problem(message: problem, position: nil))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
                return .failure(Problem(
                    message: "the key\(duplicates.count == 1 ? "" : "s") \(names) \(duplicates.count == 1 ? "is" : "are") given twice in one mapping",
                    position: position(of: context.mark)
                ))
            default:
                return .failure(Problem(message: "\(error)", position: nil))
            }
        } catch {
            return .failure(Problem(message: "\(error)", position: nil))
        }
    }

    /// A YAML node as a probe value; plain scalars become booleans, integers or numbers when they
    /// read as such, quoted scalars stay strings.
    func value(of node: Node) -> ProbeValue {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            guard scalar.style == .plain else { return .string(text) }
            switch text {
            case "true", "True", "TRUE": return .boolean(true)
            case "false", "False", "FALSE": return .boolean(false)
            case "", "~", "null", "Null", "NULL": return .null
            default: break
            }
            if let integer = Int(text) { return .integer(integer) }
            if text.contains("."), let number = Double(text), text.first != ".", text.last != "." {
                return .number(number)
            }
            return .string(text)
        case .sequence(let sequence):
            return .list(sequence.map { value(of: $0) })
        case .mapping(let mapping):
            return .mapping(mapping.map { key, value in
                ProbeOption(
                    key: key.scalar?.string ?? "",
                    value: self.value(of: value),
                    position: position(of: key.mark) ?? source.position(ofOffset: lineOffsets.first ?? 0)
                )
            })
        case .alias:
            return .null
        }
    }
}
