import Foundation
import Tickmark
import TickmarkProbes

extension SignOff {
    /// Whether the sign-off counts for an item whose content digest is now `digest` (`nil`: the
    /// item is gone), at `date`. The same rule as `validity(for:at:)`, for recorded items.
    package func validity(digest: String?, at date: Date) -> Validity {
        if itemDigest != digest { return .stale }
        if let expires, expires <= date { return .expired }
        return .valid
    }

    /// Whether the sign-off counts for an item whose content digest is now `digest`, at `date`:
    /// valid in time and content, and its signature (if any) good and bound to its signer by
    /// `trust`. When it does not count, `why` says why (`stale`, `expired`, or the signer problem).
    package func standing(digest: String?, at date: Date, trust: SignerTrust) -> (counts: Bool, why: String?) {
        let validity = validity(digest: digest, at: date)
        guard validity == .valid else { return (false, "is \(validity.rawValue)") }
        let check = trust.check(self, now: date)
        return check.counts ? (true, nil) : (false, "does not count: \(check.problem ?? "its signature is refused")")
    }

    /// `Name` of `Name <email>`, or the whole text when it has no address.
    package var signerName: String {
        guard let open = by.firstIndex(of: "<") else { return by }
        let name = by[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? by : name
    }
}

extension RunRecord.ItemRecord {
    /// Whether the item has no probes and is decided by sign-offs (or a tick).
    package var isManual: Bool {
        probes.isEmpty && [.manual, .signedOff, .rejected].contains(status)
    }

    /// The reason a run with `--strict` gives a manual item ticked in the file but not signed off.
    static let strictReason = "ticked in the file, but --strict needs a sign-off"

    /// Whether the item itself is done (its children aside): passed, skipped, N/A, signed off, or
    /// a manual item ticked in the file that the run counted.
    package var ownSatisfied: Bool {
        if state == .na { return true }
        switch status {
        case .skipped: return CheckedRule.probeItemDone(status, reason: reason)
        case .pass, .signedOff: return true
        case .fail, .error, .rejected: return false
        case .manual: return approvals == nil && state == .checked && !reason.contains(AuthorClaim.strictSuffix)
        }
    }
}

extension RunRecord {
    /// The record with every manual item's status, each item's `satisfied` and `blocking`, and
    /// every checklist's blockers and decision decided again from its sign-offs as of `date`.
    ///
    /// The rule is the runner's: the latest valid sign-off of an item decides it; stale and expired
    /// ones do not count. Without one, a manual item ticked in the file counts unless `strict`;
    /// `nil` keeps what the run did (a run with `--strict` left a ticked manual item unsatisfied).
    /// Probe results are kept as recorded. Blockers that name no item (unmet `requires`) are kept.
    /// A signed sign-off counts only when its signature is good and, when `trust` knows whose keys
    /// are whose, made with one of the signer's keys.
    package func recomputed(at date: Date, strict: Bool? = nil, trust: SignerTrust = .none) -> RunRecord {
        var record = self
        record.checklists = checklists.map { checklist in
            checklist.recomputed(signOffs: signOffs, at: date, strict: strict ?? checklist.ranStrict, trust: trust, author: checklist.author ?? environment.author)
        }
        record.decision = record.checklists.allSatisfy { $0.decision == .go } ? .go : .noGo
        return record
    }
}

extension RunRecord.ChecklistRecord {
    /// Whether the run looks like `--strict`: a manual item ticked in the file (or claimed in a
    /// pull request) did not count.
    var ranStrict: Bool {
        items.contains { $0.isManual && $0.state == .checked && $0.status == .manual && $0.reason.contains(AuthorClaim.strictSuffix) }
    }

    /// See `RunRecord.recomputed(at:strict:)`.
    func recomputed(signOffs: [SignOff], at date: Date, strict: Bool, trust: SignerTrust, author: String? = nil) -> RunRecord.ChecklistRecord {
        var copy = self
        var own = [Bool](repeating: true, count: items.count)
        let freshness = RecordedFreshness(self)
        // Grouped once: looking each item's sign-offs up in the whole list made this quadratic.
        let signOffsByItem = Dictionary(grouping: signOffs.filter { $0.checklist == id }, by: \.item)
        for index in items.indices {
            var item = items[index]
            if item.state == .na {
                own[index] = true
            } else if item.isManual, item.approvals != nil {
                let decided = approvalStatus(item, signOffs: signOffs, at: date, trust: trust, author: author)
                (item.status, item.reason, own[index]) = (decided.status, decided.reason, decided.satisfied)
            } else if item.isManual {
                let decided = Self.manualStatus(item, checklist: id, signOffs: signOffsByItem[item.id] ?? [], at: date, strict: strict, trust: trust, fresh: freshness.fresh(of: item.id))
                (item.status, item.reason, own[index]) = (decided.status, decided.reason, decided.satisfied)
            } else {
                own[index] = CheckedRule.probeItemDone(item.status, reason: item.reason)
            }
            item.satisfied = own[index]
            item.blocking = item.severity == .blocking && item.state != .na && !own[index]
            copy.items[index] = item
        }
        // Children follow their parents, so a reverse pass folds each child into its parent.
        let indexOfID = Dictionary(items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for index in copy.items.indices.reversed() {
            let child = copy.items[index]
            guard let parentID = child.parent, let parent = indexOfID[parentID] else { continue }
            if child.severity == .blocking && child.state != .na && !child.satisfied {
                copy.items[parent].satisfied = false
            }
        }
        var blockers = copy.items.filter(\.blocking).map { "\($0.id) (line \($0.line)): \($0.reason)" }
        blockers += carriedBlockers(newItems: copy.items)
        copy.blockers = blockers
        copy.decision = blockers.isEmpty ? .go : .noGo
        return copy
    }

    /// Blockers not about an item's own result: unmet requirements, and boxes ticked in the file
    /// that nothing backs (`--check`) unless the item has since passed or been signed off.
    private func carriedBlockers(newItems: [RunRecord.ItemRecord]) -> [String] {
        // Each item's blocker prefix, looked up by every "): " of a blocker (not searched per item).
        let itemOfPrefix = Dictionary(newItems.map { ("\($0.id) (line \($0.line)): ", $0) }, uniquingKeysWith: { first, _ in first })
        func item(of blocker: String) -> (item: RunRecord.ItemRecord, prefix: String)? {
            var search = blocker.startIndex
            while let end = blocker.range(of: "): ", range: search..<blocker.endIndex) {
                let prefix = String(blocker[..<end.upperBound])
                if let item = itemOfPrefix[prefix] { return (item, prefix) }
                search = end.upperBound
            }
            return nil
        }
        return blockers.filter { blocker in
            guard let (item, prefix) = item(of: blocker) else { return true }
            let rest = blocker.dropFirst(prefix.count)
            return rest.hasPrefix("ticked in the file, but") && item.status != .signedOff && item.status != .pass
        }
    }

    /// A manual item's status from its sign-offs (latest valid one wins) and its box.
    static func manualStatus(
        _ item: RunRecord.ItemRecord, checklist: String, signOffs: [SignOff], at date: Date, strict: Bool, trust: SignerTrust, fresh: Duration? = nil
    ) -> (status: ItemStatus, reason: String, satisfied: Bool) {
        let mine = signOffs.filter { $0.checklist == checklist && $0.item == item.id }.sorted { $0.at < $1.at }
        if let latest = mine.last(where: { $0.standing(digest: item.digest, at: date, trust: trust).counts && !SignOffFreshness.isTooOld($0, fresh: fresh, at: date) }) {
            if latest.decision == .reject {
                return (.rejected, "rejected by \(latest.by)" + (latest.note.map { ": \($0)" } ?? ""), false)
            }
            return (.signedOff, "signed off by \(latest.by)" + (latest.role.map { " as \($0)" } ?? ""), true)
        }
        // A box ticked in a pull request's body stays its author's claim.
        let claimant = item.state == .checked ? AuthorClaim.claimant(in: item.reason) : nil
        var reason = item.state != .checked ? "waiting for a sign-off" : claimant.map { AuthorClaim.reason(by: $0, strict: false) } ?? "ticked in the file"
        if let fresh, item.state == .checked, claimant == nil { reason = SignOffFreshness.tickNeedsSignOff(fresh: fresh) }
        if let invalid = mine.last {
            let standing = invalid.standing(digest: item.digest, at: date, trust: trust)
            reason += standing.counts && fresh != nil ? "; " + SignOffFreshness.tooOld(invalid, fresh: fresh!, at: date)
                : "; the sign-off by \(invalid.by) \(standing.why ?? "does not count")"
        }
        if item.state == .checked && strict { reason = claimant.map { AuthorClaim.reason(by: $0, strict: true) } ?? RunRecord.ItemRecord.strictReason }
        return (.manual, reason, item.state == .checked && !strict && fresh == nil)
    }
}
