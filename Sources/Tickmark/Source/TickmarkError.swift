/// A problem that stops a command: unreadable file, bad key, cannot write. Problems *in* a
/// checklist are `Diagnostic`s instead.
public struct TickmarkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable code naming the kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code as text.
        public var rawValue: String
        /// A code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file cannot be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// The file is binary, not a Markdown checklist.
        public static let notText = Code(rawValue: "not-text")
        /// The file changed on disk since it was read.
        public static let conflict = Code(rawValue: "conflict")
        /// The file cannot be written.
        public static let cannotWrite = Code(rawValue: "cannot-write")
        /// The input is invalid (exit 2).
        public static let invalidInput = Code(rawValue: "invalid-input")
        /// The command line is wrong (exit 2).
        public static let usage = Code(rawValue: "usage")
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong and what to do, in one or two sentences.
    public var message: String
    /// The file involved, if any.
    public var path: String?
    /// Where in the file, if known.
    public var position: SourcePosition?

    /// Creates an error.
    public init(_ code: Code, _ message: String, path: String? = nil, position: SourcePosition? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.position = position
    }

    /// `path:line:column: error: message`, as far as known.
    public var description: String {
        var location = ""
        if let path {
            location = path
            if let position { location += ":\(position.line):\(position.column)" }
            location += ": "
        }
        return "\(location)error: \(message)"
    }
}
