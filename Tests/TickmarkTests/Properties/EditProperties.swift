@testable import Tickmark

/// The properties every document must have, whatever its bytes: each item's box is where the model
/// says, and ticking or unticking one item changes exactly its state byte and nothing else in the
/// model, and can be undone.
enum EditProperties {
    /// What was seen while checking, so a test can tell the generator reaches the interesting cases.
    struct Tally {
        var documents = 0
        var items = 0
        var flips = 0
        var quoted = 0
        var notApplicable = 0
        var struck = 0
        var upperX = 0
    }

    /// Reads a document; the real parser unless a test of this checker swaps in a broken one.
    typealias Parse = ([UInt8]) -> Checklist

    static func parse(_ bytes: [UInt8]) -> Checklist {
        ChecklistParser.parse(bytes, path: "random.md")
    }

    /// The broken properties of `bytes`, as readable sentences (empty when all hold).
    static func problems(in bytes: [UInt8], tally: inout Tally, parse: Parse = parse) -> [String] {
        var problems: [String] = []
        let checklist = parse(bytes)
        let items = checklist.allItems
        tally.documents += 1
        tally.items += items.count
        for (index, item) in items.enumerated() where problems.count < 3 {
            let name = "item \(index) at \(item.position.line):\(item.position.column)"
            let box = item.boxOffset
            guard box >= 0, box + 2 < bytes.count, bytes[box] == 0x5B, bytes[box + 2] == 0x5D,
                  [0x20, 0x78, 0x58, 0x7E].contains(bytes[box + 1]) else {
                problems.append("\(name): box offset \(box) does not point at `[`, a state byte and `]`")
                continue
            }
            let marker = item.position.offset
            guard marker < box, [0x2D, 0x2A, 0x2B].contains(bytes[marker]) || (0x30...0x39).contains(bytes[marker]) else {
                problems.append("\(name): position (offset \(marker)) is not a list marker before the box at \(box)")
                continue
            }
            let stateByte = bytes[box + 1]
            if item.isQuoted { tally.quoted += 1 }
            if stateByte == 0x58 { tally.upperX += 1 }
            if stateByte == 0x7E {
                tally.notApplicable += 1
                if item.state != .na { problems.append("\(name): `[~]` read as \(item.state)") }
            } else if item.state == .na {
                tally.struck += 1
            } else if item.state != (stateByte == 0x20 ? .unchecked : .checked) {
                problems.append("\(name): box byte \(stateByte) read as \(item.state)")
            }
            guard item.state != .na else {
                if checklist.checkboxEdit(for: item, checked: true) != nil || checklist.checkboxEdit(for: item, checked: false) != nil {
                    problems.append("\(name): an N/A item got an edit")
                }
                continue
            }
            if let problem = flipAndBack(checklist, index: index, parse: parse) {
                problems.append("\(name): \(problem)")
            }
            tally.flips += 1
        }
        return problems
    }

    /// Flips item `index` (ticks an unchecked one, unticks a checked one), re-parses, and flips it back.
    private static func flipAndBack(_ checklist: Checklist, index: Int, parse: Parse) -> String? {
        let bytes = checklist.source.bytes
        let items = checklist.allItems
        let item = items[index]
        let wasChecked = item.state == .checked
        let stateOffset = item.boxOffset + 1
        if checklist.checkboxEdit(for: item, checked: wasChecked) != nil {
            return "an edit was offered to set the box to what it already is"
        }
        guard let edit = checklist.checkboxEdit(for: item, checked: !wasChecked) else { return "no edit was offered" }
        guard let flipped = try? bytes.applying([edit]) else { return "the edit \(edit) cannot be applied" }
        let changed = flipped.count == bytes.count ? bytes.indices.filter { bytes[$0] != flipped[$0] } : nil
        guard changed == [stateOffset] else {
            return "the edit changed bytes \(changed.map { "\($0)" } ?? "(length \(bytes.count) → \(flipped.count))"), not only \(stateOffset)"
        }

        let reparsed = parse(flipped)
        let after = reparsed.allItems
        guard after.count == items.count else { return "re-parsing the flipped document gives \(after.count) items, not \(items.count)" }
        for (other, (before, now)) in zip(items, after).enumerated() {
            guard before.boxOffset == now.boxOffset, before.position == now.position,
                  before.id == now.id, before.text == now.text, before.isQuoted == now.isQuoted else {
                return "flipping it moved or changed item \(other) (at \(before.position.line):\(before.position.column))"
            }
            let expected = other == index ? (wasChecked ? ItemState.unchecked : .checked) : before.state
            guard now.state == expected else {
                return "after flipping it, item \(other) is \(now.state), not \(expected)"
            }
        }

        guard let undo = reparsed.checkboxEdit(for: after[index], checked: wasChecked),
              let restored = try? flipped.applying([undo]) else { return "the flip cannot be undone" }
        // Unticking `[X]` and ticking it again writes the usual lowercase `x`.
        var original = bytes
        if original[stateOffset] == 0x58 { original[stateOffset] = 0x78 }
        guard restored == original else { return "flipping twice does not give back the original bytes" }
        return nil
    }
}
