import Tickmark
import TickmarkProbes

/// The box edits `run --pull-request --write` makes to a pull request body: computed afresh on the
/// body's current text, never on the text the run read.
///
/// An item is found again by its id *and* its content (text and probes, by digest), not by its
/// offset: the person may have added, removed or reworded other lines meanwhile. An item whose
/// text or probes changed since the run, or that is gone, is left alone: the run's result is not
/// about it any more. Only probe items are edited; manual boxes are the author's.
struct PullRequestBoxPlan: Sendable {
    /// A box the run's results ask for.
    struct Target: Sendable, Equatable {
        /// The item's id.
        var id: String
        /// Its content digest when it ran.
        var digest: String
        /// Ticked (passed) or not (failed or errored).
        var checked: Bool
    }

    /// The boxes of probe items that passed (ticked) or failed or errored (unticked). Skipped
    /// and N/A items are left as they are.
    static func targets(_ outcome: ChecklistOutcome) -> [Target] {
        outcome.items.compactMap { item in
            guard !item.isNotApplicable, !item.item.probes.isEmpty else { return nil }
            switch item.status {
            case .pass: return Target(id: item.item.id, digest: item.item.contentDigest, checked: true)
            case .fail, .error: return Target(id: item.item.id, digest: item.item.contentDigest, checked: false)
            default: return nil
            }
        }
    }

    /// The one-byte edits, in the current text's offsets.
    let edits: [TextEdit]
    /// The current text with the edits applied.
    let updated: String
    /// Targets whose item is gone or changed in the current text.
    let leftAlone: [Target]

    /// Plans `targets` on `text`, the body as it is now, parsed under the name `path`.
    init(text: String, path: String, targets: [Target]) {
        let checklist = ChecklistParser.parse(Array(text.utf8), path: path)
        var byID: [String: ChecklistItem] = [:]
        checklist.forEachItem { byID[$0.id] = $0 }
        var edits: [TextEdit] = []
        var leftAlone: [Target] = []
        for target in targets {
            guard let item = byID[target.id], item.contentDigest == target.digest else {
                leftAlone.append(target)
                continue
            }
            if let edit = checklist.checkboxEdit(for: item, checked: target.checked) { edits.append(edit) }
        }
        self.leftAlone = leftAlone
        // Box edits replace one ASCII byte by another, so the result is valid UTF-8 whenever the
        // text was. `applying` fails only on overlapping edits, which one edit per item never
        // makes; should it, nothing is edited.
        if let bytes = try? checklist.applying(edits) {
            self.edits = edits
            self.updated = String(decoding: bytes, as: UTF8.self)
        } else {
            self.edits = []
            self.updated = text
        }
    }
}
