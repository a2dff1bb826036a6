import Foundation
import Tickmark

/// A sign-off's age against its item's `fresh:` time, and the words for it: a sign-off older than
/// `fresh` no longer counts, and a box ticked in the file has no age, so under `fresh` only a
/// recent sign-off counts.
package enum SignOffFreshness {
    /// Whether `signOff` is older than `fresh` at `now`.
    package static func isTooOld(_ signOff: SignOff, fresh: Duration?, at now: Date) -> Bool {
        guard let fresh else { return false }
        return signOff.at.addingTimeInterval(fresh.seconds) <= now
    }

    /// "the sign-off by Ana Lima was given 8 days ago; fresh: 7d".
    package static func tooOld(_ signOff: SignOff, fresh: Duration, at now: Date) -> String {
        "the sign-off by \(signOff.by) was given \(AgeText.ago(seconds: now.timeIntervalSince(signOff.at))); fresh: \(AgeText.rule(fresh))"
    }

    /// Why a tick in the file does not count under `fresh`.
    package static func tickNeedsSignOff(fresh: Duration) -> String {
        "the box is ticked, but fresh: \(AgeText.rule(fresh)) needs a sign-off of the last \(AgeText.words(seconds: fresh.seconds))"
    }
}
