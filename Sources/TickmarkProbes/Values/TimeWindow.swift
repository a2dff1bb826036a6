import Foundation
import Tickmark

/// A set of weekly time spans, written as in `deny="Fri 15:00-24:00, Sat, Sun"` or
/// `allow="Mon-Thu 09:00-17:00"`.
///
/// Grammar: spans separated by commas; each span is days, a time range, or days then a time
/// range. Days are `Mon` … `Sun` (or full names, any case), alone or as ranges `Mon-Thu` (which
/// may wrap, as in `Fri-Mon`), several separated by spaces (`Mon Wed-Fri`); without days a span
/// applies every day. Times are `HH:MM-HH:MM`,
/// 24-hour, the end excluded, `24:00` meaning the end of the day; a range whose end is before its
/// start runs past midnight into the next day (`Fri 22:00-02:00` ends Saturday 02:00). Without a
/// time range a span covers whole days.
package struct TimeWindow: Sendable, Equatable, CustomStringConvertible {
    /// A day of the week, numbered from Monday as ISO 8601 does.
    package enum Weekday: Int, Sendable, CaseIterable, Comparable {
        case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

        /// The three-letter English abbreviation.
        package var abbreviation: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1] }

        /// The day after this one.
        package var next: Weekday { Weekday(rawValue: rawValue % 7 + 1)! }

        /// The day before this one.
        package var previous: Weekday { Weekday(rawValue: (rawValue + 5) % 7 + 1)! }

        /// Reads `Mon`, `monday`, `MON`, …
        package init?(name: some StringProtocol) {
            let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            let lowered = name.lowercased()
            guard let index = names.firstIndex(where: { $0 == lowered || $0.prefix(3) == lowered }) else { return nil }
            self.init(rawValue: index + 1)
        }

        /// Weekday order, Monday first.
        package static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One span: on some days, from a start minute to an end minute.
    package struct Span: Sendable, Equatable, CustomStringConvertible {
        /// The days the span starts on, Monday first.
        package var days: [Weekday]
        /// Minutes after midnight when the span starts (0…1439).
        package var start: Int
        /// Minutes after midnight when the span ends, excluded (1…1440); at or before `start`
        /// when the span runs past midnight.
        package var end: Int

        /// Creates a span starting on `days` (every day by default), covering whole days by default.
        package init(days: [Weekday] = Weekday.allCases, start: Int = 0, end: Int = 1440) {
            self.days = days
            self.start = start
            self.end = end
        }

        /// Whether the span covers `minute` (after midnight) on `day`.
        package func contains(day: Weekday, minute: Int) -> Bool {
            if start < end { return days.contains(day) && (start..<end).contains(minute) }
            return (days.contains(day) && minute >= start) || (days.contains(day.previous) && minute < end)
        }

        /// The span as it would be written: `Mon-Thu 09:00-17:00`.
        package var description: String {
            var parts: [String] = []
            if days != Weekday.allCases { parts.append(TimeWindow.dayRuns(days)) }
            if start != 0 || end != 1440 { parts.append("\(TimeWindow.clock(start))-\(TimeWindow.clock(end))") }
            return parts.isEmpty ? "every day" : parts.joined(separator: " ")
        }
    }

    /// Why a text is not a time window.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, naming the offending part.
        package var message: String
        /// The message.
        package var description: String { message }
    }

    /// The spans, in the order written.
    package var spans: [Span]

    /// Creates a window from spans.
    package init(spans: [Span]) { self.spans = spans }

    /// The spans joined with commas.
    package var description: String { spans.map(\.description).joined(separator: ", ") }

    /// Whether `date`, read as wall-clock time in `timeZone`, falls in one of the spans.
    package func contains(_ date: Date, in timeZone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        guard let weekday = parts.weekday, let hour = parts.hour, let minute = parts.minute,
              let day = Weekday(rawValue: (weekday + 5) % 7 + 1) else { return false }
        return spans.contains { $0.contains(day: day, minute: hour * 60 + minute) }
    }

    /// Parses a window such as `Fri 15:00-24:00, Sat, Sun`.
    package static func parse(_ text: String) -> Result<TimeWindow, ParseError> {
        var spans: [Span] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            var words = piece.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !words.isEmpty else {
                return .failure(ParseError(message: "'\(text)' has an empty entry; separate spans with single commas"))
            }
            var span = Span()
            if let last = words.last, last.contains(":") {
                switch times(last) {
                case .success(let (start, end)): (span.start, span.end) = (start, end)
                case .failure(let error): return .failure(error)
                }
                words.removeLast()
            }
            if !words.isEmpty {
                var found: Set<Weekday> = []
                for word in words {
                    switch days(word) {
                    case .success(let days): found.formUnion(days)
                    case .failure(let error): return .failure(error)
                    }
                }
                span.days = found.sorted()
            }
            spans.append(span)
        }
        return .success(TimeWindow(spans: spans))
    }

    /// `Mon` or `Mon-Thu` (wrapping past Sunday if needed).
    private static func days(_ word: Substring) -> Result<[Weekday], ParseError> {
        let ends = word.split(separator: "-", omittingEmptySubsequences: false)
        let parsed = ends.map { Weekday(name: $0) }
        guard ends.count <= 2, let first = parsed.first ?? nil, let last = parsed.last ?? nil else {
            let hint = word.contains(":") ? "; put the time range last" : ""
            return .failure(ParseError(message: "'\(word)' is not a day or a range of days such as Mon or Mon-Thu\(hint)"))
        }
        var result = [first]
        var day = first
        while day != last {
            day = day.next
            result.append(day)
        }
        return .success(result)
    }

    /// `HH:MM-HH:MM`, end excluded; `24:00` (or `00:00`) as the end means midnight.
    private static func times(_ word: Substring) -> Result<(Int, Int), ParseError> {
        let ends = word.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = minutes(ends[0]), let end = minutes(ends[1]) else {
            return .failure(ParseError(message: "'\(word)' is not a time range such as 09:00-17:00"))
        }
        guard start < 1440 else { return .failure(ParseError(message: "'\(word)' cannot start at 24:00")) }
        let normalizedEnd = end == 0 ? 1440 : end
        guard start != normalizedEnd else {
            return .failure(ParseError(message: "'\(word)' ends when it starts; leave out the times for whole days"))
        }
        return .success((start, normalizedEnd))
    }

    /// Minutes after midnight of `H:MM` or `HH:MM`, up to `24:00`.
    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60 else { return nil }
        guard hour < 24 || (hour == 24 && minute == 0) else { return nil }
        return hour * 60 + minute
    }

    /// Days as runs of consecutive days, Monday first: `Mon Wed-Fri`.
    static func dayRuns(_ days: [Weekday]) -> String {
        var runs: [(Weekday, Weekday)] = []
        for day in days.sorted() {
            if let last = runs.last, last.1.rawValue + 1 == day.rawValue {
                runs[runs.count - 1].1 = day
            } else {
                runs.append((day, day))
            }
        }
        return runs.map { $0 == $1 ? $0.abbreviation : "\($0.abbreviation)-\($1.abbreviation)" }.joined(separator: " ")
    }

    /// `HH:MM` for minutes after midnight.
    static func clock(_ minutes: Int) -> String {
        let hour = minutes / 60, minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
