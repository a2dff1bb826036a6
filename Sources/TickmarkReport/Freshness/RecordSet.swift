import Foundation
import Tickmark
import TickmarkProbes

/// Every run record in a records folder (and its subfolders), read once: the evidence `status`
/// judges. Files that are not run records are counted, not read.
package struct RecordSet: Sendable {
    /// A record and its path as shown to the user.
    package struct Entry: Sendable {
        package var path: String
        package var record: RunRecord

        package init(path: String, record: RunRecord) {
            self.path = path
            self.record = record
        }
    }

    /// The records, oldest finish first.
    package var entries: [Entry]
    /// JSON files in the folder that are not readable run records.
    package var skipped: [String]

    /// The records given.
    package init(entries: [Entry], skipped: [String] = []) {
        self.entries = entries.sorted { ($0.record.finishedAt, $0.path) < ($1.record.finishedAt, $1.path) }
        self.skipped = skipped
    }

    /// Reads every `*.json` run record below `folder` (absolute); `shownFolder` is how paths are shown.
    package static func load(folder: String, shownFolder: String) -> RecordSet {
        var entries: [Entry] = []
        var skipped: [String] = []
        for name in RecordsFolder.jsonFiles(in: folder, files: LocalFileReader()) {
            let shown = shownFolder == "." ? name : shownFolder + "/" + name
            guard let record = try? RunRecord.load(folder + "/" + name) else {
                skipped.append(shown)
                continue
            }
            entries.append(Entry(path: shown, record: record))
        }
        return RecordSet(entries: entries, skipped: skipped)
    }

    /// The ids of every checklist in the records, in order of first appearance.
    package var checklistIDs: [String] {
        var seen: Set<String> = []
        return entries.flatMap { $0.record.checklists.map(\.id) }.filter { seen.insert($0).inserted }
    }

    /// The newest record of checklist `id` and the checklist's entry in it.
    package func latest(of id: String) -> (entry: Entry, checklist: RunRecord.ChecklistRecord)? {
        for entry in entries.reversed() {
            if let checklist = entry.record.checklists.first(where: { $0.id == id }) { return (entry, checklist) }
        }
        return nil
    }

    /// Every sign-off of checklist `id` across the records, without duplicates, oldest first.
    package func signOffs(of id: String) -> [SignOff] {
        var result: [SignOff] = []
        for entry in entries {
            for signOff in entry.record.signOffs where signOff.checklist == id && !result.contains(signOff) { result.append(signOff) }
        }
        return result.sorted { $0.at < $1.at }
    }
}
