import Tickmark

/// `version`: a version is valid SemVer, is a stable release, or matches a version file.
package struct VersionProbe: ProbeKind {
    /// What to check. Values are kept as written; the runner reads them with `SemanticVersion`.
    package enum Check: Sendable, Equatable {
        /// The value is a valid SemVer 2.0.0 version.
        case semver(String)
        /// The value is a valid version without a pre-release part.
        case stable(String)
        /// The file's content, trimmed of surrounding whitespace, equals the value.
        case fileEquals(path: String, value: String)
        /// The tag, without one leading `v`, equals the file's trimmed content (itself without
        /// one leading `v`).
        case tagMatchesFile(tag: String, path: String)
    }

    /// A decoded `version` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// What to check.
        package var check: Check

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            switch check {
            case .semver(let value): "\(value) is a semantic version"
            case .stable(let value): "\(value) is a stable version (no pre-release part)"
            case .fileEquals(let path, let value): "\(path) holds version \(value)"
            case .tagMatchesFile(let tag, let path): "tag \(tag) matches the version in \(path)"
            }
        }
    }

    static let subcommands = ["semver", "stable", "file", "tag-matches-file"]

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "version",
        summary: "A version is valid SemVer 2.0, is stable, or matches the version kept in a file.",
        usage: "version semver VALUE | stable VALUE | file PATH [equals] VALUE | tag-matches-file TAG PATH",
        parameters: [
            ProbeParameter("semver VALUE", "VALUE is a valid SemVer 2.0.0 version (no leading v)"),
            ProbeParameter("stable VALUE", "VALUE is a valid version without a pre-release part"),
            ProbeParameter("file PATH [equals] VALUE", "the file's trimmed content equals VALUE (also `file PATH equals=VALUE`)"),
            ProbeParameter("tag-matches-file TAG PATH", "tag vX.Y.Z (or X.Y.Z) names the version the file holds"),
        ],
        examples: [
            .valid("probe: version semver 1.2.3-rc.1+build.5"),
            .valid("probe: version stable ${version}"),
            .valid("probe: version stable 2.0.0"),
            .valid("probe: version file VERSION equals ${version}"),
            .valid("probe: version file version.txt 1.4.0"),
            .valid("probe: version file VERSION equals=${version}"),
            .valid("probe: version tag-matches-file ${git.tag} VERSION"),
            .valid("probe: version tag-matches-file v1.4.0 VERSION"),
            .invalid("probe: version", .missingArgument),
            .invalid("probe: version semver", .missingArgument),
            .invalid("probe: version semver 1.2", .invalidArgument),
            .invalid("probe: version semver v1.2.3", .invalidArgument),
            .invalid("probe: version stable 1.02.3", .invalidArgument),
            .invalid("probe: version semvar 1.2.3", .invalidArgument),
            .invalid("probe: version file VERSION", .missingArgument),
            .invalid("probe: version file VERSION equals", .missingArgument),
            .invalid("probe: version file VERSION is 1.2.3", .unexpectedArgument),
            .invalid("probe: version tag-matches-file release-1 VERSION", .invalidArgument),
            .invalid("probe: version tag-matches-file v1.2.3", .missingArgument),
            .invalid("probe: version semver 1.2.3 strict=true", .unknownOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        let usage = "probe: \(description.usage)"
        guard let subcommand = decoder.requireArgument("a check (\(subcommands.joined(separator: ", ")))", usage: usage) else { return nil }
        var check: Check?
        var allowed: [String] = []
        switch subcommand.value {
        case "semver", "stable":
            if let value = decoder.requireArgument("a version", usage: "probe: version \(subcommand.value) VALUE"), isVersion(value, &decoder) {
                check = subcommand.value == "semver" ? .semver(value.value) : .stable(value.value)
            }
        case "file":
            allowed = ["equals"]
            check = decodeFileEquals(&decoder)
        case "tag-matches-file":
            let tag = decoder.requireArgument("a tag", usage: "probe: version tag-matches-file TAG PATH")
            let path = decoder.requireArgument("a path", usage: "probe: version tag-matches-file TAG PATH")
            if let tag, let path, isVersion(tag, tagPrefix: true, &decoder) {
                check = .tagMatchesFile(tag: tag.value, path: path.value)
            }
        default:
            var message = "'version' probe has no check '\(subcommand.value)'"
            if let suggestion = Suggestion.closest(to: subcommand.value, among: subcommands) { message += "; did you mean '\(suggestion)'?" }
            decoder.error(.invalidArgument, message, at: subcommand.position, length: subcommand.length, notes: ["usage: \(usage)"])
            _ = decoder.remainingArguments()
        }
        decoder.finish(allowedOptions: allowed)
        return check.map(Configuration.init)
    }

    /// `file PATH equals VALUE`, `file PATH VALUE`, or `file PATH equals=VALUE`.
    private static func decodeFileEquals(_ decoder: inout ProbeDecoder) -> Check? {
        let usage = "probe: version file PATH equals VALUE"
        guard let path = decoder.requireArgument("a path", usage: usage) else { return nil }
        if let value = decoder.string("equals") { return .fileEquals(path: path.value, value: value) }
        if decoder.arguments.dropFirst(2).first?.value == "equals" { _ = decoder.optionalArgument() }
        guard let value = decoder.requireArgument("the expected version", usage: usage) else { return nil }
        return .fileEquals(path: path.value, value: value.value)
    }

    /// Whether the argument is a SemVer version (after one leading `v` for tags), reporting why not.
    private static func isVersion(_ argument: ProbeArgument, tagPrefix: Bool = false, _ decoder: inout ProbeDecoder) -> Bool {
        if ProbeDecoder.hasVariables(argument.value) { return true }
        let result = tagPrefix ? SemanticVersion.parse(tag: argument.value) : SemanticVersion.parse(argument.value)
        guard case .failure(let problem) = result else { return true }
        decoder.error(.invalidArgument, problem.message, at: argument.position, length: argument.length,
                      notes: [tagPrefix ? "tags look like v1.2.3 or 1.2.3" : "versions look like 1.2.3, 2.0.0-rc.1 or 1.0.0+build.5"])
        return false
    }
}
