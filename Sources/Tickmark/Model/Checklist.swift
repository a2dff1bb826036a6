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

    /// No defaults.
    public init(timeout: Duration? = nil, retries: Int? = nil, interval: Duration? = nil) {
        self.timeout = timeout
        self.retries = retries
        self.interval = interval
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

    /// Every item in document order, children after their parent.
    public var allItems: [ChecklistItem] { items.flatMap(\.flattened) }

    /// Calls `body` with every item in document order, children after their parent, without
    /// building an array of them or copying them.
    public func forEachItem(_ body: (borrowing ChecklistItem) throws -> Void) rethrows {
        try Checklist.forEach(items, body)
    }

    private static func forEach(_ items: [ChecklistItem], _ body: (borrowing ChecklistItem) throws -> Void) rethrows {
        // Nesting depth is bounded by the parser (`ChecklistParser.maximumDepth`).
        try items.withUnsafeBufferPointer { buffer in
            // Through the pointer's subscript the item is lent, not copied.
            guard let base = buffer.baseAddress else { return }
            for index in 0..<buffer.count {
                try body(base[index])
                if !base[index].children.isEmpty { try forEach(base[index].children, body) }
            }
        }
    }

    /// Calls `body` with every probe of every item in document order, without copying the items
    /// (validating the probes of a large checklist beside writing it out must not contend with
    /// the writer over the items' reference counts).
    public func forEachProbe(_ body: (ProbeSpec) throws -> Void) rethrows {
        try Checklist.forEachProbe(items, body)
    }

    private static func forEachProbe(_ items: [ChecklistItem], _ body: (ProbeSpec) throws -> Void) rethrows {
        try items.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<buffer.count {
                // Through the pointer only the fields read are loaded, not the whole item.
                if !base[index].probes.isEmpty {
                    for probe in base[index].probes { try body(probe) }
                }
                if !base[index].children.isEmpty { try forEachProbe(base[index].children, body) }
            }
        }
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
