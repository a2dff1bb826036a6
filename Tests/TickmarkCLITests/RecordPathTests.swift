import Foundation
import Testing
import Tickmark
import TickmarkCLI
@testable import TickmarkReport
import TickmarkTestSupport

/// The default record path stays inside the records folder whatever the checklist's id, and two
/// runs in the same second never share a file.
@Suite struct RecordPathTests {
    @Test(arguments: ["../../../x", "a/b", ".hidden", "..", "a\\b"])
    func lintRefusesAnIDThatIsNotAFileName(id: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("c.md", "---\nid: \"\(id.replacingOccurrences(of: "\\", with: "\\\\"))\"\n---\n# Release\n\n- [ ] Builds `probe: run true`\n")
        let lint = await workspace.run(["lint", "c.md"])
        #expect(lint.code == 2 || lint.code == 1, "\(lint.stdout)\(lint.stderr)")
        #expect((lint.stdout + lint.stderr).contains("c.md:2:1: error: 'id' must not"), "\(lint.stdout)\(lint.stderr)")
        let run = await workspace.run(["run", "c.md", "--probes-only"])
        #expect(run.code == 2, "\(run.stdout)\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("x-")))
        let outside = try FileManager.default.contentsOfDirectory(atPath: workspace.folder).filter { $0 != "c.md" && $0 != ".tickmark" }
        #expect(outside.isEmpty)
    }

    @Test func theDefaultPathOfAnyIDIsInsideTheRunsFolder() {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        for id in ["../../../x", "/etc/passwd", "..", ".", "a/../../b", "x\u{0}y", ""] {
            let path = RunRecord.defaultPath(ids: [id], at: date, in: ".tickmark")
            let name = String(path.dropFirst(".tickmark/runs/".count))
            #expect(path.hasPrefix(".tickmark/runs/"), "\(id) → \(path)")
            #expect(!name.contains("/") && !name.hasPrefix("."), "\(id) → \(path)")
        }
    }

    @Test func twoRunsInTheSameSecondKeepBothRecords() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("c.md", "# Release\n\n- [ ] Builds `probe: run true`\n")
        var noGo = try workspace.runRecord(of: "c.md")
        noGo.decision = .noGo
        var go = noGo
        go.decision = .go
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let first = try noGo.writeNew(ids: ["c"], at: date, in: ".tickmark", base: workspace.folder)
        let second = try go.writeNew(ids: ["c"], at: date, in: ".tickmark", base: workspace.folder)
        #expect(first != second)
        #expect(try workspace.record(first).decision == .noGo)
        #expect(try workspace.record(second).decision == .go)
    }
}
