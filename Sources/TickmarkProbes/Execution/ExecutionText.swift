import Foundation
import Tickmark

/// A result an executor reached before its last step (git could not run, a file is missing),
/// thrown to leave the steps that remain.
struct EarlyResult: Error {
    /// The probe's result.
    var result: ProbeResult
}

/// Wording and small checks shared by the executors, so reasons read alike across kinds.
enum ExecutionText {
    /// `text` in double quotes, escaped as JSON, cut to `limit` characters: `"## [1.4.0]"`.
    static func quoted(_ text: String, limit: Int = 80) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return JSONValue.string(cut).evidenceText
    }

    /// A duration as people read it: `35ms`, `1.2s`, `2m`.
    static func duration(_ duration: Duration) -> String {
        DurationText.format(duration)
    }

    /// `2026-05-01T10:15:00Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `2026-05-01`.
    static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(10))
    }

    /// `1 day`, `3 days`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// A duration of days and hours for ages and remaining validity: `3d 4h`, `5h 12m`, `40s`.
    static func age(_ seconds: TimeInterval) -> String {
        let total = Int(abs(seconds))
        let days = total / 86400, hours = total % 86400 / 3600, minutes = total % 3600 / 60
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(total)s"
    }

    /// Whether `pattern` matches somewhere in `text`, `^` and `$` matching at line boundaries
    /// as with grep; a pattern that does not compile is reported as such.
    static func matches(_ pattern: String, in text: String) -> Result<Bool, InvalidPattern> {
        do {
            let regex = try Regex(pattern).anchorsMatchLineEndings()
            return .success(text.contains(regex))
        } catch {
            return .failure(InvalidPattern(message: "/\(pattern)/ is not a valid regular expression: \(error)"))
        }
    }

    /// A regular expression that does not compile.
    struct InvalidPattern: Error {
        var message: String
    }

    /// The conventional name of a signal number (`SIGKILL`), or `signal N`.
    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
                                      9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM"]
        return names[signal] ?? "signal \(signal)"
    }
}
