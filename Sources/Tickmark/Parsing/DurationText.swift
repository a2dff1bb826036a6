/// Durations as people write them in checklists: `30s`, `800ms`, `5m`, `1h30m`, `1.5s`, or a bare
/// number of seconds.
package enum DurationText {
    /// The longest duration accepted, in seconds (about 31 years): anything longer is a mistake,
    /// and would not fit the clocks timeouts are measured on.
    package static let maximumSeconds: Double = 1e9

    /// The duration `text` denotes, or `nil` if it is not a duration (or is longer than
    /// `maximumSeconds`: `problem(_:)` says which).
    package static func parse(_ text: String) -> Duration? {
        guard let seconds = seconds(text), seconds < maximumSeconds else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// What is wrong with `text` as a duration, completing "'timeout' …": `nil` when it is one.
    package static func problem(_ text: String) -> String? {
        guard let seconds = seconds(text) else { return "must be a duration such as 30s, 800ms or 5m, not '\(text)'" }
        guard seconds < maximumSeconds else { return "is too long: '\(text)' is more than \(Int(maximumSeconds))s (about 31 years)" }
        return nil
    }

    /// `"OPTION is too long: …"` when `text` is a duration longer than the longest accepted.
    package static func tooLong(_ text: String, option: String) -> String? {
        guard let seconds = seconds(text), seconds >= maximumSeconds else { return nil }
        return "\(option) \(problem(text) ?? "is too long")"
    }

    /// The number of seconds `text` denotes, however large; `nil` when it is not a duration.
    private static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed) {
            return seconds >= 0 ? (seconds.isFinite ? seconds : .infinity) : nil
        }
        var total: Double = 0
        var number = ""
        var unit = ""
        var sawComponent = false
        func flush() -> Bool {
            guard let value = Double(number), value >= 0 else { return false }
            let factor: Double
            switch unit {
            case "ms": factor = 0.001
            case "s", "sec", "secs": factor = 1
            case "m", "min", "mins": factor = 60
            case "h", "hr", "hrs": factor = 3600
            case "d": factor = 86400
            default: return false
            }
            total += value * factor
            sawComponent = true
            number = ""
            unit = ""
            return true
        }
        for character in trimmed {
            if character.isASCII && (character.isNumber || character == ".") {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else if character.isASCII && character.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(character)
            } else {
                return nil
            }
        }
        guard !number.isEmpty, !unit.isEmpty, flush(), sawComponent else { return nil }
        return total.isFinite ? total : .infinity
    }

    /// A short rendering: `800ms`, `30s`, `1m30s`.
    package static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds % 1000 != 0 { return String(format2(Double(milliseconds) / 1000)) + "s" }
        var seconds = milliseconds / 1000
        var parts = ""
        if seconds >= 3600 { parts += "\(seconds / 3600)h"; seconds %= 3600 }
        if seconds >= 60 { parts += "\(seconds / 60)m"; seconds %= 60 }
        if seconds > 0 || parts.isEmpty { parts += "\(seconds)s" }
        return parts
    }

    private static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    package func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
