import Tickmark

// Kinds whose execution is not written yet; each extension moves into its kind's file when it is.
extension RunProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension HTTPProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension TCPProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension TLSProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension FileProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension GitProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension VersionProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension ChangelogProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension EnvProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension WindowProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
extension ChecklistProbe {
    public static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        ProbeResult(.error, "the '\(description.name)' probe cannot run yet", evidence: ProbeEvidence(action: configuration.summary))
    }
}
