import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// `run --check`: who or what ticked a box that nothing fresh backs. The run record that last
/// backed the item (and how long ago), and the git commit that last changed the box's line (its
/// author and date), or that the line's change is not committed yet.
enum TickAttribution {
    /// `outcome` with each unbacked-tick blocker followed by who or what ticked the box, as far as
    /// the records folder and git know.
    static func annotate(_ outcome: RunOutcome, records: RecordSet, now: Date, base: String) -> RunOutcome {
        var annotated = outcome
        for index in annotated.checklists.indices {
            let checklist = annotated.checklists[index]
            let ticked = checklist.items.filter(\.uncheckedTick)
            guard !ticked.isEmpty else { continue }
            let blame = GitBlame(path: ChecklistPaths.resolve(checklist.checklist.path, base: base))
            for item in ticked {
                var words: [String] = []
                if let backed = lastBacking(of: item.item, checklist: checklist.checklist.id, records: records) {
                    words.append("last backed by \(backed.path), \(AgeText.ago(seconds: now.timeIntervalSince(backed.at)))")
                }
                if let line = blame.line(item.item.position.line) { words.append(line) }
                guard !words.isEmpty else { continue }
                let prefix = "\(item.item.id) (line \(item.item.position.line)): ticked in the file, but"
                for blocker in annotated.checklists[index].blockers.indices where annotated.checklists[index].blockers[blocker].hasPrefix(prefix) {
                    annotated.checklists[index].blockers[blocker] += "; " + words.joined(separator: "; ")
                }
            }
        }
        return annotated
    }

    /// The newest record in which `item` (same content) passed or was signed off.
    private static func lastBacking(of item: ChecklistItem, checklist id: String, records: RecordSet) -> (path: String, at: Date)? {
        let digest = item.contentDigest
        for entry in records.entries.reversed() {
            for checklist in entry.record.checklists where checklist.id == id {
                if let recorded = checklist.items.first(where: { $0.id == item.id && $0.digest == digest }),
                   recorded.status == .pass || recorded.status == .signedOff {
                    let signOff = entry.record.signOffs.last { $0.checklist == id && $0.item == item.id && $0.decision == .approve }
                    return (entry.path, signOff?.at ?? entry.record.finishedAt)
                }
            }
        }
        return nil
    }
}

/// `git blame --line-porcelain` of one file: who last changed each line, and in which commit.
struct GitBlame {
    private var lines: [Int: String] = [:]

    /// Blames `path`; nothing is known when it is not in a git repository.
    init(path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.isEmpty ? "." : folder, "blame", "--line-porcelain", "--", (path as NSString).lastPathComponent]
        process.environment = ProcessInfo.processInfo.environment.merging(["LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return }
        var commit = "", author = "", mail = "", time = 0.0, line = 0
        for text in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if text.hasPrefix("\t") {
                if commit.allSatisfy({ $0 == "0" }) {
                    lines[line] = "the tick is not committed yet"
                } else {
                    let date = RunRecord.timestamp(Date(timeIntervalSince1970: time)).prefix(10)
                    lines[line] = "its line was last changed by \(author) \(mail) in commit \(commit.prefix(7)) (\(date))"
                }
            } else if text.hasPrefix("author-mail ") {
                mail = String(text.dropFirst("author-mail ".count))
            } else if text.hasPrefix("author-time ") {
                time = Double(text.dropFirst("author-time ".count)) ?? 0
            } else if text.hasPrefix("author ") {
                author = String(text.dropFirst("author ".count))
            } else {
                let words = text.split(separator: " ")
                if words.count >= 3, words[0].count == 40, words[0].allSatisfy(\.isHexDigit), let final = Int(words[2]) {
                    commit = String(words[0])
                    line = final
                }
            }
        }
    }

    /// Who last changed line `number`, in words.
    func line(_ number: Int) -> String? { lines[number] }
}
