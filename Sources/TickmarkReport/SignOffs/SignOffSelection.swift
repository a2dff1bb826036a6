import Foundation
import Tickmark

/// The items one `tickmark sign-off` names: each query must find exactly one item, or every
/// manual item still waiting (within a section); all are found before anything is signed.
enum SignOffSelection {
    /// The items `request` selects, in record order, each once.
    static func matches(
        _ request: SignOffRequest, in record: RunRecord, recordPath: String, now: Date, trust: SignerTrust
    ) throws(TickmarkError) -> [ItemLookup.Match] {
        let lookup = ItemLookup(record: record)
        switch request.selection {
        case .items(let queries):
            guard !queries.isEmpty else { throw TickmarkError(.usage, "name at least one item, or pass --all-waiting") }
            var found: [ItemLookup.Match] = []
            var problems: [TickmarkError] = []
            for query in queries {
                do {
                    let match = try find(query, checklist: request.checklist, lookup: lookup, recordPath: recordPath)
                    if !found.contains(match) { found.append(match) }
                } catch {
                    problems.append(error)
                }
            }
            try refuse(problems, of: queries.count)
            return found.sorted { ($0.checklistIndex, $0.itemIndex) < ($1.checklistIndex, $1.itemIndex) }
        case .allWaiting(let section):
            let current = ItemLookup(record: record.recomputed(at: now, trust: trust))
            let key = section?.lowercased()
            let inSection = current.items(in: request.checklist).filter { match in
                guard let key else { return true }
                return match.item.section.contains { $0.lowercased() == key || Slug.make($0) == key }
            }
            if let section, inSection.isEmpty {
                let sections = Set(current.items(in: request.checklist).flatMap(\.item.section)).sorted()
                throw TickmarkError(
                    .usage, "no item of the record is under a heading '\(section)'; its headings: \(sections.joined(separator: ", "))", path: recordPath
                )
            }
            let waiting = inSection.filter { $0.item.isManual && $0.item.state != .na && $0.item.status == .manual && !$0.item.ownSatisfied }
                .filter { !hasApproved(request.by, $0, in: record) }
            guard !waiting.isEmpty else {
                let place = section.map { " under '\($0)'" } ?? ""
                throw TickmarkError(.usage, "no manual item\(place) is waiting for a sign-off; nothing to sign off", path: recordPath)
            }
            // The items as the record holds them, so their recorded state is what is checked.
            var byPlace: [[Int]: ItemLookup.Match] = [:]
            for match in lookup.items(in: nil) { byPlace[[match.checklistIndex, match.itemIndex]] = match }
            return waiting.map { match in byPlace[[match.checklistIndex, match.itemIndex]] ?? match }
        }
    }

    /// Whether `signer` already approved `match`, an item with approval rules, as it is now: a
    /// quorum waits for other people, so `--all-waiting` leaves it out.
    private static func hasApproved(_ signer: String, _ match: ItemLookup.Match, in record: RunRecord) -> Bool {
        guard match.item.approvals != nil else { return false }
        let person = (SignOff.email(of: signer) ?? signer).lowercased()
        return record.signOffs.contains {
            $0.checklist == match.checklistID && $0.item == match.item.id && $0.itemDigest == match.item.digest && $0.decision == .approve
                && (SignOff.email(of: $0.by) ?? $0.by).lowercased() == person
        }
    }

    /// Throws the one problem, or all of them in one error, when there are any.
    static func refuse(_ problems: [TickmarkError], of count: Int) throws(TickmarkError) {
        guard let first = problems.first else { return }
        guard problems.count > 1 || count > 1 else { throw first }
        let lines = problems.map { "  " + $0.description.replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n")
        throw TickmarkError(
            first.code, "nothing was signed off: \(problems.count) of the \(count) items cannot be:\n\(lines)"
        )
    }

    /// The item `query` names, or why not.
    private static func find(_ query: String, checklist: String?, lookup: ItemLookup, recordPath: String) throws(TickmarkError) -> ItemLookup.Match {
        switch lookup.find(query, checklist: checklist) {
        case .found(let match):
            return match
        case .none:
            throw TickmarkError(.usage, "no item of the record has the id '\(query)' or a text containing it; `tickmark show` lists the ids", path: recordPath)
        case .ambiguous(let candidates):
            let lines = candidates.map { "  \($0)" }.joined(separator: "\n")
            let hint = Set(candidates.map(\.checklistID)).count > 1 ? "name one by its id, or add --checklist" : "name one by its id"
            throw TickmarkError(.usage, "'\(query)' matches \(candidates.count) items; \(hint):\n\(lines)", path: recordPath)
        }
    }
}
