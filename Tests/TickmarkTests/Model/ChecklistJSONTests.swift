import Foundation
import Testing
@testable import Tickmark

/// The streamed JSON of `show --json` (written in chunks) must be byte for byte the JSON written
/// in one piece, and valid JSON.
@Suite struct ChecklistJSONTests {
    static func checklist(roots: Int) -> Checklist {
        var text = "---\ntitle: \"Stream \\\"quoted\\\"\"\nvars: { base: https://x.example }\n---\n\n# Release\n"
        for root in 0..<roots {
            if root % 40 == 0 { text += "\n## Part \(root / 40) é\n\n" }
            text += "- [\(root % 3 == 0 ? "x" : " ")] Item \(root) with \"quotes\", a\ttab and @owner `probe: http GET ${base}/\(root) status=200`\n"
            if root % 7 == 0 { text += "  - [ ] child \(root)\n    - [~] grandchild \(root)\n" }
        }
        return ChecklistParser.parse(Array(text.utf8), path: "stream.md")
    }

    static func streamed(_ checklist: Checklist, chunkSize: Int, extra: [Diagnostic] = []) async -> [UInt8] {
        var chunks: [UInt8] = []
        var count = 0
        await checklist.streamJSON(chunkSize: chunkSize, extra: { extra }) { chunk in
            chunks += chunk
            count += 1
        }
        #expect(count > 1 || chunks.count <= chunkSize, "a large model must leave in several chunks")
        return chunks
    }

    @Test(arguments: [10, 255, 643])
    func streamedJSONIsTheJSONWrittenAtOnce(roots: Int) async throws {
        let checklist = Self.checklist(roots: roots)
        #expect(checklist.items.count == roots)
        let whole = checklist.jsonBytes()
        for chunkSize in [1, 4096, 1 << 16] {
            let streamed = await Self.streamed(checklist, chunkSize: chunkSize)
            #expect(streamed == whole, "chunk size \(chunkSize)")
        }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(whole)) as? [String: Any])
        let items = try #require(parsed["items"] as? [[String: Any]])
        #expect(items.count == roots)
        #expect((items.last?["text"] as? String)?.hasPrefix("Item \(roots - 1) with \"quotes\"") == true)
    }

    /// Items of one section share its array, whose JSON is written once and copied for the
    /// rest, children included: every line must still be indented by its own depth.
    @Test func everyLineIsIndentedByItsDepth() throws {
        let checklist = Self.checklist(roots: 120)
        #expect(checklist.items.contains { !$0.children.isEmpty && $0.children[0].section == $0.section })
        let json = checklist.jsonBytes()
        var depth = 0
        var inString = false
        var escaped = false
        var line = 1
        var index = 0
        var misindented: [Int] = []
        while index < json.count {
            let byte = json[index]
            index += 1
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D: depth -= 1
            case 0x0A:
                line += 1
                var spaces = 0
                while index + spaces < json.count, json[index + spaces] == 0x20 { spaces += 1 }
                guard index + spaces < json.count else { break }
                let next = json[index + spaces]
                let expected = 2 * (next == 0x7D || next == 0x5D ? depth - 1 : depth)
                if spaces != expected { misindented.append(line) }
            default: break
            }
        }
        #expect(depth == 0)
        #expect(misindented.isEmpty, "lines indented wrongly: \(misindented.prefix(5))")
    }

    @Test func everyItemInTheJSONHasItsOwnSection() throws {
        let checklist = Self.checklist(roots: 120)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(checklist.jsonBytes())) as? [String: Any])
        var compared = 0
        func compare(_ json: [[String: Any]], _ items: [ChecklistItem]) {
            #expect(json.count == items.count)
            for (object, item) in zip(json, items) {
                #expect(object["section"] as? [String] == item.section, "item \(item.id)")
                compared += 1
                compare(object["children"] as? [[String: Any]] ?? [], item.children)
            }
        }
        compare(try #require(parsed["items"] as? [[String: Any]]), checklist.items)
        #expect(Set(checklist.items.map(\.section)).count == 3)
        #expect(compared > 120)
    }

    @Test func diagnosticsDeliveredLateCloseTheJSON() async throws {
        let checklist = Self.checklist(roots: 384)
        let late = Diagnostic(.malformedProbe, .error, "late", path: "stream.md", at: SourcePosition(line: 1, column: 1, offset: 0))
        let streamed = await Self.streamed(checklist, chunkSize: 1 << 16, extra: [late])
        var withLate = checklist
        withLate.diagnostics.append(late)
        #expect(streamed == withLate.jsonBytes())
    }
}
