import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// Builds the board of a release from its checklists and the run records below the records folder.
package enum BoardBuilder {
    /// The board of `checklists` (in the order given, then sorted by `requires:`), each phase read
    /// from the latest record that ran it, judged at `now` with the roster and keys of `trust`.
    package static func build(
        checklists: [Checklist], records: [(path: String, record: RunRecord)], now: Date, trust: SignerTrust = .none
    ) -> BoardView {
        let standings = StandingEvaluator(
            records: RecordSet(entries: records.map { RecordSet.Entry(path: $0.path, record: $0.record) }), now: now, trust: trust
        )
        var latest: [String: (path: String, record: RunRecord)] = [:]
        var watched: [String: RunRecord.WatchInfo] = [:]
        var watchedAt: [String: Date] = [:]
        for source in records {
            for checklist in source.record.checklists {
                if let current = latest[checklist.id], !decides(source.record, over: current.record) { continue }
                latest[checklist.id] = source
            }
            if let watch = source.record.watch {
                for checklist in source.record.checklists where (watchedAt[checklist.id] ?? .distantPast) < source.record.finishedAt {
                    watched[checklist.id] = watch
                    watchedAt[checklist.id] = source.record.finishedAt
                }
            }
        }
        var phases: [BoardView.Phase] = []
        var version: String?
        for checklist in ordered(checklists) {
            let source = latest[checklist.id]
            let recorded = source.flatMap { source in
                source.record.recomputed(at: now, trust: trust).checklists.first { $0.id == checklist.id }
            }
            version = version ?? recorded?.variables["version"]
            var phase = BoardView.Phase(
                id: checklist.id, title: checklist.title ?? checklist.id, path: checklist.path, requires: checklist.requires,
                decision: recorded.map { $0.decision == .go ? "GO" : "NO-GO" } ?? "NOT RUN", recordPath: source?.path,
                recordFinishedAt: source?.record.finishedAt, commit: source?.record.environment.gitCommit, blockers: [], signOffsMissing: [],
                approvalsMissing: [], expiring: [], watch: watched[checklist.id].map { watch(of: $0, checklist: checklist.id) }
            )
            if let recorded {
                for item in recorded.items where item.blocking {
                    if item.status == .manual, item.approvals != nil {
                        phase.approvalsMissing.append(.init(item: item.id, text: item.text, missing: item.reason, whoMay: item.owners))
                    } else if item.status == .manual {
                        phase.signOffsMissing.append(.init(item: item.id, line: item.line, text: item.text, whoMay: item.owners))
                    } else {
                        phase.blockers.append(.init(item: item.id, line: item.line, text: item.text, reason: item.reason))
                    }
                }
                let itemIDs = Set(recorded.items.filter(\.blocking).map(\.id))
                for blocker in recorded.blockers where !itemIDs.contains(where: { blocker.hasPrefix($0 + " ") }) {
                    phase.blockers.append(.init(item: nil, line: nil, text: blocker, reason: ""))
                }
            } else {
                for item in checklist.allItems where item.severity == .blocking && item.state != .na {
                    if item.probes.isEmpty {
                        phase.signOffsMissing.append(.init(item: item.id, line: item.position.line, text: item.text, whoMay: item.owners))
                    }
                }
                phase.blockers.append(.init(item: nil, line: nil, text: "No run record of this checklist yet", reason: "run it: tickmark run \(checklist.path)"))
            }
            // Evidence that still counts but runs out within its `warn:` time, soonest first.
            phase.expiring = standings.standing(of: checklist).items.compactMap { item in
                guard item.state == .expiring, let expiresAt = item.expiresAt else { return nil }
                return BoardView.Countdown(item: item.id, text: item.text, expiresAt: expiresAt)
            }.sorted { $0.expiresAt < $1.expiresAt }
            phases.append(phase)
        }
        let go = !phases.isEmpty && phases.allSatisfy { $0.decision == "GO" }
        return BoardView(release: version, generatedAt: now, decision: go ? "GO" : "NO-GO", phases: phases, recordsRead: records.count)
    }

    /// Whether `candidate` rather than `current` decides a phase: a full run over a watch (which
    /// runs probe items alone, so its record says nothing of sign-offs), else the later one.
    static func decides(_ candidate: RunRecord, over current: RunRecord) -> Bool {
        if (candidate.watch == nil) != (current.watch == nil) { return candidate.watch == nil }
        return candidate.finishedAt > current.finishedAt
    }

    /// `checklists` with every checklist after those it requires (input order otherwise; a cycle
    /// keeps its members in input order).
    static func ordered(_ checklists: [Checklist]) -> [Checklist] {
        var placed: Set<String> = []
        var result: [Checklist] = []
        var pending = checklists
        let known = Set(checklists.map(\.id))
        while !pending.isEmpty {
            if let index = pending.firstIndex(where: { $0.requires.allSatisfy { !known.contains($0) || placed.contains($0) } }) {
                let next = pending.remove(at: index)
                placed.insert(next.id)
                result.append(next)
            } else {
                let next = pending.removeFirst()
                placed.insert(next.id)
                result.append(next)
            }
        }
        return result
    }

    private static func watch(of info: RunRecord.WatchInfo, checklist: String) -> BoardView.Watch {
        let failures = info.failures.filter { $0.checklist == checklist }
        let noGo = Set(failures.filter(\.blocking).map(\.round))
        return BoardView.Watch(
            rounds: (0..<info.rounds).map { !noGo.contains($0 + 1) }, every: info.every, period: info.period, end: info.end.rawValue,
            failures: failures.map { (round: $0.round, text: "\($0.item) (line \($0.line)): \($0.reason)\($0.blocking ? "" : " (tolerated)")") }
        )
    }
}
