import Foundation
import TickmarkReport

/// The dates `--from` and `--to` accept.
package enum LedgerDates {
    /// `2026-12-01` (the day's start, or with `endOfDay` its last millisecond, UTC) or an ISO 8601 time.
    package static func parse(_ text: String, endOfDay: Bool) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
           let start = RunRecord.parseTimestamp("\(text)T00:00:00Z") {
            return endOfDay ? start.addingTimeInterval(86_400 - 0.001) : start
        }
        return RunRecord.parseTimestamp(text)
    }
}
