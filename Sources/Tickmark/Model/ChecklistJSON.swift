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
    public func streamJSON(
        pretty: Bool = true, chunkSize: Int = 1 << 16, into sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        var writer = JSONWriter(pretty: pretty, capacity: chunkSize + 4096)
        try writeFieldsAndItems(into: &writer, chunkSize: chunkSize, sink: sink)
        writeDiagnostics(diagnostics, into: &writer)
        try writer.finishedLine().withUnsafeBytes(sink)
    }

    /// Streams the model as `streamJSON(pretty:chunkSize:into:)` does, with more diagnostics
    /// that `extra` delivers once the items are out (such as probe checks run meanwhile). Runs
    /// on the caller's executor.
    nonisolated(nonsending) public func streamJSON(
        pretty: Bool = true, chunkSize: Int = 1 << 16, extra: () async -> [Diagnostic],
        into sink: (UnsafeRawBufferPointer) -> Void
    ) async {
        var writer = JSONWriter(pretty: pretty, capacity: chunkSize + 4096)
        writeFieldsAndItems(into: &writer, chunkSize: chunkSize, sink: sink)
        writeDiagnostics(diagnostics + (await extra()), into: &writer)
        writer.finishedLine().withUnsafeBytes(sink)
    }

    /// Writes the model as one JSON object.
    package func writeJSON(into writer: inout JSONWriter) {
        writeFieldsAndItems(into: &writer, chunkSize: Int.max) { _ in }
        writeDiagnostics(diagnostics, into: &writer)
    }

    /// Opens the object and writes everything up to and including the items.
    private func writeFieldsAndItems(
        into writer: inout JSONWriter, chunkSize: Int, sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        writer.beginObject()
        writer.staticKey("schema"); writer.string("tickmark.checklist/v1")
        writer.staticKey("path"); writer.string(path)
        writer.staticKey("id"); writer.string(id)
        writer.staticKey("title"); writer.string(title)
        writer.staticKey("sha256"); writer.string(sha256)
        writer.staticKey("vars")
        writer.beginObject()
        for variable in variables { writer.key(variable.name); writer.string(variable.value) }
        writer.endObject()
        writer.staticKey("requires"); writer.strings(requires)
        if let roster { writer.staticKey("roster"); writer.string(roster) }
        if let inlineRoster {
            writer.staticKey("roster")
            writer.beginObject()
            writer.staticKey("people")
            writer.beginArray()
            for person in inlineRoster.people {
                writer.beginObject()
                writer.staticKey("email"); writer.string(person.email)
                if let name = person.name { writer.staticKey("name"); writer.string(name) }
                writer.staticKey("keys"); writer.strings(person.keys.map(\.line))
                writer.endObject()
            }
            writer.endArray()
            writer.staticKey("roles")
            writer.beginObject()
            for role in inlineRoster.roles { writer.key(role.name); writer.strings(role.members) }
            writer.endObject()
            writer.endObject()
        }
        writer.staticKey("items")
        writer.beginArray()
        // One digest context for every item's content digest, not one per item.
        var hasher = Digest.SHA256Hasher()
        try Self.write(items, into: &writer, hasher: &hasher, chunkSize: chunkSize, sink: sink)
        writer.endArray()
    }

    /// Writes items with their children, handing over chunks of about `chunkSize` bytes between
    /// items. Nesting is bounded by the parser (`ChecklistParser.maximumDepth`), so the recursion is too.
    private static func write(
        _ items: [ChecklistItem], into writer: inout JSONWriter, hasher: inout Digest.SHA256Hasher,
        chunkSize: Int, sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        // By index: a copy of each item would retain and release every one of its fields.
        for index in items.indices {
            try writer.drain(ifAtLeast: chunkSize, into: sink)
            items[index].writeFields(into: &writer, hasher: &hasher)
            writer.staticKey("children")
            writer.beginArray()
            try write(items[index].children, into: &writer, hasher: &hasher, chunkSize: chunkSize, sink: sink)
            writer.endArray()
            writer.endObject()
        }
    }

    /// Writes the diagnostics and closes the object.
    private func writeDiagnostics(_ diagnostics: [Diagnostic], into writer: inout JSONWriter) {
        writer.staticKey("diagnostics")
        writer.beginArray()
        for diagnostic in diagnostics { diagnostic.writeJSON(into: &writer) }
        writer.endArray()
        writer.endObject()
    }
}

extension ChecklistItem {
    /// Opens the item's object and writes every field but `children`.
    fileprivate func writeFields(into writer: inout JSONWriter, hasher: inout Digest.SHA256Hasher) {
        writer.beginObject()
        writer.staticKey("id"); writer.string(id)
        writer.staticKey("text"); writer.string(text)
        writer.staticKey("line"); writer.integer(position.line)
        writer.staticKey("column"); writer.integer(position.column)
        writer.staticKey("state"); writer.string(state.rawValue)
        writer.staticKey("severity"); writer.string(severity.rawValue)
        writer.staticKey("section"); writer.strings(section)
        writer.staticKey("owners"); writer.strings(owners)
        writer.staticKey("digest"); writer.string(contentDigest(using: &hasher) { Digest.hex($0) })
        writer.staticKey("probes")
        writer.beginArray()
        for probe in probes { probe.writeJSON(into: &writer) }
        writer.endArray()
        if !approvals.isEmpty {
            writer.staticKey("approvals")
            writer.beginArray()
            for rule in approvals { rule.writeJSON(into: &writer) }
            writer.endArray()
        }
    }
}

extension ApprovalRule {
    /// Writes the rule as `{count, role, not, after, signed, line, column, source}`.
    package func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("count"); writer.integer(count)
        if let role { writer.staticKey("role"); writer.string("@" + role) }
        if notAuthor { writer.staticKey("not"); writer.string("author") }
        writer.staticKey("after"); writer.strings(after)
        writer.staticKey("signed"); writer.boolean(signed)
        if let position {
            writer.staticKey("line"); writer.integer(position.line)
            writer.staticKey("column"); writer.integer(position.column)
        }
        writer.staticKey("source"); writer.string(source)
        writer.endObject()
    }
}

extension ProbeSpec {
    /// Writes the probe as `{kind, line, column, form, args, options}`.
    package func writeJSON(into writer: inout JSONWriter) {
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
    package func writeJSON(into writer: inout JSONWriter) {
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
    /// Writes the diagnostic as `{id, severity, message, path, line, column, notes}`, with
    /// `noteLocations` (one place or null per note) when a note is located.
    package func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("id"); writer.string(id.rawValue)
        writer.staticKey("severity"); writer.string(severity.rawValue)
        writer.staticKey("message"); writer.string(message)
        writer.staticKey("path"); writer.string(path)
        if let position {
            writer.staticKey("line"); writer.integer(position.line)
            writer.staticKey("column"); writer.integer(position.column)
        }
        writer.key("notes"); writer.strings(notes.map(\.message))
        if notes.contains(where: \.isLocated) {
            // One entry per note: its place, or null for a note without one.
            writer.key("noteLocations")
            writer.beginArray()
            for note in notes {
                if let path = note.path, let position = note.position {
                    writer.beginObject()
                    writer.key("path"); writer.string(path)
                    writer.staticKey("line"); writer.integer(position.line)
                    writer.staticKey("column"); writer.integer(position.column)
                    writer.endObject()
                } else {
                    writer.null()
                }
            }
            writer.endArray()
        }
        writer.endObject()
    }
}
