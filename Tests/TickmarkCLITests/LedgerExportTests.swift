import Foundation
import Testing
import Tickmark
@testable import TickmarkReport
import TickmarkTestSupport

/// `tickmark ledger export`: the audit pack.
@Suite struct LedgerExportTests {
    static let hostile = "<div style=\"position:fixed;inset:0;background:#fff\">GO</div>"

    /// Releases on 1, 2 and 3 December; the second has a report, its signature and a hostile approver name.
    static func workspace() async throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("RELEASING.md", "# Releasing\n\n- [ ] Rollback plan reviewed @ana\n")
        for day in 1...3 {
            var record = try workspace.runRecord(of: "RELEASING.md")
            record.checklists[0].variables["version"] = "3.\(day).0"
            record.finishedAt = try #require(RunRecord.parseTimestamp("2026-12-0\(day)T12:00:00Z"))
            record.signOffs = [SignOff(
                checklist: record.checklists[0].id, item: record.checklists[0].items[0].id, itemDigest: record.checklists[0].items[0].digest,
                by: day == 2 ? Self.hostile : "Ana Lima <ana@example.com>", role: "release-manager", at: record.finishedAt
            )]
            try workspace.write("release-\(day).json", record: record)
            var arguments = ["ledger", "add", "release-\(day).json"]
            if day == 2 {
                try workspace.write("report.md", "# Release 3.2.0\n")
                try workspace.write("report.md.sig", "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n")
                arguments += ["--report", "report.md"]
            }
            let added = await workspace.run(arguments)
            #expect(added.code == 0, "\(added.stderr)")
        }
        return workspace
    }

    @Test func thePackHoldsThePeriodsReleasesAndItsDigestsCheck() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        let export = await workspace.run(["ledger", "export", "--from", "2026-12-02", "--to", "2026-12-03", "-o", "audit"])
        #expect(export.code == 0, "\(export.stderr)")
        #expect(export.stdout.contains("Wrote the audit pack of 2 releases"))
        let names = try FileManager.default.subpathsOfDirectory(atPath: workspace.path("audit")).sorted()
        #expect(names.contains("releases/00002-3.2.0/records/release-2.json"))
        #expect(names.contains("releases/00002-3.2.0/reports/report.md"))
        #expect(names.contains("releases/00002-3.2.0/signatures/report.md.sig"))
        #expect(names.contains("releases/00002-3.2.0/approvers.json"))
        #expect(names.contains("releases/00003-3.3.0/entry.json"))
        #expect(!names.contains { $0.hasPrefix("releases/00001") })
        #expect(try workspace.read("audit/releases/00002-3.2.0/reports/report.md") == "# Release 3.2.0\n")
        let check = try run("sha256sum", ["-c", "--strict", "SHA256SUMS"], in: workspace.path("audit"))
        #expect(check.status == 0, "\(check.output)\(check.errors)")
        let listed = try workspace.read("audit/SHA256SUMS").split(separator: "\n").count
        #expect(listed == names.filter { !$0.hasSuffix("SHA256SUMS") && !FileManager.default.fileExists(atPath: workspace.path("audit/\($0)/.")) }.count)
        let again = await workspace.run(["ledger", "export", "-o", "audit"])
        #expect(again.code == 2)
        #expect(again.stderr.contains("not empty"))
    }

    @Test func theIndexLoadsNothingAndEscapesWhatRecordsHold() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        #expect(await workspace.run(["ledger", "export", "-o", "audit"]).code == 0)
        let html = try workspace.read("audit/index.html")
        #expect(PageChecks.externalLoads(html).isEmpty, "\(PageChecks.externalLoads(html))")
        #expect(!html.contains(Self.hostile))
        #expect(html.contains(HTMLEscaped.text(Self.hostile)))
        #expect(html.contains("CHAIN INTACT"))
        #expect(html.contains("href=\"releases/00002-3.2.0/reports/report.md\""))
    }

    @Test func aBrokenChainIsSaidOnThePageAndInTheExitCode() async throws {
        let workspace = try await Self.workspace()
        defer { workspace.remove() }
        #expect(try run("sqlite3", [workspace.path(".tickmark/ledger.sqlite"), "DELETE FROM tickmark_ledger_entries WHERE sequence = 2"]).status == 0)
        let export = await workspace.run(["ledger", "export", "-o", "audit"])
        #expect(export.code == 1)
        let html = try workspace.read("audit/index.html")
        #expect(html.contains("CHAIN BROKEN"))
        #expect(html.contains("entry 2: removed"))
    }
}

/// HTML escaping as the pages do it, for expectations.
enum HTMLEscaped {
    static func text(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
