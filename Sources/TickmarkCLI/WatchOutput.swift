import Foundation
import Tickmark
import TickmarkProbes

/// What `tickmark watch` prints: what it watches, each round with every failing item, the summary.
enum WatchOutput {
    /// `Watching 2 probe items every 1m for 30m …` and what the watch leaves to the gate before it.
    static func start(_ scope: WatchScope, command: WatchCommand, console: Console) {
        let items = "\(scope.probeItems) probe item\(scope.probeItems == 1 ? "" : "s")"
        var line = "Watching \(items) every \(command.every) for \(command.period), one try per probe and round"
        line += command.tolerate == 0 ? "." : "; an item may fail \(roundsText(command.tolerate)) in a row (--tolerate \(command.tolerate))."
        console.line(line)
        if let leftOut = scope.leftOut {
            console.line("Not part of the watch (they belong to the gate before it): \(leftOut)")
        }
    }

    /// `round 2: NO-GO — 2 failing`, then one line per failing item with its reason.
    static func round(_ round: WatchRound, tolerate: Int, console: Console) {
        var header = "round \(round.index): "
        header += round.decision == .go ? console.style("GO", "32") : console.style("NO-GO", "1;31")
        if !round.failures.isEmpty {
            header += " — \(round.failures.count) failing"
            if round.decision == .go { header += round.tolerated.isEmpty ? ", advisory" : ", tolerated" }
        }
        console.line(header)
        for failure in round.failures {
            let label = (failure.status == .error ? "ERROR" : "FAIL").padding(toLength: 5, withPad: " ", startingAt: 0)
            let color = failure.blocking ? "31" : "33"
            console.line("  " + console.style(label, color) + " \(failure.text) (\(failure.path):\(failure.line)): \(failure.reason)"
                         + note(failure, tolerate: tolerate))
        }
        for blocker in round.otherBlockers { console.line("  " + console.style("NO-GO", "31") + " \(blocker)") }
    }

    /// Why a failure did or did not block, when it is not plain.
    static func note(_ failure: WatchFailure, tolerate: Int) -> String {
        if failure.advisory { return " (advisory)" }
        if !failure.blocking { return " (failing round \(failure.streak) of \(tolerate) tolerated)" }
        if failure.streak <= tolerate { return " (still failing in the last round)" }
        if tolerate > 0 { return " (failing \(roundsText(failure.streak)) in a row; --tolerate \(tolerate))" }
        return failure.streak > 1 ? " (failing \(roundsText(failure.streak)) in a row)" : ""
    }

    /// `Watch: 30 rounds in 30 min 02 s, 0 NO-GO, 2 failures tolerated, completed`.
    static func summary(_ outcome: WatchOutcome, console: Console) {
        let count = outcome.rounds.count
        let span = Int((outcome.merged.finishedAt.timeIntervalSince(outcome.merged.startedAt) * 1000).rounded())
        var parts = ["\(count) round\(count == 1 ? "" : "s") in \(RunSummaryText.formatTime(span))"]
        parts.append("\(outcome.rounds.filter { $0 == .noGo }.count) NO-GO")
        let tolerated = outcome.failures.filter { !$0.blocking && !$0.advisory }.count
        if tolerated > 0 { parts.append("\(tolerated) failure\(tolerated == 1 ? "" : "s") tolerated (--tolerate \(outcome.tolerate))") }
        parts.append(outcome.end.rawValue)
        console.line("Watch: " + parts.joined(separator: ", "))
    }

    private static func roundsText(_ count: Int) -> String {
        "\(count) round\(count == 1 ? "" : "s")"
    }
}
