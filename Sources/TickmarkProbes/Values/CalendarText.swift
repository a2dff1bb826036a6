import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The texts of the `today` and `now` built-ins, made with the C library's time conversion.
///
/// Foundation's calendar, time zones and ISO 8601 formatter cost about 2 ms to set up in a fresh
/// process, which every `run` paid before its first probe started; these functions give the same
/// texts for the times a run meets.
enum CalendarText {
    /// `date`'s day in the local time zone (`TZ`, else `/etc/localtime`), as `2026-12-05`.
    static func localDay(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return "0000-00-00" }
        return digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
    }

    /// `date` in UTC to the second, as `2026-12-05T14:03:09Z`.
    static func utcSecond(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "0000-00-00T00:00:00Z" }
        return digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
            + "T" + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2) + ":" + digits(Int(parts.tm_sec), 2) + "Z"
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
