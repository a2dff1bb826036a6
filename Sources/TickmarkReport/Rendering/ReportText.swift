import Foundation

/// Small text conversions shared by the report renderers: escaping, durations, times.
package enum ReportText {
    /// `text` escaped for HTML text and attribute values.
    package static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` as literal Markdown inline text: punctuation Markdown could read as syntax gets a
    /// backslash, and line breaks become spaces (so it also fits in a table cell).
    package static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!", "$":
                out.append("\\")
                out.append(character)
            case "\r\n", "\n", "\r":
                out.append(" ")
            default:
                out.append(character)
            }
        }
        return out
    }

    /// A duration for people: `0.12 s`, `12.3 s`, `2 min 05 s`, `1 h 02 min` (`<0.01 s` below 5 ms).
    package static func duration(milliseconds: Int) -> String {
        let value = max(0, milliseconds)
        if value < 5 { return "<0.01 s" }
        if value < 10_000 {
            let hundredths = (value + 5) / 10
            return "\(hundredths / 100).\(pad(hundredths % 100)) s"
        }
        if value < 60_000 {
            let tenths = (value + 50) / 100
            return "\(tenths / 10).\(tenths % 10) s"
        }
        let seconds = (value + 500) / 1000
        if seconds < 3600 { return "\(seconds / 60) min \(pad(seconds % 60)) s" }
        return "\(seconds / 3600) h \(pad(seconds / 60 % 60)) min"
    }

    /// The milliseconds between two times.
    package static func milliseconds(from start: Date, to end: Date) -> Int {
        Int((end.timeIntervalSince(start) * 1000).rounded())
    }

    /// A time for people, in UTC: `2026-11-21 14:03 UTC`.
    package static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// `count noun` with an `s` when not one.
    package static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// At most `limit` characters of `text` on one line, with `…` when cut.
    package static func oneLine(_ text: String, limit: Int = 160) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
