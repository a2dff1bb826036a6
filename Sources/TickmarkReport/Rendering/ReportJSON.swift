import Foundation
import Tickmark
import TickmarkProbes

/// The combined result as `tickmark.report/v1` JSON: decision, counts, checklists with their
/// items, and sign-offs with their validity at report time. Keys come in a fixed order.
package enum ReportJSON {
    /// The schema identifier.
    package static let schemaID = "tickmark.report/v1"

    /// The JSON text of `report`, ending with a line break.
    package static func text(_ report: ReleaseReport) -> String {
        let record = report.record
        var json = JSONWriter()
        json.beginObject()
        json.key("schema"); json.string(schemaID)
        json.key("generatedAt"); json.string(RunRecord.timestamp(report.generatedAt))
        json.key("tool"); json.beginObject()
        json.key("name"); json.string("tickmark")
        json.key("version"); json.string(report.toolVersion)
        json.endObject()
        json.key("decision"); json.string(report.decision.rawValue)
        json.key("counts"); counts(report.counts, into: &json)
        json.key("version"); json.string(report.version)
        json.key("gitCommit"); json.string(record.environment.gitCommit)
        json.key("gitBranch"); json.string(record.environment.gitBranch)
        json.key("startedAt"); json.string(RunRecord.timestamp(record.startedAt))
        json.key("finishedAt"); json.string(RunRecord.timestamp(record.finishedAt))
        json.key("durationMilliseconds"); json.integer(report.durationMilliseconds)
        json.key("records"); json.strings(report.recordPaths)
        json.key("checklists"); json.beginArray()
        for checklist in record.checklists { self.checklist(checklist, notRun: report.notRun[checklist.id] ?? [], into: &json) }
        json.endArray()
        json.key("signOffs"); json.beginArray()
        for entry in report.signOffs { signOff(entry, into: &json) }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }

    private static func counts(_ counts: ReportCounts, into json: inout JSONWriter) {
        json.beginObject()
        for (key, value) in [("pass", counts.pass), ("fail", counts.fail), ("error", counts.error), ("signedOff", counts.signedOff),
                             ("rejected", counts.rejected), ("waiting", counts.waiting), ("ticked", counts.ticked),
                             ("skipped", counts.skipped), ("notApplicable", counts.notApplicable), ("notRun", counts.notRun)] {
            json.key(key); json.integer(value)
        }
        json.endObject()
    }

    private static func checklist(_ checklist: RunRecord.ChecklistRecord, notRun: [ChecklistItem], into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(checklist.id)
        json.key("title"); json.string(checklist.title)
        json.key("path"); json.string(checklist.path)
        json.key("sha256"); json.string(checklist.sha256)
        json.key("decision"); json.string(checklist.decision.rawValue)
        json.key("blockers"); json.strings(checklist.blockers)
        json.key("items"); json.beginArray()
        for item in checklist.items {
            json.beginObject()
            json.key("id"); json.string(item.id)
            json.key("text"); json.string(item.text)
            json.key("line"); json.integer(item.line)
            json.key("severity"); json.string(item.severity.rawValue)
            json.key("state"); json.string(item.state.rawValue)
            json.key("status"); json.string(item.status.rawValue)
            json.key("reason"); json.string(item.reason)
            json.key("satisfied"); json.boolean(item.satisfied)
            json.key("blocking"); json.boolean(item.blocking)
            json.key("owners"); json.strings(item.owners)
            if let approvals = item.approvals { json.key("approvals"); json.strings(approvals) }
            json.key("durationMilliseconds"); json.integer(item.probes.reduce(0) { $0 + $1.durationMilliseconds })
            json.key("probes"); json.beginArray()
            for probe in item.probes {
                json.beginObject()
                json.key("kind"); json.string(probe.kind)
                json.key("line"); json.integer(probe.line)
                json.key("status"); json.string(probe.status.rawValue)
                json.key("reason"); json.string(probe.reason)
                json.key("durationMilliseconds"); json.integer(probe.durationMilliseconds)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("notRun"); json.beginArray()
        for item in notRun {
            json.beginObject()
            json.key("id"); json.string(item.id)
            json.key("text"); json.string(item.text)
            json.key("line"); json.integer(item.position.line)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private static func signOff(_ entry: SignOffEntry, into json: inout JSONWriter) {
        let signOff = entry.signOff
        json.beginObject()
        json.key("checklist"); json.string(signOff.checklist)
        json.key("item"); json.string(signOff.item)
        json.key("by"); json.string(signOff.by)
        json.key("role"); json.string(signOff.role)
        json.key("at"); json.string(RunRecord.timestamp(signOff.at))
        json.key("decision"); json.string(signOff.decision.rawValue)
        json.key("note"); json.string(signOff.note)
        json.key("expires"); json.string(signOff.expires.map(RunRecord.timestamp))
        json.key("validity"); json.string(entry.validity.rawValue)
        json.key("counts"); json.boolean(entry.counts)
        json.key("signed"); json.boolean(signOff.signature != nil)
        if signOff.signature != nil {
            json.key("signature"); json.beginObject()
            json.key("fingerprint"); json.string(entry.signer.fingerprint)
            json.key("principal"); json.string(entry.signer.principal)
            json.key("signer"); json.string(entry.signer.standing.rawValue)
            json.key("problem"); json.string(entry.signer.problem)
            json.endObject()
        }
        json.endObject()
    }
}
