import Foundation
import Testing
@testable import Tickmark

/// Tickmark against the real `cmark-gfm` command on real checklists (`shared/corpus`): both must
/// find the same task items at the same positions with the same state.
///
/// Tickmark also finds task items cmark-gfm does not mark (GitHub does): inside block quotes, and
/// GitLab's `[~]`. Those are compared separately, against a count written down per file, so that
/// losing one fails as surely as gaining one.
@Suite struct CorpusDifferentialTests {
    /// Files in which Tickmark finds items that cmark-gfm does not call tasks (quoted or `[~]`).
    /// Every other file must have none.
    static let expectedExtras: [String: Int] = [:]

    static let fileCount = 46
    static let totals = Corpus.Counts(tasks: 924, checked: 99, unchecked: 825)

    @Test(arguments: Corpus.fileNames)
    func tickmarkFindsTheTasksCmarkGFMFinds(file: String) throws {
        let path = try Corpus.path(of: file)
        // cmark-gfm 0.29.0.gfm.6 says completed="true" for `- [ ] see [x] later` (it looks past the
        // box). No corpus line has a second box after an unchecked one, which was checked by reading
        // the byte after `[` at each of the 924 positions, so `completed` is compared as it is.
        let oracle = try CmarkOracle.tasks(inFile: path)
        let counts = try #require(try Corpus.oracle()[file], "\(file) is not in oracle.tsv")
        #expect(
            Corpus.Counts(tasks: oracle.count, checked: oracle.count { $0.checked }, unchecked: oracle.count { !$0.checked }) == counts,
            "cmark-gfm's own counts differ from oracle.tsv"
        )

        let checklist = try ChecklistFile.load(path)
        let split = TickmarkTasks(checklist)
        let missing = Set(oracle).subtracting(split.tasks).sorted()
        let unexpected = Set(split.tasks).subtracting(oracle).sorted()
        #expect(missing.isEmpty, "cmark-gfm tasks Tickmark lacks (line:column): \(missing)")
        #expect(unexpected.isEmpty, "Tickmark items cmark-gfm does not have (line:column): \(unexpected)")
        #expect(split.tasks.count == oracle.count, "Tickmark reports a task twice")
        #expect(
            split.extras.count == Self.expectedExtras[file, default: 0],
            "quoted and [~] items: \(split.extras.map(\.description))"
        )
    }

    @Test func corpusFilesMatchTheOracleTable() throws {
        let oracle = try Corpus.oracle()
        #expect(Corpus.fileNames.count == Self.fileCount)
        #expect(Corpus.fileNames == oracle.keys.sorted())
        let summed = oracle.values.reduce(Corpus.Counts(tasks: 0, checked: 0, unchecked: 0)) {
            Corpus.Counts(tasks: $0.tasks + $1.tasks, checked: $0.checked + $1.checked, unchecked: $0.unchecked + $1.unchecked)
        }
        #expect(summed == Self.totals)
        #expect(Set(Self.expectedExtras.keys).isSubset(of: Corpus.fileNames))
    }

    @Test func tickmarkFindsEveryOracleTaskInTotal() throws {
        var tasks = 0
        var checked = 0
        var extras = 0
        for file in Corpus.fileNames {
            let split = TickmarkTasks(try ChecklistFile.load(try Corpus.path(of: file)))
            tasks += split.tasks.count
            checked += split.tasks.count { $0.checked }
            extras += split.extras.count
        }
        #expect(Corpus.Counts(tasks: tasks, checked: checked, unchecked: tasks - checked) == Self.totals)
        #expect(extras == Self.expectedExtras.values.reduce(0, +))
    }

    @Test func quotedAndNotApplicableItemsAreTheOnlyExtras() throws {
        let text = "- [ ] plain\n> - [x] quoted\n- [~] not applicable\n- [ ] see [x] later\n"
        let path = FileManager.default.temporaryDirectory.path + "/tickmark-extras-\(UUID().uuidString).md"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let split = TickmarkTasks(try ChecklistFile.load(path))
        #expect(split.tasks == [CmarkOracle.Task(line: 1, column: 1, checked: false), CmarkOracle.Task(line: 4, column: 1, checked: false)])
        #expect(split.extras == [CmarkOracle.Task(line: 2, column: 3, checked: true), CmarkOracle.Task(line: 3, column: 1, checked: false)])
        // The real command: no quoted or `[~]` task, and line 4 misread as completed.
        #expect(try CmarkOracle.tasks(inFile: path) == [
            CmarkOracle.Task(line: 1, column: 1, checked: false), CmarkOracle.Task(line: 4, column: 1, checked: true),
        ])
    }

    @Test func aTaskCmarkGFMTakesFromALaterLineIsTheOneKnownDisagreement() throws {
        // Line 3, a lazy continuation inside the item, makes cmark-gfm mark line 1 as a task and take
        // its state from there; its `[x]` stays text. Tickmark judges the item by its own line: no task.
        let path = FileManager.default.temporaryDirectory.path + "/tickmark-later-box-\(UUID().uuidString).md"
        try Data("- [x]\n    > 1. a\n        - [ ] b\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CmarkOracle.tasks(inFile: path) == [CmarkOracle.Task(line: 1, column: 1, checked: false)])
        #expect(try ChecklistFile.load(path).allItems.isEmpty)
    }

    @Test func oracleReadsTasklistElements() throws {
        let xml = """
            <list sourcepos="1:1-2:9" type="bullet" tight="true">
              <tasklist sourcepos="1:1-1:8" completed="false">
              <item sourcepos="2:3-2:9">
              <tasklist sourcepos="12:13-14:0" completed="true">
            """
        #expect(try CmarkOracle.tasks(inXML: xml) == [
            CmarkOracle.Task(line: 1, column: 1, checked: false), CmarkOracle.Task(line: 12, column: 13, checked: true),
        ])
    }
}

/// Tickmark's items of a file, split into those cmark-gfm also calls tasks and the rest.
private struct TickmarkTasks {
    var tasks: [CmarkOracle.Task] = []
    var extras: [CmarkOracle.Task] = []

    init(_ checklist: Checklist) {
        for item in checklist.allItems {
            let box = checklist.source.bytes[item.boxOffset + 1]
            // Struck-through items are N/A in the model but keep their box, which is what cmark-gfm reads.
            let checked = item.state == .na ? box == UInt8(ascii: "x") || box == UInt8(ascii: "X") : item.state == .checked
            let task = CmarkOracle.Task(line: item.position.line, column: item.position.column, checked: checked)
            if item.isQuoted || box == UInt8(ascii: "~") {
                extras.append(task)
            } else {
                tasks.append(task)
            }
        }
    }
}
