extension Checklist {
    /// The model as `tickmark.checklist/v1` JSON (SPEC §1.6), with a final newline.
    public func jsonBytes(pretty: Bool = true) -> [UInt8] {
        // About 600 bytes per item when pretty: reserving them up front saves copying a growing buffer.
        func count(_ items: [ChecklistItem]) -> Int {   // nesting is bounded by the parser
            items.reduce(items.count) { $0 + count($1.children) }
        }
        var writer = JSONWriter(pretty: pretty, capacity: source.bytes.count * 2 + count(items) * 640 + 1024)
        writeJSON(into: &writer)
        return writer.finishedLine()
    }

    /// Streams the model as `tickmark.checklist/v1` JSON with a final newline, handing `sink`
    /// chunks of about `chunkSize` bytes, so a large checklist never sits in memory as text.
    public func streamJSON(pretty: Bool = true, chunkSize: Int = 1 << 16, into sink: ([UInt8]) throws -> Void) rethrows {
        var stream = ChecklistJSONStream(self, pretty: pretty, chunkSize: chunkSize)
        try stream.writeItems(into: sink)
        try stream.finish(diagnostics: diagnostics, into: sink)
    }

    /// Writes the model as one JSON object.
    public func writeJSON(into writer: inout JSONWriter) {
        var stream = ChecklistJSONStream(self, writer: writer, chunkSize: Int.max)
        stream.writeItems { _ in }
        writer = stream.finishObject(diagnostics: diagnostics)
    }
}

/// The model's JSON written in two steps, everything up to the items and then the diagnostics,
/// so that diagnostics found meanwhile (probe validation, on another task) can still be added.
public struct ChecklistJSONStream {
    private let checklist: Checklist
    private var writer: JSONWriter
    private let chunkSize: Int

    /// Prepares to stream `checklist`, handing over chunks of about `chunkSize` bytes.
    public init(_ checklist: Checklist, pretty: Bool = true, chunkSize: Int = 1 << 16) {
        self.init(checklist, writer: JSONWriter(pretty: pretty, capacity: min(chunkSize, 1 << 20) + 4096), chunkSize: chunkSize)
    }

    fileprivate init(_ checklist: Checklist, writer: JSONWriter, chunkSize: Int) {
        self.checklist = checklist
        self.writer = writer
        self.chunkSize = chunkSize
    }

    /// Writes the checklist's fields and its items.
    public mutating func writeItems(into sink: ([UInt8]) throws -> Void) rethrows {
        writer.beginObject()
        writer.staticKey("schema"); writer.string("tickmark.checklist/v1")
        writer.staticKey("path"); writer.string(checklist.path)
        writer.staticKey("id"); writer.string(checklist.id)
        writer.staticKey("title"); writer.string(checklist.title)
        writer.staticKey("sha256"); writer.string(checklist.sha256)
        writer.staticKey("vars")
        writer.beginObject()
        for variable in checklist.variables { writer.key(variable.name); writer.string(variable.value) }
        writer.endObject()
        writer.staticKey("requires"); writer.strings(checklist.requires)
        writer.staticKey("items")
        writer.beginArray()
        // Iterative walk: nesting depth is bounded by the parser, but recursion is avoided anyway.
        var stack: [(items: [ChecklistItem], next: Int)] = [(checklist.items, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let next = stack[top].next
            if next == stack[top].items.count {
                stack.removeLast()
                writer.endArray()
                if !stack.isEmpty { writer.endObject() }
                continue
            }
            stack[top].next += 1
            try writer.drain(ifAtLeast: chunkSize, into: sink)
            stack[top].items[next].writeFields(into: &writer)
            writer.staticKey("children")
            writer.beginArray()
            stack.append((stack[top].items[next].children, 0))
        }
    }

    /// Writes the diagnostics, closes the object and hands over the rest with a final newline.
    public mutating func finish(diagnostics: [Diagnostic], into sink: ([UInt8]) throws -> Void) rethrows {
        try sink(finishObject(diagnostics: diagnostics).finishedLine())
    }

    fileprivate mutating func finishObject(diagnostics: [Diagnostic]) -> JSONWriter {
        writer.staticKey("diagnostics")
        writer.beginArray()
        for diagnostic in diagnostics { diagnostic.writeJSON(into: &writer) }
        writer.endArray()
        writer.endObject()
        return writer
    }
}

extension ChecklistItem {
    /// Opens the item's object and writes every field but `children`.
    func writeFields(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("id"); writer.string(id)
        writer.staticKey("text"); writer.string(text)
        writer.staticKey("line"); writer.integer(position.line)
        writer.staticKey("column"); writer.integer(position.column)
        writer.staticKey("state"); writer.string(state.rawValue)
        writer.staticKey("severity"); writer.string(severity.rawValue)
        writer.staticKey("section"); writer.strings(section)
        writer.staticKey("owners"); writer.strings(owners)
        writer.staticKey("digest"); writer.hexString(contentDigestBytes)
        writer.staticKey("probes")
        writer.beginArray()
        for probe in probes { probe.writeJSON(into: &writer) }
        writer.endArray()
    }
}

extension ProbeSpec {
    /// Writes the probe as `{kind, line, column, form, args, options}`.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("kind"); writer.string(kind)
        writer.staticKey("line"); writer.integer(position.line)
        writer.staticKey("column"); writer.integer(position.column)
        writer.staticKey("form"); writer.string(form.rawValue)
        writer.staticKey("args"); writer.strings(arguments.map(\.value))
        writer.staticKey("options")
        ProbeValue.mapping(options).writeJSON(into: &writer)
        writer.endObject()
    }
}

extension ProbeValue {
    /// Writes the value as the matching JSON value.
    public func writeJSON(into writer: inout JSONWriter) {
        switch self {
        case .string(let text): writer.string(text)
        case .integer(let value): writer.integer(value)
        case .number(let value): writer.number(value)
        case .boolean(let value): writer.boolean(value)
        case .null: writer.null()
        case .list(let values):
            writer.beginArray()
            for value in values { value.writeJSON(into: &writer) }
            writer.endArray()
        case .mapping(let options):
            writer.beginObject()
            for option in options {
                writer.key(option.key)
                option.value.writeJSON(into: &writer)
            }
            writer.endObject()
        }
    }
}

extension Diagnostic {
    /// Writes the diagnostic as `{id, severity, message, path, line, column, notes}`.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("id"); writer.string(id.rawValue)
        writer.staticKey("severity"); writer.string(severity.rawValue)
        writer.key("message"); writer.string(message)
        writer.key("path"); writer.string(path)
        if let position {
            writer.staticKey("line"); writer.integer(position.line)
            writer.staticKey("column"); writer.integer(position.column)
        }
        writer.key("notes"); writer.strings(notes)
        writer.endObject()
    }
}
