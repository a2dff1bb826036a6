/// Item ids: explicit ones (`<!-- id: x -->` or a probe's `id=`), and generated ones made of the
/// section's slug and the item's, made unique within the file with `-2`, `-3`, … suffixes.
enum ItemIDs {
    /// An item's id and whether it was written explicitly.
    struct Assigned: Equatable, Sendable {
        var id: String
        var isExplicit: Bool
    }

    /// The ids of `items`, in order. Explicit ids are taken first, in document order; an invalid
    /// or repeated one is reported and the item gets a generated id instead.
    static func assign(_ items: [PendingItem], path: String, diagnostics: inout [Diagnostic]) -> [Assigned] {
        var assigned = [Assigned](repeating: Assigned(id: "", isExplicit: false), count: items.count)
        var explicit: [String: SourcePosition] = [:]
        for index in items.indices {
            guard let (id, at) = explicitID(of: items[index]) else { continue }
            guard isValidExplicitID(id) else {
                diagnostics.append(.invalidID(id, path: path, at: at))
                continue
            }
            if let first = explicit[id] {
                diagnostics.append(.duplicateID(id, first: first, path: path, at: at))
                continue
            }
            explicit[id] = at
            assigned[index] = Assigned(id: id, isExplicit: true)
        }
        // Not reserved for every item: where texts repeat (thousands of items sharing a few
        // texts) a table sized for the items would be mostly empty and slow to search.
        var allocator = IDAllocator()
        for index in items.indices where assigned[index].isExplicit { _ = allocator.takeExactly(assigned[index].id) }
        var scratch: [UInt8] = []
        for index in items.indices where !assigned[index].isExplicit {
            assigned[index].id = allocator.take(generatedBase(text: items[index].text, sectionSlug: items[index].sectionSlug, scratch: &scratch))
        }
        return assigned
    }

    /// The explicit id an item asks for and where it is written: its HTML comment, else the
    /// first probe with an `id=` option.
    private static func explicitID(of item: PendingItem) -> (String, SourcePosition)? {
        if let written = item.explicitID { return written }
        for probe in item.probes {
            if let option = probe.option("id"), let id = option.value.scalarText { return (id, option.position) }
        }
        return nil
    }

    /// `section-slug/item-slug`, or `item` for an item whose text makes no slug.
    /// Built in `scratch`, whose storage is reused from one item to the next.
    private static func generatedBase(text: String, sectionSlug: String?, scratch bytes: inout [UInt8]) -> String {
        bytes.removeAll(keepingCapacity: true)
        if let sectionSlug {
            bytes.append(contentsOf: sectionSlug.utf8)
            bytes.append(0x2F)
        }
        if !Slug.appendItem(text, to: &bytes) { bytes.append(contentsOf: "item".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether an explicit id uses only letters, digits, `-`, `_`, `.` and `/`.
    static func isValidExplicitID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x2F
        }
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
}
