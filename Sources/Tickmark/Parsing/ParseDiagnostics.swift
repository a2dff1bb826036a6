/// The wording of every problem the checklist parser reports, one function each, so messages can
/// be reviewed and tested in one place.
extension Diagnostic {
    /// The file has invalid UTF-8 sequences or NUL bytes; `first` is where the first one is.
    static func invalidUTF8(count: Int, path: String, at first: SourcePosition) -> Diagnostic {
        Diagnostic(
            .notUTF8, .warning,
            "file is not valid UTF-8 (\(count) invalid byte sequence\(count == 1 ? "" : "s")); they are read as U+FFFD and written back unchanged",
            path: path, at: first,
            notes: ["re-save the file as UTF-8 to silence this warning"]
        )
    }

    /// A fenced probe block that is not directly inside a task item.
    static func probeBlockOutsideItem(path: String, at fence: SourcePosition) -> Diagnostic {
        Diagnostic(
            .probeOutsideItem, .error, "probe block is not inside a task item, so it would never run",
            path: path, at: fence, length: 3,
            notes: ["indent the block under a task item such as `- [ ] Health check passes`"]
        )
    }

    /// An inline probe in a paragraph that is not a task item's text.
    static func inlineProbeOutsideItem(path: String, at start: SourcePosition?, length: Int) -> Diagnostic {
        Diagnostic(
            .probeOutsideItem, .error, "probe is not in a task item's text, so it would never run",
            path: path, at: start, length: length,
            notes: ["put it on a task item's first line, such as `- [ ] Tree is clean `probe: git clean``"]
        )
    }

    /// The first task item nested deeper than `ChecklistParser.maximumDepth`.
    static func deepNesting(path: String, at start: SourcePosition) -> Diagnostic {
        let depth = ChecklistParser.maximumDepth
        return Diagnostic(
            .deepNesting, .warning,
            "task items are nested more than \(depth) levels deep; deeper items are treated as children of level \(depth)",
            path: path, at: start
        )
    }

    /// An explicit id with characters ids may not hold.
    static func invalidID(_ id: String, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.invalidID, .error, "item id '\(id)' may only use letters, digits, '-', '_', '.' and '/'", path: path, at: position)
    }

    /// An explicit id already given to an earlier item, with a note located at that item's id.
    static func duplicateID(_ id: String, first: SourcePosition, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(
            .duplicateID, .error, "item id '\(id)' is already used by the item on line \(first.line)",
            path: path, at: position,
            notes: [
                DiagnosticNote("item ids must be unique within a file"),
                DiagnosticNote("item id '\(id)' is first used here", path: path, at: first),
            ]
        )
    }

    /// A variable reference that cannot be read, such as `${name`.
    static func malformedVariable(_ problem: String, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.malformedVariable, .error, problem, path: path, at: position)
    }

    /// A variable reference to a name the front matter does not define.
    static func undefinedVariable(_ name: String, length: Int, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(
            .undefinedVariable, .warning,
            "variable '\(name)' is not defined in front matter `vars`",
            path: path, at: position, length: length,
            notes: ["define it under `vars:` or pass `--var \(name)=VALUE` to `tickmark run`"]
        )
    }

    /// An unknown front matter key: an error when it is a likely typo of `near` (a typo must not
    /// silently disable a gate), otherwise a warning (other tools' keys live there too).
    static func unknownFrontMatterKey(_ key: String, near: String?, path: String, at position: SourcePosition?) -> Diagnostic {
        guard let near else {
            return Diagnostic(
                .unknownFrontMatterKey, .warning, "unknown front matter key '\(key)' is ignored",
                path: path, at: position, length: key.utf8.count,
                notes: ["Tickmark reads \(FrontMatter.knownKeys.joined(separator: ", ")); other keys are left to other tools"]
            )
        }
        return Diagnostic(
            .unknownFrontMatterKey, .error, "unknown front matter key '\(key)'; did you mean '\(near)'?",
            path: path, at: position, length: key.utf8.count,
            notes: ["known keys: \(FrontMatter.knownKeys.joined(separator: ", ")) (and GitHub issue template keys)"]
        )
    }

    /// YAML the parser rejects, in `what` (front matter or a probe block). When the line is
    /// `key: value` and the value holds `: ` (`run: curl -H Authorization: Bearer …`), the
    /// message says so and the notes show the two ways to write it.
    static func invalidYAML(in what: String, _ problem: String, path: String, at position: SourcePosition, source: SourceText) -> Diagnostic {
        let id: DiagnosticID = what == "front matter" ? .frontMatter : .malformedProbe
        let message = "\(what) is not valid YAML: \(problem)"
        guard let (key, value, keyColumn) = colonInPlainValue(source.text(ofLine: position.line)) else {
            return Diagnostic(id, .error, message, path: path, at: position)
        }
        let quoted = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        return Diagnostic(
            id, .error, message + "; the value of '\(key)' holds ': ', which YAML reads as the start of another key",
            path: path, at: source.position(line: position.line, column: keyColumn), length: key.utf8.count,
            notes: [
                "quote the value: \(key): \(quoted)",
                "or write it on the lines below `\(key): |`, indented further",
            ]
        )
    }

    /// `key`, the plain value and the key's 1-based byte column, when `line` (after indentation
    /// and block-quote markers) is `key: value` with an unquoted value holding `: `.
    private static func colonInPlainValue(_ line: String) -> (key: String, value: String, column: Int)? {
        let bytes = Array(line.utf8)
        var start = 0
        while start < bytes.count, [0x20, 0x09, 0x3E, 0x2D].contains(bytes[start]) { start += 1 }
        let rest = line.utf8.dropFirst(start)
        guard let colon = rest.firstIndex(of: 0x3A) else { return nil }
        let key = String(decoding: rest[rest.startIndex..<colon], as: UTF8.self)
        guard !key.isEmpty, key.utf8.allSatisfy({ $0 == 0x5F || $0 == 0x2D || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
        let value = String(decoding: rest[rest.index(after: colon)...], as: UTF8.self).trimmingASCIIWhitespace()
        guard let first = value.first, !"'\"|>[{&*!".contains(first), value.contains(": ") else { return nil }
        return (key, value, start + 1)
    }
}
