import Foundation
import Testing
@testable import Tickmark

/// Tickmark against the real `cmark-gfm` command on real checklists (the external corpus named by
/// `TICKMARK_CORPUS`): both must find the same task items at the same positions with the same
/// state. The project's own fixtures (`ConformanceTests`) cover the same constructs without it.
@Suite(.enabled(if: Corpus.folder != nil, Corpus.skipReason))
struct CorpusDifferentialTests {
    static let fileCount = 46
    static let totals = Corpus.Counts(tasks: 924, checked: 99, unchecked: 825)

    @Test(arguments: Corpus.fileNames)
    func tickmarkFindsTheTasksCmarkGFMFinds(file: String) throws {
        let path = try Corpus.path(of: file)
        let oracle = try CmarkOracle.tasks(inFile: path)
        let counts = try #require(try Corpus.oracle()[file], "\(file) is not in oracle.tsv")
        #expect(
            Corpus.Counts(tasks: oracle.count, checked: oracle.count { $0.checked }, unchecked: oracle.count { !$0.checked }) == counts,
            "cmark-gfm's own counts differ from oracle.tsv"
        )
        // No corpus file has a quoted task, a `[~]`, a byte order mark or a second box after an
        // unchecked one, so Tickmark must agree with cmark-gfm everywhere.
        let checklist = try ChecklistFile.load(path)
        let tickmark = TickmarkTasks(checklist)
        let departures = Departure.between(oracle: oracle, tickmark: tickmark, bytes: checklist.source.bytes)
        #expect(departures.isEmpty, "cmark-gfm finds \(oracle), Tickmark finds \(tickmark.tasks)")
    }

    @Test func corpusFilesMatchTheOracleTable() throws {
        let oracle = try Corpus.oracle()
        #expect(Corpus.fileNames.count == Self.fileCount)
        #expect(Corpus.fileNames == oracle.keys.sorted())
        let summed = oracle.values.reduce(Corpus.Counts(tasks: 0, checked: 0, unchecked: 0)) {
            Corpus.Counts(tasks: $0.tasks + $1.tasks, checked: $0.checked + $1.checked, unchecked: $0.unchecked + $1.unchecked)
        }
        #expect(summed == Self.totals)
    }

    @Test func tickmarkFindsEveryOracleTaskInTotal() throws {
        var tasks = 0
        var checked = 0
        for file in Corpus.fileNames {
            let found = TickmarkTasks(try ChecklistFile.load(try Corpus.path(of: file))).tasks
            tasks += found.count
            checked += found.count { $0.checked }
        }
        #expect(Corpus.Counts(tasks: tasks, checked: checked, unchecked: tasks - checked) == Self.totals)
    }
}
