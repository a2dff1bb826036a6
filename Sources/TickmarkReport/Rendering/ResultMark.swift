import Foundation
import Tickmark
import TickmarkProbes

/// What a report shows after an item's box: an emoji, a word, and the timing.
package struct ResultMark: Sendable, Equatable {
    /// `✅`, `❌`, `⚠️`, `⏳`, `✍️`, `🚫`, `⏭️`, `➖`, `☑️` or `▫️`.
    package var symbol: String
    /// `pass`, `fail`, `waiting for sign-off`, `signed off by Ana`… (plain text).
    package var label: String
    /// The probes' total time, when the item has probes.
    package var milliseconds: Int?

    /// The mark of a recorded item (`nil`: the records did not select it), given its sign-offs
    /// (oldest first), the time they are judged at, and whose keys are whose.
    package init(_ item: RunRecord.ItemRecord?, signOffs: [SignOff] = [], at date: Date = Date(), trust: SignerTrust = .none) {
        guard let item else {
            (symbol, label, milliseconds) = ("▫️", "not run", nil)
            return
        }
        milliseconds = item.probes.isEmpty ? nil : item.probes.reduce(0) { $0 + $1.durationMilliseconds }
        let advisory = item.severity == .advisory ? " (advisory)" : ""
        if item.state == .na {
            (symbol, label, milliseconds) = ("➖", "not applicable", nil)
            return
        }
        if item.approvals != nil, [.signedOff, .rejected, .manual].contains(item.status) {
            // An item with approval rules: the decision's words say who approved and what is missing.
            symbol = item.status == .signedOff ? "✍️" : item.status == .rejected ? "🚫" : "⏳"
            label = (item.status == .manual ? "waiting: " : "") + item.reason + (item.status == .manual ? advisory : "")
            return
        }
        switch item.status {
        case .pass: (symbol, label) = ("✅", "pass")
        case .fail: (symbol, label) = ("❌", "fail" + advisory)
        case .error: (symbol, label) = ("⚠️", "error" + advisory)
        case .skipped: (symbol, label) = ("⏭️", "skipped")
        case .signedOff, .rejected:
            let verb = item.status == .signedOff ? "signed off by " : "rejected by "
            let decider = signOffs.last { $0.standing(digest: item.digest, at: date, trust: trust).counts }
            symbol = item.status == .signedOff ? "✍️" : "🚫"
            label = verb + (decider?.signerName ?? "a sign-off")
        case .manual:
            if item.ownSatisfied, let claimant = AuthorClaim.claimant(in: item.reason) {
                (symbol, label) = ("☑️", "claimed by \(claimant), the pull request's author, not signed off")
            } else if item.ownSatisfied {
                (symbol, label) = ("☑️", "ticked in the file, not signed off")
            } else {
                (symbol, label) = ("⏳", "waiting for sign-off" + advisory)
            }
            if let last = signOffs.last {
                label += " (\(last.signerName)'s sign-off \(last.standing(digest: item.digest, at: date, trust: trust).why ?? "counts"))"
            }
        }
    }

    /// `✅ pass · 0.12 s`.
    package var text: String {
        var text = "\(symbol) \(label)"
        if let milliseconds { text += " · " + ReportText.duration(milliseconds: milliseconds) }
        return text
    }
}
