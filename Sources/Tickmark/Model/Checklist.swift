/// A variable defined in front matter `vars`.
public struct VariableDefinition: Sendable, Hashable {
    /// The variable's name.
    public var name: String
    /// Its default value.
    public var value: String
    /// Where it is defined.
    public var position: SourcePosition?

    /// Creates a definition.
    public init(name: String, value: String, position: SourcePosition?) {
        self.name = name
        self.value = value
        self.position = position
    }
}

/// Probe defaults from front matter `defaults`.
public struct ProbeDefaults: Sendable, Hashable {
    /// Default timeout in seconds, if given.
    public var timeout: Duration?
    /// Default number of retries (extra attempts), if given.
    public var retries: Int?
    /// Default interval between attempts, if given.
    public var interval: Duration?
    /// Default age past which evidence no longer counts (`fresh`), if given.
    public var fresh: Duration?
    /// Default warning time before evidence expires (`warn`), if given.
    public var warn: Duration?

    /// No defaults.
    public init(timeout: Duration? = nil, retries: Int? = nil, interval: Duration? = nil, fresh: Duration? = nil, warn: Duration? = nil) {
        self.timeout = timeout
        self.retries = retries
        self.interval = interval
        self.fresh = fresh
        self.warn = warn
    }
}

/// A checklist file read into its structured model.
public struct Checklist: Sendable {
    /// The path as given by the user.
    public var path: String
    /// The checklist id: front matter `id`, or the file name without extension.
    public var id: String
    /// Front matter `title`, or the first heading.
    public var title: String?
    /// SHA-256 (hex) of the exact source bytes.
    public var sha256: String
    /// Front matter variables, in the order written.
    public var variables: [VariableDefinition]
    /// Checklists (by id or path) that must be GO first.
    public var requires: [String]
    /// Probe defaults.
    public var defaults: ProbeDefaults
    /// Top-level items, each with its children.
    public var items: [ChecklistItem]
    /// Problems found while reading.
    public var diagnostics: [Diagnostic]
    /// The original bytes and their line table.
    public var source: SourceText
    /// The byte range of the front matter block, if any.
    public var frontMatterRange: Range<Int>?
    /// Front matter `roster:`: the roster file's path as written (relative to the checklist's folder).
    package var roster: String?
    /// Where `roster:`'s value is written.
    package var rosterPosition: SourcePosition?
    /// Front matter `roster:` written as the roster itself (`people:` and `roles:`).
    package var inlineRoster: RosterFile?

    /// Every item in document order, children after their parent.
    public var allItems: [ChecklistItem] { items.flatMap(\.flattened) }

    /// Calls `body` with every item in document order, children after their parent.
    public func forEachItem(_ body: (ChecklistItem) throws -> Void) rethrows {
        // The siblings still to visit at each level, innermost last: no recursion, no copies of
        // whole levels.
        var levels: [ArraySlice<ChecklistItem>] = [items[...]]
        while var level = levels.popLast() {
            guard let first = level.indices.first else { continue }
            try body(level[first])
            let children = level[first].children
            level = level.dropFirst()
            levels.append(level)
            if !children.isEmpty { levels.append(children[...]) }
        }
    }

    /// Calls `body` with every probe of every item in document order.
    public func forEachProbe(_ body: (ProbeSpec) throws -> Void) rethrows {
        var levels: [ArraySlice<ChecklistItem>] = [items[...]]
        while var level = levels.popLast() {
            guard let first = level.indices.first else { continue }
            for probe in level[first].probes { try body(probe) }
            let children = level[first].children
            level = level.dropFirst()
            levels.append(level)
            if !children.isEmpty { levels.append(children[...]) }
        }
    }

    /// Names the checklist `newPath` (such as the path a user gave, after reading the file at a
    /// resolved one). Its diagnostics, and their notes located in this file, move with it.
    public mutating func rename(to newPath: String) {
        for index in diagnostics.indices {
            diagnostics[index].rename(path, to: newPath)
        }
        path = newPath
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
