/// Ages and freshness rules in words: `fresh: 7d`, "8 days ago", "expires in 20 hours".
package enum AgeText {
    /// A rule's duration as it is usually written: `7d`, `1d12h`, `36h`, `30m`, `2s`.
    package static func rule(_ duration: Duration) -> String {
        var seconds = Int(duration.seconds.rounded())
        if seconds <= 0 { return DurationText.format(duration) }
        var text = ""
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text
    }

    /// A span of time in words, in its largest unit and the next one (rounded down, a zero left
    /// out): "8 days", "1 day 6 hours", "11 hours 59 minutes", "45 seconds".
    package static func words(seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded(.down)))
        let units = [("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1)]
        let first = units.firstIndex { whole >= $0.1 } ?? units.count - 1
        func counted(_ count: Int, _ unit: String) -> String { "\(count) \(unit)\(count == 1 ? "" : "s")" }
        var text = counted(whole / units[first].1, units[first].0)
        if first + 1 < units.count {
            let next = units[first + 1]
            let rest = (whole % units[first].1) / next.1
            if rest > 0 { text += " " + counted(rest, next.0) }
        }
        return text
    }

    /// "8 days ago", "just now".
    package static func ago(seconds: Double) -> String {
        seconds < 1 ? "just now" : "\(words(seconds: seconds)) ago"
    }
}
