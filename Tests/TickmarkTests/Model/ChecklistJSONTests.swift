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

    @Test func diagnosticsDeliveredLateCloseTheJSON() async throws {
        let checklist = Self.checklist(roots: 384)
        let late = Diagnostic(.malformedProbe, .error, "late", path: "stream.md", at: SourcePosition(line: 1, column: 1, offset: 0))
        let streamed = await Self.streamed(checklist, chunkSize: 1 << 16, extra: [late])
        var withLate = checklist
        withLate.diagnostics.append(late)
        #expect(streamed == withLate.jsonBytes())
    }
}
