import Tickmark

/// `changelog`: the changelog has a section for a version, Keep a Changelog style
/// (`## [1.2.3] - 2026-05-01`).
package struct ChangelogProbe: ProbeKind {
    /// The changelog read when `path` is not given.
    package static let defaultPath = "CHANGELOG.md"

    /// A decoded `changelog` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// The version whose section must exist, as written in the heading's brackets.
        package var version: String
        /// The changelog file (`path`, default `CHANGELOG.md`).
        package var path = ChangelogProbe.defaultPath
        /// Whether the heading must carry a release date, `## [X.Y.Z] - YYYY-MM-DD` (`dated`).
        package var requiresDate = false

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            "\(path) has a section [\(version)]" + (requiresDate ? " with a release date (YYYY-MM-DD)" : "")
        }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "changelog",
        summary: "The changelog has a section for the version, Keep a Changelog style: ## [X.Y.Z] - YYYY-MM-DD.",
        usage: "changelog VERSION [path=CHANGELOG.md] [dated=true]",
        parameters: [
            ProbeParameter("VERSION", "the version whose section must exist, as written between the heading's brackets"),
            ProbeParameter("path", "the changelog file (default CHANGELOG.md)"),
            ProbeParameter("dated", "true to require a release date after the heading, `## [X.Y.Z] - YYYY-MM-DD` (default false)"),
        ],
        examples: [
            .valid("probe: changelog ${version}"),
            .valid("probe: changelog 1.4.0 dated=true"),
            .valid("probe: changelog ${version} path=docs/CHANGES.md"),
            .valid("probe: changelog Unreleased"),
            .invalid("probe: changelog", .missingArgument),
            .invalid("probe: changelog [1.4.0]", .invalidArgument),
            .invalid("probe: changelog 1.4.0 dated=maybe", .invalidArgument),
            .invalid("probe: changelog 1.4.0 file=CHANGES.md", .unknownOption),
            .invalid("probe: changelog 1.4.0 1.5.0", .unexpectedArgument),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        guard let version = decoder.requireArgument("a version", usage: "probe: \(description.usage)") else { return nil }
        var configuration: Configuration?
        if version.value.contains(where: { $0 == "[" || $0 == "]" || $0 == " " || $0 == "\t" }) {
            decoder.error(.invalidArgument, "write the version without brackets or spaces, such as 1.4.0, not '\(version.value)'",
                          at: version.position, length: version.length)
        } else {
            configuration = Configuration(version: version.value)
        }
        if let path = decoder.string("path") { configuration?.path = path }
        if let dated = decoder.boolean("dated") { configuration?.requiresDate = dated }
        decoder.finish(allowedOptions: ["path", "dated"])
        return configuration
    }
}
