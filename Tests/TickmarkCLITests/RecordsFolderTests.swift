import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// One records folder for `--record`, `requires:` and the `checklist` probe.
@Suite struct RecordsFolderTests {
    static let staging = "---\nid: staging\n---\n# Staging\n- [ ] Deployed `probe: run test -f deployed`\n"
    static let production = "---\nrequires: [staging]\n---\n# Production\n- [ ] Up `probe: run true`\n"
    static let gate = "# Gate\n- [ ] Staging passed `probe: checklist staging`\n"

    func fixture() throws -> RunFixture {
        let fixture = try RunFixture(files: ["staging.md": Self.staging, "production.md": Self.production, "gate.md": Self.gate])
        try fixture.scratch.write("deployed", "")
        return fixture
    }

    /// Runs `production.md` and `gate.md` without records; both exit `expected`.
    func expectDependents(_ fixture: RunFixture, _ expected: Int32, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async {
        let production = await fixture.run(["run", "production.md", "--no-record"] + extra)
        #expect(production.code == expected, "\(production.stdout)\(production.stderr)", sourceLocation: sourceLocation)
        let gate = await fixture.run(["run", "gate.md", "--no-record"] + extra)
        #expect(gate.code == expected, "\(gate.stdout)\(gate.stderr)", sourceLocation: sourceLocation)
    }

    @Test func theDefaultRecordIsFound() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        await expectDependents(fixture, 1)
        let staging = await fixture.run(["run", "staging.md"])
        #expect(staging.code == 0)
        #expect(staging.stdout.contains("Record: .tickmark/runs/staging-"))
        await expectDependents(fixture, 0)
    }

    @Test func aRecordWrittenWithRecordInsideTheFolderIsFound() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        #expect(await fixture.run(["run", "staging.md", "--record", ".tickmark/release.json"]).code == 0)
        await expectDependents(fixture, 0)
        #expect(await fixture.run(["run", "gate.md", "--no-record", "--json", "gate.json"]).code == 0)
        #expect(fixture.read("gate.json").contains("'staging' was GO in its latest run (finished "), "\(fixture.read("gate.json"))")
        #expect(fixture.read("gate.json").contains(", .tickmark/release.json)"))
    }

    @Test func theRecordsOptionMovesTheFolderForAll() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let staging = await fixture.run(["run", "staging.md", "--records", "ci/records"])
        #expect(staging.code == 0)
        #expect(staging.stdout.contains("Record: ci/records/runs/staging-"), "\(staging.stdout)")
        await expectDependents(fixture, 1)
        await expectDependents(fixture, 0, ["--records", "ci/records"])
    }

    @Test func theEnvironmentVariableMovesTheFolderForAll() async throws {
        var fixture = try fixture()
        defer { fixture.remove() }
        fixture.environment["TICKMARK_RECORDS"] = "audit"
        #expect(await fixture.run(["run", "staging.md"]).code == 0)
        #expect(try fixture.scratch.names(in: "audit/runs").count == 1)
        await expectDependents(fixture, 0)
        fixture.environment["TICKMARK_RECORDS"] = nil
        await expectDependents(fixture, 1)
        await expectDependents(fixture, 0, ["--records", "audit"])
    }

    @Test func theNewestRecordWinsWhereverItIs() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        #expect(await fixture.run(["run", "staging.md"]).code == 0)
        try FileManager.default.removeItem(atPath: fixture.scratch.path("deployed"))
        #expect(await fixture.run(["run", "staging.md", "--record", ".tickmark/release.json"]).code == 1)
        await expectDependents(fixture, 1)
        try fixture.scratch.write("deployed", "")
        #expect(await fixture.run(["run", "staging.md"]).code == 0)
        await expectDependents(fixture, 0)
    }

    @Test func runsInTheSameSecondKeepTheirOwnRecords() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        try FileManager.default.removeItem(atPath: fixture.scratch.path("deployed"))
        // Three quick runs span at most two seconds: with one name per second, one record would be lost.
        var written: [String] = []
        for _ in 0..<3 {
            let result = await fixture.run(["run", "staging.md"])
            #expect(result.code == 1)
            written += result.stdout.split(separator: "\n").filter { $0.hasPrefix("Record: ") }.map { String($0.dropFirst(8)) }
        }
        #expect(Set(written).count == 3, "\(written)")
        #expect(try fixture.scratch.names(in: ".tickmark/runs").count == 3)
        for path in written { #expect(try fixture.scratch.text(path).contains("\"decision\" : \"NO-GO\"")) }
    }

    @Test func watchWritesToTheRecordsFolderAndReadsItsRecords() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        #expect(await fixture.run(["run", "staging.md", "--records", "ci/records"]).code == 0)
        let watch = await fixture.run(["watch", "gate.md", "--for", "200ms", "--every", "100ms", "--records", "ci/records"])
        #expect(watch.code == 0, "\(watch.stdout)\(watch.stderr)")
        #expect(watch.stdout.contains("Record: ci/records/runs/gate-"), "\(watch.stdout)")
    }
}
