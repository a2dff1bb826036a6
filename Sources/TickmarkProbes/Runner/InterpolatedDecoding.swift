import Tickmark

extension ProbeInterpolation {
    /// Kinds whose check is about the value itself (`version semver ${version}`): a value that
    /// arrives in a variable and is not one they accept makes the probe `fail`. For every other
    /// kind such a value means the probe cannot run (a URL that does not parse, a bad duration):
    /// it is an `error`.
    static let kindsCheckingTheirValues: Set<String> = ["version"]

    /// Decodes `spec` after substituting `scope`'s variables (SPEC §1.5).
    ///
    /// The spec as written has passed lint, so a value the kind rejects now came in a variable:
    /// the probe is then planned to `fail` or `error` with a reason that names the variables
    /// and their values (`***` for secrets), and the run goes on. Diagnostics are returned only
    /// when the spec cannot be decoded even as written.
    package static func decode(_ spec: ProbeSpec, scope: VariableScope, path: String) -> (DecodedProbe?, [Diagnostic]) {
        let substituted = substitute(spec, scope: scope)
        let (decoded, substitutedProblems) = ProbeRegistry.decode(substituted, path: path)
        // A problem found after substitution may quote a value: secrets never show.
        let redactor = Redactor(secrets: scope.secretValues)
        let problems = substitutedProblems.map { problem in
            var copy = problem
            copy.message = redactor.redact(problem.message)
            copy.notes = problem.notes.map { note in
                var redacted = note
                redacted.message = redactor.redact(note.message)
                return redacted
            }
            return copy
        }
        if var decoded {
            if var run = decoded.configuration as? RunProbe.Configuration {
                run.variables = shellEnvironment(of: spec, scope: scope)
                decoded.configuration = run
            }
            return (decoded, problems)
        }
        guard let kind = ProbeRegistry.kind(named: spec.kind), ProbeRegistry.decode(spec, path: path).0 != nil else {
            return (nil, problems)
        }
        let errors = problems.filter { $0.severity == .error }
        let reason = errors.map { problem in
            "\(describeVariables(at: problem.position, in: spec, scope: scope)): \(problem.message)"
        }.joined(separator: "; ")
        let status: ProbeStatus = kindsCheckingTheirValues.contains(spec.kind) ? .fail : .error
        var commonDecoder = ProbeDecoder(spec: substituted, path: path)
        var common = CommonProbeOptions.decode(&commonDecoder)
        if commonDecoder.hasErrors {
            var asWritten = ProbeDecoder(spec: spec, path: path)
            common = CommonProbeOptions.decode(&asWritten)
        }
        let written = ([spec.kind] + spec.arguments.map(\.value)).joined(separator: " ")
        let configuration = UnusableValue(status: status, reason: reason, written: written)
        return (DecodedProbe(spec: substituted, kind: kind.description, common: common, configuration: configuration, kindType: UnusableValueProbe.self), [])
    }

    /// `variable 'name' = 'value'` for the variables written where `position` points (the
    /// argument or option a problem was found in), else for every variable of the probe.
    private static func describeVariables(at position: SourcePosition?, in spec: ProbeSpec, scope: VariableScope) -> String {
        var located: [(text: String, position: SourcePosition)] = spec.arguments.map { ($0.value, $0.position) }
        for option in spec.options {
            for text in strings(in: ProbeSpec(
                kind: spec.kind, kindPosition: spec.kindPosition, arguments: [], options: [option],
                position: spec.position, form: spec.form, source: spec.source
            )) {
                located.append((text, option.position))
            }
        }
        func names(_ texts: [String]) -> [String] {
            var names: [String] = []
            for text in texts {
                guard case .success(let references) = VariableScanner.references(in: text) else { continue }
                for reference in references where !names.contains(reference.name) { names.append(reference.name) }
            }
            return names
        }
        var found = names(located.filter { $0.position == position }.map(\.text))
        if found.isEmpty { found = names(located.map(\.text)) }
        let described = found.map { name in
            let value = scope.secretNames.contains(name) ? "***" : scope.value(name) ?? ""
            return "'\(name)' = '\(value)'"
        }
        return (found.count == 1 ? "variable " : "variables ") + described.joined(separator: ", ")
    }
}

/// A probe planned with a variable's value its kind cannot accept: what it reports instead of
/// running.
struct UnusableValue: ProbeConfiguration {
    /// `fail` or `error`.
    var status: ProbeStatus
    /// The variables, their values and what is wrong with them.
    var reason: String
    /// The probe's kind and arguments as written.
    var written: String

    var summary: String { "\(written) (will \(status.rawValue): \(reason))" }
}

/// The stand-in kind of a probe whose variables' values cannot be used: each attempt reports
/// the same `fail` or `error`, never retried (the value does not change between attempts).
enum UnusableValueProbe: ProbeKind {
    static let description = ProbeKindDescription(
        name: "unusable-value", summary: "A probe whose variables hold values its kind cannot use.",
        usage: "", parameters: [], examples: []
    )

    static func decode(_ decoder: inout ProbeDecoder) -> UnusableValue? { nil }

    static func execute(_ configuration: UnusableValue, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(
            configuration.status, configuration.reason, evidence: ProbeEvidence(action: configuration.written),
            notRetriedBecause: "the value is the same at every attempt"
        )
    }
}
