/// Checks the `${name}` references in probe arguments and options against the variables the
/// front matter defines.
enum VariableCheck {
    /// The problems with the references in the probes of `items`, in document order.
    static func diagnostics(_ items: [PendingItem], defined: Set<String>, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for item in items {
            for probe in item.probes {
                var texts: [(String, SourcePosition)] = probe.arguments.map { ($0.value, $0.position) }
                for option in probe.options { collectStrings(option.value, at: option.position, into: &texts) }
                for (text, at) in texts {
                    switch VariableScanner.references(in: text) {
                    case .failure(let problem):
                        diagnostics.append(.malformedVariable(problem.message, path: path, at: at))
                    case .success(let references):
                        for reference in references where !isKnown(reference.name, defined: defined) {
                            diagnostics.append(.undefinedVariable(reference.name, length: reference.range.count, path: path, at: at))
                        }
                    }
                }
            }
        }
        return diagnostics
    }

    /// Whether a name is defined, built in, or read from the environment (`env.NAME`).
    private static func isKnown(_ name: String, defined: Set<String>) -> Bool {
        defined.contains(name) || VariableScanner.builtins.contains(name) || name.hasPrefix("env.")
    }

    /// Every string inside an option's value, with the option's position.
    private static func collectStrings(_ value: ProbeValue, at position: SourcePosition, into texts: inout [(String, SourcePosition)]) {
        switch value {
        case .string(let text): texts.append((text, position))
        case .list(let values): for element in values { collectStrings(element, at: position, into: &texts) }
        case .mapping(let options): for option in options { collectStrings(option.value, at: option.position, into: &texts) }
        default: break
        }
    }
}
