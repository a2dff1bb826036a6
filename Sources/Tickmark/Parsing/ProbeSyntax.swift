import Yams

/// Reads the two written forms of a probe into `ProbeSpec`s.
enum ProbeSyntax {
    /// Option names every probe accepts; a block must not start with one of them.
    static let commonOptionKeys: Set<String> = ["timeout", "retry", "advisory", "id", "needs", "when", "expect", "fresh", "warn"]

    /// Whether a code span's text is an inline probe.
    static func isInlineProbe(_ literal: String) -> Bool {
        isInlineProbe(literal.utf8)
    }

    /// Whether a code span's bytes hold an inline probe.
    static func isInlineProbe<Bytes: Collection<UInt8>>(_ literal: Bytes) -> Bool {
        literal.drop { $0 == 0x20 }.starts(with: "probe:".utf8)
    }

    /// Reads an inline probe from a code span's text; `start` is the position of its first byte.
    static func inline(
        literal: String, start: SourcePosition, source: SourceText, path: String, diagnostics: inout [Diagnostic]
    ) -> ProbeSpec? {
        let bytes = Array(literal.utf8)
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        index += "probe:".utf8.count
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let at: (Int) -> SourcePosition = { offset in source.position(ofOffset: start.offset + offset, from: start) }
        let kindStart = index
        while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
        let kind = String(decoding: bytes[kindStart..<index], as: UTF8.self)
        guard !kind.isEmpty else {
            diagnostics.append(Diagnostic(
                .malformedProbe, .error, "probe has no kind; write `probe: KIND ARGS…`, for example `probe: git clean`",
                path: path, at: start, length: bytes.count
            ))
            return nil
        }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let restStart = index
        var rest = String(decoding: bytes[restStart...], as: UTF8.self)
        var arguments: [ProbeArgument] = []
        var options: [ProbeOption] = []
        if kind == "run" {
            rest = rest.trimmingASCIIWhitespace()
            if !rest.isEmpty {
                arguments.append(ProbeArgument(value: rest, position: at(restStart), length: rest.utf8.count))
            }
        } else {
            switch ShellWords.split(rest) {
            case .failure(let problem):
                diagnostics.append(Diagnostic(.malformedProbe, .error, "probe arguments have an \(problem.message)", path: path, at: at(restStart + problem.offset)))
                return nil
            case .success(let words):
                (arguments, options) = split(words, base: restStart, at: at)
            }
        }
        return ProbeSpec(
            kind: kind, kindPosition: at(kindStart), arguments: arguments, options: options,
            position: start, form: .inline, source: literal
        )
    }

    /// Sorts words into positional arguments and `key=value` options.
    private static func split(_ words: [ShellWord], base: Int, at: (Int) -> SourcePosition) -> ([ProbeArgument], [ProbeOption]) {
        var arguments: [ProbeArgument] = []
        var options: [ProbeOption] = []
        for word in words {
            if let keyLength = word.optionKeyLength {
                let key = String(word.value.utf8.prefix(keyLength - 1))!
                let value = String(word.value.utf8.dropFirst(keyLength))!
                options.append(ProbeOption(key: key, value: .string(value), position: at(base + word.offset)))
            } else {
                arguments.append(ProbeArgument(value: word.value, position: at(base + word.offset), length: word.length))
            }
        }
        return (arguments, options)
    }

    /// Reads a fenced ```` ```probe ```` block. `fence` is the fence line's position and
    /// `bodyLineOffsets` the original offset of each body line's first literal byte.
    static func block(
        literal: String, fence: SourcePosition, bodyLineOffsets: [Int], source: SourceText, path: String,
        diagnostics: inout [Diagnostic]
    ) -> ProbeSpec? {
        let region = YAMLRegion(text: literal, lineOffsets: bodyLineOffsets, source: source)
        let root: Node?
        switch region.compose() {
        case .success(let node): root = node
        case .failure(let problem):
            let (message, position) = (problem.message, problem.position)
            diagnostics.append(.invalidYAML(in: "probe block", message, path: path, at: position ?? fence, source: source))
            return nil
        }
        guard let root, case .mapping(let mapping) = root, let first = mapping.first else {
            diagnostics.append(Diagnostic(
                .malformedProbe, .error, "probe block must be a YAML mapping that starts with the probe kind, such as `http: GET ${base_url}/health`",
                path: path, at: fence
            ))
            return nil
        }
        let kind = first.key.scalar?.string ?? ""
        let kindPosition = region.position(of: first.key.mark) ?? fence
        if commonOptionKeys.contains(kind) || kind.isEmpty {
            diagnostics.append(Diagnostic(
                .malformedProbe, .error, "probe block must start with its kind (such as `run:` or `http:`), not '\(kind)'",
                path: path, at: kindPosition, length: max(1, kind.utf8.count)
            ))
            return nil
        }
        var arguments: [ProbeArgument] = []
        var options: [ProbeOption] = []
        let valuePosition = region.position(of: first.value.mark) ?? kindPosition
        switch first.value {
        case .scalar(let scalar):
            let text = scalar.string
            if kind == "run" {
                let command = text.trimmingASCIIWhitespace()
                if !command.isEmpty { arguments.append(ProbeArgument(value: command, position: valuePosition, length: command.utf8.count)) }
            } else {
                switch ShellWords.split(text) {
                case .failure(let problem):
                    diagnostics.append(Diagnostic(.malformedProbe, .error, "probe arguments have an \(problem.message)", path: path, at: valuePosition))
                    return nil
                case .success(let words):
                    let plain = scalar.style == .plain && !text.contains("\n")
                    (arguments, options) = split(words, base: 0) { offset in
                        plain ? source.position(ofOffset: valuePosition.offset + offset, from: valuePosition) : valuePosition
                    }
                }
            }
        case .sequence(let sequence):
            for element in sequence {
                let position = region.position(of: element.mark) ?? valuePosition
                guard let text = element.scalar?.string else {
                    diagnostics.append(Diagnostic(.malformedProbe, .error, "probe arguments must be plain values", path: path, at: position))
                    return nil
                }
                arguments.append(ProbeArgument(value: text, position: position, length: text.utf8.count))
            }
        default:
            diagnostics.append(Diagnostic(.malformedProbe, .error, "the value of '\(kind):' must be the probe's arguments, such as `GET https://example.com`", path: path, at: valuePosition))
            return nil
        }
        for (keyNode, valueNode) in mapping.dropFirst() {
            let key = keyNode.scalar?.string ?? ""
            let position = region.position(of: keyNode.mark) ?? fence
            let value = region.value(of: valueNode)
            if key == "expect", case .mapping(let expectations) = value {
                options.append(contentsOf: expectations)
            } else {
                options.append(ProbeOption(key: key, value: value, position: position))
            }
        }
        return ProbeSpec(
            kind: kind, kindPosition: kindPosition, arguments: arguments, options: options,
            position: fence, form: .block, source: literal
        )
    }
}
