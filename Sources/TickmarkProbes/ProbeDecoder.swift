import Tickmark

extension DiagnosticID {
    /// A probe kind Tickmark does not know.
    package static let unknownProbeKind = DiagnosticID("UnknownProbeKind")
    /// A required argument is missing.
    package static let missingArgument = DiagnosticID("MissingArgument")
    /// An argument or option value is not valid for the probe.
    package static let invalidArgument = DiagnosticID("InvalidArgument")
    /// More positional arguments than the probe takes.
    package static let unexpectedArgument = DiagnosticID("UnexpectedArgument")
    /// An option the probe does not accept.
    package static let unknownOption = DiagnosticID("UnknownOption")
    /// A regular expression that does not compile.
    package static let invalidRegex = DiagnosticID("InvalidRegex")
    /// A duration that cannot be read (`30s`, `800ms`, `5m`).
    package static let invalidDuration = DiagnosticID("InvalidDuration")
    /// An option written twice where only one value makes sense.
    package static let duplicateOption = DiagnosticID("DuplicateOption")
}

/// Reads a `ProbeSpec`'s arguments and options into typed values, reporting each problem as a
/// diagnostic that points at the argument or option concerned.
///
/// Values that still hold `${variables}` are accepted as written where they cannot be checked
/// yet; at run time the spec is decoded again after substitution.
package struct ProbeDecoder: Sendable {
    /// The probe being decoded.
    package let spec: ProbeSpec
    /// The checklist file, for diagnostics.
    package let path: String
    /// Problems found so far.
    package private(set) var diagnostics: [Diagnostic] = []
    private var consumedOptions: Set<String> = []
    private var consumedArguments = 0

    /// Creates a decoder for `spec`.
    package init(spec: ProbeSpec, path: String) {
        self.spec = spec
        self.path = path
    }

    /// Whether any error was reported.
    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Reports an error at `position` (the probe's kind by default).
    package mutating func error(_ id: DiagnosticID, _ message: String, at position: SourcePosition? = nil, length: Int = 1, notes: [String] = []) {
        diagnostics.append(Diagnostic(id, .error, message, path: path, at: position ?? spec.kindPosition, length: length, notes: notes))
    }

    /// Reports a warning at `position`.
    package mutating func warning(_ id: DiagnosticID, _ message: String, at position: SourcePosition? = nil, length: Int = 1) {
        diagnostics.append(Diagnostic(id, .warning, message, path: path, at: position ?? spec.kindPosition, length: length))
    }

    // MARK: Arguments

    /// All positional arguments.
    package var arguments: [ProbeArgument] { spec.arguments }

    /// The next positional argument, or an error naming it when it is missing.
    package mutating func requireArgument(_ name: String, usage: String) -> ProbeArgument? {
        guard let argument = optionalArgument() else {
            error(.missingArgument, "'\(spec.kind)' probe needs \(name)", length: spec.kind.utf8.count, notes: ["usage: \(usage)"])
            return nil
        }
        return argument
    }

    /// The next positional argument, if any.
    package mutating func optionalArgument() -> ProbeArgument? {
        guard consumedArguments < spec.arguments.count else { return nil }
        defer { consumedArguments += 1 }
        return spec.arguments[consumedArguments]
    }

    /// The positional arguments not yet read; they are then all considered read.
    package mutating func remainingArguments() -> [ProbeArgument] {
        defer { consumedArguments = spec.arguments.count }
        return Array(spec.arguments.dropFirst(consumedArguments))
    }

    // MARK: Options

    /// Whether the option was written.
    package func has(_ key: String) -> Bool { spec.option(key) != nil }

    /// The raw option, marking it read.
    package mutating func option(_ key: String) -> ProbeOption? {
        guard let option = spec.option(key) else { return nil }
        consumedOptions.insert(key)
        return option
    }

    /// A string option (scalars of any type are accepted as their text).
    package mutating func string(_ key: String) -> String? {
        guard let option = option(key) else { return nil }
        guard let text = option.value.scalarText else {
            error(.invalidArgument, "'\(key)' must be a single value", at: option.position, length: key.utf8.count)
            return nil
        }
        return text
    }

    /// A whole-number option.
    package mutating func integer(_ key: String, range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let option = option(key), let text = option.value.scalarText else { return nil }
        if ProbeDecoder.hasVariables(text) { return nil }
        guard let value = Int(text), range.contains(value) else {
            error(.invalidArgument, "'\(key)' must be a whole number\(range == Int.min...Int.max ? "" : " from \(range.lowerBound) to \(range.upperBound)"), not '\(text)'", at: option.position, length: key.utf8.count)
            return nil
        }
        return value
    }

    /// A boolean option (`true`/`false`, `yes`/`no`).
    package mutating func boolean(_ key: String) -> Bool? {
        guard let option = option(key) else { return nil }
        if case .boolean(let flag) = option.value { return flag }
        switch option.value.scalarText?.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            error(.invalidArgument, "'\(key)' must be true or false", at: option.position, length: key.utf8.count)
            return nil
        }
    }

    /// A duration option such as `30s`, `800ms`, `5m`.
    package mutating func duration(_ key: String) -> Duration? {
        guard let option = option(key), let text = option.value.scalarText else { return nil }
        return parseDuration(text, at: option.position, name: key)
    }

    /// Reads `text` as a duration, reporting an error naming `name` when it is not one.
    package mutating func parseDuration(_ text: String, at position: SourcePosition, name: String) -> Duration? {
        if ProbeDecoder.hasVariables(text) { return nil }
        guard let duration = DurationText.parse(text) else {
            error(.invalidDuration, "'\(name)' \(DurationText.problem(text) ?? "must be a duration")", at: position, length: name.utf8.count)
            return nil
        }
        return duration
    }

    /// A regular-expression option, checked to compile.
    package mutating func regex(_ key: String) -> String? {
        guard let option = option(key), let pattern = option.value.scalarText else { return nil }
        return checkRegex(pattern, at: option.position, name: key) ? pattern : nil
    }

    /// Whether `pattern` compiles as a regular expression (always true while it holds variables).
    package mutating func checkRegex(_ pattern: String, at position: SourcePosition, name: String) -> Bool {
        if ProbeDecoder.hasVariables(pattern) { return true }
        do {
            _ = try Regex(pattern)
            return true
        } catch {
            self.error(.invalidRegex, "'\(name)' is not a valid regular expression: \(error)", at: position, length: name.utf8.count)
            return false
        }
    }

    /// A list option; a single scalar counts as a one-element list, and a comma-separated scalar is split.
    package mutating func stringList(_ key: String, splitCommas: Bool = true) -> [String]? {
        guard let option = option(key) else { return nil }
        switch option.value {
        case .list(let values):
            return values.compactMap(\.scalarText)
        default:
            guard let text = option.value.scalarText else { return nil }
            guard splitCommas else { return [text] }
            return text.split(separator: ",").map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
        }
    }

    /// A mapping option of names to scalar values, in the order written.
    package mutating func stringMap(_ key: String) -> [(String, String)]? {
        guard let option = option(key) else { return nil }
        guard case .mapping(let entries) = option.value else {
            error(.invalidArgument, "'\(key)' must be a mapping of names to values", at: option.position, length: key.utf8.count)
            return nil
        }
        return entries.compactMap { entry in entry.value.scalarText.map { (entry.key, $0) } }
    }

    /// Reports options not read, options written twice (unless listed in `repeatable`), and
    /// positional arguments not consumed. Call last.
    package mutating func finish(allowedOptions: [String], repeatable: [String] = []) {
        var seen: Set<String> = []
        for option in spec.options where consumedOptions.contains(option.key) {
            guard !seen.insert(option.key).inserted, !repeatable.contains(option.key) else { continue }
            error(.duplicateOption, "'\(option.key)' is given more than once", at: option.position, length: option.key.utf8.count,
                  notes: ["only the first value would be used; remove the others"])
        }
        for option in spec.options where !consumedOptions.contains(option.key) {
            var message = "'\(spec.kind)' probe has no option '\(option.key)'"
            let known = allowedOptions + CommonProbeOptions.keys
            if let suggestion = Suggestion.closest(to: option.key, among: known) {
                message += "; did you mean '\(suggestion)'?"
            }
            error(.unknownOption, message, at: option.position, length: option.key.utf8.count,
                  notes: ["options of '\(spec.kind)': \((allowedOptions + CommonProbeOptions.keys).joined(separator: ", "))"])
        }
        if consumedArguments < spec.arguments.count {
            let extra = spec.arguments[consumedArguments]
            error(.unexpectedArgument, "'\(spec.kind)' probe does not take the argument '\(extra.value)'", at: extra.position, length: extra.length)
        }
    }

    /// Whether a value still holds `${…}` references (then it cannot be checked before run time).
    package static func hasVariables(_ text: String) -> Bool {
        text.containsBytes("${")
    }
}
