import Foundation
import Tickmark
import TickmarkProbes

/// `tickmark status --format json`: `tickmark.status/v1`, every checklist's standing now.
package enum StatusJSON {
    /// The schema identifier.
    package static let schemaID = "tickmark.status/v1"

    /// The document for `standings`, judged at `now`, keys in a fixed order, with a final newline.
    package static func bytes(_ standings: [ChecklistStanding], now: Date, skipped: [String]) -> [UInt8] {
        var writer = JSONWriter(format: .pretty)
        writer.beginObject()
        writer.staticKey("schema"); writer.string(schemaID)
        writer.staticKey("at"); writer.string(RunRecord.timestamp(now))
        let decision: Decision = standings.allSatisfy { $0.decision == .go } ? .go : .noGo
        writer.staticKey("decision"); writer.string(decision.rawValue)
        writer.staticKey("checklists")
        writer.beginArray()
        for standing in standings { write(standing, now: now, into: &writer) }
        writer.endArray()
        writer.staticKey("skippedFiles"); writer.strings(skipped)
        writer.endObject()
        return writer.finishedLine()
    }

    private static func write(_ standing: ChecklistStanding, now: Date, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("id"); writer.string(standing.id)
        writer.staticKey("path"); writer.string(standing.path)
        writer.staticKey("title"); writer.string(standing.title)
        writer.staticKey("decision"); writer.string(standing.decision.rawValue)
        writer.staticKey("blockers"); writer.strings(standing.blockers)
        writer.staticKey("requires")
        writer.beginArray()
        for requirement in standing.requirements {
            writer.beginObject()
            writer.staticKey("id"); writer.string(requirement.id)
            writer.staticKey("go"); writer.boolean(requirement.go)
            writer.staticKey("reason"); writer.string(requirement.reason)
            writer.endObject()
        }
        writer.endArray()
        writer.staticKey("items")
        writer.beginArray()
        for item in standing.items { write(item, now: now, into: &writer) }
        writer.endArray()
        writer.endObject()
    }

    private static func write(_ item: ItemStanding, now: Date, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.staticKey("id"); writer.string(item.id)
        writer.staticKey("text"); writer.string(item.text)
        writer.staticKey("line"); writer.integer(item.line)
        writer.staticKey("severity"); writer.string(item.severity.rawValue)
        writer.staticKey("parent"); writer.string(item.parent)
        writer.staticKey("state"); writer.string(item.state.rawValue)
        writer.staticKey("blocking"); writer.boolean(item.blocking)
        writer.staticKey("reason"); writer.string(item.reason)
        writer.staticKey("fresh"); writer.string(item.freshness.fresh.map(AgeText.rule))
        writer.staticKey("warn"); writer.string(item.freshness.warn.map(AgeText.rule))
        if let backing = item.backing {
            writer.staticKey("backedBy")
            writer.beginObject()
            writer.staticKey("kind"); writer.string(backing.kind.rawValue)
            writer.staticKey("record"); writer.string(backing.record)
            writer.staticKey("at"); writer.string(backing.at.map(RunRecord.timestamp))
            if let at = backing.at { writer.staticKey("ageSeconds"); writer.integer(Int(now.timeIntervalSince(at).rounded(.down))) }
            writer.staticKey("by"); writer.string(backing.by)
            writer.staticKey("role"); writer.string(backing.role)
            writer.staticKey("probes"); writer.strings(backing.probes)
            writer.endObject()
        } else {
            writer.staticKey("backedBy"); writer.null()
        }
        writer.staticKey("expiresAt"); writer.string(item.expiresAt.map(RunRecord.timestamp))
        if let expires = item.expiresAt {
            writer.staticKey("expiresInSeconds"); writer.integer(Int(expires.timeIntervalSince(now).rounded(.down)))
        } else {
            writer.staticKey("expiresInSeconds"); writer.null()
        }
        writer.endObject()
    }
}
