import Tickmark
import TickmarkProbes

/// `tickmark run --write`: ticks probe items that passed, unticks those that failed or errored,
/// and ticks manual items with a valid approving sign-off. Only the box bytes change.
enum BoxWriter {
    static func edits(for checklist: ChecklistOutcome) -> [TextEdit] {
        var edits: [TextEdit] = []
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
            if let target, let edit = checklist.checklist.checkboxEdit(for: item.item, checked: target) {
                edits.append(edit)
            }
        }
        return edits
    }

    static func write(_ outcome: RunOutcome, console: Console) throws(TickmarkError) {
        for checklist in outcome.checklists {
            let edits = edits(for: checklist)
            guard !edits.isEmpty else { continue }
            var located = checklist.checklist
            located.path = ChecklistPaths.resolve(located.path, base: console.currentDirectory)
            do {
                try located.write(edits)
            } catch {
                var named = error
                named.path = checklist.checklist.path
                throw named
            }
            console.line("Updated \(checklist.checklist.path): \(edits.count) box\(edits.count == 1 ? "" : "es") changed")
        }
    }
}
