import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport

@Suite struct ChecklistMarkdownTests {
    static func render(_ fixture: RecordFixture, signOffs: [SignOff] = [], at date: Date = ReleaseFixture.reportTime) throws -> RenderedChecklist {
        var record = fixture.record()
        record.signOffs = signOffs
        record = record.recomputed(at: date)
        return try ChecklistMarkdown.render(record.checklists[0], signOffs: signOffs, at: date)
    }

    @Test func reRenderingChangesOnlyBoxBytesAndInsertsText() throws {
        let record = ReleaseFixture.record().recomputed(at: ReleaseFixture.reportTime)
        let checklist = record.checklists[0]
        let rendered = try ChecklistMarkdown.render(checklist, signOffs: record.signOffs, at: ReleaseFixture.reportTime)
        let parsed = ChecklistParser.parse(rendered.source, path: "release.md")
        let boxes = Set(parsed.allItems.map { $0.boxOffset + 1 })
        var restored: [UInt8] = []
        var cursorInOutput = 0
        var cursorInSource = 0
        for edit in rendered.edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let unchanged = edit.range.lowerBound - cursorInSource
            restored += rendered.bytes[cursorInOutput..<(cursorInOutput + unchanged)]
            cursorInOutput += unchanged
            cursorInSource = edit.range.lowerBound
            if edit.range.isEmpty {
                // An insertion: the output holds exactly its bytes here; drop them.
                #expect(Array(rendered.bytes[cursorInOutput..<(cursorInOutput + edit.replacement.count)]) == edit.replacement)
                cursorInOutput += edit.replacement.count
            } else if edit.range == parsed.frontMatterRange {
                #expect(edit.replacement.isEmpty)
                restored += rendered.source[edit.range]
                cursorInSource = edit.range.upperBound
            } else {
                // A box: one byte, `x` or a space, at a box's state byte.
                #expect(edit.range.count == 1 && boxes.contains(edit.range.lowerBound))
                #expect(edit.replacement == [0x78] || edit.replacement == [0x20])
                #expect(Array(rendered.bytes[cursorInOutput..<(cursorInOutput + 1)]) == edit.replacement)
                restored += rendered.source[edit.range]
                cursorInOutput += 1
                cursorInSource += 1
            }
        }
        restored += rendered.bytes[cursorInOutput...]
        #expect(restored == rendered.source)
        #expect(!rendered.bytes.starts(with: Array("---".utf8)))
    }

    @Test func boxesFollowTheRecord() throws {
        let rendered = try Self.render(ReleaseFixture.fixture, signOffs: ReleaseFixture.record().signOffs)
        let items = ChecklistParser.parse(rendered.bytes, path: "report.md").allItems
        func state(_ text: String) -> ItemState? { items.first { $0.text.hasPrefix(text) }?.state }
        #expect(state("Working tree") == .checked)                    // pass
        #expect(state("CHANGELOG") == .checked)                       // pass, was ticked
        #expect(state("Unit tests") == .unchecked)                    // fail
        #expect(state("Rollback plan") == .checked)                   // signed off
        #expect(state("Database migration") == .unchecked)            // stale sign-off
        #expect(state("Feature flags") == .na)                        // N/A untouched
        #expect(state("(Optional) Benchmarks") == .unchecked)         // error
        #expect(state("Smoke test") == .unchecked)                    // rejected
        #expect(state("On-call engineer") == .checked)                // signed off, quoted
    }

    @Test func insertedTextStaysInsideEachListItem() throws {
        let original = ReleaseFixture.fixture.checklist
        let rendered = try Self.render(ReleaseFixture.fixture, signOffs: ReleaseFixture.record().signOffs)
        let reparsed = ChecklistParser.parse(rendered.bytes, path: "report.md")
        func shape(_ items: [ChecklistItem]) -> [String] {
            items.flatMap { item in ["(\(item.position.column)"] + shape(item.children) + [")"] }
        }
        #expect(reparsed.allItems.count == original.allItems.count)
        #expect(shape(reparsed.items) == shape(original.items))
        #expect(reparsed.allItems.map(\.isQuoted) == original.allItems.map(\.isQuoted))
        for (before, after) in zip(original.allItems, reparsed.allItems) {
            #expect(after.text.hasPrefix(before.text + " — "))
        }
        let html = MarkdownHTML.render(rendered.bytes)
        #expect(html.components(separatedBy: "<details").count - 1 == 7)
        #expect(html.components(separatedBy: "<li>").count - 1 == original.allItems.count)
    }

    @Test func evidenceOfQuotedItemsKeepsTheQuoteMarkers() throws {
        let fixture = RecordFixture(source: "# Q\n\n> Note:\n>\n> 1. [ ] Health is green `probe: http GET https://x.test/health`\n> 2. [ ] Next\n")
        let text = String(decoding: try Self.render(fixture).bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let details = try #require(lines.firstIndex { $0.contains("<details>") })
        #expect(lines[details] == ">    <details><summary>Evidence: pass — ok</summary>")
        let closing = try #require(lines.firstIndex { $0.contains("</details>") })
        #expect(lines[(details - 1)...(closing + 1)].allSatisfy { $0.hasPrefix(">") })
        let reparsed = ChecklistParser.parse(Array(text.utf8), path: "q.md")
        #expect(reparsed.allItems.count == 2 && reparsed.allItems.allSatisfy(\.isQuoted))
        #expect(MarkdownHTML.render(Array(text.utf8)).contains("<blockquote>"))
    }

    @Test func insertedLinesUseTheFileLineEndings() throws {
        let fixture = RecordFixture(source: "# W\r\n\r\n- [ ] Build `probe: run make`\r\n  - [ ] Child\r\n- [ ] Last `probe: run true`")
        let rendered = try Self.render(fixture)
        let bytes = rendered.bytes
        for index in bytes.indices where bytes[index] == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "a bare line feed at byte \(index)")
        }
        let reparsed = ChecklistParser.parse(bytes, path: "w.md")
        #expect(reparsed.items.map(\.children.count) == [1, 0])
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("</details>\r\n\r\n"))
    }

    @Test func unselectedItemsAreMarkedNotRunAndKeepTheirBox() throws {
        let fixture = RecordFixture(source: "- [x] Ran `probe: run true`\n- [x] Skipped by --only `probe: run true`\n")
        var record = fixture.record { $0.text.hasPrefix("Ran") }
        record = record.recomputed(at: RecordFixture.start)
        let rendered = try ChecklistMarkdown.render(record.checklists[0], signOffs: [], at: RecordFixture.start)
        let text = String(decoding: rendered.bytes, as: UTF8.self)
        #expect(text.contains("- [x] Skipped by --only `probe: run true` — ▫️ not run\n"))
    }

    @Test func evidenceFencesOutgrowBackticksInTheOutput() {
        let item = RunRecord.ItemRecord(
            id: "a", text: "A", line: 1, column: 1, state: .unchecked, severity: .blocking, section: [], owners: [],
            digest: "", parent: nil, depth: 0, status: .fail, reason: "bad", satisfied: false, blocking: true, boxOffset: 2,
            probes: [RunRecord.ProbeRecord(
                kind: "run", line: 1, column: 9, summary: "sh -c x", status: .fail, reason: "bad", attempts: 1, advisory: false,
                startedAt: RecordFixture.start, durationMilliseconds: 10,
                evidence: RunRecord.Evidence(action: "", output: "````\n\u{1B}[31mred\u{1B}[0m\r\n</details>", fields: [])
            )]
        )
        let text = String(decoding: EvidenceBlock(item: item, prefix: [0x20, 0x20], lineEnding: [0x0A]).bytes, as: UTF8.self)
        #expect(text.contains("  `````text\n"))
        #expect(text.contains("\n  red\n  </details>\n  `````\n"))
    }
}
