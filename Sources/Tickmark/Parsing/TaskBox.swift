/// The `[ ]` box of a task item, read from the original bytes, and the rules that decide which
/// list items are task items.
///
/// cmark-gfm's tasklist extension is the first judge, but the box is always read here: its state
/// byte (cmark-gfm knows no `[~]`), and the task items this cmark-gfm misses or invents:
/// - inside block quotes it marks no task item at all (`> - [ ] x`);
/// - it marks an item as a task when a later line inside it (such as a lazy continuation of a
///   nested block quote) starts with a box, while the item's own box stays in its text; such an
///   item is judged by its own line;
/// - after a byte-order mark it misses the item on line 1 (`ParseBuffer` hides the mark).
/// A box must be the item's first bytes: `- see [x]` has none, and in `- [ ] see [x]` only the
/// first one counts.
struct TaskBox: Equatable, Sendable {
    /// The offset of `[` in the original file.
    var offset: Int
    /// The byte between `[` and `]`: space, `x`, `X` or `~`.
    var stateByte: UInt8
    /// Whether cmark-gfm left the box in the item's text (an item it did not mark), so the text
    /// starts after it.
    var isInText: Bool

    /// The state of the item: `[~]` and wholly struck-through items do not apply.
    func state(allStruck: Bool) -> ItemState {
        if stateByte == 0x7E || allStruck { return .na }
        return stateByte == 0x20 ? .unchecked : .checked
    }

    /// The offset of `[` after the list marker at `markerOffset`, if `[`, one state byte (space,
    /// `x`, `X` or `~`) and `]` follow after spaces or tabs.
    static func find(in bytes: [UInt8], markerOffset: Int) -> Int? {
        var index = markerOffset
        guard index < bytes.count else { return nil }
        let marker = bytes[index]
        if marker == 0x2D || marker == 0x2B || marker == 0x2A {
            index += 1
        } else {
            var digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]), digits < 10 { index += 1; digits += 1 }
            guard digits > 0, index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x29 else { return nil }
            index += 1
        }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index + 2 < bytes.count, bytes[index] == 0x5B, bytes[index + 2] == 0x5D else { return nil }
        let state = bytes[index + 1]
        guard state == 0x20 || state == 0x78 || state == 0x58 || state == 0x7E else { return nil }
        return index
    }

    /// The box of a list item whose box is at `offset`, or nil when the item is no task item.
    /// - Parameters:
    ///   - markedByCMark: whether cmark-gfm's tasklist extension marked the item.
    ///   - opensParagraph: whether the item's first child is a paragraph starting at the box.
    ///   - isQuoted: whether the item is inside a block quote.
    static func decide(at offset: Int, in bytes: [UInt8], markedByCMark: Bool, opensParagraph: Bool, isQuoted: Bool) -> TaskBox? {
        let stateByte = bytes[offset + 1]
        guard !markedByCMark || opensParagraph else {
            return TaskBox(offset: offset, stateByte: stateByte, isInText: false)
        }
        // Judged by its own line: `[~]` anywhere, and ordinary boxes in block quotes.
        guard opensParagraph,
              offset + 3 < bytes.count, bytes[offset + 3] == 0x20 || bytes[offset + 3] == 0x09,
              stateByte == 0x7E || (isQuoted && (stateByte == 0x20 || stateByte == 0x78 || stateByte == 0x58))
        else { return nil }
        return TaskBox(offset: offset, stateByte: stateByte, isInText: true)
    }
}
