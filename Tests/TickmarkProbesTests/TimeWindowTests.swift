import Foundation
import Testing
import TickmarkProbes

@Suite struct TimeWindowTests {
    private static let paris = TimeZone(identifier: "Europe/Paris")!
    private static let utc = TimeZone(identifier: "UTC")!

    /// A fixed instant, written in UTC.
    private func date(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "bad fixture date \(text)", sourceLocation: sourceLocation)
    }

    private func window(_ text: String) throws -> TimeWindow {
        try TimeWindow.parse(text).get()
    }

    // 2026-05-01 is a Friday; Paris is UTC+2 in May.
    @Test(arguments: [
        ("2026-05-01T12:59:00Z", false), // Fri 14:59 Paris
        ("2026-05-01T13:00:00Z", true),  // Fri 15:00 Paris
        ("2026-05-01T21:59:00Z", true),  // Fri 23:59 Paris
        ("2026-05-02T08:00:00Z", true),  // Sat 10:00 Paris
        ("2026-05-03T21:59:00Z", true),  // Sun 23:59 Paris
        ("2026-05-03T22:00:00Z", false), // Mon 00:00 Paris
        ("2026-04-30T14:00:00Z", false), // Thu 16:00 Paris
    ])
    func weekendFreezeInParis(_ instant: String, _ denied: Bool) throws {
        let freeze = try window("Fri 15:00-24:00, Sat, Sun")
        #expect(freeze.contains(try date(instant), in: Self.paris) == denied)
    }

    @Test func theSameInstantDependsOnTheTimeZone() throws {
        let freeze = try window("Fri 15:00-24:00")
        let instant = try date("2026-05-01T13:30:00Z") // 15:30 in Paris, 13:30 in UTC
        #expect(freeze.contains(instant, in: Self.paris))
        #expect(!freeze.contains(instant, in: Self.utc))
    }

    @Test(arguments: [
        ("2026-05-01T21:59:00Z", false), ("2026-05-01T22:00:00Z", true),
        ("2026-05-02T01:59:00Z", true), ("2026-05-02T02:00:00Z", false),
        ("2026-05-02T23:00:00Z", false),
    ])
    func rangesPastMidnightEndOnTheNextDay(_ instant: String, _ inside: Bool) throws {
        let night = try window("Fri 22:00-02:00")
        #expect(night.contains(try date(instant), in: Self.utc) == inside)
    }

    @Test func dayRangesMayWrapAndTimesAloneApplyEveryDay() throws {
        let longWeekend = try window("Fri-Mon")
        #expect(longWeekend.spans[0].days == [.monday, .friday, .saturday, .sunday])
        #expect(longWeekend.contains(try date("2026-05-04T10:00:00Z"), in: Self.utc))
        #expect(!longWeekend.contains(try date("2026-04-30T10:00:00Z"), in: Self.utc))
        let office = try window("09:00-17:00")
        #expect(office.spans[0].days == TimeWindow.Weekday.allCases)
        #expect(office.contains(try date("2026-05-03T09:00:00Z"), in: Self.utc))
        #expect(!office.contains(try date("2026-05-03T17:00:00Z"), in: Self.utc))
    }

    @Test func acceptsFullDayNamesInAnyCaseAndSeveralDayWords() throws {
        #expect(try window("monday-THURSDAY 9:00-17:30") == (try window("Mon-Thu 09:00-17:30")))
        #expect(try window("Sat Sun 10:00-12:00").spans[0].days == [.saturday, .sunday])
    }

    @Test(arguments: ["Fri 15:00-24:00, Sat, Sun", "Mon-Thu 09:00-17:00", "Mon Wed-Fri", "22:00-06:00", "Sun"])
    func descriptionReadsBackAsTheSameWindow(_ text: String) throws {
        let parsed = try window(text)
        #expect(try window(parsed.description) == parsed)
    }

    @Test(arguments: [
        ("Fri 15:00-25:00", "time range"), ("Fir", "not a day"), ("Sat,,Sun", "empty entry"), ("", "empty entry"),
        ("Fri 15:00", "time range"), ("Fri 24:00-10:00", "cannot start at 24:00"), ("10:00-10:00", "ends when it starts"),
        ("Fri 9:60-10:00", "time range"), ("Mon-Wed-Fri", "not a day"), ("09:00-17:00 Mon", "put the time range last"),
    ])
    func rejectsMalformedWindowsNamingThePart(_ text: String, _ reason: String) {
        guard case .failure(let error) = TimeWindow.parse(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test func windowProbeDeniesInsideDenyAndOutsideAllow() throws {
        let configuration = try Fixture.configuration(
            WindowProbe.Configuration.self,
            Fixture.inline("probe: window deny=\"Fri 15:00-24:00, Sat, Sun\" allow=08:00-18:00 tz=Europe/Paris")
        )
        #expect(configuration.permits(try date("2026-04-30T08:00:00Z")))  // Thu 10:00
        #expect(!configuration.permits(try date("2026-04-30T17:00:00Z"))) // Thu 19:00, outside allow
        #expect(!configuration.permits(try date("2026-05-01T14:00:00Z"))) // Fri 16:00, denied
    }
}
