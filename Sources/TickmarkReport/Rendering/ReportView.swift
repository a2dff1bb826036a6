import Foundation
import Tickmark
import TickmarkProbes

/// What the report templates see: every value already worded and, for Markdown, escaped, so
/// templates hold layout only. Mustache reads stored properties by reflection.
struct ReportView {
    struct Row { var label: String; var value: String }

    struct ChecklistView {
        var id: String
        var title: String
        var path: String
        var decision: String
        var isGo: Bool
        var decisionMark: String
        var counts: String
        var sha256: String
        var blockers: [String]
        var hasBlockers: Bool
        /// The re-rendered Markdown (raw, never escaped).
        var markdown: String
        /// The Markdown rendered to HTML by cmark-gfm (HTML reports only).
        var html: String
    }

    struct SignOffView {
        var checklist: String
        var itemID: String
        var itemText: String
        var line: String
        var decision: String
        var decisionMark: String
        var isApproval: Bool
        var by: String
        var role: String?
        var at: String
        var expires: String?
        var note: String?
        var validity: String
        /// Why a sign-off does not count (`the item changed since`), if it does not.
        var validityDetail: String?
        var validityMark: String
        var isValid: Bool
        var signature: String
        var isSigned: Bool
    }

    var title: String
    var decision: String
    var isGo: Bool
    var decisionMark: String
    var headline: String
    var summary: [Row]
    var blockers: [String]
    var hasBlockers: Bool
    var checklists: [ChecklistView]
    var signOffs: [SignOffView]
    var hasSignOffs: Bool
    var generatedAt: String
    var toolVersion: String
    var recordsText: String

    /// The view of `report`; `escape` makes plain text safe for the output format (identity for
    /// HTML, whose template escapes), `html` renders a checklist's Markdown when needed.
    init(_ report: ReleaseReport, bodies: [RenderedChecklist], escape: (String) -> String, html: ([UInt8]) -> String) {
        let record = report.record
        let isGo = report.decision == .go
        let blockerCount = record.checklists.reduce(0) { $0 + $1.blockers.count }
        title = escape("Release report" + (report.version.map { " \($0)" } ?? ""))
        decision = report.decision.rawValue
        self.isGo = isGo
        decisionMark = isGo ? "✅" : "⛔"
        headline = escape(isGo
            ? "Every blocking item is done."
            : "\(ReportText.plural(blockerCount, "blocker")) \(blockerCount == 1 ? "stands" : "stand") in the way of the release.")
        var rows: [(String, String?)] = [
            ("Decision", "\(isGo ? "✅" : "⛔") \(report.decision.rawValue)"),
            ("Items", report.counts.text),
            ("Version", report.version),
            ("Commit", record.environment.gitCommit),
            ("Branch", record.environment.gitBranch),
            ("Run", "\(ReportText.time(record.startedAt)) to \(ReportText.time(record.finishedAt))"),
            ("Duration", ReportText.duration(milliseconds: report.durationMilliseconds)),
            ("Host", record.environment.host + (record.environment.ci.map { " (\($0))" } ?? "")),
        ]
        let recordedBy = record.tool.version == report.toolVersion ? "" : " (recorded by tickmark \(record.tool.version))"
        rows.append(("Tool", "tickmark \(report.toolVersion)" + recordedBy))
        summary = rows.compactMap { label, value in value.flatMap { $0.isEmpty ? nil : Row(label: label, value: escape($0)) } }
        blockers = record.checklists.flatMap { checklist in Self.blockers(checklist).map(escape) }
        hasBlockers = !blockers.isEmpty
        checklists = zip(record.checklists, bodies).map { checklist, body in
            var counts = ReportCounts()
            for item in checklist.items { counts.add(item) }
            counts.notRun = report.notRun[checklist.id]?.count ?? 0
            return ChecklistView(
                id: escape(checklist.id), title: escape(checklist.title ?? checklist.id), path: escape(checklist.path),
                decision: checklist.decision.rawValue, isGo: checklist.decision == .go,
                decisionMark: checklist.decision == .go ? "✅" : "⛔", counts: escape(counts.text),
                sha256: checklist.sha256, blockers: checklist.blockers.map(escape), hasBlockers: !checklist.blockers.isEmpty,
                markdown: String(decoding: body.bytes, as: UTF8.self), html: html(body.bytes)
            )
        }
        signOffs = report.signOffs.map { entry in SignOffView(entry, escape: escape) }
        hasSignOffs = !signOffs.isEmpty
        generatedAt = ReportText.time(report.generatedAt)
        toolVersion = escape(report.toolVersion)
        recordsText = escape(report.recordPaths.count == 1
            ? "the run record \(report.recordPaths[0])"
            : "\(report.recordPaths.count) run records: \(report.recordPaths.joined(separator: ", "))")
    }
}

extension ReportView {
    /// A checklist's blockers in words: each blocking item's text, reason and place, then the
    /// blockers that are not about one item (unmet requirements, unbacked ticks).
    static func blockers(_ checklist: RunRecord.ChecklistRecord) -> [String] {
        let blocking = checklist.items.filter(\.blocking)
        let own = Set(blocking.map { "\($0.id) (line \($0.line)): \($0.reason)" })
        return blocking.map { "\($0.text) — \($0.reason) (\(checklist.path):\($0.line))" }
            + checklist.blockers.filter { !own.contains($0) }.map { "\(checklist.id): \($0)" }
    }
}

extension ReportView.SignOffView {
    init(_ entry: SignOffEntry, escape: (String) -> String) {
        let signOff = entry.signOff
        let approve = signOff.decision == .approve
        checklist = escape(signOff.checklist)
        itemID = escape(signOff.item)
        itemText = escape(entry.itemText ?? "(no longer in the checklist)")
        line = entry.line.map { "line \($0)" } ?? ""
        decision = approve ? "approved" : "rejected"
        decisionMark = approve ? "✍️" : "🚫"
        isApproval = approve
        by = escape(signOff.by)
        role = signOff.role.map(escape)
        at = ReportText.time(signOff.at)
        expires = signOff.expires.map(ReportText.time)
        note = signOff.note.map(escape)
        validity = entry.validity.rawValue
        switch entry.validity {
        case .valid: (validityMark, validityDetail) = ("🟢", nil)
        case .expired: (validityMark, validityDetail) = ("⌛", "does not count")
        case .stale: (validityMark, validityDetail) = ("🟠", entry.itemKnown ? "the item changed since" : "the item is gone")
        }
        if entry.validity == .valid, !entry.signer.counts {
            (validity, validityMark, validityDetail) = ("refused", "⛔", "does not count: " + escape(entry.signer.problem ?? "the signature is refused"))
        }
        isValid = entry.counts
        switch entry.signer.standing {
        case .unsigned: signature = "not signed"
        case .refused: signature = "🔏 " + escape(entry.signer.fingerprint.map { "signed by key \($0)" } ?? "signature unreadable")
        default: signature = "🔏 " + escape(entry.signer.text)
        }
        isSigned = signOff.signature != nil
    }
}
