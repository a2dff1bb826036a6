import Foundation
import Tickmark
import TickmarkProbes

extension RunRecord {
    /// What a watch period saw: its rounds, its tolerance, and every failing item of every round.
    /// Records written before `tolerate` and `failures` existed read as tolerance 0, no failures kept.
    package struct WatchInfo: Codable, Sendable, Equatable {
        /// Rounds run.
        package var rounds: Int
        /// Rounds that were NO-GO.
        package var roundsNoGo: Int
        /// The interval between rounds (`--every`), as written.
        package var every: String
        /// The whole period (`--for`), as written.
        package var period: String
        /// `completed`, `failed` or `interrupted`.
        package var end: WatchEnd
        /// Rounds in a row an item could fail before the watch was NO-GO (`--tolerate`).
        package var tolerate: Int
        /// Every item that failed, round by round.
        package var failures: [Failure]

        /// Creates watch information.
        package init(rounds: Int, roundsNoGo: Int, every: String, period: String, end: WatchEnd, tolerate: Int = 0, failures: [Failure] = []) {
            self.rounds = rounds
            self.roundsNoGo = roundsNoGo
            self.every = every
            self.period = period
            self.end = end
            self.tolerate = tolerate
            self.failures = failures
        }

        /// The information of `outcome`, a watch run with `--every` and `--for` as written.
        package init(outcome: WatchOutcome, every: String, period: String) {
            self.init(
                rounds: outcome.rounds.count, roundsNoGo: outcome.rounds.filter { $0 == .noGo }.count, every: every,
                period: period, end: outcome.end, tolerate: outcome.tolerate, failures: outcome.failures.map(Failure.init)
            )
        }

        /// One item that failed in one round.
        package struct Failure: Codable, Sendable, Equatable {
            /// The round, counted from 1.
            package var round: Int
            /// When the round started.
            package var at: Date
            /// The checklist's id.
            package var checklist: String
            /// The item's id.
            package var item: String
            /// The item's line.
            package var line: Int
            /// `fail` or `error`.
            package var status: ItemStatus
            /// Why (redacted).
            package var reason: String
            /// Rounds in a row the item had failed, this one included.
            package var streak: Int
            /// Whether this failure made the round NO-GO (not advisory, past the tolerance or in the last round).
            package var blocking: Bool
            /// Whether the item is advisory (its failures never block).
            package var advisory: Bool

            /// Creates a failure's record.
            package init(round: Int, at: Date, checklist: String, item: String, line: Int, status: ItemStatus, reason: String,
                         streak: Int, blocking: Bool, advisory: Bool) {
                self.round = round
                self.at = at
                self.checklist = checklist
                self.item = item
                self.line = line
                self.status = status
                self.reason = reason
                self.streak = streak
                self.blocking = blocking
                self.advisory = advisory
            }

            /// The record of `failure`.
            package init(_ failure: WatchFailure) {
                self.init(
                    round: failure.round, at: failure.at, checklist: failure.checklist, item: failure.item, line: failure.line,
                    status: failure.status, reason: failure.reason, streak: failure.streak, blocking: failure.blocking,
                    advisory: failure.advisory
                )
            }
        }
    }
}

extension RunRecord.WatchInfo {
    /// Writes the object with its keys in sorted order, as Foundation's encoder did.
    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("end"); writer.string(end.rawValue)
        writer.staticKey("every"); writer.string(every)
        writer.staticKey("failures")
        writer.beginArray()
        for failure in failures {
            writer.beginObject()
            writer.staticKey("advisory"); writer.boolean(failure.advisory)
            writer.staticKey("at"); writer.string(RunRecord.timestamp(failure.at))
            writer.staticKey("blocking"); writer.boolean(failure.blocking)
            writer.staticKey("checklist"); writer.string(failure.checklist)
            writer.staticKey("item"); writer.string(failure.item)
            writer.staticKey("line"); writer.integer(failure.line)
            writer.staticKey("reason"); writer.string(failure.reason)
            writer.staticKey("round"); writer.integer(failure.round)
            writer.staticKey("status"); writer.string(failure.status.rawValue)
            writer.staticKey("streak"); writer.integer(failure.streak)
            writer.endObject()
        }
        writer.endArray()
        writer.staticKey("period"); writer.string(period)
        writer.staticKey("rounds"); writer.integer(rounds)
        writer.staticKey("roundsNoGo"); writer.integer(roundsNoGo)
        writer.staticKey("tolerate"); writer.integer(tolerate)
        writer.endObject()
    }

    /// Reads the object; `tolerate` and `failures` may be absent (records of earlier versions).
    init(record reader: RecordReader) throws(RecordReader.Failure) {
        self.init(
            rounds: try reader.integer("rounds"), roundsNoGo: try reader.integer("roundsNoGo"), every: try reader.string("every"),
            period: try reader.string("period"), end: try reader.choice("end"), tolerate: try reader.optionalInteger("tolerate") ?? 0,
            failures: try reader.optionalObjects("failures") { reader throws(RecordReader.Failure) in
                Failure(
                    round: try reader.integer("round"), at: try reader.date("at"), checklist: try reader.string("checklist"),
                    item: try reader.string("item"), line: try reader.integer("line"), status: try reader.choice("status"),
                    reason: try reader.string("reason"), streak: try reader.integer("streak"), blocking: try reader.boolean("blocking"),
                    advisory: try reader.boolean("advisory")
                )
            } ?? []
        )
    }
}
