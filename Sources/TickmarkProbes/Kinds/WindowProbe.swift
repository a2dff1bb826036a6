import Foundation
import Tickmark

/// `window`: the current time is outside the denied windows (and inside the allowed one, if any).
package struct WindowProbe: ProbeKind {
    /// A decoded `window` probe.
    ///
    /// Decoded before variables are substituted, a window written with `${…}` is left out; the
    /// runner decodes the substituted probe again.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// When changes are forbidden (`deny`).
        package var deny: TimeWindow?
        /// When changes are allowed (`allow`); outside it the probe fails.
        package var allow: TimeWindow?
        /// The time zone the windows are written in (`tz`); `nil` means the machine's.
        package var timeZoneIdentifier: String?

        /// The time zone to read the clock in.
        package var timeZone: TimeZone { timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? .current }

        /// Whether `date` is outside `deny` and, when `allow` is given, inside it.
        package func permits(_ date: Date) -> Bool {
            if let deny, deny.contains(date, in: timeZone) { return false }
            if let allow { return allow.contains(date, in: timeZone) }
            return true
        }

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            var parts: [String] = []
            if let allow { parts.append("inside \(allow)") }
            if let deny { parts.append("outside \(deny)") }
            if parts.isEmpty { parts.append("inside the configured window") }
            return "the time is " + parts.joined(separator: " and ") + " (\(timeZoneIdentifier ?? "local time"))"
        }
    }

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "window",
        summary: "The current time is outside the denied windows, and inside the allowed one if given.",
        usage: "window [deny=\"Fri 15:00-24:00, Sat, Sun\"] [allow=\"Mon-Thu 09:00-17:00\"] [tz=Europe/Paris]",
        parameters: [
            ProbeParameter("deny", "when changes are forbidden: spans separated by commas, each days (Mon, Mon-Thu), a time range (HH:MM-HH:MM, 24:00 allowed), or both"),
            ProbeParameter("allow", "when changes are allowed, same syntax; outside it the probe fails"),
            ProbeParameter("tz", "IANA time zone the windows are written in, such as Europe/Paris (default: the machine's)"),
        ],
        examples: [
            .valid("probe: window deny=\"Fri 15:00-24:00, Sat, Sun\" tz=Europe/Paris"),
            .valid("probe: window allow=\"Mon-Thu 09:00-17:00\" tz=America/New_York"),
            .valid("probe: window deny=Sat,Sun allow=09:00-18:00"),
            .valid("probe: window deny=\"Fri 22:00-02:00\" tz=UTC"),
            .valid("probe: window deny=${freeze}"),
            .invalid("probe: window", .missingArgument),
            .invalid("probe: window tz=Europe/Paris", .missingArgument),
            .invalid("probe: window deny=\"Fri 15:00-25:00\"", .invalidArgument),
            .invalid("probe: window deny=Fir", .invalidArgument),
            .invalid("probe: window deny=Sat tz=Europe/Pairs", .invalidArgument),
            .invalid("probe: window deny=Sat,,Sun", .invalidArgument),
            .invalid("probe: window deny=Sat Sun", .unexpectedArgument),
            .invalid("probe: window deny=Sat forbid=Sun", .unknownOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        var configuration = Configuration()
        let hasWindow = decoder.has("deny") || decoder.has("allow")
        configuration.deny = window("deny", &decoder)
        configuration.allow = window("allow", &decoder)
        if let option = decoder.option("tz"), let identifier = option.value.scalarText {
            if ProbeDecoder.hasVariables(identifier) || TimeZone(identifier: identifier) != nil {
                configuration.timeZoneIdentifier = identifier
            } else {
                var message = "'\(identifier)' is not a time zone"
                if let suggestion = Suggestion.closest(to: identifier, among: TimeZone.knownTimeZoneIdentifiers) {
                    message += "; did you mean '\(suggestion)'?"
                }
                decoder.error(.invalidArgument, message, at: option.position, length: option.key.utf8.count,
                              notes: ["time zones are IANA names such as Europe/Paris, America/New_York or UTC"])
            }
        }
        if !hasWindow {
            decoder.error(.missingArgument, "'window' probe needs deny=… or allow=…", length: decoder.spec.kind.utf8.count,
                          notes: ["usage: probe: \(description.usage)"])
        }
        decoder.finish(allowedOptions: ["deny", "allow", "tz"])
        return hasWindow ? configuration : nil
    }

    /// Reads a window option written as text (`"Fri 15:00-24:00, Sat"`) or as a YAML list.
    private static func window(_ key: String, _ decoder: inout ProbeDecoder) -> TimeWindow? {
        let position = decoder.spec.option(key)?.position
        guard let entries = decoder.stringList(key, splitCommas: false) else { return nil }
        let text = entries.joined(separator: ", ")
        if ProbeDecoder.hasVariables(text) { return nil }
        switch TimeWindow.parse(text) {
        case .success(let window):
            return window
        case .failure(let problem):
            decoder.error(.invalidArgument, "'\(key)' is not a time window: \(problem.message)", at: position, length: key.utf8.count,
                          notes: ["example: \(key)=\"Fri 15:00-24:00, Sat, Sun\""])
            return nil
        }
    }
}

extension WindowProbe {
    /// Reads the clock in the configured time zone and checks it against the windows.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        var evidence = ProbeEvidence(action: configuration.summary)
        if let identifier = configuration.timeZoneIdentifier, TimeZone(identifier: identifier) == nil {
            return ProbeResult(.error, "'\(identifier)' is not a time zone", evidence: evidence)
        }
        guard configuration.deny != nil || configuration.allow != nil else {
            return ProbeResult(.error, "the window probe has neither deny nor allow", evidence: evidence)
        }
        let now = context.now()
        let zone = configuration.timeZone
        let zoneName = configuration.timeZoneIdentifier ?? zone.identifier
        let clock = wallClock(now, in: zone)
        evidence.fields.append(EvidenceField("now", "\(clock) (\(zoneName))"))
        if let deny = configuration.deny, deny.contains(now, in: zone) {
            return ProbeResult(.fail, "\(clock) \(zoneName) is inside the denied window \(deny)", evidence: evidence)
        }
        if let allow = configuration.allow, !allow.contains(now, in: zone) {
            return ProbeResult(.fail, "\(clock) \(zoneName) is outside the allowed window \(allow)", evidence: evidence)
        }
        var reasons: [String] = []
        if let allow = configuration.allow { reasons.append("inside the allowed window \(allow)") }
        if let deny = configuration.deny { reasons.append("outside the denied window \(deny)") }
        return ProbeResult(.pass, "\(clock) \(zoneName) is " + reasons.joined(separator: " and "), evidence: evidence)
    }

    /// `Fri 16:30` in `zone`.
    static func wallClock(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let day = TimeWindow.Weekday(rawValue: ((parts.weekday ?? 2) + 5) % 7 + 1)?.abbreviation ?? "?"
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        return "\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
