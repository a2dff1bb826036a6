/// Turns the items found in a document, each with the index of its parent, into the nested
/// `ChecklistItem` values of the model.
enum ItemTree {
    /// The root items with their children. `items` are in document order, each after its parent
    /// and inside its parent's run; `ids` has one entry per item.
    static func build(_ items: [PendingItem], ids: [ItemIDs.Assigned]) -> [ChecklistItem] {
        var roots: [ChecklistItem] = []
        roots.reserveCapacity(items.reduce(0) { $0 + ($1.parent == nil ? 1 : 0) })
        // The items whose children are still being read, innermost last.
        var open: [(index: Int, item: ChecklistItem)] = []
        func closeInnermost() {
            let finished = open.removeLast().item
            if open.isEmpty {
                roots.append(finished)
            } else {
                open[open.count - 1].item.children.append(finished)
            }
        }
        for (index, pending) in items.enumerated() {
            while let innermost = open.last, innermost.index != pending.parent { closeInnermost() }
            open.append((index, item(pending, id: ids[index])))
        }
        while !open.isEmpty { closeInnermost() }
        return roots
    }

    /// The model of one item, without children.
    private static func item(_ pending: PendingItem, id: ItemIDs.Assigned) -> ChecklistItem {
        let advisory = isOptional(pending.text) || pending.probes.contains(where: \.isAdvisory)
        var owners = ItemMentions.mentions(in: pending.text)
        for rule in pending.approvals {
            if let role = rule.role, !owners.contains("@" + role) { owners.append("@" + role) }
        }
        var item = ChecklistItem(
            id: id.id, text: pending.text, position: pending.position, boxOffset: pending.box.offset,
            state: pending.box.state(allStruck: pending.allStruck), severity: advisory ? .advisory : .blocking,
            section: pending.section, owners: owners, probes: pending.probes,
            children: [], hasExplicitID: id.isExplicit, isQuoted: pending.isQuoted, endLine: pending.endLine,
            freshness: pending.freshness
        )
        item.approvals = pending.approvals
        return item
    }

    /// Whether the item's text marks it optional: `(Optional)` or `Optional:` at its start, in
    /// any case.
    static func isOptional(_ text: String) -> Bool {
        hasMarkerPrefix(text, "(optional)") || hasMarkerPrefix(text, "optional:")
    }

    /// Whether `text` starts with the lowercase ASCII `marker`, ignoring ASCII case. Only ASCII
    /// letters lowercase to the marker's letters, so bytes compare exactly.
    private static func hasMarkerPrefix(_ text: String, _ marker: String) -> Bool {
        var remaining = marker.utf8.makeIterator()
        for byte in text.utf8 {
            guard let expected = remaining.next() else { return true }
            let lowered: UInt8 = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            guard lowered == expected else { return false }
        }
        return remaining.next() == nil
    }
}
