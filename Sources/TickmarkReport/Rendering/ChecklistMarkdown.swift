import Foundation
import Tickmark
import TickmarkProbes

/// A checklist's own Markdown, re-rendered as a report with text edits only.
package struct RenderedChecklist: Sendable {
    /// The checklist's source as recorded.
    package var source: [UInt8]
    /// The edits applied to it: box bytes, inserted marks and evidence, the front matter removed.
    package var edits: [TextEdit]
    /// The source with the edits applied.
    package var bytes: [UInt8]
}

/// Re-renders a recorded checklist's Markdown source as the record says.
///
/// Nothing is re-printed from a tree: the source bytes are kept, and a list of edits sets each
/// box (`x` for pass and signed off; a space for fail, error, rejected and unsatisfied manual
/// items; N/A, skipped and unselected items untouched), appends a result mark to each item's box
/// line, inserts the evidence of probe items after the item's own content (before its children),
/// and drops the front matter. Item positions come from parsing the recorded source again.
package enum ChecklistMarkdown {
    /// The report Markdown of `checklist` (a recomputed record's), judging sign-offs at `date`
    /// (their signers by `trust`).
    package static func render(
        _ checklist: RunRecord.ChecklistRecord, signOffs: [SignOff], at date: Date, trust: SignerTrust = .none
    ) throws(TickmarkError) -> RenderedChecklist {
        guard let source = checklist.sourceBytes else {
            throw TickmarkError(.invalidInput, "the record holds no source for checklist '\(checklist.id)', so it cannot be re-rendered; run it again with this version of tickmark", path: checklist.path)
        }
        let parsed = ChecklistParser.parse(source, path: checklist.path)
        let recorded = Dictionary(checklist.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let lineEnding = Self.lineEnding(of: source)
        var edits: [TextEdit] = []
        var insertions: [Int: [UInt8]] = [:]
        var insertionOrder: [Int] = []
        func insert(_ bytes: [UInt8], at offset: Int) {
            if insertions[offset] == nil { insertionOrder.append(offset) }
            insertions[offset, default: []] += bytes
        }
        if let frontMatter = parsed.frontMatterRange {
            edits.append(TextEdit(range: frontMatter, replacement: []))
        }
        let signOffsByItem = Dictionary(grouping: signOffs.filter { $0.checklist == checklist.id }, by: \.item)
        for item in parsed.allItems {
            let record = recorded[item.id]
            let mine = (signOffsByItem[item.id] ?? []).sorted { $0.at < $1.at }
            if let record, let checked = boxState(record), let edit = parsed.checkboxEdit(for: item, checked: checked) {
                edits.append(edit)
            }
            let mark = ResultMark(record, signOffs: mine, at: date, trust: trust)
            insert(Array((" — " + ReportText.markdown(mark.text)).utf8), at: markOffset(item, in: parsed.source))
            if let record, !record.probes.isEmpty {
                let (offset, needsBreak) = lineStart(after: item.endLine, in: parsed.source)
                if needsBreak { insert(lineEnding, at: offset) }
                let block = EvidenceBlock(item: record, prefix: contentPrefix(item, in: parsed.source), lineEnding: lineEnding)
                insert(block.bytes, at: offset)
            }
        }
        edits += insertionOrder.map { TextEdit(range: $0..<$0, replacement: insertions[$0]!) }
        do {
            return RenderedChecklist(source: source, edits: edits, bytes: try source.applying(edits))
        } catch {
            throw TickmarkError(.invalidInput, "cannot re-render the checklist: \(error.message)", path: checklist.path)
        }
    }

    /// The box an item gets in the report: `true` ticked, `false` open, `nil` as written.
    static func boxState(_ item: RunRecord.ItemRecord) -> Bool? {
        guard item.state != .na else { return nil }
        switch item.status {
        case .pass, .signedOff: return true
        case .fail, .error, .rejected: return false
        case .manual: return item.ownSatisfied ? nil : false
        case .skipped: return nil
        }
    }

    /// The end of the item's box line, before trailing blanks and a hard-break backslash.
    static func markOffset(_ item: ChecklistItem, in source: SourceText) -> Int {
        let range = source.contentRange(ofLine: source.position(ofOffset: item.boxOffset).line)
        var end = range.upperBound
        while end > item.boxOffset + 3, source.bytes[end - 1] == 0x20 || source.bytes[end - 1] == 0x09 { end -= 1 }
        if end > item.boxOffset + 3, source.bytes[end - 1] == 0x5C { end -= 1 }
        return end
    }

    /// Where the line after `line` starts, and whether a line break must come first (the file
    /// ends on `line` without one).
    static func lineStart(after line: Int, in source: SourceText) -> (offset: Int, needsBreak: Bool) {
        if line < source.lineCount { return (source.lineStarts[line], false) }
        let last = source.bytes.last
        return (source.bytes.count, !(last == 0x0A || last == 0x0D) && !source.bytes.isEmpty)
    }

    /// The bytes before the item's box with everything but blanks and `>` turned into spaces:
    /// the indent that keeps a line inside the item (and its block quotes).
    static func contentPrefix(_ item: ChecklistItem, in source: SourceText) -> [UInt8] {
        let lineStart = source.lineStarts[source.lineIndex(containing: item.boxOffset)]
        return source.bytes[lineStart..<item.boxOffset].map { byte in
            byte == 0x20 || byte == 0x09 || byte == 0x3E ? byte : 0x20
        }
    }

    /// The file's line ending: that of its first line break, `\n` when it has none.
    static func lineEnding(of bytes: [UInt8]) -> [UInt8] {
        guard let index = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return [0x0A] }
        if bytes[index] == 0x0A { return [0x0A] }
        return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? [0x0D, 0x0A] : [0x0D]
    }
}
