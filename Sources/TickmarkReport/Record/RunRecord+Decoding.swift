import Foundation
import Tickmark
import TickmarkProbes

extension RunRecord {
    /// Decodes a record from the bytes of the file at `path` (named in errors), read by the strict
    /// JSON parser. Members the record does not know are ignored; `null` counts as absent.
    package static func decode(_ bytes: [UInt8], path: String) throws(TickmarkError) -> RunRecord {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw TickmarkError(.invalidInput, "is not a valid run record: \(error)", path: path)
        }
        if case .string(let schema)? = value["schema"], schema != schemaID {
            throw TickmarkError(.invalidInput, "is a '\(schema)' file, not a Tickmark run record (\(schemaID))", path: path)
        }
        do {
            return try RunRecord(RecordReader(value, path: ""))
        } catch {
            throw TickmarkError(.invalidInput, "is not a valid run record: \(error.message)", path: path)
        }
    }

    private init(_ reader: RecordReader) throws(RecordReader.Failure) {
        self.init(
            schema: try reader.string("schema"),
            tool: try reader.object("tool") { reader throws(RecordReader.Failure) in
                Tool(name: try reader.string("name"), version: try reader.string("version"))
            },
            startedAt: try reader.date("startedAt"), finishedAt: try reader.date("finishedAt"),
            decision: try reader.choice("decision"),
            environment: try reader.object("environment") { reader throws(RecordReader.Failure) in
                RunEnvironment(
                    host: try reader.string("host"), ci: try reader.optionalString("ci"), gitCommit: try reader.optionalString("gitCommit"),
                    gitBranch: try reader.optionalString("gitBranch"), workingDirectory: try reader.string("workingDirectory"),
                    author: try reader.optionalString("author")
                )
            },
            checklists: try reader.objects("checklists", ChecklistRecord.init),
            signOffs: try reader.objects("signOffs", SignOff.init(record:)),
            watch: try reader.optionalObject("watch", WatchInfo.init(record:))
        )
    }
}

extension RunRecord.ChecklistRecord {
    fileprivate init(_ reader: RecordReader) throws(RecordReader.Failure) {
        self.init(
            path: try reader.string("path"), id: try reader.string("id"), title: try reader.optionalString("title"),
            sha256: try reader.string("sha256"), decision: try reader.choice("decision"), blockers: try reader.strings("blockers"),
            variables: try reader.stringMap("variables"), requires: try reader.strings("requires"),
            items: try reader.objects("items", RunRecord.ItemRecord.init), source: try reader.optionalString("source"),
            sourceBase64: try reader.optionalString("sourceBase64"), author: try reader.optionalString("author")
        )
    }
}

extension RunRecord.ItemRecord {
    fileprivate init(_ reader: RecordReader) throws(RecordReader.Failure) {
        self.init(
            id: try reader.string("id"), text: try reader.string("text"), line: try reader.integer("line"),
            column: try reader.integer("column"), state: try reader.choice("state"), severity: try reader.choice("severity"),
            section: try reader.strings("section"), owners: try reader.strings("owners"), digest: try reader.string("digest"),
            parent: try reader.optionalString("parent"), depth: try reader.integer("depth"), status: try reader.choice("status"),
            reason: try reader.string("reason"), satisfied: try reader.boolean("satisfied"), blocking: try reader.boolean("blocking"),
            boxOffset: try reader.integer("boxOffset"), probes: try reader.objects("probes", RunRecord.ProbeRecord.init),
            approvals: try reader.optionalStrings("approvals")
        )
    }
}

extension RunRecord.ProbeRecord {
    fileprivate init(_ reader: RecordReader) throws(RecordReader.Failure) {
        self.init(
            kind: try reader.string("kind"), line: try reader.integer("line"), column: try reader.integer("column"),
            summary: try reader.string("summary"), status: try reader.choice("status"), reason: try reader.string("reason"),
            attempts: try reader.integer("attempts"), advisory: try reader.boolean("advisory"), startedAt: try reader.date("startedAt"),
            durationMilliseconds: try reader.integer("durationMilliseconds"),
            evidence: try reader.object("evidence") { reader throws(RecordReader.Failure) in
                RunRecord.Evidence(
                    action: try reader.string("action"), output: try reader.string("output"),
                    fields: try reader.objects("fields") { reader throws(RecordReader.Failure) in
                        EvidenceField(try reader.string("name"), try reader.string("value"))
                    }
                )
            }
        )
    }
}

extension SignOff {
    fileprivate init(record reader: RecordReader) throws(RecordReader.Failure) {
        self.init(
            checklist: try reader.string("checklist"), item: try reader.string("item"), itemDigest: try reader.string("itemDigest"),
            by: try reader.string("by"), role: try reader.optionalString("role"), at: try reader.date("at"),
            note: try reader.optionalString("note"), decision: try reader.choice("decision"), expires: try reader.optionalDate("expires"),
            signature: try reader.optionalObject("signature") { reader throws(RecordReader.Failure) in
                SignOff.Signature(
                    format: try reader.string("format"), publicKey: try reader.string("publicKey"), signature: try reader.string("signature")
                )
            }
        )
    }
}
