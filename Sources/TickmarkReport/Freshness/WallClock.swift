import Foundation

/// Where the time comes from when evidence is judged by its age. Commands take one as a value, so
/// tests can set the time and move it on.
package protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system clock.
package struct SystemClock: WallClock {
    /// The system clock.
    package init() {}

    package func now() -> Date { Date() }
}

/// A clock that says what it is told.
package struct FixedClock: WallClock {
    /// The time it says.
    package var date: Date

    /// A clock stopped at `date`.
    package init(_ date: Date) { self.date = date }

    package func now() -> Date { date }

    /// The clock moved on by `seconds`.
    package func advanced(by seconds: TimeInterval) -> FixedClock { FixedClock(date.addingTimeInterval(seconds)) }
}
