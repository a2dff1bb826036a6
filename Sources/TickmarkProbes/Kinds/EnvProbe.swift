import Tickmark

/// `env`: environment variables are set and not empty. Their values are never shown.
package struct EnvProbe: ProbeKind {
    /// A decoded `env` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// The variables that must be set and not empty, in the order written.
        package var names: [String]

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String { names.joined(separator: ", ") + (names.count == 1 ? " is" : " are") + " set and not empty" }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "env",
        summary: "Environment variables are set and not empty; their values are never printed.",
        usage: "env NAME…",
        parameters: [
            ProbeParameter("NAME…", "one or more variable names: letters, digits and '_', not starting with a digit"),
        ],
        examples: [
            .valid("probe: env DATABASE_URL"),
            .valid("probe: env DATABASE_URL S3_KEY _INTERNAL_TOKEN"),
            .valid("probe: env ${region}_BUCKET"),
            .invalid("probe: env", .missingArgument),
            .invalid("probe: env $DATABASE_URL", .invalidArgument),
            .invalid("probe: env DATABASE-URL", .invalidArgument),
            .invalid("probe: env 1PASSWORD", .invalidArgument),
            .invalid("probe: env API_KEY API_KEY", .invalidArgument),
            .invalid("probe: env API_KEY required=true", .unknownOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        guard let first = decoder.requireArgument("at least one variable name", usage: "probe: env NAME…") else { return nil }
        var names: [String] = []
        for argument in [first] + decoder.remainingArguments() {
            let name = argument.value
            if names.contains(name) {
                decoder.error(.invalidArgument, "'\(name)' is listed twice", at: argument.position, length: argument.length)
            } else if !ProbeDecoder.hasVariables(name), let problem = nameProblem(name) {
                decoder.error(.invalidArgument, "'\(name)' is not an environment variable name: \(problem)", at: argument.position, length: argument.length)
            }
            names.append(name)
        }
        decoder.finish(allowedOptions: [])
        return Configuration(names: names)
    }

    /// What makes `name` an invalid variable name (POSIX portable names), if anything.
    static func nameProblem(_ name: String) -> String? {
        if name.hasPrefix("$") { return "write it without '$'" }
        guard let first = name.utf8.first else { return "it is empty" }
        if (0x30...0x39).contains(first) { return "it cannot start with a digit" }
        let valid = name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
        }
        return valid ? nil : "use only letters, digits and '_'"
    }
}

extension EnvProbe {
    /// Checks that each variable is set and not blank. Values are never read into the result:
    /// the evidence says only `set`, `missing` or `empty` for each name.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        var evidence = ProbeEvidence(action: "check environment variables \(configuration.names.joined(separator: ", "))")
        var missing: [String] = []
        var empty: [String] = []
        for name in configuration.names {
            let state: String
            switch context.environment[name] {
            case nil:
                state = "missing"
                missing.append(name)
            case let value? where value.allSatisfy(\.isWhitespace):
                state = "empty"
                empty.append(name)
            default:
                state = "set"
            }
            evidence.fields.append(EvidenceField(name, state))
        }
        var problems: [String] = []
        if !missing.isEmpty { problems.append("not set: \(missing.joined(separator: ", "))") }
        if !empty.isEmpty { problems.append("empty: \(empty.joined(separator: ", "))") }
        guard problems.isEmpty else { return ProbeResult(.fail, problems.joined(separator: "; "), evidence: evidence) }
        let names = configuration.names
        let subject = names.count == 1 ? "\(names[0]) is" : "\(names.dropLast().joined(separator: ", ")) and \(names.last!) are"
        return ProbeResult(.pass, "\(subject) set", evidence: evidence)
    }
}
