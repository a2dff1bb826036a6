import Tickmark
import TickmarkProbes

/// `tickmark run --write`: ticks probe items that passed, unticks those that failed or errored,
/// and ticks manual items with a valid approving sign-off. Only the box bytes change.
enum BoxWriter {
    static func edits(for checklist: ChecklistOutcome) -> [TextEdit] {
        targets(for: checklist).compactMap { checklist.checklist.checkboxEdit(for: $0.item, checked: $0.checked) }
    }

    /// The box each item's result asks for.
    static func targets(for checklist: ChecklistOutcome) -> [(item: ChecklistItem, checked: Bool)] {
        var targets: [(item: ChecklistItem, checked: Bool)] = []
        for item in checklist.items where !item.isNotApplicable {
            let target: Bool?
            if item.item.probes.isEmpty {
                target = item.status == .signedOff ? true : nil
            } else {
                switch item.status {
                case .pass: target = true
                case .fail, .error: target = false
                default: target = nil
                }
            }
            if let target { targets.append((item.item, target)) }
        }
        return targets
    }

    static func write(_ outcome: RunOutcome, console: Console) throws(TickmarkError) {
        for checklist in outcome.checklists {
            guard !edits(for: checklist).isEmpty else { continue }
            var located = checklist.checklist
            located.path = ChecklistPaths.resolve(located.path, base: console.currentDirectory)
            let changed: Int
            do {
                changed = try LockedWrites.writeBoxes(located, targets: targets(for: checklist))
            } catch {
                var named = error
                named.path = checklist.checklist.path
                throw named
            }
            guard changed > 0 else { continue }
            console.line("Updated \(checklist.checklist.path): \(changed) box\(changed == 1 ? "" : "es") changed")
        }
    }
}
