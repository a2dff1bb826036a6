import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// Writes that read a file, check it and replace it while holding the folder's lock
/// (`FileLock`), so that concurrent Tickmark processes never lose each other's work.
enum LockedWrites {
    /// Writes a run's record over the record at `path`, keeping every sign-off the file holds by
    /// then: a sign-off made while the run was going on is carried into the new record, which is
    /// decided again. Returns a line saying so when that happened.
    @discardableResult
    static func replaceRecord(_ record: RunRecord, at path: String) throws(TickmarkError) -> String? {
        try FileLock.exclusive(for: path) { () throws(TickmarkError) -> String? in
            let previous = FileManager.default.fileExists(atPath: path) ? try ChecklistFile.readBytes(path) : nil
            var merged = record
            var kept: String?
            if let previous, let old = try? RunRecord.decode(previous, path: path) {
                let added = old.signOffs.filter { !merged.signOffs.contains($0) }
                if !added.isEmpty {
                    merged.signOffs = (merged.signOffs + added).enumerated()
                        .sorted { $0.element.at != $1.element.at ? $0.element.at < $1.element.at : $0.offset < $1.offset }.map(\.element)
                    merged = merged.recomputed(at: merged.finishedAt)
                    let count = added.count
                    kept = "  kept \(count) sign-off\(count == 1 ? "" : "s") made during the run; with \(count == 1 ? "it" : "them") the record says \(merged.decision.rawValue)"
                }
            }
            try merged.write(to: path, expected: previous)
            return kept
        }
    }

    /// Sets the boxes of `targets` in the checklist's file. When the file is as `checklist` read
    /// it, the edits go to those bytes; when another process changed it since, they go to the file
    /// as it is now, provided every targeted item is still there with the same content (only box
    /// bytes differ); otherwise nothing is written. Returns how many boxes changed.
    static func writeBoxes(_ checklist: Checklist, targets: [(item: ChecklistItem, checked: Bool)]) throws(TickmarkError) -> Int {
        try FileLock.exclusive(for: checklist.path) { () throws(TickmarkError) -> Int in
            let current = try ChecklistFile.readBytes(checklist.path)
            var base = checklist
            if current != checklist.source.bytes {
                base = ChecklistParser.parse(current, path: checklist.path)
            }
            var items: [String: ChecklistItem] = [:]
            if current != checklist.source.bytes { base.forEachItem { items[$0.id] = $0 } }
            var edits: [TextEdit] = []
            for target in targets {
                var item = target.item
                if current != checklist.source.bytes {
                    guard let now = items[item.id], now.contentDigest == item.contentDigest else {
                        throw TickmarkError(
                            .conflict,
                            "the file changed on disk since it was read, and \(item.id) (line \(item.position.line)) with it; nothing was written. Run the command again",
                            path: checklist.path
                        )
                    }
                    item = now
                }
                if let edit = base.checkboxEdit(for: item, checked: target.checked) { edits.append(edit) }
            }
            guard !edits.isEmpty else { return 0 }
            let updated: [UInt8]
            do throws(TextEditError) {
                updated = try base.applying(edits)
            } catch {
                throw TickmarkError(.cannotWrite, "cannot apply edits: \(error.message)", path: checklist.path)
            }
            try AtomicFile.replace(path: checklist.path, expected: current, with: updated)
            return edits.count
        }
    }
}
