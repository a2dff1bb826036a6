import Foundation
import Testing
import Tickmark
@testable import TickmarkReport
import TickmarkTestSupport

/// `tickmark ledger …` end to end, on a real SQLite file (and the real `sqlite3`, `ssh-keygen`
/// and `sha256sum` tools).
@Suite struct LedgerCommandTests {
    /// A workspace holding `count` release records, each added to the default ledger.
    static func ledger(_ count: Int) async throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("RELEASING.md", "# Releasing\n\n- [ ] Rollback plan reviewed @ana\n- [ ] Smoke test `run: true`\n")
        for number in 1...count {
            var record = try workspace.runRecord(of: "RELEASING.md")
            record.checklists[0].variables["version"] = "2.\(number).0"
            try workspace.write("release-\(number).json", record: record)
            let added = await workspace.run(["ledger", "add", "release-\(number).json"])
            #expect(added.code == 0, "\(added.stderr)")
        }
        return workspace
    }

    static func sqlite(_ workspace: Workspace, _ sql: String) throws {
        let result = try run("sqlite3", [workspace.path(".tickmark/ledger.sqlite"), sql])
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func addListShowAndVerify() async throws {
        let workspace = try await Self.ledger(3)
        defer { workspace.remove() }
        let list = await workspace.run(["ledger", "list"])
        #expect(list.code == 0)
        #expect(list.stdout.split(separator: "\n").count == 3)
        #expect(list.stdout.contains("2.3.0"))
        let json = await workspace.run(["ledger", "list", "--format", "json"])
        let entries = try #require(try JSONParser.parse(json.stdout)["entries"]?.arrayValue)
        #expect(entries.compactMap { $0["sequence"]?.intValue } == [1, 2, 3])
        #expect(entries[2]["version"]?.stringValue == "2.3.0")
        #expect(entries[1]["previous"] == entries[0]["hash"])
        let show = await workspace.run(["ledger", "show", "2"])
        #expect(show.code == 0)
        #expect(show.stdout.contains("Entry 2: NO-GO 2.2.0 at abc123"))
        #expect(show.stdout.contains("record    release-2.json"))
        let verify = await workspace.run(["ledger", "verify"])
        #expect(verify.code == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("3 entries, chain intact"))
        let missing = await workspace.run(["ledger", "show", "9"])
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("the ledger has no entry 9"))
    }

    @Test func helpOfASubcommandIsItsOwn() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let help = await workspace.run(["ledger", "add", "--help"])
        #expect(help.code == 0)
        #expect(help.stdout.contains("Append a release"), "\(help.stdout)")
        let named = await workspace.run(["help", "ledger", "export"])
        #expect(named.stdout.contains("Write an audit pack"), "\(named.stdout)")
    }

    @Test func aChangedByteInTheDatabaseIsNamed() async throws {
        let workspace = try await Self.ledger(4)
        defer { workspace.remove() }
        try Self.sqlite(workspace, "UPDATE tickmark_ledger_entries SET body = replace(body, '\"2.3.0\"', '\"2.3.1\"') WHERE sequence = 3")
        let verify = await workspace.run(["ledger", "verify"])
        #expect(verify.code == 1)
        #expect(verify.stderr.contains("error: entry 3: changed: its content no longer matches its stored hash"), "\(verify.stderr)")
    }

    @Test func aChangedStoredReportIsNamed() async throws {
        let workspace = try await Self.ledger(1)
        defer { workspace.remove() }
        try workspace.write("report.md", "# Report\n")
        try workspace.write("run.json", record: try workspace.runRecord(of: "RELEASING.md"))
        #expect(await workspace.run(["ledger", "add", "run.json", "--report", "report.md"]).code == 0)
        try Self.sqlite(workspace, "UPDATE tickmark_ledger_files SET content = CAST('# Rep0rt\n' AS BLOB) WHERE length(content) = 9")
        let verify = await workspace.run(["ledger", "verify"])
        #expect(verify.code == 1)
        #expect(verify.stderr.contains("entry 2: changed: its stored report report.md no longer matches its digest"), "\(verify.stderr)")
    }

    @Test func aDeletedEntryIsNamed() async throws {
        let workspace = try await Self.ledger(4)
        defer { workspace.remove() }
        try Self.sqlite(workspace, "DELETE FROM tickmark_ledger_entries WHERE sequence = 2")
        let verify = await workspace.run(["ledger", "verify"])
        #expect(verify.code == 1)
        #expect(verify.stderr.contains("error: entry 2: removed: entry 2 is missing before entry 3"), "\(verify.stderr)")
    }

    @Test func twoSwappedEntriesAreNamed() async throws {
        let workspace = try await Self.ledger(4)
        defer { workspace.remove() }
        try Self.sqlite(workspace, """
        UPDATE tickmark_ledger_entries SET sequence = -1 WHERE sequence = 1;
        UPDATE tickmark_ledger_entries SET sequence = 1 WHERE sequence = 3;
        UPDATE tickmark_ledger_entries SET sequence = 3 WHERE sequence = -1;
        """)
        let verify = await workspace.run(["ledger", "verify"])
        #expect(verify.code == 1)
        #expect(verify.stderr.contains("error: entry 1: reordered: it holds the content of entry 3"), "\(verify.stderr)")
        #expect(verify.stderr.contains("error: entry 3: reordered: it holds the content of entry 1"), "\(verify.stderr)")
    }

    @Test func signedEntriesVerifyWithSSHKeygen() async throws {
        let workspace = try await Self.ledger(1)
        defer { workspace.remove() }
        #expect(try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ana@example.com", "-f", workspace.path("key")]).status == 0)
        let added = await workspace.run(["ledger", "add", "release-1.json", "--key", "key"])
        #expect(added.code == 0, "\(added.stderr)")
        let verify = await workspace.run(["ledger", "verify"])
        #expect(verify.stdout.contains("2 entries, chain intact, 1 signed"), "\(verify.stdout)\(verify.stderr)")
        let export = await workspace.run(["ledger", "export", "-o", "pack"])
        #expect(export.code == 0, "\(export.stderr)")
        let folder = workspace.path("pack/releases/00002-2.1.0")
        let publicKey = try workspace.read("key.pub").split(separator: " ").prefix(2).joined(separator: " ")
        try workspace.write("allowed_signers", "ana@example.com namespaces=\"tickmark-ledger\" \(publicKey)\n")
        let checked = try run(
            "ssh-keygen", ["-Y", "verify", "-n", "tickmark-ledger", "-f", workspace.path("allowed_signers"), "-I", "ana@example.com", "-s", folder + "/entry.json.sig"],
            input: folder + "/entry.json"
        )
        #expect(checked.status == 0, "\(checked.output)\(checked.errors)")
        try Self.sqlite(workspace, "UPDATE tickmark_ledger_entries SET signature = NULL WHERE sequence = 2")
        let unsigned = await workspace.run(["ledger", "verify"])
        #expect(unsigned.code == 1)
        #expect(unsigned.stderr.contains("entry 2: signature: the entry was signed by"), "\(unsigned.stderr)")
    }

    @Test(.enabled(if: LedgerConcurrency.enabled, LedgerConcurrency.skipReason))
    func eightProcessesAppendTwentyEntriesEachIntoOneChain() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("RELEASING.md", "# Releasing\n\n- [ ] Rollback plan reviewed\n")
        try workspace.write("release.json", record: try workspace.runRecord(of: "RELEASING.md"))
        let binary = repositoryRoot + "/.build/debug/tickmark"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the tickmark executable first (swift build)")
        let ledger = workspace.path(".tickmark/ledger.sqlite"), record = workspace.path("release.json"), folder = workspace.folder
        let (rows, verify) = try await offThePool {
            try LedgerConcurrency.appendInParallel(binary: binary, ledger: ledger, record: record, in: folder)
            return (try run(binary, ["ledger", "list", "--format", "json"], in: folder), try run(binary, ["ledger", "verify"], in: folder))
        }
        try LedgerConcurrency.expectOneChain(listJSON: rows.output, verify: verify)
    }
}

/// Eight processes appending twenty entries each at once, and what the ledger must then hold.
///
/// These tests, and the PostgreSQL server tests, keep both cores busy for many seconds (160
/// process starts each; `initdb`), which made other tests' time limits fail; they run in a
/// `swift test` of their own, which `.ci/run` starts with `TICKMARK_LEDGER_LOAD_TESTS=1` after
/// the whole suite.
enum LedgerConcurrency {
    static let enabled = ProcessInfo.processInfo.environment["TICKMARK_LEDGER_LOAD_TESTS"] == "1"
    static let skipReason: Comment = "runs alone: TICKMARK_LEDGER_LOAD_TESTS=1 swift test --filter 'eightProcesses|LedgerPostgresTests' (as .ci/run does)"

    static func appendInParallel(binary: String, ledger: String, record: String, in folder: String) throws {
        // Descriptors above 2 are closed first: a pipe another test's run is reading from must not
        // stay open in these processes for the seconds they run.
        let script = """
        for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done 2>/dev/null
        for p in 1 2 3 4 5 6 7 8; do
          ( for i in $(seq 1 20); do TICKMARK_LEDGER='\(ledger)' USER="p$p-$i" '\(binary)' ledger add '\(record)' >/dev/null || echo "failed p$p-$i" >&2; done ) &
        done
        wait
        """
        let result = try run("bash", ["-c", script], in: folder)
        guard result.errors.isEmpty else { throw SetUpError(description: "appends failed: \(result.errors)") }
    }

    static func expectOneChain(listJSON: String, verify: ToolRun, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let entries = try #require(try JSONParser.parse(listJSON)["entries"]?.arrayValue, sourceLocation: sourceLocation)
        #expect(entries.compactMap { $0["sequence"]?.intValue } == Array(1...160), sourceLocation: sourceLocation)
        let adders = entries.compactMap { $0["addedBy"]?.stringValue?.split(separator: "@").first.map(String.init) }
        #expect(Set(adders).count == 160, "every process's every append is there exactly once", sourceLocation: sourceLocation)
        #expect(verify.status == 0, "\(verify.errors)", sourceLocation: sourceLocation)
        #expect(verify.output.contains("160 entries, chain intact"), sourceLocation: sourceLocation)
    }
}
