/// One task item found in the document, before ids are assigned and children are nested.
struct PendingItem {
    /// The index of the parent item among the items found, if any.
    var parent: Int?
    var depth: Int
    var position: SourcePosition
    var box: TaskBox
    var isQuoted: Bool
    var section: [String]
    var sectionSlug: String?
    var text = ""
    var allStruck = false
    /// The id of an `<!-- id: x -->` comment in the item's text, and where it is.
    var explicitID: (String, SourcePosition)?
    var probes: [ProbeSpec] = []
    /// The item's `approve:` rules.
    var approvals: [ApprovalRule] = []
    /// The item's `fresh:`/`warn:` code span.
    var freshness = Freshness()
    var endLine: Int
    var hasChildren = false
}

/// Reads the task items of a Markdown document, in document order, with their text, probes and
/// sections; problems found on the way are collected in `diagnostics`, in the order met.
struct ChecklistBuilder {
    /// A block the walk is inside of.
    private struct OpenBlock {
        /// The block's index in the document.
        var block: Int
        var kind: MarkdownBlock.Kind
        /// Whether the block lies inside a block quote (not counting itself).
        var quoted: Bool
        /// The index of the item this block is, or -1.
        var item = -1
        /// The index of the nearest item around this block (not counting itself), or -1.
        var enclosingItem: Int
        /// Child blocks met so far.
        var children = 0
        /// A list item with a box, until its first child (or its end) decides whether it is a task.
        var boxOffset: Int?
        var markedByCMark = false
        var start: SourcePosition?
        /// The lines cmark-gfm gives the item's start and end.
        var startLine = 0
        var end = LineColumn(line: 0, column: 0)
    }

    let positions: ParsePositions
    let path: String
    private(set) var items: [PendingItem] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The text of the document's first heading.
    private(set) var firstHeading: String?
    private var open: [OpenBlock] = []
    private var sections = SectionTrail()
    private var warnedDepth = false
    /// The text of the paragraph being read, its storage kept from one paragraph to the next.
    private var inlineText = InlineText()
    private var source: SourceText { positions.source }

    init(positions: ParsePositions, path: String) {
        self.positions = positions
        self.path = path
    }

    /// Reads every block of `document`.
    mutating func read(_ document: MarkdownDocument) {
        // Every task item is a list item: reserving for all of them saves copying a growing array.
        items.reserveCapacity(document.blocks.reduce(0) { count, block in
            if case .item = block.kind { count + 1 } else { count }
        })
        for index in document.blocks.indices {
            while let innermost = open.last, innermost.block != document.blocks[index].parent { closeInnermost() }
            visit(document.blocks[index], at: index, in: document)
        }
        while !open.isEmpty { closeInnermost() }
    }

    private mutating func visit(_ block: MarkdownBlock, at index: Int, in document: MarkdownDocument) {
        let parent = countChild(block)
        var entered = OpenBlock(
            block: index, kind: block.kind,
            quoted: parent.map { open[$0].quoted || open[$0].kind == .blockQuote } ?? false,
            enclosingItem: parent.map { open[$0].item >= 0 ? open[$0].item : open[$0].enclosingItem } ?? -1
        )
        switch block.kind {
        case .item(let markedByCMark):
            if let start = positions.position(block.start), let box = TaskBox.find(in: source.bytes, markerOffset: start.offset) {
                entered.boxOffset = box
                entered.markedByCMark = markedByCMark
                entered.start = start
                entered.startLine = block.start.line
                entered.end = block.end
            }
        case .heading(let level):
            var text = InlineText()
            for inline in document.inlines(of: block) { text.add(inline, of: document) }
            if firstHeading == nil { firstHeading = text.text }
            sections.enter(level: level, title: text.text)
        case .paragraph:
            if let parent, open[parent].item >= 0, open[parent].children == 1 {
                readItemText(document.inlines(of: block), of: document, item: open[parent].item)
            } else {
                reportStrayInlineProbes(document.inlines(of: block), of: document)
            }
        case .codeBlock(let info, let literal):
            readProbeBlock(block, info: info, literal: literal, parent: parent)
        default:
            break
        }
        if block.kind.isContainer { open.append(entered) }
    }

    /// Counts `block` as a child of the innermost open block, first deciding whether that block
    /// is a task item if this is its first child. Returns the parent's index in `open`.
    private mutating func countChild(_ block: MarkdownBlock) -> Int? {
        guard let parent = open.indices.last else { return nil }
        open[parent].children += 1
        if open[parent].boxOffset != nil { decideItem(at: parent, firstChild: block) }
        return parent
    }

    private mutating func closeInnermost() {
        if open[open.count - 1].boxOffset != nil { decideItem(at: open.count - 1, firstChild: nil) }
        open.removeLast()
    }

    // MARK: Items

    /// Decides whether the list item at `open[index]` is a task item, now that its first child
    /// (or its end, for `nil`) is known, and records it if so.
    private mutating func decideItem(at index: Int, firstChild: MarkdownBlock?) {
        guard let boxOffset = open[index].boxOffset, let start = open[index].start else { return }
        open[index].boxOffset = nil
        var opensParagraph = false
        if let firstChild, firstChild.kind == .paragraph {
            opensParagraph = positions.position(firstChild.start)?.offset == boxOffset
        }
        let isQuoted = open[index].quoted
        guard let box = TaskBox.decide(
            at: boxOffset, in: source.bytes, markedByCMark: open[index].markedByCMark,
            opensParagraph: opensParagraph, isQuoted: isQuoted
        ) else { return }
        var parentItem: Int? = open[index].enclosingItem >= 0 ? open[index].enclosingItem : nil
        var depth = parentItem.map { items[$0].depth + 1 } ?? 0
        if depth >= ChecklistParser.maximumDepth, var ancestor = parentItem {
            while items[ancestor].depth >= ChecklistParser.maximumDepth - 1, let up = items[ancestor].parent { ancestor = up }
            parentItem = ancestor
            depth = items[ancestor].depth + 1
            if !warnedDepth {
                warnedDepth = true
                diagnostics.append(.deepNesting(path: path, at: start))
            }
        }
        // An item that runs into a following blank line ends at column 0 of that line.
        let end = open[index].end
        var endLine = end.line
        if end.column == 0, endLine > open[index].startLine { endLine -= 1 }
        items.append(PendingItem(
            parent: parentItem, depth: depth, position: start, box: box, isQuoted: isQuoted,
            section: sections.titles, sectionSlug: sections.slug, endLine: endLine
        ))
        open[index].item = items.count - 1
        if let parentItem, !items[parentItem].hasChildren {
            // A parent's own content ends before its first child.
            items[parentItem].hasChildren = true
            items[parentItem].endLine = max(items[parentItem].position.line, start.line - 1)
        }
    }

    /// Reads an item's first paragraph: its text, its inline probes and its explicit id.
    private mutating func readItemText(_ inlines: ArraySlice<MarkdownInline>, of document: MarkdownDocument, item index: Int) {
        inlineText.reset(collectsProbes: true)
        for inline in inlines { inlineText.add(inline, of: document) }
        if items[index].box.isInText, inlineText.bytes.first == 0x5B {
            items[index].text = String(decoding: inlineText.bytes.dropFirst(3), as: UTF8.self).trimmingASCIIWhitespace()
        } else {
            items[index].text = inlineText.text
        }
        items[index].allStruck = inlineText.isAllStruck
        let placement = ProbePlacement(positions: positions)
        for (literal, location) in inlineText.probeSpans {
            guard let start = placement.codeSpanStart(literal: literal, location: location, itemPosition: items[index].position) else { continue }
            if let probe = ProbeSyntax.inline(literal: literal, start: start, source: source, path: path, diagnostics: &diagnostics) {
                items[index].probes.append(probe)
            }
        }
        for (literal, location) in inlineText.approvalSpans {
            guard let start = placement.codeSpanStart(literal: literal, location: location, itemPosition: items[index].position) else { continue }
            if let rule = ApprovalSyntax.rule(literal: literal, start: start, source: source, path: path, diagnostics: &diagnostics) {
                items[index].approvals.append(rule)
            }
        }
        for (literal, location) in inlineText.freshnessSpans {
            guard let start = placement.codeSpanStart(literal: literal, location: location, itemPosition: items[index].position) else { continue }
            let read = FreshnessSyntax.item(literal: literal, start: start, source: source, path: path, diagnostics: &diagnostics)
            items[index].freshness = read.over(items[index].freshness)
        }
        for (comment, location) in inlineText.html {
            if let id = ItemIDs.explicitID(inComment: comment) {
                items[index].explicitID = (id, positions.position(location) ?? items[index].position)
            }
        }
    }

    // MARK: Probes outside item text

    /// Reports the inline probes of a paragraph that is not an item's text.
    private mutating func reportStrayInlineProbes(_ inlines: ArraySlice<MarkdownInline>, of document: MarkdownDocument) {
        for inline in inlines {
            guard case .code(let range, _, let start) = inline, ProbeSyntax.isInlineProbe(document.text[range]) else { continue }
            diagnostics.append(.inlineProbeOutsideItem(path: path, at: positions.position(start), length: range.count))
        }
    }

    /// Reads a fenced `probe` block into the task item it belongs to, or reports it.
    private mutating func readProbeBlock(_ block: MarkdownBlock, info: String, literal: String, parent: Int?) {
        guard ProbePlacement.isProbeInfo(info), let fence = positions.position(block.start) else { return }
        guard let parent, open[parent].item >= 0 else {
            diagnostics.append(.probeBlockOutsideItem(path: path, at: fence))
            return
        }
        let offsets = ProbePlacement(positions: positions).bodyLineOffsets(literal: literal, fenceLine: fence.line)
        if let probe = ProbeSyntax.block(literal: literal, fence: fence, bodyLineOffsets: offsets, source: source, path: path, diagnostics: &diagnostics) {
            items[open[parent].item].probes.append(probe)
        }
    }
}

/// The chain of headings above the current place in a document.
struct SectionTrail {
    private var headings: [(level: Int, title: String)] = []
    /// The titles, outermost first.
    private(set) var titles: [String] = []
    /// The slug of the innermost heading.
    private(set) var slug: String?

    /// Enters a heading: it replaces every heading of its level or deeper.
    mutating func enter(level: Int, title: String) {
        while let last = headings.last, last.level >= level { headings.removeLast() }
        headings.append((level, title))
        titles = headings.map(\.title)
        slug = Slug.make(title)
    }
}
