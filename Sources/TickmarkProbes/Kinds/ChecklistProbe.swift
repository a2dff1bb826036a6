import Tickmark

/// `checklist`: another checklist was GO in its latest run record.
package struct ChecklistProbe: ProbeKind {
    /// Which checklist to look up.
    package enum Target: Sendable, Equatable, CustomStringConvertible {
        /// A checklist id (front matter `id`, or the file name without extension).
        case id(String)
        /// A checklist file, relative to the working directory.
        case path(String)

        /// The id or path as written.
        package var description: String {
            switch self {
            case .id(let id): id
            case .path(let path): path
            }
        }
    }

    /// A decoded `checklist` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// The checklist that must be GO.
        package var target: Target
        /// Where to look for run records (`records`); the run's records folder (`--records`,
        /// `TICKMARK_RECORDS`, default `.tickmark`) when not given.
        package var recordsDirectory: String?

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            let name = switch target {
            case .id(let id): "checklist '\(id)'"
            case .path(let path): "checklist \(path)"
            }
            return "\(name) is GO in its latest run record in \(recordsDirectory ?? "the records folder")"
        }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "checklist",
        summary: "Another checklist (by id or path) is GO in its latest run record in the records folder.",
        usage: "checklist ID_OR_PATH [records=DIR]",
        parameters: [
            ProbeParameter("ID_OR_PATH", "a checklist id, or a path (it contains '/' or ends in .md)"),
            ProbeParameter("records", "the folder of run records, searched with its subfolders (default: the records folder, .tickmark unless --records or TICKMARK_RECORDS says otherwise)"),
        ],
        examples: [
            .valid("probe: checklist staging"),
            .valid("probe: checklist checklists/staging.md"),
            .valid("probe: checklist staging records=ci/records"),
            .valid("probe: checklist ${upstream}"),
            .invalid("probe: checklist", .missingArgument),
            .invalid("probe: checklist staging?", .invalidArgument),
            .invalid("probe: checklist staging production", .unexpectedArgument),
            .invalid("probe: checklist staging record=ci", .unknownOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        guard let argument = decoder.requireArgument("a checklist id or path", usage: "probe: checklist ID_OR_PATH") else { return nil }
        let text = argument.value
        var configuration: Configuration?
        if text.contains("/") || text.hasSuffix(".md") {
            configuration = Configuration(target: .path(text))
        } else if ProbeDecoder.hasVariables(text) || isValidID(text) {
            configuration = Configuration(target: .id(text))
        } else {
            decoder.error(.invalidArgument, "'\(text)' is not a checklist id (letters, digits, '-', '_', '.') or a path (containing '/' or ending in .md)",
                          at: argument.position, length: argument.length)
        }
        if let records = decoder.string("records") { configuration?.recordsDirectory = records }
        decoder.finish(allowedOptions: ["records"])
        return configuration
    }

    private static func isValidID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
    }
}
