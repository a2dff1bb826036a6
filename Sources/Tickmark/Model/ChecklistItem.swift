/// Whether a task item's box is ticked, or the item does not apply.
public enum ItemState: String, Sendable, Codable, Hashable {
    case unchecked
    case checked
    /// Written `- [~]` or wholly struck through: shown, never counted, never blocking.
    case na
}

/// Whether an item can turn GO into NO-GO.
public enum ItemSeverity: String, Sendable, Codable, Hashable {
    case blocking
    /// `(Optional)` or `Optional:` items, and items with an `advisory` probe: reported, never blocking.
    case advisory
}

/// A GitHub task list item interpreted as a checklist entry.
public struct ChecklistItem: Sendable, Hashable {
    /// Stable id, `section-slug/item-slug`, unique within the file.
    public var id: String
    /// The item's visible text, without probe code spans and HTML comments, whitespace collapsed.
    public var text: String
    /// The first byte of the list marker (`-`, `*`, `+`, or the first digit).
    public var position: SourcePosition
    /// The byte offset of `[` in the original file; the state byte is the one after it.
    public var boxOffset: Int
    /// Unchecked, checked or N/A.
    public var state: ItemState
    /// Blocking or advisory.
    public var severity: ItemSeverity
    /// The chain of headings above the item, outermost first.
    public var section: [String]
    /// `@handle` mentions in the text.
    public var owners: [String]
    /// The probes attached to the item; none means a manual item.
    public var probes: [ProbeSpec]
    /// Nested task items.
    public var children: [ChecklistItem]
    /// Whether the id was written explicitly (`<!-- id: x -->` or a probe's `id=`).
    public var hasExplicitID: Bool
    /// Whether the item sits inside a block quote.
    public var isQuoted: Bool
    /// The last line of the item's own content (its children excluded).
    public var endLine: Int
    /// The item's approval rules (`approve:` code spans), in the order written.
    package var approvals: [ApprovalRule] = []
    /// The item's own `fresh:`/`warn:` code span, if any (probes and defaults may add to it).
    public var freshness = Freshness()

    /// SHA-256 (hex) of the item's text and probe sources: sign-offs are bound to it.
    public var contentDigest: String { Digest.hex(contentDigestBytes) }

    /// The raw SHA-256 behind `contentDigest`.
    package var contentDigestBytes: [UInt8] {
        var hasher = Digest.SHA256Hasher()
        return contentDigest(using: &hasher) { Array($0) }
    }

    /// The content digest computed with `hasher`, handed to `body`.
    package func contentDigest<Result>(using hasher: inout Digest.SHA256Hasher, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        hasher.start()
        hasher.update(text)
        for index in probes.indices {
            withUnsafeBytes(of: UInt8(0x0A)) { hasher.update($0) }
            hasher.update(probes[index].source)
        }
        return hasher.finish(body)
    }

    /// Whether the item has no probes and is satisfied by a sign-off or a tick.
    public var isManual: Bool { probes.isEmpty }

    /// The item and all its descendants, in document order.
    public var flattened: [ChecklistItem] {
        var result: [ChecklistItem] = []
        var stack: [ChecklistItem] = [self]
        while let item = stack.popLast() {
            result.append(item)
            stack.append(contentsOf: item.children.reversed())
        }
        return result
    }
}
