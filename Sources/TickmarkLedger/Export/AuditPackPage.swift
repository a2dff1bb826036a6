import Foundation
import Tickmark
import TickmarkReport

/// The audit pack's `index.html`: the chain's state, one row per release, then each release's
/// checklists, approvers and files (linked relative to the pack, so the page works offline).
struct AuditPackPage {
    struct File {
        var reference: LedgerEntry.FileReference
        /// Where it is in the pack, or nil when the ledger no longer holds it.
        var path: String?
    }

    struct Release {
        var entry: LedgerEntry
        var hash: String
        var signed: Bool
        var folder: String
        var files: [File]
    }

    var ledger: String
    var period: String
    var exportedAt: Date
    var chain: LedgerVerifier.Outcome
    var releases: [Release]

    private func e(_ text: String) -> String { HTMLPage.escape(text) }

    var html: String {
        var body = "<h1>Audit pack: releases \(e(period))</h1>\n"
        body += "<p class=\"lead\">From the ledger <code>\(e(ledger))</code>, exported \(e(HTMLPage.time(exportedAt))). \(releases.count) release\(releases.count == 1 ? "" : "s").</p>\n"
        if chain.problems.isEmpty {
            body += "<div class=\"banner\">\(HTMLPage.verdict("CHAIN INTACT", good: true))<div>All \(chain.count) entries of the ledger verified when this pack was made: each matches its hash and links to the one before it\(chain.signed > 0 ? "; \(chain.signed) carry a good signature" : ""). Head hash <code>\(e(chain.head ?? StoredEntry.genesis))</code>.</div></div>\n"
        } else {
            body += "<div class=\"banner\">\(HTMLPage.verdict("CHAIN BROKEN", good: false))<div><strong>The ledger did not verify when this pack was made</strong> (\(chain.problems.count) problem\(chain.problems.count == 1 ? "" : "s")):<ul>"
            for problem in chain.problems { body += "<li>\(e(problem.description))</li>" }
            body += "</ul></div></div>\n"
        }
        body += "<h2>Releases</h2>\n<table><thead><tr><th>#</th><th>Released</th><th>Decision</th><th>Version</th><th>Commit</th><th>Approvers</th><th>Entry</th></tr></thead><tbody>\n"
        for release in releases {
            let entry = release.entry
            let approvers = entry.release.approvers.compactMap { $0["by"]?.stringValue }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            body += "<tr><td><a href=\"#entry-\(entry.sequence)\">\(entry.sequence)</a></td><td>\(e(HTMLPage.time(entry.release.releasedAt)))</td>"
            body += "<td>\(HTMLPage.verdict(entry.release.decision))</td><td>\(e(entry.release.version ?? "–"))</td>"
            body += "<td><code>\(e(String((entry.release.commit ?? "–").prefix(12))))</code></td>"
            body += "<td>\(approvers.isEmpty ? "<span class=\"muted\">none</span>" : approvers.map(e).joined(separator: "<br>"))</td>"
            body += "<td>\(release.signed ? "signed" : "<span class=\"muted\">unsigned</span>")</td></tr>\n"
        }
        if releases.isEmpty { body += "<tr><td colspan=\"7\" class=\"muted\">No release in this period.</td></tr>\n" }
        body += "</tbody></table>\n"
        for release in releases { body += section(release) }
        body += """
        <h2>How to check this pack</h2>
        <ul>
        <li><code>sha256sum -c SHA256SUMS</code> in this folder: every file is as exported.</li>
        <li>Each <code>entry.json</code> is the exact content the ledger's chain hashes: its SHA-256 is the entry's hash above, and its <code>previous</code> is the hash of the entry before it.</li>
        <li>A signed entry: <code>ssh-keygen -Y verify -n tickmark-ledger -f allowed_signers -I EMAIL -s entry.json.sig &lt; entry.json</code>. Signed reports: <code>tickmark verify</code> or <code>ssh-keygen -Y verify -n tickmark</code>.</li>
        <li>The ledger itself: <code>tickmark ledger verify --ledger \(e(ledger))</code>.</li>
        </ul>
        <footer>Written by Tickmark. This page loads nothing from the network.</footer>
        """
        return HTMLPage.document(title: "Audit pack: releases \(period)", body: body)
    }

    private func section(_ release: Release) -> String {
        let entry = release.entry
        var html = "<section class=\"phase \(entry.release.decision == "GO" ? "go" : "nogo")\" id=\"entry-\(entry.sequence)\">"
        html += "<header><h2>Entry \(entry.sequence): \(e(entry.release.version ?? "release"))</h2>\(HTMLPage.verdict(entry.release.decision))</header>\n"
        html += "<p class=\"note\">Released \(e(HTMLPage.time(entry.release.releasedAt))) · commit <code>\(e(entry.release.commit ?? "–"))</code> · added \(e(HTMLPage.time(entry.addedAt))) by \(e(entry.addedBy))"
        html += entry.signer.map { " · entry signed by key <code>\(e($0))</code>" } ?? " · entry not signed"
        html += "<br>hash <code>\(e(release.hash))</code><br>previous <code>\(e(entry.previous))</code></p>\n"
        html += "<h3>Checklists</h3><table><thead><tr><th>Checklist</th><th>Decision</th><th>SHA-256 of the source</th></tr></thead><tbody>"
        for checklist in entry.release.checklists {
            html += "<tr><td>\(e(checklist["id"]?.stringValue ?? "?"))<br><span class=\"note\">\(e(checklist["path"]?.stringValue ?? ""))</span></td>"
            html += "<td>\(HTMLPage.verdict(checklist["decision"]?.stringValue ?? "?"))</td><td><code>\(e(checklist["sha256"]?.stringValue ?? ""))</code></td></tr>"
        }
        html += "</tbody></table>\n<h3>Approvals</h3>"
        if entry.release.approvers.isEmpty {
            html += "<p class=\"muted\">No sign-offs were recorded for this release.</p>"
        } else {
            html += "<table><thead><tr><th>Who</th><th>Role</th><th>Item</th><th>Decision</th><th>When</th><th>Standing</th></tr></thead><tbody>"
            for approver in entry.release.approvers {
                let signed = approver["signed"]?.boolValue == true ? ", signed" : ""
                html += "<tr><td>\(e(approver["by"]?.stringValue ?? "?"))</td><td>\(e(approver["role"]?.stringValue ?? "–"))</td>"
                html += "<td>\(e(approver["checklist"]?.stringValue ?? "?")) › \(e(approver["item"]?.stringValue ?? "?"))</td>"
                html += "<td>\(e(approver["decision"]?.stringValue ?? "?"))</td><td>\(e(approver["at"]?.stringValue.flatMap(RunRecord.readTimestamp).map(HTMLPage.time) ?? approver["at"]?.stringValue ?? "?"))</td>"
                html += "<td>\(e(approver["validity"]?.stringValue ?? "?"))\(signed)</td></tr>"
            }
            html += "</tbody></table>"
        }
        html += "\n<h3>Files</h3><table><thead><tr><th>Kind</th><th>File</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>"
        html += "<tr><td>entry</td><td><a href=\"\(e(release.folder))/entry.json\">entry.json</a>\(release.signed ? " + <a href=\"\(e(release.folder))/entry.json.sig\">.sig</a>" : "")</td><td></td><td><code>\(e(release.hash))</code></td></tr>"
        for file in release.files {
            let name = file.path.map { "<a href=\"\(e($0))\">\(e(file.reference.name))</a>" } ?? "\(e(file.reference.name)) <strong>(missing from the ledger)</strong>"
            html += "<tr><td>\(e(file.reference.role))</td><td>\(name)</td><td>\(file.reference.size)</td><td><code>\(e(file.reference.sha256))</code></td></tr>"
        }
        html += "</tbody></table></section>\n"
        return html
    }
}
