import Tickmark

/// A probe decoded into its kind, common options and typed configuration.
package struct DecodedProbe: Sendable {
    /// The probe as written.
    package var spec: ProbeSpec
    /// Its kind's description.
    package var kind: ProbeKindDescription
    /// `timeout`, `retry`, `advisory`, `id`, `needs`, `when`.
    package var common: CommonProbeOptions
    /// The kind-specific configuration.
    package var configuration: any ProbeConfiguration
    /// The kind's type, which executes the configuration.
    let kindType: any ProbeKind.Type

    /// Performs one attempt of the probe.
    package func execute(in context: ProbeContext) async -> ProbeResult {
        await kindType.executeAny(configuration, in: context)
    }
}

/// Every probe kind Tickmark knows, in one explicit list.
package enum ProbeRegistry {
    /// The kinds, in the order the docs list them.
    package static let kinds: [any ProbeKind.Type] = [
        RunProbe.self,
        HTTPProbe.self,
        TCPProbe.self,
        TLSProbe.self,
        FileProbe.self,
        GitProbe.self,
        VersionProbe.self,
        ChangelogProbe.self,
        EnvProbe.self,
        WindowProbe.self,
        ChecklistProbe.self,
    ]

    /// The kind named `name`.
    package static func kind(named name: String) -> (any ProbeKind.Type)? {
        kinds.first { $0.description.name == name }
    }

    /// Decodes one probe; problems are returned as diagnostics.
    package static func decode(_ spec: ProbeSpec, path: String) -> (DecodedProbe?, [Diagnostic]) {
        guard let kind = kind(named: spec.kind) else {
            var message = "unknown probe kind '\(spec.kind)'"
            let names = kinds.map { $0.description.name }
            if let suggestion = Suggestion.closest(to: spec.kind, among: names) {
                message += "; did you mean '\(suggestion)'?"
            }
            let diagnostic = Diagnostic(
                .unknownProbeKind, .error, message, path: path, at: spec.kindPosition, length: spec.kind.utf8.count,
                notes: ["probe kinds: \(names.joined(separator: ", "))"]
            )
            return (nil, [diagnostic])
        }
        var decoder = ProbeDecoder(spec: spec, path: path)
        let common = CommonProbeOptions.decode(&decoder)
        let configuration = kind.decodeAny(&decoder)
        guard let configuration, !decoder.hasErrors else { return (nil, decoder.diagnostics) }
        return (DecodedProbe(spec: spec, kind: kind.description, common: common, configuration: configuration, kindType: kind), decoder.diagnostics)
    }

    /// Every problem with the probes of `checklist`, in document order.
    package static func validate(_ checklist: Checklist) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        checklist.forEachProbe { probe in
            diagnostics.append(contentsOf: decode(probe, path: checklist.path).1)
        }
        return diagnostics
    }
}
