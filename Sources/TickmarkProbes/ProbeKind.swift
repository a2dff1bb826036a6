import Tickmark

/// One parameter a probe kind accepts, for `--help` and the docs.
package struct ProbeParameter: Sendable, Equatable {
    /// The argument or option name as written (`status`, `METHOD`).
    package var name: String
    /// What it means, one line.
    package var summary: String

    /// Creates a parameter description.
    package init(_ name: String, _ summary: String) {
        self.name = name
        self.summary = summary
    }
}

/// An example of a probe as written inline, with the diagnostic id it must produce (if invalid).
package struct ProbeExample: Sendable, Equatable {
    /// The code span text, such as `probe: git clean`.
    package var text: String
    /// `nil` for a valid example; otherwise the id of the error it must raise.
    package var expectedError: DiagnosticID?

    /// A valid example.
    package static func valid(_ text: String) -> ProbeExample { ProbeExample(text: text, expectedError: nil) }
    /// An invalid example and the error it raises.
    package static func invalid(_ text: String, _ error: DiagnosticID) -> ProbeExample { ProbeExample(text: text, expectedError: error) }
}

/// How a probe kind describes itself: summary, parameters, and examples that tests run.
package struct ProbeKindDescription: Sendable {
    /// The kind's name as written after `probe:`.
    package var name: String
    /// What it checks, one line.
    package var summary: String
    /// Its inline usage line, such as `git clean | branch NAME | synced REMOTE/BRANCH …`.
    package var usage: String
    /// Its arguments and options.
    package var parameters: [ProbeParameter]
    /// Inline examples; every one is checked by the test suite.
    package var examples: [ProbeExample]

    /// Creates a description.
    package init(name: String, summary: String, usage: String, parameters: [ProbeParameter], examples: [ProbeExample]) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.parameters = parameters
        self.examples = examples
    }
}

/// The typed configuration of one probe, decoded once from its `ProbeSpec`.
package protocol ProbeConfiguration: Sendable {
    /// What the probe will do, in one line (`GET https://… expecting status 200`), for `--dry-run`.
    var summary: String { get }
}

/// A kind of probe: describes itself and turns a `ProbeSpec` into its typed configuration.
package protocol ProbeKind: Sendable {
    /// The configuration type this kind decodes to.
    associatedtype Configuration: ProbeConfiguration

    /// The kind's self-description.
    static var description: ProbeKindDescription { get }

    /// Decodes the kind's arguments and options. Common options (`timeout`, `retry`, `advisory`,
    /// `id`, `needs`, `when`) are already consumed. Problems go to `decoder`; return `nil` when the
    /// probe cannot be configured.
    static func decode(_ decoder: inout ProbeDecoder) -> Configuration?

    /// Performs one attempt of the probe within `context.timeout`. Never throws: a check that
    /// ran and found the condition false is `.fail`; one that could not run is `.error`.
    static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult
}

extension ProbeKind {
    /// `decode` with the configuration type erased.
    static func decodeAny(_ decoder: inout ProbeDecoder) -> (any ProbeConfiguration)? {
        decode(&decoder)
    }

    /// `execute` with the configuration type erased.
    static func executeAny(_ configuration: any ProbeConfiguration, in context: ProbeContext) async -> ProbeResult {
        guard let configuration = configuration as? Configuration else {
            return ProbeResult(.error, "internal error: \(description.name) probe got a configuration of another kind", evidence: ProbeEvidence(action: description.name))
        }
        return await execute(configuration, in: context)
    }
}
