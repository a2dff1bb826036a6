import Foundation
import Tickmark

/// Finds the item a person means in a run record: by exact id, else by a case-insensitive part of
/// its text that matches exactly one item.
package struct ItemLookup: Sendable {
    /// One item of the record, with the checklist it belongs to.
    package struct Match: Sendable, Equatable, CustomStringConvertible {
        /// The checklist's index in the record.
        package var checklistIndex: Int
        /// The item's index in the checklist's items.
        package var itemIndex: Int
        /// The checklist's id.
        package var checklistID: String
        /// The checklist's path.
        package var path: String
        /// The item as recorded.
        package var item: RunRecord.ItemRecord

        /// `path:line: id — text`, for candidate lists.
        package var description: String {
            let kind = item.isManual ? "" : item.state == .na ? " (not applicable)" : " (probe item)"
            return "\(path):\(item.line): \(item.id) — \(item.text)\(kind)"
        }
    }

    /// What a query found.
    package enum Result: Sendable, Equatable {
        /// Exactly one item.
        case found(Match)
        /// Several items; the query must be more precise (or `--checklist` given).
        case ambiguous([Match])
        /// Nothing matched.
        case none
    }

    /// The record searched.
    package let record: RunRecord

    /// Looks items up in `record`.
    package init(record: RunRecord) {
        self.record = record
    }

    /// Every item of the record (of `checklist` only, when given), in record order.
    package func items(in checklist: String? = nil) -> [Match] {
        var matches: [Match] = []
        for (checklistIndex, entry) in record.checklists.enumerated() where checklist == nil || entry.id == checklist {
            for (itemIndex, item) in entry.items.enumerated() {
                matches.append(Match(checklistIndex: checklistIndex, itemIndex: itemIndex, checklistID: entry.id, path: entry.path, item: item))
            }
        }
        return matches
    }

    /// The item `query` names: an exact id wins over text; text matches ignore case.
    package func find(_ query: String, checklist: String? = nil) -> Result {
        let all = items(in: checklist)
        let byID = all.filter { $0.item.id == query }
        if byID.count == 1 { return .found(byID[0]) }
        if byID.count > 1 { return .ambiguous(byID) }
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return .none }
        let byText = all.filter { $0.item.text.lowercased().contains(needle) }
        switch byText.count {
        case 0: return .none
        case 1: return .found(byText[0])
        default:
            // A text that is one item's whole text is not ambiguous, even if it is part of others.
            let whole = byText.filter { $0.item.text.lowercased() == needle }
            return whole.count == 1 ? .found(whole[0]) : .ambiguous(byText)
        }
    }
}
