import Testing
@testable import Tickmark

/// A fixture with position markers (`1️⃣`, `2️⃣`, …) removed, remembering the byte offset of each.
struct MarkedText {
    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    let text: String
    let offsets: [String: Int]

    init(_ marked: String) {
        var bytes = Array(marked.utf8)
        var found: [(String, Int)] = []
        for marker in MarkedText.markers {
            let needle = Array(marker.utf8)
            guard let start = MarkedText.find(needle, in: bytes) else { continue }
            bytes.removeSubrange(start..<(start + needle.count))
            found = found.map { name, offset in (name, offset > start ? offset - needle.count : offset) }
            found.append((marker, start))
        }
        text = String(decoding: bytes, as: UTF8.self)
        offsets = Dictionary(uniqueKeysWithValues: found)
    }

    var bytes: [UInt8] { Array(text.utf8) }

    /// The position of a marker in the clean text.
    func position(_ marker: String, sourceLocation: SourceLocation = #_sourceLocation) -> SourcePosition {
        guard let offset = offsets[marker] else {
            Issue.record("no marker \(marker) in fixture", sourceLocation: sourceLocation)
            return SourcePosition(line: 0, column: 0, offset: 0)
        }
        return SourceText(bytes: bytes).position(ofOffset: offset)
    }

    func parse(path: String = "test.md") -> Checklist {
        ChecklistParser.parse(bytes, path: path)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

extension Checklist {
    /// The item with `id`, recording an issue when there is none.
    func item(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) -> ChecklistItem? {
        let found = allItems.first { $0.id == id }
        if found == nil {
            Issue.record("no item \(id); ids: \(allItems.map(\.id))", sourceLocation: sourceLocation)
        }
        return found
    }

    /// Diagnostic ids, in order.
    var diagnosticIDs: [String] { diagnostics.map(\.id.rawValue) }
}
