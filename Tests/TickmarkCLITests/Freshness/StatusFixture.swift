import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
@testable import TickmarkReport
import TickmarkTestSupport

/// A workspace with a release checklist whose evidence ages, its run records, and `status` run
/// in-process at a time the test chooses.
struct StatusFixture {
    static let checklist = """
    ---
    id: release
    ---
    # Release

    - [ ] Backup check passes `probe: file backup.log exists fresh=7d warn=1d`
    - [ ] Tests pass `probe: run swift test`
    - [ ] Rollback plan reviewed `fresh: 7d` @release-manager
    - [x] Status page ready

    """

    /// When the fixture's run started (`Workspace.runRecord`'s start).
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let ana = "Ana Lima <ana@example.com>"

    let workspace: Workspace

    init(checklist: String = Self.checklist) throws {
        workspace = try Workspace()
        try workspace.write("release.md", checklist)
    }

    func remove() { workspace.remove() }

    /// A record of the checklist as it is now, at `.tickmark/runs/NAME`, probes passing unless
    /// `failing`, started `offset` seconds after `start`, with `signOffs`.
    @discardableResult
    func record(_ name: String, offset: TimeInterval = 0, failing: [String: String] = [:], signOffs: [SignOff] = []) throws -> RunRecord {
        var record = try workspace.runRecord(of: "release.md", failing: failing)
        record.startedAt += offset
        record.finishedAt += offset
        for item in record.checklists[0].items.indices {
            for probe in record.checklists[0].items[item].probes.indices {
                record.checklists[0].items[item].probes[probe].startedAt += offset
                record.checklists[0].items[item].probes[probe].summary = ["file": "backup.log exists", "run": "swift test"][record.checklists[0].items[item].probes[probe].kind] ?? ""
            }
        }
        record.signOffs = signOffs
        record = record.recomputed(at: record.finishedAt)
        try workspace.write(".tickmark/runs/\(name)", record: record)
        return record
    }

    /// A sign-off of the item `id` by Ana, `offset` seconds after `start`.
    func signOff(_ id: String, offset: TimeInterval, expires: Date? = nil, decision: SignOff.Decision = .approve) throws -> SignOff {
        let checklist = ChecklistParser.parse(Array(try workspace.read("release.md").utf8), path: "release.md")
        let item = try #require(checklist.allItems.first { $0.id == id })
        return SignOff(checklist: "release", item: id, itemDigest: item.contentDigest, by: Self.ana, role: "release-manager",
                       at: Self.start.addingTimeInterval(offset), decision: decision, expires: expires)
    }

    /// `tickmark status ARGUMENTS…` in the workspace, `days` and one second after `start` (the
    /// fixture's probes end a quarter of a second after it).
    func status(_ arguments: [String] = ["release.md"], days: Double) throws -> (code: Int32, stdout: String, stderr: String) {
        let buffer = OutputBuffer()
        let command = try StatusCommand.parse(arguments)
        let clock = FixedClock(Self.start).advanced(by: days * 86_400 + 1)
        let code = try command.execute(buffer.console(currentDirectory: workspace.folder), clock: clock)
        return (code, buffer.stdout, buffer.stderr)
    }

    /// The line of `status` output about the item `id`.
    static func line(_ id: String, in output: String) -> String {
        output.split(separator: "\n").first { $0.contains(" \(id):") }.map(String.init) ?? ""
    }
}
