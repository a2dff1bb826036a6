import Foundation
import Tickmark
import TickmarkProbes

/// Combines the run records of one release (parallel CI jobs, re-runs) into one record.
///
/// A checklist appears once per id. Its items are the union of the items the records ran; for an
/// item in several records, a record where it ran wins over one where it was skipped, and among
/// equals the record that finished last wins. Sign-offs are the union, without duplicates, oldest
/// first. One checklist id with two different source digests is an error: the records are not of
/// the same release.
package enum RecordMerger {
    /// A record and the file it came from.
    package typealias Source = (path: String, record: RunRecord)

    /// The combined record (not yet recomputed: see `RunRecord.recomputed(at:strict:)`).
    package static func merge(_ sources: [Source]) throws(TickmarkError) -> RunRecord {
        guard let first = sources.first else { throw TickmarkError(.usage, "no run records to report on") }
        if sources.count == 1 { return first.record }
        // Later-finishing records are visited last, so they win ties.
        let ordered = sources.enumerated().sorted { lhs, rhs in
            lhs.element.record.finishedAt != rhs.element.record.finishedAt
                ? lhs.element.record.finishedAt < rhs.element.record.finishedAt : lhs.offset < rhs.offset
        }.map(\.element)

        var checklistOrder: [String] = []
        var checklists: [String: RunRecord.ChecklistRecord] = [:]
        var origin: [String: String] = [:]
        var blockers: [String: [String]] = [:]
        var latestBlockers: [String: [String]] = [:]
        for (path, record) in sources {
            for checklist in record.checklists {
                if let known = checklists[checklist.id] {
                    guard known.sha256 == checklist.sha256 else {
                        throw TickmarkError(
                            .invalidInput,
                            "checklist '\(checklist.id)' differs between \(origin[checklist.id] ?? "?") (sha256 \(known.sha256.prefix(12))…) and \(path) (sha256 \(checklist.sha256.prefix(12))…); report on records of the same checklist version",
                            path: path
                        )
                    }
                } else {
                    checklistOrder.append(checklist.id)
                    checklists[checklist.id] = checklist
                    origin[checklist.id] = path
                }
            }
        }
        for id in checklistOrder {
            var best: [String: RunRecord.ItemRecord] = [:]
            var merged = checklists[id]!
            var variables: [String: String] = [:]
            for (_, record) in ordered {
                for checklist in record.checklists where checklist.id == id {
                    variables.merge(checklist.variables) { _, newer in newer }
                    // not=author is about the change the checklist's own run was on.
                    if let author = checklist.author ?? record.environment.author { merged.author = author }
                    // Requirements as the latest run saw them; unbacked ticks from any run.
                    latestBlockers[id] = checklist.blockers
                    blockers[id, default: []].append(contentsOf: checklist.blockers.filter { $0.contains("): ticked in the file, but") })
                    for item in checklist.items where rank(item) >= rank(best[item.id]) {
                        best[item.id] = item
                    }
                }
            }
            merged.items = best.values.sorted { $0.boxOffset < $1.boxOffset }
            merged.variables = variables
            merged.blockers = unique((latestBlockers[id] ?? []) + (blockers[id] ?? []))
            checklists[id] = merged
        }

        var combined = ordered.last!.record
        combined.startedAt = sources.map(\.record.startedAt).min()!
        combined.finishedAt = sources.map(\.record.finishedAt).max()!
        combined.checklists = checklistOrder.map { checklists[$0]! }
        combined.signOffs = uniqueSignOffs(sources.flatMap(\.record.signOffs)).enumerated()
            .sorted { $0.element.at != $1.element.at ? $0.element.at < $1.element.at : $0.offset < $1.offset }.map(\.element)
        if Set(sources.compactMap(\.record.environment.gitCommit)).count > 1 {
            combined.environment.gitCommit = unique(sources.compactMap(\.record.environment.gitCommit)).joined(separator: ", ")
        }
        // A release's records come from several branches (the release branch, main, a tag's
        // detached checkout); name each one, not only the last record's.
        let branches = unique(sources.compactMap(\.record.environment.gitBranch).filter { !$0.isEmpty })
        combined.environment.gitBranch = branches.isEmpty ? nil : branches.joined(separator: ", ")
        return combined
    }

    /// How much an item's result says: a probe that ran beats a manual item's record, which beats
    /// a skipped item, which beats no record at all.
    static func rank(_ item: RunRecord.ItemRecord?) -> Int {
        guard let item else { return 0 }
        switch item.status {
        case .pass, .fail, .error: return 3
        case .manual, .signedOff, .rejected: return 2
        case .skipped: return item.state == .na ? 2 : 1
        }
    }

    /// `unique` for sign-offs, compared only within the ones about the same item at the same
    /// time: comparing each with every other kept was quadratic.
    private static func uniqueSignOffs(_ values: [SignOff]) -> [SignOff] {
        var kept: [String: [SignOff]] = [:]
        var result: [SignOff] = []
        for value in values {
            let key = "\(value.checklist)\u{0}\(value.item)\u{0}\(value.at.timeIntervalSince1970)"
            guard kept[key]?.contains(value) != true else { continue }
            kept[key, default: []].append(value)
            result.append(value)
        }
        return result
    }

    private static func unique<Element: Equatable>(_ values: [Element]) -> [Element] {
        var result: [Element] = []
        for value in values where !result.contains(value) { result.append(value) }
        return result
    }
}
