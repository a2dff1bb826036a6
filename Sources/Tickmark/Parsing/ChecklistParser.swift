/// Reads checklist files into `Checklist` models.
///
/// The Markdown structure comes from cmark-gfm's tree and its source positions; the only bytes
/// read directly are the list marker and box of each item (to find `[`, to read its state, and to
/// recognise the task items this cmark-gfm misses: inside block quotes, and GitLab's `[~]`).
public enum ChecklistParser {
    /// Items nested deeper than this are attached to their ancestor at this depth.
    public static let maximumDepth = 100

    /// Parses a checklist from its bytes. Never fails: problems become diagnostics.
    public static func parse(_ bytes: [UInt8], path: String) -> Checklist {
        var builder = ChecklistBuilder(source: SourceText(bytes: bytes), path: path)
        return builder.build()
    }
}

/// One item found during the walk, before ids are assigned and children are nested.
private struct PendingItem {
    var node: Int
    var parent: Int?
    var depth: Int
    var position: SourcePosition
    var boxOffset: Int
    var stateByte: UInt8
    var stripsBoxFromText: Bool
    var isQuoted: Bool
    var section: [String]
    var sectionSlug: String?
    var text = ""
    var allStruck = false
    var explicitID: (String, SourcePosition)?
    var probes: [ProbeSpec] = []
    var endLine: Int
    var children: [Int] = []
}

private struct ChecklistBuilder {
    let source: SourceText
    let path: String
    var diagnostics: [Diagnostic] = []
    private var parseLineStarts: [Int] = []
    private var buffer: ParseBuffer?
    private var identity = true

    init(source: SourceText, path: String) {
        self.source = source
        self.path = path
    }

    mutating func build() -> Checklist {
        let frontMatter = FrontMatter.read(source, path: path, diagnostics: &diagnostics)
        let buffer = ParseBuffer(source: source, blanked: frontMatter?.range)
        identity = buffer.bytes.count == source.bytes.count && frontMatter == nil && !source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) && buffer.replacedOffsets.isEmpty
        parseLineStarts = identity ? source.lineStarts : SourceText.lineStarts(of: buffer.bytes)
        if let first = buffer.replacedOffsets.first {
            let count = buffer.replacedOffsets.count
            diagnostics.append(Diagnostic(
                .notUTF8, .warning,
                "file is not valid UTF-8 (\(count) invalid byte sequence\(count == 1 ? "" : "s")); they are read as U+FFFD and written back unchanged",
                path: path, at: source.position(ofOffset: first),
                notes: ["re-save the file as UTF-8 to silence this warning"]
            ))
        }
        self.buffer = buffer
        let tree = MarkdownTree.parse(buffer.bytes)
        let items = collectItems(tree)
        let fileID = frontMatter?.id ?? ChecklistBuilder.defaultID(path: path)
        var title = frontMatter?.title
        if title == nil, let heading = tree.nodes.firstIndex(where: { if case .heading = $0.kind { true } else { false } }) {
            title = plainText(tree, tree.nodes[heading].inlines).text
        }
        let built = nest(items)
        checkVariables(items.map(\.probes), defined: Set((frontMatter?.variables ?? []).map(\.name)))
        return Checklist(
            path: path, id: fileID, title: title, sha256: Digest.sha256Hex(source.bytes),
            variables: frontMatter?.variables ?? [], requires: frontMatter?.requires ?? [],
            defaults: frontMatter?.defaults ?? ProbeDefaults(), items: built,
            diagnostics: diagnostics, source: source, frontMatterRange: frontMatter?.range
        )
    }

    static func defaultID(path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }

    // MARK: Positions

    /// The original position of a cmark line and column, or nil when cmark gave none.
    private func position(_ location: LineColumn) -> SourcePosition? {
        guard location.line >= 1, location.line <= parseLineStarts.count, location.column >= 1 else { return nil }
        let parseOffset = parseLineStarts[location.line - 1] + location.column - 1
        if identity {
            return SourcePosition(line: location.line, column: location.column, offset: min(parseOffset, source.bytes.count))
        }
        return source.position(ofOffset: buffer!.originalOffset(parseOffset))
    }

    // MARK: The walk

    private mutating func collectItems(_ tree: MarkdownTree) -> [PendingItem] {
        let nodes = tree.nodes
        var items: [PendingItem] = []
        var itemOfNode = [Int](repeating: -1, count: nodes.count)      // node -> its own item
        var enclosingItem = [Int](repeating: -1, count: nodes.count)   // node -> nearest item around it
        var quoted = [Bool](repeating: false, count: nodes.count)
        var headings: [(level: Int, text: String)] = []
        var headingSlug: String?
        var sectionTitles: [String] = []
        var warnedDepth = false

        for index in nodes.indices {
            let node = nodes[index]
            let parent = node.parent
            if parent >= 0 {
                quoted[index] = quoted[parent] || nodes[parent].kind == .blockQuote
                enclosingItem[index] = itemOfNode[parent] >= 0 ? itemOfNode[parent] : enclosingItem[parent]
            }
            switch node.kind {
            case .heading(let level):
                let text = plainText(tree, node.inlines).text
                while let last = headings.last, last.level >= level { headings.removeLast() }
                headings.append((level, text))
                sectionTitles = headings.map(\.text)
                headingSlug = Slug.make(text)
            case .item(let isTask):
                guard let start = position(node.start),
                      let box = ChecklistBuilder.findBox(source.bytes, markerOffset: start.offset) else { continue }
                let stateByte = source.bytes[box + 1]
                let next = index + 1
                let boxOpensParagraph = next < nodes.count && nodes[next].parent == index && nodes[next].kind == .paragraph
                    && position(nodes[next].start)?.offset == box
                var strips = false
                // cmark-gfm also marks an item as a task when a later line inside it (such as a lazy
                // continuation of a nested block quote) starts with a box; the item's own box then stays
                // in its text. Such an item is judged by its own line, like the items cmark-gfm misses.
                if !isTask || boxOpensParagraph {
                    // Task items cmark-gfm does not mark: in block quotes, and `[~]`.
                    guard boxOpensParagraph,
                          box + 3 < source.bytes.count, source.bytes[box + 3] == 0x20 || source.bytes[box + 3] == 0x09,
                          stateByte == 0x7E || (quoted[index] && [0x20, 0x78, 0x58].contains(stateByte))
                    else { continue }
                    strips = true
                }
                var parentItem: Int? = enclosingItem[index] >= 0 ? enclosingItem[index] : nil
                var depth = parentItem.map { items[$0].depth + 1 } ?? 0
                if depth >= ChecklistParser.maximumDepth, var ancestor = parentItem {
                    while items[ancestor].depth >= ChecklistParser.maximumDepth - 1, let up = items[ancestor].parent { ancestor = up }
                    parentItem = ancestor
                    depth = items[ancestor].depth + 1
                    if !warnedDepth {
                        warnedDepth = true
                        diagnostics.append(Diagnostic(
                            .deepNesting, .warning,
                            "task items are nested more than \(ChecklistParser.maximumDepth) levels deep; deeper items are treated as children of level \(ChecklistParser.maximumDepth)",
                            path: path, at: start
                        ))
                    }
                }
                var endLine = node.end.line
                if node.end.column == 0, endLine > node.start.line { endLine -= 1 }
                let item = PendingItem(
                    node: index, parent: parentItem, depth: depth, position: start, boxOffset: box,
                    stateByte: stateByte, stripsBoxFromText: strips, isQuoted: quoted[index],
                    section: sectionTitles, sectionSlug: headingSlug, endLine: endLine
                )
                items.append(item)
                itemOfNode[index] = items.count - 1
                if let parentItem {
                    items[parentItem].children.append(items.count - 1)
                    if items[parentItem].children.count == 1 {
                        items[parentItem].endLine = max(items[parentItem].position.line, start.line - 1)
                    }
                }
            case .paragraph:
                if parent >= 0, itemOfNode[parent] >= 0, index == parent + 1 {
                    fillItem(&items[itemOfNode[parent]], from: tree, inlines: node.inlines)
                } else {
                    reportStrayInlineProbes(tree, node.inlines)
                }
            case .codeBlock(let info, let literal, _):
                guard info.split(separator: " ").first == "probe" else { continue }
                guard let fence = position(node.start) else { continue }
                if parent >= 0, itemOfNode[parent] >= 0 {
                    let offsets = bodyLineOffsets(literal: literal, fenceLine: fence.line)
                    if let probe = ProbeSyntax.block(literal: literal, fence: fence, bodyLineOffsets: offsets, source: source, path: path, diagnostics: &diagnostics) {
                        items[itemOfNode[parent]].probes.append(probe)
                    }
                } else {
                    diagnostics.append(Diagnostic(
                        .probeOutsideItem, .error, "probe block is not inside a task item, so it would never run",
                        path: path, at: fence, length: 3,
                        notes: ["indent the block under a task item such as `- [ ] Health check passes`"]
                    ))
                }
            default:
                break
            }
        }
        return items
    }

    /// The offset of `[` after the list marker at `markerOffset`, if `[`, one state byte and `]` follow.
    static func findBox(_ bytes: [UInt8], markerOffset: Int) -> Int? {
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
        guard index + 2 < bytes.count, bytes[index] == 0x5B, bytes[index + 2] == 0x5D,
              [0x20, 0x78, 0x58, 0x7E].contains(bytes[index + 1]) else { return nil }
        return index
    }

    /// For each line of a code block's literal, the original offset of its first byte.
    private func bodyLineOffsets(literal: String, fenceLine: Int) -> [Int] {
        var offsets: [Int] = []
        var line = fenceLine + 1
        for literalLine in literal.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line <= source.lineCount else { break }
            let range = source.contentRange(ofLine: line)
            let length = literalLine.utf8.count - (literalLine.utf8.last == 0x0D ? 1 : 0)
            offsets.append(max(range.lowerBound, range.upperBound - length))
            line += 1
        }
        return offsets
    }

    // MARK: Item content

    private mutating func fillItem(_ item: inout PendingItem, from tree: MarkdownTree, inlines: Range<Int>) {
        let content = plainText(tree, inlines, probes: true)
        var text = content.text
        if item.stripsBoxFromText, text.hasPrefix("[") {
            text = String(text.dropFirst(3)).trimmingASCIIWhitespace()
        }
        item.text = text
        item.allStruck = content.allStruck
        for (literal, location) in content.probeSpans {
            guard let start = locateCodeSpan(literal: literal, location: location, item: item) else { continue }
            if let probe = ProbeSyntax.inline(literal: literal, start: start, source: source, path: path, diagnostics: &diagnostics) {
                item.probes.append(probe)
            }
        }
        for (comment, location) in content.comments {
            if let id = ChecklistBuilder.explicitID(inComment: comment) {
                item.explicitID = (id, position(location) ?? item.position)
            }
        }
    }

    /// The original position of a code span's first text byte. cmark-gfm's inline positions are
    /// unreliable after autolinks, so the span's bytes are checked and, if needed, searched for.
    private func locateCodeSpan(literal: String, location: LineColumn, item: PendingItem) -> SourcePosition? {
        let needle = Array(literal.utf8.prefix(16))
        if let guess = position(location), source.bytes[guess.offset...].starts(with: needle) {
            return guess
        }
        let lineRange = source.contentRange(ofLine: location.line >= 1 ? location.line : item.position.line)
        let haystack = source.bytes[lineRange]
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return source.position(ofOffset: index) }
            index += 1
        }
        return position(location) ?? item.position
    }

    /// `NAME` from an HTML comment `<!-- id: NAME -->`.
    static func explicitID(inComment comment: String) -> String? {
        var body = comment.trimmingASCIIWhitespace()
        guard body.hasPrefix("<!--"), body.hasSuffix("-->") else { return nil }
        body = String(body.dropFirst(4).dropLast(3)).trimmingASCIIWhitespace()
        guard body.hasPrefix("id:") else { return nil }
        let id = String(body.dropFirst(3)).trimmingASCIIWhitespace()
        return id.isEmpty ? nil : id
    }

    private mutating func reportStrayInlineProbes(_ tree: MarkdownTree, _ range: Range<Int>) {
        for inline in tree.inlines[range] {
            guard case .code(let literal) = inline.kind, ProbeSyntax.isInlineProbe(literal) else { continue }
            diagnostics.append(Diagnostic(
                .probeOutsideItem, .error, "probe is not in a task item's text, so it would never run",
                path: path, at: position(inline.start), length: literal.utf8.count,
                notes: ["put it on a task item's first line, such as `- [ ] Tree is clean `probe: git clean``"]
            ))
        }
    }

    /// The visible text of some inline pieces, whitespace collapsed, with probe spans and comments set aside.
    private func plainText(_ tree: MarkdownTree, _ range: Range<Int>, probes: Bool = false)
        -> (text: String, allStruck: Bool, probeSpans: [(String, LineColumn)], comments: [(String, LineColumn)]) {
        var text = ""
        var sawVisible = false
        var allStruck = true
        var probeSpans: [(String, LineColumn)] = []
        var comments: [(String, LineColumn)] = []
        for inline in tree.inlines[range] {
            switch inline.kind {
            case .text(let piece):
                text += piece
                if piece.contains(where: { !$0.isWhitespace }) {
                    sawVisible = true
                    if !inline.struck { allStruck = false }
                }
            case .code(let literal):
                if probes, ProbeSyntax.isInlineProbe(literal) {
                    probeSpans.append((literal, inline.start))
                } else {
                    text += literal
                    sawVisible = true
                    if !inline.struck { allStruck = false }
                }
            case .html(let html):
                comments.append((html, inline.start))
            case .lineBreak:
                text += " "
            }
        }
        return (ChecklistBuilder.collapse(text), sawVisible && allStruck, probeSpans, comments)
    }

    /// `text` with every run of whitespace (Unicode White_Space scalars) made one space, none at
    /// either end. Works on UTF-8 bytes: item texts are collapsed for every item of every file.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let width = whitespaceWidth(bytes, at: index)
                if width > 0 {
                    pendingSpace = !result.isEmpty
                    index += width
                    continue
                }
                if pendingSpace {
                    result.append(0x20)
                    pendingSpace = false
                }
                result.append(bytes[index])
                index += 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The length of the UTF-8 White_Space scalar at `index`, or 0: U+0009–000D, U+0020, U+0085,
    /// U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0 }
        let count = bytes.count
        switch byte {
        case 0xC2:
            return index + 1 < count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
        case 0xE1:
            return index + 2 < count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard index + 2 < count else { return 0 }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            return index + 2 < count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    // MARK: Ids and nesting

    private mutating func nest(_ pending: [PendingItem]) -> [ChecklistItem] {
        var explicit: [String: SourcePosition] = [:]
        var ids = [String](repeating: "", count: pending.count)
        for index in pending.indices {
            let probeID = pending[index].probes.lazy.compactMap { probe in probe.option("id").flatMap { option in
                option.value.scalarText.map { ($0, option.position) } } }.first
            guard let (id, at) = pending[index].explicitID ?? probeID else { continue }
            guard ChecklistBuilder.isValidExplicitID(id) else {
                diagnostics.append(Diagnostic(.invalidID, .error, "item id '\(id)' may only use letters, digits, '-', '_', '.' and '/'", path: path, at: at))
                continue
            }
            if let first = explicit[id] {
                diagnostics.append(Diagnostic(
                    .duplicateID, .error, "item id '\(id)' is already used by the item on line \(first.line)",
                    path: path, at: at, notes: ["item ids must be unique within a file"]
                ))
                continue
            }
            explicit[id] = at
            ids[index] = id
        }
        var used = Set(explicit.keys)
        // The next suffix to try for each base. Suffixes below it were taken when last tried, and
        // `used` only grows, so starting there gives the same ids as counting from 2, without
        // quadratic time when thousands of items share a text.
        var nextSuffix: [String: Int] = [:]
        for index in pending.indices where ids[index].isEmpty {
            let slug = Slug.make(ChecklistBuilder.slugSource(pending[index].text)) ?? "item"
            let base = pending[index].sectionSlug.map { "\($0)/\(slug)" } ?? slug
            var id = base
            if used.contains(id) {
                var suffix = nextSuffix[base, default: 2]
                repeat {
                    id = "\(base)-\(suffix)"
                    suffix += 1
                } while used.contains(id)
                nextSuffix[base] = suffix
            }
            used.insert(id)
            ids[index] = id
        }

        var built = [ChecklistItem?](repeating: nil, count: pending.count)
        for index in pending.indices.reversed() {
            // Fields are read in place: copying a whole PendingItem per item showed in profiles.
            let text = pending[index].text
            let probes = pending[index].probes
            let stateByte = pending[index].stateByte
            let state: ItemState = stateByte == 0x7E || pending[index].allStruck ? .na : stateByte == 0x20 ? .unchecked : .checked
            let optional = ChecklistBuilder.isOptional(text)
            let digestInput = probes.isEmpty ? text : ([text] + probes.map(\.source)).joined(separator: "\n")
            built[index] = ChecklistItem(
                id: ids[index], text: text, position: pending[index].position, boxOffset: pending[index].boxOffset,
                state: state, severity: optional || probes.contains(where: \.isAdvisory) ? .advisory : .blocking,
                section: pending[index].section, owners: ChecklistBuilder.mentions(in: text), probes: probes,
                children: pending[index].children.map { built[$0].take()! }, hasExplicitID: explicit[ids[index]] != nil,
                isQuoted: pending[index].isQuoted, contentDigest: Digest.sha256Hex(digestInput), endLine: pending[index].endLine
            )
        }
        return pending.indices.filter { pending[$0].parent == nil }.map { built[$0].take()! }
    }

    static func isValidExplicitID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x2F
        }
    }

    /// Whether the item's text marks it optional: `(Optional)` or `Optional:` at its start.
    static func isOptional(_ text: String) -> Bool {
        let lower = text.prefix(10).lowercased()
        return lower.hasPrefix("(optional)") || lower.hasPrefix("optional:")
    }

    /// The text the item slug is made from: without the optional marker and `@mentions`.
    static func slugSource(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var isFirstWord = true
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                if end > start {
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    let skipped = (isFirstWord && isOptionalMarker(word)) || word[0] == 0x40
                    isFirstWord = false
                    if !skipped {
                        if !result.isEmpty { result.append(0x20) }
                        result.append(contentsOf: word)
                    }
                }
                start = end + 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Whether a word is `(optional)` or `optional:` in any case (no other letter lowercases to these).
    private static func isOptionalMarker(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        for marker in ["(optional)", "optional:"] where word.count == marker.utf8.count {
            if zip(word, marker.utf8).allSatisfy({ pair in pair.0 | (pair.0 >= 0x41 && pair.0 <= 0x5A ? 0x20 : 0) == pair.1 }) {
                return true
            }
        }
        return false
    }

    /// `@handle` and `@org/team` mentions, in order, without duplicates.
    static func mentions(in text: String) -> [String] {
        guard text.utf8.contains(0x40) else { return [] }
        var found: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x40 else { continue }
            if index > 0 {
                let before = bytes[index - 1]
                if isHandleByte(before) || before == 0x60 { continue }  // an e-mail address, or code
            }
            var end = index + 1
            while end < bytes.count, isHandleByte(bytes[end]) || bytes[end] == 0x2F { end += 1 }
            while end > index + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2F || bytes[end - 1] == 0x2D { end -= 1 }
            guard end > index + 1 else { continue }
            let mention = String(decoding: bytes[index..<end], as: UTF8.self)
            if !found.contains(mention) { found.append(mention) }
            index = end - 1
        }
        return found
    }

    private static func isHandleByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }

    // MARK: Variables

    /// Checks variable references in the probes of each item, given in document order.
    private mutating func checkVariables(_ itemProbes: [[ProbeSpec]], defined: Set<String>) {
        for probes in itemProbes {
            for probe in probes {
                var texts: [(String, SourcePosition)] = probe.arguments.map { ($0.value, $0.position) }
                for option in probe.options { collectStrings(option.value, at: option.position, into: &texts) }
                for (text, at) in texts {
                    switch VariableScanner.references(in: text) {
                    case .failure(let problem):
                        diagnostics.append(Diagnostic(.malformedVariable, .error, problem.message, path: path, at: at))
                    case .success(let references):
                        for reference in references where !defined.contains(reference.name)
                            && !VariableScanner.builtins.contains(reference.name)
                            && !reference.name.hasPrefix("env.") {
                            diagnostics.append(Diagnostic(
                                .undefinedVariable, .warning,
                                "variable '\(reference.name)' is not defined in front matter `vars`",
                                path: path, at: at, length: reference.range.count,
                                notes: ["define it under `vars:` or pass `--var \(reference.name)=VALUE` to `tickmark run`"]
                            ))
                        }
                    }
                }
            }
        }
    }

    private func collectStrings(_ value: ProbeValue, at position: SourcePosition, into texts: inout [(String, SourcePosition)]) {
        switch value {
        case .string(let text): texts.append((text, position))
        case .list(let values): for element in values { collectStrings(element, at: position, into: &texts) }
        case .mapping(let options): for option in options { collectStrings(option.value, at: option.position, into: &texts) }
        default: break
        }
    }
}
