import Tickmark

/// `run`: a shell command exits 0 (or the `exit` given), optionally printing what is expected.
package struct RunProbe: ProbeKind {
    /// A decoded `run` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// The command line given to `/bin/sh -c`.
        package var command: String
        /// The exit status that counts as success.
        package var exitStatus: Int32 = 0
        /// Text standard output must contain.
        package var stdoutContains: String?
        /// A regular expression standard output must match.
        package var stdoutMatches: String?
        /// Working directory, relative to the run's.
        package var workingDirectory: String?
        /// Extra environment variables.
        package var environment: [String: String] = [:]
        /// The `TICKMARK_VAR_…` variables that carry the values of the `${…}` the command refers to.
        package var variables: [Variable] = []

        package var summary: String {
            var text = "sh -c \(ShellWords.quote(command))"
            if !variables.isEmpty {
                text += " with " + variables.map { "\($0.name)=\(ShellWords.quote($0.value))" }.joined(separator: " ")
            }
            if exitStatus != 0 { text += " expecting exit \(exitStatus)" }
            if let workingDirectory { text += " in \(workingDirectory)" }
            return text
        }
    }

    /// An environment variable that carries a Tickmark variable's value to the command.
    package struct Variable: Sendable, Equatable {
        /// `TICKMARK_VAR_name`.
        package var name: String
        /// The value.
        package var value: String
    }

    package static let description = ProbeKindDescription(
        name: "run",
        summary: "A shell command (/bin/sh -c) exits 0, or the exit status given.",
        usage: "run COMMAND… (block form adds exit, stdout, matches, cwd, env)",
        parameters: [
            ProbeParameter("COMMAND", "everything after `run ` is the command line"),
            ProbeParameter("exit", "expected exit status (default 0)"),
            ProbeParameter("stdout", "text standard output must contain"),
            ProbeParameter("matches", "regular expression standard output must match"),
            ProbeParameter("cwd", "working directory"),
            ProbeParameter("env", "extra environment variables (mapping)"),
        ],
        examples: [
            .valid("probe: run swift test"),
            .valid("probe: run ruff check ."),
            .invalid("probe: run", .missingArgument),
        ]
    )

    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        guard let command = decoder.requireArgument("a command line", usage: "probe: run COMMAND…") else { return nil }
        lint(command, &decoder)
        var configuration = Configuration(command: command.value)
        if let status = decoder.integer("exit", range: 0...255) { configuration.exitStatus = Int32(status) }
        configuration.stdoutContains = decoder.string("stdout")
        configuration.stdoutMatches = decoder.regex("matches")
        configuration.workingDirectory = decoder.string("cwd")
        if let environment = decoder.stringMap("env") {
            configuration.environment = Dictionary(environment, uniquingKeysWith: { _, last in last })
        }
        decoder.finish(allowedOptions: ["exit", "stdout", "matches", "cwd", "env"])
        return configuration
    }
}
