import Tickmark
import TickmarkProbes

extension RunRecord {
    /// The record as deterministic JSON: keys sorted, ISO-8601 times in UTC with milliseconds,
    /// two-space indentation, `"key" : value`, absent optional values left out, a final newline.
    package func jsonBytes() throws(TickmarkError) -> [UInt8] {
        var writer = JSONWriter(format: .record, capacity: 4096 + checklists.reduce(0) { $0 + ($1.source?.utf8.count ?? 0) * 2 + $1.items.count * 1024 })
        write(into: &writer)
        return writer.finishedLine()
    }

    /// Writes the record; every object's keys are written in sorted order by hand.
    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("checklists")
        writer.beginArray()
        for checklist in checklists { checklist.write(into: &writer) }
        writer.endArray()
        writer.staticKey("decision"); writer.string(decision.rawValue)
        writer.staticKey("environment"); environment.write(into: &writer)
        writer.staticKey("finishedAt"); writer.string(Self.timestamp(finishedAt))
        writer.staticKey("schema"); writer.string(schema)
        writer.staticKey("signOffs")
        writer.beginArray()
        for signOff in signOffs { signOff.write(into: &writer) }
        writer.endArray()
        writer.staticKey("startedAt"); writer.string(Self.timestamp(startedAt))
        writer.staticKey("tool")
        writer.beginObject()
        writer.staticKey("name"); writer.string(tool.name)
        writer.staticKey("version"); writer.string(tool.version)
        writer.endObject()
        if let watch {
            writer.staticKey("watch"); watch.write(into: &writer)
        }
        writer.endObject()
    }
}

extension RunRecord.RunEnvironment {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        if let author { writer.staticKey("author"); writer.string(author) }
        if let ci { writer.staticKey("ci"); writer.string(ci) }
        if let gitBranch { writer.staticKey("gitBranch"); writer.string(gitBranch) }
        if let gitCommit { writer.staticKey("gitCommit"); writer.string(gitCommit) }
        writer.staticKey("host"); writer.string(host)
        writer.staticKey("workingDirectory"); writer.string(workingDirectory)
        writer.endObject()
    }
}

extension RunRecord.ChecklistRecord {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        if let author { writer.staticKey("author"); writer.string(author) }
        writer.staticKey("blockers"); writer.strings(blockers)
        writer.staticKey("decision"); writer.string(decision.rawValue)
        writer.staticKey("id"); writer.string(id)
        writer.staticKey("items")
        writer.beginArray()
        for item in items { item.write(into: &writer) }
        writer.endArray()
        writer.staticKey("path"); writer.string(path)
        writer.staticKey("requires"); writer.strings(requires)
        writer.staticKey("sha256"); writer.string(sha256)
        if let source { writer.staticKey("source"); writer.string(source) }
        if let sourceBase64 { writer.staticKey("sourceBase64"); writer.string(sourceBase64) }
        if let title { writer.staticKey("title"); writer.string(title) }
        writer.staticKey("variables")
        writer.beginObject()
        for name in variables.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            writer.key(name); writer.string(variables[name]!)
        }
        writer.endObject()
        writer.endObject()
    }
}

extension RunRecord.ItemRecord {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        if let approvals { writer.staticKey("approvals"); writer.strings(approvals) }
        writer.staticKey("blocking"); writer.boolean(blocking)
        writer.staticKey("boxOffset"); writer.integer(boxOffset)
        writer.staticKey("column"); writer.integer(column)
        writer.staticKey("depth"); writer.integer(depth)
        writer.staticKey("digest"); writer.string(digest)
        writer.staticKey("id"); writer.string(id)
        writer.staticKey("line"); writer.integer(line)
        writer.staticKey("owners"); writer.strings(owners)
        if let parent { writer.staticKey("parent"); writer.string(parent) }
        writer.staticKey("probes")
        writer.beginArray()
        for probe in probes { probe.write(into: &writer) }
        writer.endArray()
        writer.staticKey("reason"); writer.string(reason)
        writer.staticKey("satisfied"); writer.boolean(satisfied)
        writer.staticKey("section"); writer.strings(section)
        writer.staticKey("severity"); writer.string(severity.rawValue)
        writer.staticKey("state"); writer.string(state.rawValue)
        writer.staticKey("status"); writer.string(status.rawValue)
        writer.staticKey("text"); writer.string(text)
        writer.endObject()
    }
}

extension RunRecord.ProbeRecord {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("advisory"); writer.boolean(advisory)
        writer.staticKey("attempts"); writer.integer(attempts)
        writer.staticKey("column"); writer.integer(column)
        writer.staticKey("durationMilliseconds"); writer.integer(durationMilliseconds)
        writer.staticKey("evidence")
        writer.beginObject()
        writer.staticKey("action"); writer.string(evidence.action)
        writer.staticKey("fields")
        writer.beginArray()
        for field in evidence.fields {
            writer.beginObject()
            writer.staticKey("name"); writer.string(field.name)
            writer.staticKey("value"); writer.string(field.value)
            writer.endObject()
        }
        writer.endArray()
        writer.staticKey("output"); writer.string(evidence.output)
        writer.endObject()
        writer.staticKey("kind"); writer.string(kind)
        writer.staticKey("line"); writer.integer(line)
        writer.staticKey("reason"); writer.string(reason)
        writer.staticKey("startedAt"); writer.string(RunRecord.timestamp(startedAt))
        writer.staticKey("status"); writer.string(status.rawValue)
        writer.staticKey("summary"); writer.string(summary)
        writer.endObject()
    }
}

extension SignOff {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("at"); writer.string(RunRecord.timestamp(at))
        writer.staticKey("by"); writer.string(by)
        writer.staticKey("checklist"); writer.string(checklist)
        writer.staticKey("decision"); writer.string(decision.rawValue)
        if let expires { writer.staticKey("expires"); writer.string(RunRecord.timestamp(expires)) }
        writer.staticKey("item"); writer.string(item)
        writer.staticKey("itemDigest"); writer.string(itemDigest)
        if let note { writer.staticKey("note"); writer.string(note) }
        if let role { writer.staticKey("role"); writer.string(role) }
        if let signature {
            writer.staticKey("signature")
            writer.beginObject()
            writer.staticKey("format"); writer.string(signature.format)
            writer.staticKey("publicKey"); writer.string(signature.publicKey)
            writer.staticKey("signature"); writer.string(signature.signature)
            writer.endObject()
        }
        writer.endObject()
    }
}
