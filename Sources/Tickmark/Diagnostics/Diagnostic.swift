/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    /// Orders by seriousness: note, warning, error.
    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// The stable identifier of a kind of problem, printed in brackets after the message.
///
/// An open set: each part of Tickmark declares the ids it reports as `static let` members.
public struct DiagnosticID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The id as printed, such as `DuplicateID`.
    public var rawValue: String
    /// An id from its printed form.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// An id from its printed form.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The id as printed.
    public var description: String { rawValue }
}

/// A further remark on a diagnostic, optionally located elsewhere in a file (such as the first
/// use of a duplicated id), so an editor can jump there.
public struct DiagnosticNote: Sendable, Equatable, Codable {
    /// The remark.
    public var message: String
    /// The file the located place is in; nil for a note without a location.
    public var path: String?
    /// The place the note points at; nil for a note without a location.
    public var position: SourcePosition?

    /// Creates a note without a location.
    public init(_ message: String) {
        self.message = message
    }

    /// Creates a note about a place in a file.
    public init(_ message: String, path: String, at position: SourcePosition) {
        self.message = message
        self.path = path
        self.position = position
    }

    /// Whether the note points at a place.
    public var isLocated: Bool { path != nil && position != nil }
}

/// A problem found in a checklist: collected, never thrown.
public struct Diagnostic: Sendable, Equatable, Codable {
    /// What kind of problem this is.
    public var id: DiagnosticID
    /// Error, warning or note.
    public var severity: DiagnosticSeverity
    /// A terse summary, phrased as the rule that was broken.
    public var message: String
    /// The file the problem is in.
    public var path: String
    /// Where the problem starts; `nil` for problems of the whole file.
    public var position: SourcePosition?
    /// How many bytes the caret underline should cover (at least one).
    public var length: Int
    /// Further explanation, each printed as a `note:` line (located ones as `path:line:column: note:`).
    public var notes: [DiagnosticNote]
    /// Edits that would fix the problem.
    public var fixIts: [TextEdit]

    /// Creates a diagnostic.
    public init(
        _ id: DiagnosticID,
        _ severity: DiagnosticSeverity,
        _ message: String,
        path: String,
        at position: SourcePosition?,
        length: Int = 1,
        notes: [DiagnosticNote] = [],
        fixIts: [TextEdit] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.path = path
        self.position = position
        self.length = max(1, length)
        self.notes = notes
        self.fixIts = fixIts
    }

    /// Creates a diagnostic whose notes have no location.
    public init(
        _ id: DiagnosticID,
        _ severity: DiagnosticSeverity,
        _ message: String,
        path: String,
        at position: SourcePosition?,
        length: Int = 1,
        notes: [String],
        fixIts: [TextEdit] = []
    ) {
        self.init(id, severity, message, path: path, at: position, length: length, notes: notes.map(DiagnosticNote.init), fixIts: fixIts)
    }
}

extension Diagnostic {
    /// Points the diagnostic, and each of its notes located in `oldPath`, at `newPath`.
    public mutating func rename(_ oldPath: String, to newPath: String) {
        path = newPath
        for index in notes.indices where notes[index].path == oldPath {
            notes[index].path = newPath
        }
    }
}

extension DiagnosticID {
    /// The file is not valid UTF-8 (or holds NUL bytes).
    public static let notUTF8 = DiagnosticID("InvalidUTF8")
    /// The front matter's YAML cannot be read, or a key holds the wrong kind of value.
    public static let frontMatter = DiagnosticID("InvalidFrontMatter")
    /// The front matter has a key Tickmark does not know.
    public static let unknownFrontMatterKey = DiagnosticID("UnknownFrontMatterKey")
    /// The front matter is opened with `---` and never closed.
    public static let unclosedFrontMatter = DiagnosticID("UnclosedFrontMatter")
    /// A probe could not be read: bad quoting, missing kind, invalid YAML.
    public static let malformedProbe = DiagnosticID("MalformedProbe")
    /// A probe is written outside a task item, so it would never run.
    public static let probeOutsideItem = DiagnosticID("ProbeOutsideItem")
    /// Two items of a file have the same explicit id.
    public static let duplicateID = DiagnosticID("DuplicateID")
    /// An explicit item id uses characters ids may not hold.
    public static let invalidID = DiagnosticID("InvalidID")
    /// A probe refers to a variable the front matter does not define.
    public static let undefinedVariable = DiagnosticID("UndefinedVariable")
    /// A variable reference such as `${name` is not well formed.
    public static let malformedVariable = DiagnosticID("MalformedVariable")
    /// Task items are nested deeper than `ChecklistParser.maximumDepth`.
    public static let deepNesting = DiagnosticID("DeepNesting")
    /// A task item has no text.
    public static let emptyItem = DiagnosticID("EmptyItem")
}
