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

    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// The stable identifier of a kind of problem, printed in brackets after the message.
///
/// An open set: each part of Tickmark declares the ids it reports as `static let` members.
public struct DiagnosticID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
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
    /// Further explanation, each printed as a `note:` line.
    public var notes: [String]
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
        notes: [String] = [],
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
}

extension DiagnosticID {
    static let notUTF8 = DiagnosticID("InvalidUTF8")
    static let frontMatter = DiagnosticID("InvalidFrontMatter")
    static let unknownFrontMatterKey = DiagnosticID("UnknownFrontMatterKey")
    static let unclosedFrontMatter = DiagnosticID("UnclosedFrontMatter")
    /// A probe could not be read: bad quoting, missing kind, invalid YAML.
    public static let malformedProbe = DiagnosticID("MalformedProbe")
    static let probeOutsideItem = DiagnosticID("ProbeOutsideItem")
    static let duplicateID = DiagnosticID("DuplicateID")
    static let invalidID = DiagnosticID("InvalidID")
    static let undefinedVariable = DiagnosticID("UndefinedVariable")
    static let malformedVariable = DiagnosticID("MalformedVariable")
    static let deepNesting = DiagnosticID("DeepNesting")
    static let emptyItem = DiagnosticID("EmptyItem")
}
