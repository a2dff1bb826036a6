@testable import Tickmark

/// Tickmark's items of one file in cmark-gfm's terms (where the list marker starts, and whether
/// the box is ticked), with what explains an item cmark-gfm would not report the same way.
struct TickmarkTasks {
    /// One item, as the oracle would describe it.
    struct Item {
        var task: CmarkOracle.Task
        /// Inside a block quote.
        var isQuoted: Bool
        /// The byte between `[` and `]`.
        var box: UInt8
    }

    var items: [Item]

    init(items: [Item]) {
        self.items = items
    }

    /// Every item of `checklist`, nested ones included, in document order.
    init(_ checklist: Checklist) {
        items = checklist.allItems.map { item in
            let box = checklist.source.bytes[item.boxOffset + 1]
            // Struck-through items are N/A in the model but keep their box, which is what cmark-gfm reads.
            let checked = item.state == .na ? box == UInt8(ascii: "x") || box == UInt8(ascii: "X") : item.state == .checked
            return Item(
                task: CmarkOracle.Task(line: item.position.line, column: item.position.column, checked: checked),
                isQuoted: item.isQuoted, box: box
            )
        }
    }

    var tasks: [CmarkOracle.Task] { items.map(\.task) }
}
