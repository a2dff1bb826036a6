import Foundation
import Testing
@testable import Tickmark

/// Tickmark against the real `cmark-gfm` command, run on the project's own fixtures: both must
/// find the same task items at the same positions in the same state, except at the departures
/// pinned for each fixture (`ConformanceFixture.all`).
@Suite struct ConformanceTests {
    @Test(arguments: ConformanceFixture.all)
    func tickmarkFindsExactlyTheTasksCmarkGFMFinds(fixture: ConformanceFixture) throws {
        let oracle = try CmarkOracle.tasks(inFile: fixture.path)
        let checklist = try ChecklistFile.load(fixture.path)
        let tickmark = TickmarkTasks(checklist)
        #expect(oracle.count == fixture.cmarkTasks, "cmark-gfm finds \(oracle.count) tasks: \(oracle)")
        let departures = Departure.between(oracle: oracle, tickmark: tickmark, bytes: checklist.source.bytes)
        #expect(
            departures == fixture.departures,
            "cmark-gfm finds \(oracle), Tickmark finds \(tickmark.tasks)"
        )
    }

    @Test func everyFixtureFileIsListedOnce() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ConformanceFixture.folder).filter { $0.hasSuffix(".md") }
        let listed = ConformanceFixture.all.map(\.name)
        #expect(files.sorted() == listed.sorted())
        #expect(Set(listed).count == listed.count)
    }

    @Test func theFixturesCoverEveryKnownDeparture() {
        let kinds = Set(ConformanceFixture.all.flatMap(\.departures).map(\.kind))
        #expect(kinds == [.quotedTask, .firstLineAfterByteOrderMark, .notApplicableBox, .laterBoxOnTheLine, .boxFromALaterLine])
    }

    @Test func theFixturesKeepTheirBytes() throws {
        // The line endings, the byte order mark and the invalid bytes are what those fixtures test.
        let crlf = try bytes(of: "crlf.md")
        #expect(crlf.count { $0 == UInt8(ascii: "\n") } == crlf.count { $0 == UInt8(ascii: "\r") })
        #expect(try bytes(of: "lone-cr.md").contains(UInt8(ascii: "\n")) == false)
        #expect(try bytes(of: "byte-order-mark.md").starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(validating: try bytes(of: "invalid-utf8.md"), as: UTF8.self) == nil)
        #expect(try bytes(of: "tabs.md").contains(UInt8(ascii: "\t")))
    }

    @Test func aDifferenceNoKnownReasonExplainsIsReported() {
        // Tickmark losing a task, gaining one, reporting one twice, or reading its box wrong.
        let bytes = Array("- [ ] one\n- [x] two\n- [ ] three\n".utf8)
        let oracle = [task(1, 1, false), task(2, 1, true), task(3, 1, false)]
        let tickmark = TickmarkTasks(items: [
            .init(task: task(1, 1, false), isQuoted: false, box: UInt8(ascii: " ")),
            .init(task: task(1, 1, false), isQuoted: false, box: UInt8(ascii: " ")),
            .init(task: task(2, 1, false), isQuoted: false, box: UInt8(ascii: "x")),
            .init(task: task(4, 1, false), isQuoted: false, box: UInt8(ascii: " ")),
        ])
        #expect(Departure.between(oracle: oracle, tickmark: tickmark, bytes: bytes) == [
            Departure(.unexplained, line: 1, column: 1),
            Departure(.unexplained, line: 2, column: 1),
            Departure(.unexplained, line: 3, column: 1),
            Departure(.unexplained, line: 4, column: 1),
        ])
        let agreeing = TickmarkTasks(items: oracle.map { .init(task: $0, isQuoted: false, box: UInt8(ascii: $0.checked ? "x" : " ")) })
        #expect(Departure.between(oracle: oracle, tickmark: agreeing, bytes: bytes).isEmpty)
    }

    @Test func oracleReadsTasklistElements() throws {
        let xml = """
            <list sourcepos="1:1-2:9" type="bullet" tight="true">
              <tasklist sourcepos="1:1-1:8" completed="false">
              <item sourcepos="2:3-2:9">
              <tasklist sourcepos="12:13-14:0" completed="true">
            """
        #expect(try CmarkOracle.tasks(inXML: xml) == [task(1, 1, false), task(12, 13, true)])
    }

    private func task(_ line: Int, _ column: Int, _ checked: Bool) -> CmarkOracle.Task {
        CmarkOracle.Task(line: line, column: column, checked: checked)
    }

    private func bytes(of name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: ConformanceFixture.folder + "/" + name)))
    }
}
