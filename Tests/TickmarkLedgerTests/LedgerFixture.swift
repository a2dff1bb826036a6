import Foundation
import Tickmark
@testable import TickmarkReport
import TickmarkProbes
import TickmarkTestSupport

/// Run records of made-up releases, written into a temporary folder.
enum LedgerFixture {
    /// A record of release `version`: one checklist, GO or NO-GO, one sign-off by Ana.
    static func record(version: String, go: Bool = true, finished: Date = Date(timeIntervalSince1970: 1_795_000_000)) -> RunRecord {
        let item = RunRecord.ItemRecord(
            id: "rollback-plan", text: "Rollback plan reviewed", line: 3, column: 1, state: .unchecked, severity: .blocking, section: [],
            owners: ["@ana"], digest: "d1", parent: nil, depth: 0, status: .signedOff, reason: "signed off", satisfied: true, blocking: false,
            boxOffset: 2, probes: []
        )
        let decision: Decision = go ? .go : .noGo
        return RunRecord(
            tool: .init(name: "tickmark", version: "0.1.0"), startedAt: finished.addingTimeInterval(-60), finishedAt: finished, decision: decision,
            environment: .init(host: "ci", ci: nil, gitCommit: "c0ffee\(version)", gitBranch: "main", workingDirectory: "/w"),
            checklists: [RunRecord.ChecklistRecord(
                path: "RELEASING.md", id: "releasing", title: "Releasing", sha256: String(repeating: "a", count: 64), decision: decision,
                blockers: [], variables: ["version": version], requires: [], items: [item], source: "# Releasing\n\n- [ ] Rollback plan reviewed\n",
                sourceBase64: nil
            )],
            signOffs: [SignOff(checklist: "releasing", item: "rollback-plan", itemDigest: "d1", by: "Ana Lima <ana@example.com>", role: "release-manager", at: finished)]
        )
    }

    /// Writes the record of `version` to `name` in `folder`; returns its path.
    @discardableResult
    static func write(_ folder: TemporaryFolder, _ name: String, version: String, go: Bool = true, finished: Date = Date(timeIntervalSince1970: 1_795_000_000)) throws -> String {
        try folder.write(name, try record(version: version, go: go, finished: finished).jsonBytes())
    }
}
