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
}
