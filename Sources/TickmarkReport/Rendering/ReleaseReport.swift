import Foundation
import Tickmark
import TickmarkProbes

/// The combined result of one or more run records, decided again at report time.
package struct ReleaseReport: Sendable {
    /// The records combined and recomputed as of `generatedAt`.
    package var record: RunRecord
    /// The record files, as given.
    package var recordPaths: [String]
    /// When the report was made; sign-offs are judged at this time.
    package var generatedAt: Date
    /// The version of the tool making the report.
    package var toolVersion: String
    /// Per checklist id, the items of its source that no record selected.
    package var notRun: [String: [ChecklistItem]]
    /// Whose keys are whose, for signed sign-offs.
    package var trust: SignerTrust = .none
    /// Run time: the sum of each record's run, from its start to its end (for a watch record, the
    /// watch), not the wall-clock span between the first and the last record. A record given twice
    /// counts once.
    package var durationMilliseconds: Int

    /// Combines `sources` (see `RecordMerger`) and decides GO / NO-GO from their item results
    /// and the sign-offs valid at `date`; `strict` and `trust` as in `RunRecord.recomputed(at:strict:trust:)`.
    package static func combine(
        _ sources: [RecordMerger.Source], at date: Date, strict: Bool? = nil, trust: SignerTrust = .none, toolVersion: String
    ) throws(TickmarkError) -> ReleaseReport {
        let record = try RecordMerger.merge(sources).recomputed(at: date, strict: strict, trust: trust)
        var notRun: [String: [ChecklistItem]] = [:]
        for checklist in record.checklists {
            guard let source = checklist.sourceBytes else { continue }
            let recorded = Set(checklist.items.map(\.id))
            notRun[checklist.id] = ChecklistParser.parse(source, path: checklist.path).allItems.filter { !recorded.contains($0.id) }
        }
        var runs: [RunRecord] = []
        for source in sources where !runs.contains(source.record) { runs.append(source.record) }
        let duration = runs.reduce(0) { $0 + ReportText.milliseconds(from: $1.startedAt, to: $1.finishedAt) }
        return ReleaseReport(
            record: record, recordPaths: sources.map(\.path), generatedAt: date, toolVersion: toolVersion, notRun: notRun,
            trust: trust, durationMilliseconds: duration
        )
    }

    /// GO when every checklist is GO.
    package var decision: Decision { record.decision }

    /// How many items ended how, across all checklists.
    package var counts: ReportCounts {
        var counts = ReportCounts()
        for checklist in record.checklists {
            for item in checklist.items { counts.add(item) }
            counts.notRun += notRun[checklist.id]?.count ?? 0
        }
        return counts
    }

    /// Every sign-off with its validity now and the item it is about, oldest first.
    package var signOffs: [SignOffEntry] {
        // Items indexed once by checklist and id: a search per sign-off was quadratic.
        var checklistOfID: [String: RunRecord.ChecklistRecord] = [:]
        var itemOfID: [String: [String: RunRecord.ItemRecord]] = [:]
        for checklist in record.checklists where checklistOfID[checklist.id] == nil {
            checklistOfID[checklist.id] = checklist
            itemOfID[checklist.id] = Dictionary(checklist.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return record.signOffs.map { signOff in
            let checklist = checklistOfID[signOff.checklist]
            let item = itemOfID[signOff.checklist]?[signOff.item]
            return SignOffEntry(
                signOff: signOff, validity: signOff.validity(digest: item?.digest, at: generatedAt),
                signer: trust.check(signOff, now: generatedAt),
                itemText: item?.text, line: item?.line, path: checklist?.path, itemKnown: item != nil
            )
        }
    }

    /// The `version` variable of the first checklist that has one.
    package var version: String? {
        record.checklists.lazy.compactMap { $0.variables["version"] }.first
    }
}

/// One sign-off as a report shows it.
package struct SignOffEntry: Sendable, Equatable {
    /// The sign-off as recorded.
    package var signOff: SignOff
    /// Valid, stale (the item changed, or is gone) or expired, at report time.
    package var validity: SignOff.Validity
    /// The signature's key, whose it is, and whether it lets the sign-off count.
    package var signer: SignerCheck
    /// The item's text, when the records hold the item.
    package var itemText: String?
    /// The item's line.
    package var line: Int?
    /// The checklist file.
    package var path: String?
    /// Whether the records hold the item at all.
    package var itemKnown: Bool

    /// Whether the sign-off counts: valid, and its signature (if any) not refused.
    package var counts: Bool { validity == .valid && signer.counts }
}

/// Item counts by result. N/A items and items no record selected are counted apart.
package struct ReportCounts: Sendable, Equatable {
    /// Probe items that passed.
    package var pass = 0
    /// Probe items that failed.
    package var fail = 0
    /// Probe items that could not run.
    package var error = 0
    /// Probe items skipped by `when` or `needs`.
    package var skipped = 0
    /// Manual items with no valid sign-off and no tick that counts.
    package var waiting = 0
    /// Manual items ticked in the file that count without a sign-off.
    package var ticked = 0
    /// Manual items approved by a valid sign-off.
    package var signedOff = 0
    /// Manual items rejected by a valid sign-off.
    package var rejected = 0
    /// N/A items.
    package var notApplicable = 0
    /// Items of the checklists that no record selected.
    package var notRun = 0

    /// Creates zero counts.
    package init() {}

    mutating func add(_ item: RunRecord.ItemRecord) {
        if item.state == .na { notApplicable += 1; return }
        switch item.status {
        case .pass: pass += 1
        case .fail: fail += 1
        case .error: error += 1
        case .skipped: skipped += 1
        case .signedOff: signedOff += 1
        case .rejected: rejected += 1
        case .manual: if item.ownSatisfied { ticked += 1 } else { waiting += 1 }
        }
    }

    /// Non-zero counts with their labels (`1 error`, `2 errors`), in a fixed order.
    package var entries: [(label: String, count: Int)] {
        let all: [(Int, String, String)] = [
            (pass, "passed", "passed"), (fail, "failed", "failed"), (error, "error", "errors"),
            (signedOff, "signed off", "signed off"), (rejected, "rejected", "rejected"),
            (waiting, "waiting for sign-off", "waiting for sign-off"), (ticked, "ticked without sign-off", "ticked without sign-off"),
            (skipped, "skipped", "skipped"), (notApplicable, "not applicable", "not applicable"), (notRun, "not run", "not run"),
        ]
        return all.filter { $0.0 > 0 }.map { count, one, many in (count == 1 ? one : many, count) }
    }

    /// `12 passed · 1 failed · 2 waiting for sign-off`.
    package var text: String {
        let entries = entries
        return entries.isEmpty ? "no items" : entries.map { "\($0.count) \($0.label)" }.joined(separator: " · ")
    }
}
