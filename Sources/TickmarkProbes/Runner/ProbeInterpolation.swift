import Tickmark

/// Substitutes `${variables}` into a probe as written, before it is decoded for running.
package enum ProbeInterpolation {
    /// Every string in a probe that may hold variables (arguments and option values).
    package static func strings(in probe: ProbeSpec) -> [String] {
        var texts = probe.arguments.map(\.value)
        for option in probe.options { collect(option.value, into: &texts) }
        return texts
    }

    private static func collect(_ value: ProbeValue, into texts: inout [String]) {
        switch value {
        case .string(let text): texts.append(text)
        case .list(let values): for element in values { collect(element, into: &texts) }
        case .mapping(let options): for option in options { collect(option.value, into: &texts) }
        default: break
        }
    }

    /// The first undefined or malformed reference in `probe`, with where it is written.
    package static func firstUndefined(in probe: ProbeSpec, scope: VariableScope) -> (name: String, position: SourcePosition)? {
        var located: [(String, SourcePosition)] = probe.arguments.map { ($0.value, $0.position) }
        for option in probe.options {
            var texts: [String] = []
            collect(option.value, into: &texts)
            located += texts.map { ($0, option.position) }
        }
        for (text, position) in located {
            switch VariableScanner.references(in: text) {
            case .failure: return (text, position)
            case .success(let references):
                if let missing = references.first(where: { scope.value($0.name) == nil }) { return (missing.name, position) }
            }
        }
        return nil
    }

    /// `probe` with variables substituted; a `run` command gets references to the environment
    /// variables `shellEnvironment(of:scope:)` lists instead of values (`ShellVariables`).
    package static func substitute(_ probe: ProbeSpec, scope: VariableScope) -> ProbeSpec {
        var result = probe
        let shell = probe.kind == "run"
        result.arguments = probe.arguments.map { argument in
            var copy = argument
            copy.value = shell
                ? ShellVariables.rewrite(argument.value, value: scope.value).command
                : VariableScanner.substitute(argument.value) { scope.value($0) }
            return copy
        }
        result.options = probe.options.map { option in
            var copy = option
            copy.value = substitute(option.value, scope: scope)
            return copy
        }
        return result
    }

    /// The environment variables a `run` probe's command refers to once substituted.
    package static func shellEnvironment(of probe: ProbeSpec, scope: VariableScope) -> [RunProbe.Variable] {
        guard probe.kind == "run" else { return [] }
        var variables: [RunProbe.Variable] = []
        for argument in probe.arguments {
            for entry in ShellVariables.rewrite(argument.value, value: scope.value).environment
            where !variables.contains(where: { $0.name == entry.name }) {
                variables.append(RunProbe.Variable(name: entry.name, value: entry.value))
            }
        }
        return variables
    }

    private static func substitute(_ value: ProbeValue, scope: VariableScope) -> ProbeValue {
        switch value {
        case .string(let text): .string(VariableScanner.substitute(text) { scope.value($0) })
        case .list(let values): .list(values.map { substitute($0, scope: scope) })
        case .mapping(let options): .mapping(options.map { option in
            var copy = option
            copy.value = substitute(option.value, scope: scope)
            return copy
        })
        default: value
        }
    }
}
