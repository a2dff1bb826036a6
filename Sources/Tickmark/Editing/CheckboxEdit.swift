extension Checklist {
    /// The one-byte edit that ticks (`x`) or unticks (` `) an item's box, or `nil` when the box
    /// already says so. N/A items (`[~]`, or wholly struck through) are never edited.
    public func checkboxEdit(for item: ChecklistItem, checked: Bool) -> TextEdit? {
        guard item.state != .na else { return nil }
        let stateOffset = item.boxOffset + 1
        guard stateOffset < source.bytes.count else { return nil }
        let current = source.bytes[stateOffset]
        guard current != 0x7E else { return nil }
        let isChecked = current == 0x78 || current == 0x58
        guard isChecked != checked else { return nil }
        return TextEdit(range: stateOffset..<(stateOffset + 1), replacement: [checked ? 0x78 : 0x20])
    }

    /// The file's bytes with `edits` applied to the bytes it was read from.
    public func applying(_ edits: [TextEdit]) throws(TextEditError) -> [UInt8] {
        try source.bytes.applying(edits)
    }

    /// Applies `edits` to the file on disk atomically, refusing if the file changed since it was read.
    public func write(_ edits: [TextEdit]) throws(TickmarkError) {
        guard !edits.isEmpty else { return }
        let updated: [UInt8]
        do {
            updated = try applying(edits)
        } catch {
            throw TickmarkError(.cannotWrite, "cannot apply edits: \(error.message)", path: path)
        }
        try AtomicFile.replace(path: path, expected: source.bytes, with: updated)
    }
}
