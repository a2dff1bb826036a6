import Tickmark
import TickmarkProbes

extension RunRecord {
    /// The record as deterministic JSON: keys sorted, ISO-8601 times in UTC with milliseconds,
    /// two-space indentation, `"key" : value`, absent optional values left out, a final newline.
    public func jsonBytes() throws(TickmarkError) -> [UInt8] {
        var writer = JSONWriter(format: .record, capacity: 4096 + checklists.reduce(0) { $0 + ($1.source?.utf8.count ?? 0) * 2 + $1.items.count * 1024 })
        write(into: &writer)
        return writer.finishedLine()
    }

    /// Writes the record; every object's keys are written in sorted order by hand.
    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("checklists")
        writer.beginArray()
        for checklist in checklists { checklist.write(into: &writer) }
        writer.endArray()
        writer.key("decision"); writer.string(decision.rawValue)
        writer.key("environment"); environment.write(into: &writer)
        writer.key("finishedAt"); writer.string(Self.timestamp(finishedAt))
        writer.key("schema"); writer.string(schema)
        writer.key("signOffs")
        writer.beginArray()
        for signOff in signOffs { signOff.write(into: &writer) }
        writer.endArray()
        writer.key("startedAt"); writer.string(Self.timestamp(startedAt))
        writer.key("tool")
        writer.beginObject()
        writer.key("name"); writer.string(tool.name)
        writer.key("version"); writer.string(tool.version)
        writer.endObject()
        if let watch {
            writer.key("watch")
            writer.beginObject()
            writer.key("end"); writer.string(watch.end.rawValue)
            writer.key("every"); writer.string(watch.every)
            writer.key("period"); writer.string(watch.period)
            writer.key("rounds"); writer.integer(watch.rounds)
            writer.key("roundsNoGo"); writer.integer(watch.roundsNoGo)
            writer.endObject()
        }
        writer.endObject()
    }
}

extension RunRecord.RunEnvironment {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        if let ci { writer.key("ci"); writer.string(ci) }
        if let gitBranch { writer.key("gitBranch"); writer.string(gitBranch) }
        if let gitCommit { writer.key("gitCommit"); writer.string(gitCommit) }
        writer.key("host"); writer.string(host)
        writer.key("workingDirectory"); writer.string(workingDirectory)
        writer.endObject()
    }
}

extension RunRecord.ChecklistRecord {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("blockers"); writer.strings(blockers)
        writer.key("decision"); writer.string(decision.rawValue)
        writer.key("id"); writer.string(id)
        writer.key("items")
        writer.beginArray()
        for item in items { item.write(into: &writer) }
        writer.endArray()
        writer.key("path"); writer.string(path)
        writer.key("requires"); writer.strings(requires)
        writer.key("sha256"); writer.string(sha256)
        if let source { writer.key("source"); writer.string(source) }
        if let sourceBase64 { writer.key("sourceBase64"); writer.string(sourceBase64) }
        if let title { writer.key("title"); writer.string(title) }
        writer.key("variables")
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
        writer.key("blocking"); writer.boolean(blocking)
        writer.key("boxOffset"); writer.integer(boxOffset)
        writer.key("column"); writer.integer(column)
        writer.key("depth"); writer.integer(depth)
        writer.key("digest"); writer.string(digest)
        writer.key("id"); writer.string(id)
        writer.key("line"); writer.integer(line)
        writer.key("owners"); writer.strings(owners)
        if let parent { writer.key("parent"); writer.string(parent) }
        writer.key("probes")
        writer.beginArray()
        for probe in probes { probe.write(into: &writer) }
        writer.endArray()
        writer.key("reason"); writer.string(reason)
        writer.key("satisfied"); writer.boolean(satisfied)
        writer.key("section"); writer.strings(section)
        writer.key("severity"); writer.string(severity.rawValue)
        writer.key("state"); writer.string(state.rawValue)
        writer.key("status"); writer.string(status.rawValue)
        writer.key("text"); writer.string(text)
        writer.endObject()
    }
}

extension RunRecord.ProbeRecord {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("advisory"); writer.boolean(advisory)
        writer.key("attempts"); writer.integer(attempts)
        writer.key("column"); writer.integer(column)
        writer.key("durationMilliseconds"); writer.integer(durationMilliseconds)
        writer.key("evidence")
        writer.beginObject()
        writer.key("action"); writer.string(evidence.action)
        writer.key("fields")
        writer.beginArray()
        for field in evidence.fields {
            writer.beginObject()
            writer.key("name"); writer.string(field.name)
            writer.key("value"); writer.string(field.value)
            writer.endObject()
        }
        writer.endArray()
        writer.key("output"); writer.string(evidence.output)
        writer.endObject()
        writer.key("kind"); writer.string(kind)
        writer.key("line"); writer.integer(line)
        writer.key("reason"); writer.string(reason)
        writer.key("startedAt"); writer.string(RunRecord.timestamp(startedAt))
        writer.key("status"); writer.string(status.rawValue)
        writer.key("summary"); writer.string(summary)
        writer.endObject()
    }
}

extension SignOff {
    fileprivate func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("at"); writer.string(RunRecord.timestamp(at))
        writer.key("by"); writer.string(by)
        writer.key("checklist"); writer.string(checklist)
        writer.key("decision"); writer.string(decision.rawValue)
        if let expires { writer.key("expires"); writer.string(RunRecord.timestamp(expires)) }
        writer.key("item"); writer.string(item)
        writer.key("itemDigest"); writer.string(itemDigest)
        if let note { writer.key("note"); writer.string(note) }
        if let role { writer.key("role"); writer.string(role) }
        if let signature {
            writer.key("signature")
            writer.beginObject()
            writer.key("format"); writer.string(signature.format)
            writer.key("publicKey"); writer.string(signature.publicKey)
            writer.key("signature"); writer.string(signature.signature)
            writer.endObject()
        }
        writer.endObject()
    }
}
