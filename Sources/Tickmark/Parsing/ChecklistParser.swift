#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads checklist files into `Checklist` models.
///
/// The Markdown structure comes from cmark-gfm's tree and its source positions; the only bytes
/// read directly are the list marker and box of each item (to find `[`, to read its state, and to
/// recognise the task items this cmark-gfm misses: inside block quotes, and GitLab's `[~]`).
public enum ChecklistParser {
    /// Items nested deeper than this are attached to their ancestor at this depth.
    public static let maximumDepth = 100

    /// Below this size, the front matter is read before the Markdown parse instead of beside it.
    static let bytesWorthReadingFrontMatterBeside = 64 * 1024

    /// From this size on, the reading thread grows its heap ahead (`HeapReserve`, when enabled).
    static let bytesWorthAHeapReserve = 256 * 1024

    /// Parses a checklist from its bytes. Never fails: problems become diagnostics.
    public static func parse(_ bytes: [UInt8], path: String) -> Checklist {
        parse(bytes, path: path, pieceSize: MarkdownTree.pieceSize)
    }

    /// Parses with long documents cut into pieces of about `pieceSize` bytes (for tests).
    static func parse(_ bytes: [UInt8], path: String, pieceSize: Int) -> Checklist {
        var builder = ChecklistBuilder(source: SourceText(bytes: bytes), path: path, pieceSize: pieceSize)
        return builder.build()
    }
}

/// One item found during the walk, before ids are assigned and children are nested.
private struct PendingItem {
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
    var hasChildren = false
}

/// A list item whose box was found but whose task-ness depends on its first child.
private struct ItemCandidate {
    var isTask: Bool
    var start: SourcePosition
    var box: Int
    var startLine: Int
    var end: LineColumn
}

/// A block the walk is inside of.
private struct OpenBlock {
    var kind: MarkdownBlock.Kind
    /// Whether the block lies inside a block quote (not counting itself).
    var quoted: Bool
    /// The item this block is, or -1.
    var item: Int
    /// The nearest item around this block (not counting itself), or -1.
    var enclosingItem: Int
    /// Child blocks entered so far.
    var children = 0
    /// Set for a list item until its first child (or its end) decides whether it is a task item.
    var candidate: ItemCandidate?
}

/// What the inline pieces being gathered belong to.
private enum InlineOwner {
    case none
    /// The first paragraph of the item with this index.
    case item(Int)
    case heading(level: Int)
    /// Any other paragraph: only probe code spans matter (they are misplaced).
    case paragraph
}

/// An inline probe met during the walk. Its text is read after the walk, when large files have
/// two threads for it.
private struct DeferredProbe {
    var item: Int
    var literal: String
    var start: SourcePosition
    /// How many diagnostics the walk had found when it met the probe: the probe's own go there.
    var diagnosticSlot: Int
}

/// What the work run side by side after the walk produces. Each job owns the items of its half:
/// it reads their inline probes into them, makes their id bases and checks their variables; the
/// jobs write disjoint slots and different fields, and are joined before anything is read.
private final class AfterWalk: @unchecked Sendable {
    let items: UnsafeMutableBufferPointer<PendingItem>
    let deferred: [DeferredProbe]
    let bases: UnsafeMutableBufferPointer<String?>
    /// The diagnostics of each deferred probe.
    let probeDiagnostics: UnsafeMutableBufferPointer<[Diagnostic]>
    var sha256 = ""
    var variableDiagnostics: ([Diagnostic], [Diagnostic]) = ([], [])

    init(items: UnsafeMutableBufferPointer<PendingItem>, deferred: [DeferredProbe]) {
        self.items = items
        self.deferred = deferred
        bases = .allocate(capacity: items.count)
        bases.initialize(repeating: nil)
        probeDiagnostics = .allocate(capacity: deferred.count)
        probeDiagnostics.initialize(repeating: [])
    }

    deinit {
        bases.deinitialize()
        bases.deallocate()
        probeDiagnostics.deinitialize()
        probeDiagnostics.deallocate()
    }
}

/// The two halves of the item trees, built side by side; each thread sets only its own.
/// The front matter read on another thread, and its problems.
private final class FrontMatterResult: @unchecked Sendable {   // written by one thread, read after joining it
    var frontMatter: FrontMatter?
    var diagnostics: [Diagnostic] = []

    func read(_ located: FrontMatter.Located, path: String) {
        frontMatter = located.parse(path: path, diagnostics: &diagnostics)
    }
}

/// What the two halves of the tree building share: the items (each half moves the text, probes
/// and section out of its own), the ids, and the roots' slots (each half fills its own run).
private final class Forests: @unchecked Sendable {
    let pending: UnsafeMutableBufferPointer<PendingItem>
    let ids: UnsafeMutableBufferPointer<String>
    let isExplicit: [Bool]
    let roots: UnsafeMutablePointer<ChecklistItem>

    init(pending: UnsafeMutableBufferPointer<PendingItem>, ids: UnsafeMutableBufferPointer<String>, isExplicit: [Bool], roots: UnsafeMutablePointer<ChecklistItem>) {
        self.pending = pending
        self.ids = ids
        self.isExplicit = isExplicit
        self.roots = roots
    }
}

private struct ChecklistBuilder: MarkdownVisitor {
    let source: SourceText
    let path: String
    var diagnostics: [Diagnostic] = []
    private var parseLineStarts: [Int] = []
    private var buffer: ParseBuffer?
    /// Lines after this one are the same in the parse buffer and the file.
    private var lastAlteredLine = 0

    // Walk state.
    private var items: [PendingItem] = []
    private var deferredProbes: [DeferredProbe] = []
    private var stack: [OpenBlock] = []
    private var inlineOwner = InlineOwner.none
    private var inlineText = InlineText()
    private var headings: [(level: Int, text: String)] = []
    private var sectionTitles: [String] = []
    private var headingSlug: String?
    private var firstHeading: String?
    private var warnedDepth = false

    private let pieceSize: Int

    init(source: SourceText, path: String, pieceSize: Int) {
        self.source = source
        self.path = path
        self.pieceSize = pieceSize
    }

    mutating func build() -> Checklist {
        if source.bytes.count >= ChecklistParser.bytesWorthAHeapReserve { HeapReserve.growThisThreadsHeap(hugePages: true) }
        // The front matter's YAML is read beside the Markdown parse in large files; its problems
        // come first, as if read before.
        let located = FrontMatter.locate(source, path: path, diagnostics: &diagnostics)
        let frontMatterSlot = diagnostics.count
        let frontMatterResult = FrontMatterResult()
        let path = path
        var frontMatterReader: HelperThread? = nil
        if let located {
            if source.bytes.count >= ChecklistParser.bytesWorthReadingFrontMatterBeside {
                frontMatterReader = HelperThread { frontMatterResult.read(located, path: path) }
            }
            if frontMatterReader == nil { frontMatterResult.read(located, path: path) }
        }
        let buffer = ParseBuffer(source: source, blanked: located?.range)
        lastAlteredLine = buffer.lastAlteredLine
        parseLineStarts = lastAlteredLine == 0 ? source.lineStarts : SourceText.lineStarts(of: buffer.bytes)
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
        items.reserveCapacity(source.bytes.count / 64 + 4)
        MarkdownTree.walk(buffer.bytes, into: &self, pieceSize: pieceSize)
        frontMatterReader?.join()
        let frontMatter = frontMatterResult.frontMatter
        let fileID = frontMatter?.id ?? ChecklistBuilder.defaultID(path: path)
        // The work that needs only the walk's results runs in two halves side by side: reading
        // the inline probes, the item slugs and the variable check; one half also takes the
        // file's digest.
        var pending = items
        items = []
        let deferred = deferredProbes
        deferredProbes = []
        let defined = Set((frontMatter?.variables ?? []).map(\.name))
        // The first half also takes the file's digest. Hashing costs about as much as the rest of
        // the work for one item per 600 bytes of file (measured: 2.3 ms for 2 MB, 0.7 µs per
        // item), so one item fewer per 1,200 bytes in the first half evens the two.
        let half = max(0, pending.count / 2 - source.bytes.count / 1200)
        let source = source
        let (sha256, variableDiagnostics, bases) = pending.withUnsafeMutableBufferPointer { buffer in
            let results = AfterWalk(items: buffer, deferred: deferred)
            ChecklistBuilder.sideBySide(when: buffer.count >= ChecklistBuilder.itemsWorthTwoThreads) { job in
                let range = job == 0 ? 0..<half : half..<results.items.count
                ChecklistBuilder.readDeferredProbes(for: range, results, source: source, path: path)
                ChecklistBuilder.slugBases(UnsafeBufferPointer(results.items), range, into: results.bases)
                let variables = ChecklistBuilder.variableDiagnostics(UnsafeBufferPointer(results.items), range, defined: defined, path: path)
                if job == 0 {
                    results.variableDiagnostics.0 = variables
                    results.sha256 = Digest.sha256Hex(source.bytes)
                } else {
                    results.variableDiagnostics.1 = variables
                }
            }
            mergeProbeDiagnostics(deferred, results.probeDiagnostics)
            return (results.sha256, results.variableDiagnostics.0 + results.variableDiagnostics.1, Array(results.bases))
        }
        // After the probe diagnostics, whose slots count only the walk's.
        diagnostics.insert(contentsOf: frontMatterResult.diagnostics, at: frontMatterSlot)
        let built = nest(&pending, bases: bases)
        diagnostics += variableDiagnostics
        return Checklist(
            path: path, id: fileID, title: frontMatter?.title ?? firstHeading, sha256: sha256,
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
        if location.line > lastAlteredLine {
            let offset = source.lineStarts[location.line - 1] + location.column - 1
            return SourcePosition(line: location.line, column: location.column, offset: min(offset, source.bytes.count))
        }
        let parseOffset = parseLineStarts[location.line - 1] + location.column - 1
        return source.position(ofOffset: buffer!.originalOffset(parseOffset))
    }

    // MARK: The walk

    mutating func enter(_ block: MarkdownBlock) {
        let parent = startChild(block)
        var open = OpenBlock(
            kind: block.kind,
            quoted: parent.map { stack[$0].quoted || stack[$0].kind == .blockQuote } ?? false,
            item: -1,
            enclosingItem: parent.map { stack[$0].item >= 0 ? stack[$0].item : stack[$0].enclosingItem } ?? -1
        )
        switch block.kind {
        case .item(let isTask):
            if let start = position(block.start), let box = ChecklistBuilder.findBox(source.bytes, markerOffset: start.offset) {
                open.candidate = ItemCandidate(isTask: isTask, start: start, box: box, startLine: block.start.line, end: block.end)
            }
        case .heading(let level):
            inlineOwner = .heading(level: level)
            inlineText.reset(collectsProbes: false)
        case .paragraph:
            if let parent, stack[parent].item >= 0, stack[parent].children == 1 {
                inlineOwner = .item(stack[parent].item)
                inlineText.reset(collectsProbes: true)
            } else {
                inlineOwner = .paragraph
                inlineText.reset(collectsProbes: true)
            }
        default:
            break
        }
        if block.kind.hasExit { stack.append(open) }
    }

    /// Counts `block` as a child of the innermost open block, first deciding whether that block
    /// is a task item if this is its first child. Returns the parent's index in `stack`.
    private mutating func startChild(_ block: MarkdownBlock?) -> Int? {
        guard let parent = stack.indices.last else { return nil }
        stack[parent].children += 1
        if stack[parent].candidate != nil { decideItem(at: parent, firstChild: block) }
        return parent
    }

    mutating func codeBlock(_ block: MarkdownBlock, info: UnsafeBufferPointer<UInt8>, literal: UnsafeBufferPointer<UInt8>) {
        let parent = startChild(block)
        guard ChecklistBuilder.isProbeInfo(info), let fence = position(block.start) else { return }
        if let parent, stack[parent].item >= 0 {
            let literal = String(decoding: literal, as: UTF8.self)
            let offsets = bodyLineOffsets(literal: literal, fenceLine: fence.line)
            if let probe = ProbeSyntax.block(literal: literal, fence: fence, bodyLineOffsets: offsets, source: source, path: path, diagnostics: &diagnostics) {
                items[stack[parent].item].probes.append(probe)
            }
        } else {
            diagnostics.append(Diagnostic(
                .probeOutsideItem, .error, "probe block is not inside a task item, so it would never run",
                path: path, at: fence, length: 3,
                notes: ["indent the block under a task item such as `- [ ] Health check passes`"]
            ))
        }
    }

    mutating func inline(_ inline: MarkdownInline) {
        switch inlineOwner {
        case .none:
            break
        case .paragraph:
            if case .code(let literal, _, let start) = inline, ProbeSyntax.isInlineProbe(literal) {
                diagnostics.append(Diagnostic(
                    .probeOutsideItem, .error, "probe is not in a task item's text, so it would never run",
                    path: path, at: position(start), length: literal.count,
                    notes: ["put it on a task item's first line, such as `- [ ] Tree is clean `probe: git clean``"]
                ))
            }
        case .item, .heading:
            inlineText.add(inline)
        }
    }

    mutating func exit(_ kind: MarkdownBlock.Kind) {
        guard let top = stack.indices.last else { return }
        if stack[top].candidate != nil { decideItem(at: top, firstChild: nil) }
        switch inlineOwner {
        case .item(let index) where kind == .paragraph:
            fillItem(index)
        case .heading(let level) where kind == .heading(level: level):
            let text = inlineText.text
            if firstHeading == nil { firstHeading = text }
            while let last = headings.last, last.level >= level { headings.removeLast() }
            headings.append((level, text))
            sectionTitles = headings.map(\.text)
            headingSlug = Slug.make(text)
        default:
            break
        }
        if kind == .paragraph || kind.isHeading { inlineOwner = .none }
        stack.removeLast()
    }

    /// Decides whether the list item at `stack[index]` is a task item, now that its first child
    /// (or its end, for `nil`) is known, and records it if so.
    private mutating func decideItem(at index: Int, firstChild: MarkdownBlock?) {
        guard let candidate = stack[index].candidate else { return }
        stack[index].candidate = nil
        let bytes = source.bytes
        let box = candidate.box
        let stateByte = bytes[box + 1]
        let isQuoted = stack[index].quoted
        var boxOpensParagraph = false
        if let firstChild, firstChild.kind == .paragraph {
            boxOpensParagraph = position(firstChild.start)?.offset == box
        }
        var strips = false
        // cmark-gfm also marks an item as a task when a later line inside it (such as a lazy
        // continuation of a nested block quote) starts with a box; the item's own box then stays
        // in its text. Such an item is judged by its own line, like the items cmark-gfm misses.
        if !candidate.isTask || boxOpensParagraph {
            // Task items cmark-gfm does not mark: in block quotes, and `[~]`.
            guard boxOpensParagraph,
                  box + 3 < bytes.count, bytes[box + 3] == 0x20 || bytes[box + 3] == 0x09,
                  stateByte == 0x7E || (isQuoted && (stateByte == 0x20 || stateByte == 0x78 || stateByte == 0x58))
            else { return }
            strips = true
        }
        var parentItem: Int? = stack[index].enclosingItem >= 0 ? stack[index].enclosingItem : nil
        var depth = parentItem.map { items[$0].depth + 1 } ?? 0
        let start = candidate.start
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
        var endLine = candidate.end.line
        if candidate.end.column == 0, endLine > candidate.startLine { endLine -= 1 }
        items.append(PendingItem(
            parent: parentItem, depth: depth, position: start, boxOffset: box,
            stateByte: stateByte, stripsBoxFromText: strips, isQuoted: isQuoted,
            section: sectionTitles, sectionSlug: headingSlug, endLine: endLine
        ))
        let itemIndex = items.count - 1
        stack[index].item = itemIndex
        if let parentItem {
            if !items[parentItem].hasChildren {
                items[parentItem].hasChildren = true
                items[parentItem].endLine = max(items[parentItem].position.line, start.line - 1)
            }
        }
    }

    /// Whether a code block's info string starts with the word `probe`.
    static func isProbeInfo(_ info: UnsafeBufferPointer<UInt8>) -> Bool {
        let word = Array("probe".utf8)
        guard info.count >= word.count, info.prefix(word.count).elementsEqual(word) else { return false }
        return info.count == word.count || info[word.count] == 0x20
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
        guard index + 2 < bytes.count, bytes[index] == 0x5B, bytes[index + 2] == 0x5D else { return nil }
        let state = bytes[index + 1]
        guard state == 0x20 || state == 0x78 || state == 0x58 || state == 0x7E else { return nil }
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

    private mutating func fillItem(_ index: Int) {
        let text: String
        if items[index].stripsBoxFromText, inlineText.bytes.first == 0x5B {
            text = String(decoding: inlineText.bytes.dropFirst(3), as: UTF8.self).trimmingASCIIWhitespace()
        } else {
            text = inlineText.text
        }
        items[index].text = text
        items[index].allStruck = inlineText.isAllStruck
        for (literal, location) in inlineText.probeSpans {
            guard let start = locateCodeSpan(literal: literal, location: location, itemPosition: items[index].position) else { continue }
            deferredProbes.append(DeferredProbe(item: index, literal: literal, start: start, diagnosticSlot: diagnostics.count))
        }
        for (comment, location) in inlineText.html {
            if let id = ChecklistBuilder.explicitID(inComment: comment) {
                items[index].explicitID = (id, position(location) ?? items[index].position)
            }
        }
    }

    /// The original position of a code span's first text byte. cmark-gfm's inline positions are
    /// unreliable after autolinks, so the span's bytes are checked and, if needed, searched for.
    private func locateCodeSpan(literal: String, location: LineColumn, itemPosition: SourcePosition) -> SourcePosition? {
        let needle = Array(literal.utf8.prefix(16))
        if let guess = position(location), source.bytes[guess.offset...].starts(with: needle) {
            return guess
        }
        let lineRange = source.contentRange(ofLine: location.line >= 1 ? location.line : itemPosition.line)
        let haystack = source.bytes[lineRange]
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return source.position(ofOffset: index) }
            index += 1
        }
        return position(location) ?? itemPosition
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

    // MARK: Ids and nesting

    /// Below this many items, handing work to a second thread costs more than it saves.
    static let itemsWorthTwoThreads = 2048

    /// Runs `job(0)` and `job(1)`, side by side on two threads when `parallel`, else one after the other.
    private static func sideBySide(when parallel: Bool, _ job: @Sendable (Int) -> Void) {
        guard parallel else {
            job(0)
            job(1)
            return
        }
        // The helper is joined before this returns, so the job never outlives the call.
        withoutActuallyEscaping(job) { job in
            HelperThread.sideBySide({ job(0) }, { job(1) })
        }
    }

    /// The id base of each item that gets a generated id (`section-slug/item-slug`), in `range`.
    private static func slugBases(_ pending: UnsafeBufferPointer<PendingItem>, _ range: Range<Int>, into bases: UnsafeMutableBufferPointer<String?>) {
        var idBytes: [UInt8] = []
        idBytes.reserveCapacity(128)
        for index in range {
            idBytes.removeAll(keepingCapacity: true)
            if let sectionSlug = pending[index].sectionSlug {
                idBytes.append(contentsOf: sectionSlug.utf8)
                idBytes.append(0x2F)
            }
            if !Slug.appendItem(pending[index].text, to: &idBytes) { idBytes.append(contentsOf: "item".utf8) }
            bases[index] = String(decoding: idBytes, as: UTF8.self)
        }
    }

    /// Reads the deferred inline probes of the items in `range` into them, in the order met, ahead
    /// of the block probes the walk added; each probe's diagnostics go to its slot.
    private static func readDeferredProbes(for range: Range<Int>, _ results: AfterWalk, source: SourceText, path: String) {
        var item = -1
        var inserted = 0
        for index in results.deferred.indices where range.contains(results.deferred[index].item) {
            let deferred = results.deferred[index]
            if deferred.item != item {
                item = deferred.item
                inserted = 0
            }
            var diagnostics: [Diagnostic] = []
            if let probe = ProbeSyntax.inline(literal: deferred.literal, start: deferred.start, source: source, path: path, diagnostics: &diagnostics) {
                results.items[item].probes.insert(probe, at: inserted)
                inserted += 1
            }
            if !diagnostics.isEmpty { results.probeDiagnostics[index] = diagnostics }
        }
    }

    /// Puts the diagnostics of the deferred probes where the walk would have found them.
    private mutating func mergeProbeDiagnostics(_ deferred: [DeferredProbe], _ probeDiagnostics: UnsafeMutableBufferPointer<[Diagnostic]>) {
        guard probeDiagnostics.contains(where: { !$0.isEmpty }) else { return }
        var merged: [Diagnostic] = []
        merged.reserveCapacity(diagnostics.count)
        var next = 0
        for index in deferred.indices where !probeDiagnostics[index].isEmpty {
            let slot = deferred[index].diagnosticSlot
            merged += diagnostics[next..<slot]
            merged += probeDiagnostics[index]
            next = slot
        }
        merged += diagnostics[next...]
        diagnostics = merged
    }

    private mutating func nest(_ pending: inout [PendingItem], bases: [String?]) -> [ChecklistItem] {
        var explicit: [String: SourcePosition] = [:]
        var ids = [String](repeating: "", count: pending.count)
        var isExplicit = [Bool](repeating: false, count: pending.count)
        for index in pending.indices where pending[index].explicitID != nil || !pending[index].probes.isEmpty {
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
            isExplicit[index] = true
        }
        var used = IDSet(minimumCapacity: pending.count)
        for id in explicit.keys { used.insert(id) }
        // The next suffix to try for each base. Suffixes below it were taken when last tried, and
        // `used` only grows, so starting there gives the same ids as counting from 2, without
        // quadratic time when thousands of items share a text.
        var nextSuffix: [String: Int] = [:]
        for index in pending.indices where ids[index].isEmpty {
            let base = bases[index]!
            var id = base
            if !used.insert(id) {
                var suffix = nextSuffix[base, default: 2]
                repeat {
                    id = "\(base)-\(suffix)"
                    suffix += 1
                } while used.contains(id)
                nextSuffix[base] = suffix
                used.insert(id)
            }
            ids[index] = id
        }

        // The trees of the first and second half of the root items are built side by side, each
        // straight into its part of the roots' storage.
        let middle = (pending.count / 2..<pending.count).first { pending[$0].parent == nil } ?? pending.count
        let firstRoots = pending[..<middle].count { $0.parent == nil }
        let rootCount = firstRoots + pending[middle...].count { $0.parent == nil }
        let parallel = middle < pending.count && pending.count >= ChecklistBuilder.itemsWorthTwoThreads
        return pending.withUnsafeMutableBufferPointer { pending in
            ids.withUnsafeMutableBufferPointer { ids in
                Array(unsafeUninitializedCapacity: rootCount) { roots, initialized in
                    let forests = Forests(pending: pending, ids: ids, isExplicit: isExplicit, roots: roots.baseAddress!)
                    ChecklistBuilder.sideBySide(when: parallel) { half in
                        if half == 0 {
                            ChecklistBuilder.forest(forests, 0..<middle, into: forests.roots, rootSlots: firstRoots)
                        } else {
                            ChecklistBuilder.forest(forests, middle..<forests.pending.count, into: forests.roots + firstRoots, rootSlots: rootCount - firstRoots)
                        }
                    }
                    initialized = rootCount
                }
            }
        }
    }

    /// Builds the items of `range` (which starts at a root and ends before one) as trees and
    /// initializes `roots` with its root items. The items' text, probes, section and id are
    /// moved out of `forests`, not copied.
    private static func forest(_ forests: Forests, _ range: Range<Int>, into roots: UnsafeMutablePointer<ChecklistItem>, rootSlots: Int) {
        // Items come in document order, each after its parent: a stack of open items receives
        // each finished item as a child, so every item is moved into place once.
        var rootCount = 0
        var hasher = Digest.SHA256Hasher()
        var open: [(index: Int, item: ChecklistItem)] = []
        func close(_ finished: consuming ChecklistItem) {
            if open.isEmpty {
                // Every item comes after its parent, with its parent's subtree still open, so the
                // roots here are exactly the items without a parent.
                precondition(rootCount < rootSlots, "item trees out of document order")
                (roots + rootCount).initialize(to: finished)
                rootCount += 1
            } else {
                open[open.count - 1].item.children.append(finished)
            }
        }
        let pending = forests.pending
        for index in range {
            let parent = pending[index].parent
            while !open.isEmpty, open[open.count - 1].index != parent {
                close(open.removeLast().item)
            }
            var text = ""
            swap(&text, &pending[index].text)
            var probes: [ProbeSpec] = []
            swap(&probes, &pending[index].probes)
            var section: [String] = []
            swap(&section, &pending[index].section)
            var id = ""
            swap(&id, &forests.ids[index])
            let stateByte = pending[index].stateByte
            let state: ItemState = stateByte == 0x7E || pending[index].allStruck ? .na : stateByte == 0x20 ? .unchecked : .checked
            let optional = ChecklistBuilder.isOptional(text)
            let owners = ChecklistBuilder.mentions(in: text)
            let severity: ItemSeverity = optional || probes.contains(where: \.isAdvisory) ? .advisory : .blocking
            var item = ChecklistItem(
                id: id, text: text, position: pending[index].position, boxOffset: pending[index].boxOffset,
                state: state, severity: severity, section: section, owners: owners, probes: probes,
                children: [], hasExplicitID: forests.isExplicit[index],
                isQuoted: pending[index].isQuoted, endLine: pending[index].endLine
            )
            item.cacheContentDigest(using: &hasher)
            open.append((index, item))
        }
        while let top = open.popLast() { close(top.item) }
        precondition(rootCount == rootSlots, "item trees out of document order")
    }

    static func isValidExplicitID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x2F
        }
    }

    /// Whether the item's text marks it optional: `(Optional)` or `Optional:` at its start.
    static func isOptional(_ text: String) -> Bool {
        // Only ASCII letters lowercase to the letters of the markers, so bytes compare exactly.
        hasMarkerPrefix(text, "(optional)") || hasMarkerPrefix(text, "optional:")
    }

    private static func hasMarkerPrefix(_ text: String, _ marker: StaticString) -> Bool {
        let markerBytes = UnsafeBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount)
        var index = 0
        for byte in text.utf8 {
            guard index < markerBytes.count else { return true }
            let lowered: UInt8 = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            guard lowered == markerBytes[index] else { return false }
            index += 1
        }
        return index == markerBytes.count
    }

    /// `@handle` and `@org/team` mentions, in order, without duplicates.
    static func mentions(in text: String) -> [String] {
        var text = text
        guard text.withUTF8({ $0.count > 0 && memchr($0.baseAddress!, 0x40, $0.count) != nil }) else { return [] }
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

    /// Checks variable references in the probes of each item, in document order.
    private static func variableDiagnostics(_ items: UnsafeBufferPointer<PendingItem>, _ range: Range<Int>, defined: Set<String>, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for item in range where !items[item].probes.isEmpty {
            for probe in items[item].probes {
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
        return diagnostics
    }

    private static func collectStrings(_ value: ProbeValue, at position: SourcePosition, into texts: inout [(String, SourcePosition)]) {
        switch value {
        case .string(let text): texts.append((text, position))
        case .list(let values): for element in values { collectStrings(element, at: position, into: &texts) }
        case .mapping(let options): for option in options { collectStrings(option.value, at: option.position, into: &texts) }
        default: break
        }
    }
}
