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

    /// Writes the model as one JSON object.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("schema"); writer.string("tickmark.checklist/v1")
        writer.key("path"); writer.string(path)
        writer.key("id"); writer.string(id)
        writer.key("title"); writer.string(title)
        writer.key("sha256"); writer.string(sha256)
        writer.key("vars")
        writer.beginObject()
        for variable in variables { writer.key(variable.name); writer.string(variable.value) }
        writer.endObject()
        writer.key("requires"); writer.strings(requires)
        writer.key("items")
        writer.beginArray()
        // Iterative walk: nesting depth is bounded by the parser, but recursion is avoided anyway.
        var stack: [(items: [ChecklistItem], next: Int)] = [(items, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next == stack[top].items.count {
                stack.removeLast()
                writer.endArray()
                if !stack.isEmpty { writer.endObject() }
                continue
            }
            let item = stack[top].items[stack[top].next]
            stack[top].next += 1
            item.writeFields(into: &writer)
            writer.key("children")
            writer.beginArray()
            stack.append((item.children, 0))
        }
        writer.key("diagnostics")
        writer.beginArray()
        for diagnostic in diagnostics { diagnostic.writeJSON(into: &writer) }
        writer.endArray()
        writer.endObject()
    }
}

extension ChecklistItem {
    /// Opens the item's object and writes every field but `children`.
    func writeFields(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("text"); writer.string(text)
        writer.key("line"); writer.integer(position.line)
        writer.key("column"); writer.integer(position.column)
        writer.key("state"); writer.string(state.rawValue)
        writer.key("severity"); writer.string(severity.rawValue)
        writer.key("section"); writer.strings(section)
        writer.key("owners"); writer.strings(owners)
        writer.key("digest"); writer.string(contentDigest)
        writer.key("probes")
        writer.beginArray()
        for probe in probes { probe.writeJSON(into: &writer) }
        writer.endArray()
    }
}

extension ProbeSpec {
    /// Writes the probe as `{kind, line, column, form, args, options}`.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("kind"); writer.string(kind)
        writer.key("line"); writer.integer(position.line)
        writer.key("column"); writer.integer(position.column)
        writer.key("form"); writer.string(form.rawValue)
        writer.key("args"); writer.strings(arguments.map(\.value))
        writer.key("options")
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
        writer.key("id"); writer.string(id.rawValue)
        writer.key("severity"); writer.string(severity.rawValue)
        writer.key("message"); writer.string(message)
        writer.key("path"); writer.string(path)
        if let position {
            writer.key("line"); writer.integer(position.line)
            writer.key("column"); writer.integer(position.column)
        }
        writer.key("notes"); writer.strings(notes)
        writer.endObject()
    }
}
