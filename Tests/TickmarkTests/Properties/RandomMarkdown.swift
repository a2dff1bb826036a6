/// Random GitHub-flavored Markdown built to stress a checkbox editor: task lists of every marker,
/// nested by spaces and tabs, near-miss boxes, block quotes, fences (some `probe`), HTML comments,
/// indented code, headings, tables, front matter, three kinds of line ending, trailing blanks, multibyte text, a
/// byte-order mark now and then, and sometimes no final line ending. Never a NUL byte.
struct RandomMarkdown {
    private var random: SplitMix64
    private var lines: [String] = []
    /// Lines after which no new block or item starts, so documents stay small (quick to re-parse per item).
    private var budget = 0
    private var full: Bool { lines.count >= budget }

    /// The document for `seed`; the same seed always gives the same bytes.
    static func document(seed: UInt64) -> [UInt8] {
        var generator = RandomMarkdown(random: SplitMix64(seed: seed))
        return generator.build()
    }

    private init(random: SplitMix64) {
        self.random = random
    }

    static let markers = ["-", "*", "+", "1.", "2)", "10.", "3.", "999999999)"]
    static let boxes = ["[ ]", "[x]", "[X]", "[~]", "[ ]", "[ ]", "[x]"]
    static let nearMisses = ["[]", "[ ]x", "[  ]", "[\t]", "[xx]", "[ ", "[*]", "[ ]`"]
    static let gaps = [" ", " ", " ", "  ", "   ", "\t", "     "]
    static let words = [
        "deploy", "check", "the", "release", "notes", "é", "café", "🚀", "發佈", "naïve", "👩‍💻", "x",
        "`probe: run true`", "`probe: git clean`", "`code`", "**bold**", "_em_", "~~struck~~", "[link](https://example.com)",
        "https://example.com/a", "see [x] later", "[ ]", "<!-- id: custom -->", "@owner", "@org/team", "(Optional)",
        "<br>", "\\[x]", "&amp;", "a|b", "1.", "-", ">", "#", "~~~", "```", "[~]", "x]", "\\",
    ]

    private mutating func build() -> [UInt8] {
        if random.chance(8) { lines += ["---", "title: " + random.pick(["Release", "é 🚀", "\"x\""]), "vars: { v: 1 }", "---"] }
        budget = 4 + random.below(40)
        while !full { block(prefix: "", depth: 0) }
        return render()
    }

    // MARK: Blocks

    private mutating func block(prefix: String, depth: Int) {
        guard !full else { return }
        switch random.below(20) {
        case 0..<8: list(prefix: prefix, depth: depth, tasks: true)
        case 8: list(prefix: prefix, depth: depth, tasks: false)
        case 9, 10: if depth < 4 { block(prefix: prefix + random.pick(["> ", ">", "> > ", ">  "]), depth: depth + 1) }
        case 11: fence(prefix: prefix)
        case 12: comment(prefix: prefix)
        case 13: lines.append(prefix + random.pick(["    ", "\t", "     "]) + itemLine(marker: "-", box: "[ ]"))
        case 14: heading(prefix: prefix)
        case 15: table(prefix: prefix)
        case 16: lines.append(prefix + random.pick(["---", "***", "___", "- - -"]))
        case 17: lines.append(prefix + random.pick(["", " ", "\t"]))
        default: paragraph(prefix: prefix)
        }
        if random.chance(40) { lines.append(random.pick(["", "", " ", prefix])) }
    }

    private mutating func list(prefix: String, depth: Int, tasks: Bool) {
        var marker = random.pick(RandomMarkdown.markers)
        let count = 1 + random.below(6)
        for _ in 0..<count where !full {
            if random.chance(15) { marker = random.pick(RandomMarkdown.markers) }
            let gap = random.pick(RandomMarkdown.gaps)
            let box: String
            if !tasks {
                box = ""
            } else if random.chance(12) {
                box = random.pick(RandomMarkdown.nearMisses)
            } else {
                box = random.pick(RandomMarkdown.boxes)
            }
            let indent = random.chance(10) ? random.pick([" ", "  ", "   "]) : ""
            lines.append(prefix + indent + marker + gap + box + afterBox())
            let childPrefix = prefix + childIndent(indent: indent, marker: marker, gap: gap)
            itemContent(prefix: childPrefix, depth: depth)
        }
    }

    private mutating func afterBox() -> String {
        switch random.below(12) {
        case 0: return ""
        case 1: return " "
        case 2: return "\t" + text()
        case 3: return " ~~" + random.pick(["all struck", "發佈 é", "`code` too"]) + "~~"    // N/A
        default: return " " + text()
        }
    }

    /// The indentation that nests under an item: usually its content column, sometimes a tab or a near miss.
    private mutating func childIndent(indent: String, marker: String, gap: String) -> String {
        let width = indent.count + marker.count + (gap == "\t" ? 1 : gap.count)
        switch random.below(10) {
        case 0..<5: return String(repeating: " ", count: width)
        case 5, 6: return indent + "\t"
        case 7: return String(repeating: " ", count: max(0, width - 1))
        case 8: return String(repeating: " ", count: width + 2)
        default: return indent + String(repeating: " ", count: marker.count) + "\t"
        }
    }

    private mutating func itemContent(prefix: String, depth: Int) {
        for _ in 0..<random.below(3) where !full {
            switch random.below(10) {
            case 0, 1: lines.append(prefix + text())                    // continuation line
            case 2: lines.append(text())                                 // lazy continuation
            case 3, 4, 5: if depth < 6 { list(prefix: prefix, depth: depth + 1, tasks: true) }
            case 6: fence(prefix: prefix, probe: true)
            case 7: lines.append(prefix)
            case 8: if depth < 6 { block(prefix: prefix + "> ", depth: depth + 1) }
            default: lines.append(prefix + "[ ] " + text())              // a box that starts no item
            }
        }
    }

    private mutating func fence(prefix: String, probe: Bool = false) {
        let fence = random.pick(["```", "~~~", "````"])
        let info = probe ? random.pick(["probe", "probe", "probe extra", " probe"]) : random.pick(["", "probe", "swift", "probe x"])
        lines.append(prefix + fence + info)
        for _ in 0..<random.below(4) {
            lines.append(prefix + random.pick(["- [ ] in a fence", "http: GET https://x/health", "expect:", "  status: 200", "* [x] " + text(), ""]))
        }
        if random.chance(90) { lines.append(prefix + fence) }
    }

    private mutating func comment(prefix: String) {
        lines.append(prefix + "<!--" + random.pick(["", " note", " - [ ] commented"]))
        for _ in 0..<random.below(3) { lines.append(prefix + itemLine(marker: random.pick(RandomMarkdown.markers), box: "[x]")) }
        lines.append(prefix + "-->")
    }

    private mutating func heading(prefix: String) {
        if random.chance(70) {
            lines.append(prefix + String(repeating: "#", count: 1 + random.below(6)) + " " + text())
        } else {
            lines.append(prefix + text())
            lines.append(prefix + random.pick(["===", "---", "- - -"]))
        }
    }

    private mutating func table(prefix: String) {
        lines.append(prefix + "| a | " + text() + " |")
        lines.append(prefix + random.pick(["| --- | --- |", "|:-|-:|"]))
        for _ in 0..<random.below(3) { lines.append(prefix + "| - [ ] " + text() + " | [x] |") }
    }

    private mutating func paragraph(prefix: String) {
        for _ in 0..<(1 + random.below(3)) { lines.append(prefix + text()) }
    }

    private mutating func itemLine(marker: String, box: String) -> String {
        marker + " " + box + " " + text()
    }

    private mutating func text() -> String {
        (0..<(1 + random.below(5))).map { _ in random.pick(RandomMarkdown.words) }.joined(separator: " ")
    }

    // MARK: Bytes

    private mutating func render() -> [UInt8] {
        let endings: [String]
        switch random.below(20) {
        case 0..<10: endings = ["\n"]
        case 10..<15: endings = ["\r\n"]
        case 15, 16: endings = ["\r"]
        default: endings = ["\n", "\r\n", "\r"]
        }
        var bytes: [UInt8] = random.chance(8) ? [0xEF, 0xBB, 0xBF] : []
        for line in lines {
            bytes += Array(line.utf8)
            if random.chance(10) { bytes += Array(random.pick([" ", "  ", "\t", " \t "]).utf8) }
            bytes += Array(random.pick(endings).utf8)
        }
        if random.chance(25) {
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        }
        return bytes
    }
}
