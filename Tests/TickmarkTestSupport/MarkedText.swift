import Testing
import Tickmark

/// A fixture with position markers (`1️⃣` … `9️⃣`) removed, remembering where each one stood.
///
/// Lines and columns are counted here, independently of the library: lines end at `\n`, `\r\n`
/// or a lone `\r` (cmark-gfm's rule), columns are 1-based UTF-8 byte counts, offsets 0-based bytes.
package struct MarkedText: Sendable {
    /// The markers, in the order they are looked for.
    package static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    /// The text without its markers.
    package let text: String
    /// The byte offset in `text` of each marker found.
    package let offsets: [String: Int]

    /// Removes the markers of `marked` and remembers their offsets.
    package init(_ marked: String) {
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

    /// The UTF-8 bytes of `text`.
    package var bytes: [UInt8] { Array(text.utf8) }

    /// The position of a marker in the clean text; records an issue when there is no such marker.
    package func position(_ marker: String, sourceLocation: SourceLocation = #_sourceLocation) -> SourcePosition {
        guard let offset = offsets[marker] else {
            Issue.record("no marker \(marker) in fixture", sourceLocation: sourceLocation)
            return SourcePosition(line: 0, column: 0, offset: 0)
        }
        return position(ofOffset: offset)
    }

    /// The position where `needle` first occurs in the clean text (after `anchor`, if given).
    package func position(of needle: String, after anchor: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> SourcePosition {
        let bytes = bytes
        var searchStart = 0
        if let anchor {
            let anchorBytes = Array(anchor.utf8)
            let found = try #require(MarkedText.find(anchorBytes, in: bytes), "'\(anchor)' is not in the fixture", sourceLocation: sourceLocation)
            searchStart = found + anchorBytes.count
        }
        let found = MarkedText.find(Array(needle.utf8), in: Array(bytes[searchStart...]))
        let offset = try #require(found, "'\(needle)' is not in the fixture", sourceLocation: sourceLocation)
        return position(ofOffset: searchStart + offset)
    }

    /// The 1-based line and column and the offset of byte `offset` (clamped) of the clean text.
    package func position(ofOffset offset: Int) -> SourcePosition {
        let bytes = bytes
        let offset = max(0, min(offset, bytes.count))
        var line = 1, lineStart = 0, index = 0
        while index < offset {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: offset - lineStart + 1, offset: offset)
    }

    /// Parses the clean text as a checklist at `path`.
    package func parse(path: String = "test.md") -> Checklist {
        ChecklistParser.parse(bytes, path: path)
    }

    /// The offset of the first occurrence of `needle` in `haystack`.
    package static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

extension Checklist {
    /// The item with `id`, recording an issue when there is none.
    package func item(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) -> ChecklistItem? {
        let found = allItems.first { $0.id == id }
        if found == nil {
            Issue.record("no item \(id); ids: \(allItems.map(\.id))", sourceLocation: sourceLocation)
        }
        return found
    }

    /// Diagnostic ids, in order.
    package var diagnosticIDs: [String] { diagnostics.map(\.id.rawValue) }
}
