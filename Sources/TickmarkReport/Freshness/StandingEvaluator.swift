import Foundation
import Tickmark
import TickmarkProbes

/// Judges each item of a checklist from run records alone, at one moment: the newest result of
/// each probe item, the sign-offs of each manual item, and how old each is against `fresh:`.
///
/// The checklist as it is now is the rule (its items, their content digests, their `fresh:` and
/// `warn:`); the records are the evidence. A result recorded for an item whose content has changed
/// since backs nothing.
package struct StandingEvaluator: Sendable {
    package var records: RecordSet
    /// The moment judged.
    package var now: Date
    /// Manual items count only when signed off, as `run --strict`.
    package var strict: Bool
    /// Whose keys are whose, for signed sign-offs.
    package var trust: SignerTrust

    package init(records: RecordSet, now: Date, strict: Bool = false, trust: SignerTrust = .none) {
        self.records = records
        self.now = now
        self.strict = strict
        self.trust = trust
    }

    /// How deep `requires:` chains are followed.
    static let maximumDepth = 8

    /// The standing of `checklist` now.
    package func standing(of checklist: Checklist, depth: Int = 0) -> ChecklistStanding {
        let runs = recordedRuns(of: checklist.id)
        let signOffs = records.signOffs(of: checklist.id)
        var parents: [String: String] = [:]
        var depths: [String: Int] = [:]
        var items: [ItemStanding] = []
        checklist.forEachItem { item in
            for child in item.children {
                parents[child.id] = item.id
                depths[child.id] = (depths[item.id] ?? 0) + 1
            }
            var standing = ItemStanding(
                id: item.id, text: item.text, line: item.position.line, severity: item.severity, parent: parents[item.id],
                depth: depths[item.id] ?? 0, state: .waiting, reason: "", backing: nil, expiresAt: nil,
                freshness: item.freshness(defaults: checklist.defaults)
            )
            if item.state == .na {
                (standing.state, standing.reason) = (.na, "not applicable")
            } else if item.isManual {
                judgeManual(item, signOffs: signOffs.filter { $0.item == item.id }, into: &standing)
            } else {
                judgeProbes(item, defaults: checklist.defaults, runs: runs, into: &standing)
            }
            items.append(standing)
        }
        let requirements = checklist.requires.map { requirement(named: $0, depth: depth) }
        return ChecklistStanding(path: checklist.path, id: checklist.id, title: checklist.title, items: items, requirements: requirements, at: now)
    }

    // MARK: Probe items

    /// One recorded run of an item.
    struct RecordedRun {
        var record: String
        var item: RunRecord.ItemRecord
        /// When its last probe ended (the record's finish when it has no probe timings).
        var end: Date
    }

    /// Every recorded run of each item of checklist `id`, oldest first.
    func recordedRuns(of id: String) -> [String: [RecordedRun]] {
        var runs: [String: [RecordedRun]] = [:]
        for entry in records.entries {
            for checklist in entry.record.checklists where checklist.id == id {
                for item in checklist.items where !item.probes.isEmpty || [.pass, .fail, .error].contains(item.status) {
                    let end = item.probes.map { $0.startedAt.addingTimeInterval(Double($0.durationMilliseconds) / 1000) }.max() ?? entry.record.finishedAt
                    runs[item.id, default: []].append(RecordedRun(record: entry.path, item: item, end: end))
                }
            }
        }
        return runs.mapValues { $0.sorted { $0.end < $1.end } }
    }

    private func judgeProbes(_ item: ChecklistItem, defaults: ProbeDefaults, runs: [String: [RecordedRun]], into standing: inout ItemStanding) {
        let all = runs[item.id] ?? []
        guard let run = all.last(where: { $0.item.digest == item.contentDigest }) else {
            standing.state = .waiting
            if let old = all.last {
                standing.reason = "not run since it was changed (its last run, \(AgeText.ago(seconds: now.timeIntervalSince(old.end))), was of other text or probes: \(old.record))"
            } else {
                standing.reason = "not run yet: no run record has it"
            }
            return
        }
        let ran = run.item.probes
        standing.backing = ItemStanding.Backing(
            kind: .probes, record: run.record, at: run.end, probes: ran.map { "\($0.kind) \($0.summary)" }
        )
        let ago = AgeText.ago(seconds: now.timeIntervalSince(run.end))
        switch run.item.status {
        case .fail, .error, .rejected:
            standing.state = .failing
            standing.reason = "\(run.item.status == .error ? "errored" : "failed") \(ago): \(run.item.reason)"
            return
        case .skipped:
            (standing.state, standing.reason) = (.done, "\(run.item.reason) (\(ago))")
            return
        default:
            break
        }
        // The probe whose result runs out first decides.
        var soonest: (expires: Date, fresh: Duration, warn: Duration?, label: String, end: Date)?
        for (index, probe) in ran.enumerated() where index < item.probes.count && probe.status == .pass {
            let freshness = item.freshness(ofProbe: index, defaults: defaults)
            guard let fresh = freshness.fresh else { continue }
            let end = probe.startedAt.addingTimeInterval(Double(probe.durationMilliseconds) / 1000)
            let expires = end.addingTimeInterval(fresh.seconds)
            if soonest == nil || expires < soonest!.expires {
                soonest = (expires, fresh, freshness.warn, "\(probe.kind) \(probe.summary)", end)
            }
        }
        let label = ran.count == 1 ? "\(ran[0].kind) \(ran[0].summary)" : "\(ran.count) probes"
        guard let soonest else {
            (standing.state, standing.reason) = (.done, "\(label) passed \(ago)")
            return
        }
        standing.expiresAt = soonest.expires
        standing.freshness = Freshness(fresh: soonest.fresh, warn: soonest.warn)
        let passedAgo = "\(soonest.label) passed \(AgeText.ago(seconds: now.timeIntervalSince(soonest.end)))"
        decideAge(expires: soonest.expires, fresh: soonest.fresh, warn: soonest.warn, done: passedAgo, into: &standing)
    }

    /// Done, expiring or stale by the time `expires`, with `done` saying what happened when.
    private func decideAge(expires: Date, fresh: Duration, warn: Duration?, done: String, into standing: inout ItemStanding) {
        let left = expires.timeIntervalSince(now)
        let rule = "fresh: \(AgeText.rule(fresh))"
        if left <= 0 {
            (standing.state, standing.reason) = (.stale, "\(done); \(rule)")
        } else if let warn, left <= warn.seconds {
            (standing.state, standing.reason) = (.expiring, "\(done); expires in \(AgeText.words(seconds: left)) (\(rule))")
        } else {
            (standing.state, standing.reason) = (.done, "\(done); expires in \(AgeText.words(seconds: left))")
        }
    }

    // MARK: Manual items

    private func judgeManual(_ item: ChecklistItem, signOffs: [SignOff], into standing: inout ItemStanding) {
        let fresh = standing.freshness.fresh
        var counting: SignOff?
        var aged: SignOff?
        var refused: (SignOff, String)?
        for signOff in signOffs {
            let check = signOff.standing(digest: item.contentDigest, at: now, trust: trust)
            guard check.counts else {
                refused = (signOff, check.why ?? "does not count")
                continue
            }
            if let fresh, signOff.at.addingTimeInterval(fresh.seconds) <= now {
                aged = signOff
                continue
            }
            counting = signOff
        }
        if let signOff = counting {
            let by = signOff.signerName
            standing.backing = ItemStanding.Backing(kind: .signOff, record: record(holding: signOff), at: signOff.at, by: signOff.by, role: signOff.role)
            let ago = AgeText.ago(seconds: now.timeIntervalSince(signOff.at))
            if signOff.decision == .reject {
                standing.state = .failing
                standing.reason = "rejected by \(by) \(ago)" + (signOff.note.map { ": \($0)" } ?? "")
                return
            }
            let said = "signed off by \(by)\(signOff.role.map { " as \($0)" } ?? "") \(ago)"
            let byAge = fresh.map { signOff.at.addingTimeInterval($0.seconds) }
            let expiry = [byAge, signOff.expires].compactMap { $0 }.min()
            guard let expiry else {
                (standing.state, standing.reason) = (.done, said)
                return
            }
            standing.expiresAt = expiry
            if let fresh, expiry == byAge {
                decideAge(expires: expiry, fresh: fresh, warn: standing.freshness.warn, done: said, into: &standing)
            } else {
                let left = expiry.timeIntervalSince(now)
                let warned = standing.freshness.warn.map { left <= $0.seconds } ?? false
                standing.state = warned ? .expiring : .done
                standing.reason = "\(said); its sign-off expires in \(AgeText.words(seconds: left))"
            }
            return
        }
        if let signOff = aged, let fresh {
            standing.backing = ItemStanding.Backing(kind: .signOff, record: record(holding: signOff), at: signOff.at, by: signOff.by, role: signOff.role)
            standing.state = .stale
            let role = signOff.role.map { " as \($0)" } ?? ""
            standing.reason = "signed off by \(signOff.signerName)\(role) \(AgeText.ago(seconds: now.timeIntervalSince(signOff.at))); fresh: \(AgeText.rule(fresh))"
            return
        }
        if item.state == .checked && fresh == nil && !strict {
            standing.backing = ItemStanding.Backing(kind: .tick)
            (standing.state, standing.reason) = (.done, "ticked in the file")
            return
        }
        standing.state = .waiting
        if item.state == .checked {
            standing.reason = strict ? "ticked in the file, but --strict needs a sign-off"
                : SignOffFreshness.tickNeedsSignOff(fresh: fresh ?? .zero)
        } else {
            standing.reason = "waiting for a sign-off"
        }
        if let (signOff, why) = refused { standing.reason += "; the sign-off by \(signOff.signerName) \(why)" }
    }

    /// The newest record that holds `signOff`.
    private func record(holding signOff: SignOff) -> String? {
        records.entries.last { $0.record.signOffs.contains(signOff) }?.path
    }

    // MARK: Requirements

    /// Whether the checklist `name` (an id or a path) is GO now, judged by the rules of its newest
    /// record's checklist.
    private func requirement(named name: String, depth: Int) -> (id: String, go: Bool, reason: String) {
        let found = records.entries.reversed().lazy.compactMap { entry in
            entry.record.checklists.first { $0.id == name || $0.path == name }.map { (entry, $0) }
        }.first
        guard let (entry, recorded) = found, let bytes = recorded.sourceBytes else {
            return (name, false, "no run record of '\(name)'")
        }
        guard depth < Self.maximumDepth else { return (name, false, "requires: goes deeper than \(Self.maximumDepth) checklists") }
        let checklist = ChecklistParser.parse(bytes, path: recorded.path)
        let standing = standing(of: checklist, depth: depth + 1)
        if standing.decision == .go { return (name, true, "GO now") }
        let first = standing.blockers.first.map { ": \($0)" } ?? ""
        return (name, false, "'\(name)' is NO-GO now (\(standing.blockers.count) blocker\(standing.blockers.count == 1 ? "" : "s")\(first); newest record \(entry.path))")
    }
}
