/// A value in a probe's options: what an inline `key=value` word or a YAML scalar, list or
/// mapping in a probe block holds, before a probe kind decodes it into its typed configuration.
public indirect enum ProbeValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case list([ProbeValue])
    /// A mapping; keys keep the order they were written in.
    case mapping([ProbeOption])
    case null

    /// The value as written, for scalars; `nil` for lists and mappings.
    public var scalarText: String? {
        switch self {
        case .string(let text): text
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .boolean(let value): value ? "true" : "false"
        case .null: ""
        case .list, .mapping: nil
        }
    }
}

/// One named option of a probe, with where it was written.
public struct ProbeOption: Hashable, Sendable {
    /// The option's name (`status`, `timeout`, …).
    public var key: String
    /// The option's value.
    public var value: ProbeValue
    /// Where the option's key starts in the file.
    public var position: SourcePosition

    /// Creates an option.
    public init(key: String, value: ProbeValue, position: SourcePosition) {
        self.key = key
        self.value = value
        self.position = position
    }
}

/// One positional argument of a probe, with where it was written.
public struct ProbeArgument: Hashable, Sendable {
    /// The argument with quotes removed.
    public var value: String
    /// Where the argument starts in the file.
    public var position: SourcePosition
    /// The argument's length in the file, quotes included.
    public var length: Int

    /// Creates an argument.
    public init(value: String, position: SourcePosition, length: Int) {
        self.value = value
        self.position = position
        self.length = length
    }
}

/// A probe as written in a checklist: its kind, arguments and options, not yet interpreted.
///
/// Probe kinds turn a spec into their typed configuration; the spec keeps source positions so
/// every problem can point at the argument that caused it.
public struct ProbeSpec: Hashable, Sendable {
    /// How the probe was attached to its item.
    public enum Form: String, Hashable, Sendable {
        /// A `` `probe: …` `` code span in the item's paragraph.
        case inline
        /// A fenced code block with info string `probe`, holding YAML.
        case block
    }

    /// The probe kind as written (`run`, `http`, …).
    public var kind: String
    /// Where the kind word starts.
    public var kindPosition: SourcePosition
    /// Positional arguments. For `run` the whole command line is the single argument.
    public var arguments: [ProbeArgument]
    /// Named options, in the order written; a block's `expect:` mapping is flattened into them.
    public var options: [ProbeOption]
    /// Where the probe starts: the code span's text, or the fence line.
    public var position: SourcePosition
    /// Inline or block.
    public var form: Form
    /// The probe's text exactly as written (code span content, or block body).
    public var source: String

    /// Creates a probe spec.
    public init(
        kind: String, kindPosition: SourcePosition, arguments: [ProbeArgument], options: [ProbeOption],
        position: SourcePosition, form: Form, source: String
    ) {
        self.kind = kind
        self.kindPosition = kindPosition
        self.arguments = arguments
        self.options = options
        self.position = position
        self.form = form
        self.source = source
    }

    /// The first option named `key`.
    public func option(_ key: String) -> ProbeOption? {
        options.first { $0.key == key }
    }

    /// Whether the probe says `advisory` (as `advisory: true` or a bare `advisory=true`).
    public var isAdvisory: Bool {
        guard let value = option("advisory")?.value else { return false }
        switch value {
        case .boolean(let flag): return flag
        case .string(let text): return ["true", "yes", "on", "1"].contains(text.lowercased())
        default: return false
        }
    }
}
