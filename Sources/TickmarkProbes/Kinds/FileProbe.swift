import Tickmark

/// `file`: a path exists (or is absent), and its content contains, matches or equals what is
/// expected, or it was modified recently.
package struct FileProbe: ProbeKind {
    /// Whether the path must exist.
    package enum Presence: String, Sendable, Equatable {
        /// The path must exist (the default).
        case exists
        /// Nothing may exist at the path.
        case absent
    }

    /// A decoded `file` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// The path, relative to the run's working directory.
        package var path: String
        /// Whether the path must exist or be absent.
        package var presence = Presence.exists
        /// Text the file must contain (`contains`).
        package var contains: String?
        /// A regular expression the content must match (`matches`).
        package var matches: String?
        /// The whole expected content (`equals`), compared by `contentEquals`.
        package var equals: String?
        /// The file must have been modified less than this long ago (`newer-than`).
        package var maximumAge: Duration?

        /// Whether `content` equals `expected`, ignoring one trailing line break on either side.
        package static func contentEquals(_ content: String, _ expected: String) -> Bool {
            func trimmed(_ text: String) -> Substring {
                // "\r\n" is a single Character, so one `dropLast` removes either kind of line break.
                text.hasSuffix("\r\n") || text.hasSuffix("\n") ? Substring(text).dropLast() : Substring(text)
            }
            return trimmed(content) == trimmed(expected)
        }

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            if presence == .absent { return "\(path) is absent" }
            var checks: [String] = []
            if let contains { checks.append("contains \(JSONValue.string(contains).evidenceText)") }
            if let matches { checks.append("matches /\(matches)/") }
            if let equals { checks.append("equals \(JSONValue.string(equals).evidenceText)") }
            if let maximumAge { checks.append("was modified less than \(DurationText.format(maximumAge)) ago") }
            return checks.isEmpty ? "\(path) exists" : "\(path) exists and " + checks.joined(separator: " and ")
        }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "file",
        summary: "A path exists or is absent; its content contains, matches or equals the given text; it is fresh.",
        usage: "file PATH [exists|absent] [contains=TEXT] [matches=REGEX] [equals=TEXT] [newer-than=DURATION]",
        parameters: [
            ProbeParameter("PATH", "the file or folder, relative to the working directory"),
            ProbeParameter("exists", "the path must exist (the default)"),
            ProbeParameter("absent", "nothing may exist at the path; cannot be combined with content checks"),
            ProbeParameter("contains", "text the file must contain"),
            ProbeParameter("matches", "regular expression the content must match"),
            ProbeParameter("equals", "the whole content; a trailing line break is ignored"),
            ProbeParameter("newer-than", "the file was modified less than this long ago, such as 24h"),
        ],
        examples: [
            .valid("probe: file CHANGELOG.md"),
            .valid("probe: file CHANGELOG.md contains=\"## [${version}]\""),
            .valid("probe: file build.log absent"),
            .valid("probe: file dist/app.tar.gz exists"),
            .valid("probe: file VERSION equals=1.4.0"),
            .valid("probe: file Package.swift matches=\"swift-tools-version:6\\\\.[0-9]\""),
            .valid("probe: file /backups/db.dump newer-than=24h"),
            .invalid("probe: file", .missingArgument),
            .invalid("probe: file build.log absent contains=error", .invalidArgument),
            .invalid("probe: file build.log absent exists", .unexpectedArgument),
            .invalid("probe: file build.log missing", .unexpectedArgument),
            .invalid("probe: file backup.dump newer-than=yesterday", .invalidDuration),
            .invalid("probe: file app.log matches=[unclosed", .invalidRegex),
            .invalid("probe: file README.md contain=Usage", .unknownOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        guard let path = decoder.requireArgument("a path", usage: "probe: file PATH [exists|absent] [contains=TEXT] …") else { return nil }
        var configuration = Configuration(path: path.value)
        var presenceWord: ProbeArgument?
        if let word = decoder.arguments.dropFirst().first, let presence = Presence(rawValue: word.value) {
            _ = decoder.optionalArgument()
            configuration.presence = presence
            presenceWord = word
        }
        for key in ["exists", "absent"] where decoder.has(key) {
            let position = decoder.spec.option(key)?.position
            guard let flag = decoder.boolean(key) else { continue }
            let presence: Presence = (key == "exists") == flag ? .exists : .absent
            if presenceWord != nil, presence != configuration.presence {
                decoder.error(.invalidArgument, "'\(key)' contradicts '\(configuration.presence.rawValue)'", at: position, length: key.utf8.count)
            }
            configuration.presence = presence
        }
        configuration.contains = decoder.string("contains")
        configuration.matches = decoder.regex("matches")
        configuration.equals = decoder.string("equals")
        configuration.maximumAge = decoder.duration("newer-than")
        if configuration.presence == .absent {
            for key in ["contains", "matches", "equals", "newer-than"] {
                guard let option = decoder.spec.option(key) else { continue }
                decoder.error(.invalidArgument, "'\(key)' cannot be checked on a path that must be absent",
                              at: option.position, length: key.utf8.count)
            }
        }
        decoder.finish(allowedOptions: ["contains", "matches", "equals", "newer-than", "exists", "absent"])
        return configuration
    }
}
