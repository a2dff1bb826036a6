/// Reads checklist files into `Checklist` models.
///
/// The steps, in order, on one thread: find and read the front matter; prepare the bytes
/// cmark-gfm parses (`ParseBuffer`); parse and convert them into owned values
/// (`MarkdownConverter`); read the task items, their text, probes and sections
/// (`ChecklistBuilder`); give them ids (`ItemIDs`); check their variable references
/// (`VariableCheck`); nest them (`ItemTree`). Problems become diagnostics in the order found.
public enum ChecklistParser {
    /// Items nested deeper than this are attached to their ancestor at this depth.
    public static let maximumDepth = 100

    /// Parses a checklist from its bytes. Never fails: problems become diagnostics.
    public static func parse(_ bytes: [UInt8], path: String) -> Checklist {
        let source = SourceText(bytes: bytes)
        var diagnostics: [Diagnostic] = []
        let located = FrontMatter.locate(source, path: path, diagnostics: &diagnostics)
        let frontMatter = located?.parse(path: path, diagnostics: &diagnostics)
        let buffer = ParseBuffer(source: source, blanked: located?.range)
        if let first = buffer.replacedOffsets.first {
            diagnostics.append(.invalidUTF8(count: buffer.replacedOffsets.count, path: path, at: source.position(ofOffset: first)))
        }
        let document = MarkdownConverter.convert(buffer.bytes)
        var builder = ChecklistBuilder(positions: ParsePositions(source: source, buffer: buffer), path: path)
        builder.read(document)
        diagnostics += builder.diagnostics
        let ids = ItemIDs.assign(builder.items, path: path, diagnostics: &diagnostics)
        let defined = Set((frontMatter?.variables ?? []).map(\.name))
        diagnostics += VariableCheck.diagnostics(builder.items, defined: defined, path: path)
        if builder.items.contains(where: { !$0.approvals.isEmpty }) {
            diagnostics += ApprovalSyntax.diagnostics(builder.items, ids: ids, source: source, path: path)
        }
        var checklist = Checklist(
            path: path, id: frontMatter?.id ?? defaultID(path: path), title: frontMatter?.title ?? builder.firstHeading,
            sha256: Digest.sha256Hex(source.bytes),
            variables: frontMatter?.variables ?? [], requires: frontMatter?.requires ?? [],
            defaults: frontMatter?.defaults ?? ProbeDefaults(), items: ItemTree.build(builder.items, ids: ids),
            diagnostics: diagnostics, source: source, frontMatterRange: frontMatter?.range
        )
        checklist.roster = frontMatter?.roster?.path
        checklist.rosterPosition = frontMatter?.roster?.position
        checklist.inlineRoster = frontMatter?.inlineRoster
        return checklist
    }

    /// The checklist id of a file without front matter `id`: its name without the extension.
    static func defaultID(path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}
