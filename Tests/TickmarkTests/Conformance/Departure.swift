/// A task item that Tickmark reads differently from cmark-gfm 0.29.0.gfm.6, and why.
///
/// Tickmark parses with libcmark-gfm but reads some task items the way GitHub shows them rather
/// than the way the library marks them. Each such place in a file is one departure; a difference
/// that none of the known reasons explains is `unexplained`, which no fixture may have.
struct Departure: Hashable, Comparable, CustomStringConvertible, Sendable {
    enum Kind: String, Sendable {
        /// A task item inside a block quote: GitHub shows its box, cmark-gfm makes it a plain item.
        case quotedTask = "task in a block quote"
        /// The task on line 1 of a file that starts with a byte order mark: cmark-gfm misses it.
        case firstLineAfterByteOrderMark = "task on line 1 after a byte order mark"
        /// GitLab's `[~]` (not applicable), which is no box to cmark-gfm.
        case notApplicableBox = "[~] box"
        /// `- [ ] see [x]`: cmark-gfm takes the state from a later `[x]` on the line, Tickmark from
        /// the item's own box.
        case laterBoxOnTheLine = "later [x] on the line"
        /// An item with no box of its own that cmark-gfm marks as a task, taking a later line's box.
        case boxFromALaterLine = "box from a later line"
        /// None of the above: one side changed, or one side is wrong.
        case unexplained
    }

    var kind: Kind
    var line: Int
    var column: Int

    init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    static func < (left: Departure, right: Departure) -> Bool {
        (left.line, left.column, left.kind.rawValue) < (right.line, right.column, right.kind.rawValue)
    }

    var description: String { "\(line):\(column) \(kind.rawValue)" }
}

extension Departure {
    /// Every difference between cmark-gfm's task items (`oracle`) and Tickmark's in a file of
    /// `bytes`, each with the reason that explains it, sorted. Empty when both agree exactly.
    static func between(oracle: [CmarkOracle.Task], tickmark: TickmarkTasks, bytes: [UInt8]) -> [Departure] {
        let lines = LineStarts(bytes)
        var cmark: [Position: CmarkOracle.Task] = [:]
        for task in oracle { cmark[Position(task)] = task }
        var departures: [Departure] = []
        var seen: Set<Position> = []
        for item in tickmark.items {
            let task = item.task
            let kind: Kind
            if !seen.insert(Position(task)).inserted {
                kind = .unexplained  // the same item twice
            } else if let other = cmark[Position(task)] {
                guard other.checked != task.checked else { continue }
                let laterBox = other.checked && item.box == UInt8(ascii: " ") && lines.hasLaterCheckedBox(on: task.line, after: task.column, in: bytes)
                kind = laterBox ? .laterBoxOnTheLine : .unexplained
            } else if item.isQuoted {
                kind = .quotedTask
            } else if item.box == UInt8(ascii: "~") {
                kind = .notApplicableBox
            } else if task.line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                kind = .firstLineAfterByteOrderMark
            } else {
                kind = .unexplained
            }
            departures.append(Departure(kind, line: task.line, column: task.column))
        }
        for task in oracle where !seen.contains(Position(task)) {
            let kind: Kind = lines.hasBoxOfItsOwn(task, in: bytes) ? .unexplained : .boxFromALaterLine
            departures.append(Departure(kind, line: task.line, column: task.column))
        }
        return departures.sorted()
    }

    private struct Position: Hashable {
        var line: Int
        var column: Int

        init(_ task: CmarkOracle.Task) {
            line = task.line
            column = task.column
        }
    }
}

/// Where each line starts, with cmark-gfm's rule: a line ends at `\n`, `\r\n` or a lone `\r`.
private struct LineStarts {
    private var starts = [0]
    private let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            if bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") { starts.append(index + 1) }
            index += 1
        }
    }

    /// The bytes of line `line` (1-based) from column `column` (1-based, in bytes) to its end.
    func rest(of line: Int, from column: Int, in bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard line >= 1, line <= starts.count else { return [] }
        let start = min(starts[line - 1] + column - 1, count)
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? count
        return bytes[start..<end]
    }

    /// Whether the list item whose marker starts at `task`'s position has a box on its own line:
    /// the marker (`-`, `+`, `*`, or 1 to 9 digits and `.` or `)`), spaces or tabs, `[ ]`, `[x]`
    /// or `[X]`, then a space or a tab (GFM's rule: `- [x]` alone on its line is no task).
    func hasBoxOfItsOwn(_ task: CmarkOracle.Task, in bytes: [UInt8]) -> Bool {
        var rest = rest(of: task.line, from: task.column, in: bytes)
        let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
        if digits > 0 {
            guard digits <= 9, [UInt8(ascii: "."), UInt8(ascii: ")")].contains(rest.dropFirst(digits).first) else { return false }
            rest = rest.dropFirst(digits + 1)
        } else {
            guard let marker = rest.first, [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*")].contains(marker) else { return false }
            rest = rest.dropFirst()
        }
        rest = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let box = Array(rest.prefix(4))
        return box.count == 4 && box[0] == UInt8(ascii: "[") && box[2] == UInt8(ascii: "]")
            && [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(box[1])
            && (box[3] == UInt8(ascii: " ") || box[3] == UInt8(ascii: "\t"))
    }

    /// Whether `[x]` or `[X]` appears on line `line` after the item's own box, which follows the
    /// marker at `column`.
    func hasLaterCheckedBox(on line: Int, after column: Int, in bytes: [UInt8]) -> Bool {
        let rest = Array(rest(of: line, from: column, in: bytes))
        guard let ownBox = rest.firstIndex(of: UInt8(ascii: "[")) else { return false }
        return rest.indices.dropFirst(ownBox + 3).contains { index in
            index + 2 < rest.count && rest[index] == UInt8(ascii: "[") && rest[index + 2] == UInt8(ascii: "]")
                && (rest[index + 1] == UInt8(ascii: "x") || rest[index + 1] == UInt8(ascii: "X"))
        }
    }
}
