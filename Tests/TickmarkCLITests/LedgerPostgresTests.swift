import Foundation
import Testing
import Tickmark
import TickmarkTestSupport

/// The ledger in a real PostgreSQL server (Debian's `postgresql`), started for each test on
/// 127.0.0.1 in a temporary folder and stopped afterwards. Skipped, with the reason, only when
/// no server can start here. They run in their own `swift test` (see `LedgerConcurrency`).
@Suite(.enabled(if: LedgerConcurrency.enabled, LedgerConcurrency.skipReason)) struct LedgerPostgresTests {
    static func server() async throws -> PostgresServer {
        switch try await offThePool({ PostgresServer.start() }) {
        case .success(let server): return server
        case .failure(let error): try Test.cancel("no PostgreSQL server for the ledger tests: \(error.description)")
        }
    }

    @Test func eightProcessesAppendTwentyEntriesEachIntoOneChain() async throws {
        let server = try await Self.server()
        defer { server.stop() }
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("RELEASING.md", "# Releasing\n\n- [ ] Rollback plan reviewed\n")
        try workspace.write("release.json", record: try workspace.runRecord(of: "RELEASING.md"))
        let binary = repositoryRoot + "/.build/debug/tickmark"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the tickmark executable first (swift build)")
        let url = server.url, record = workspace.path("release.json"), folder = workspace.folder
        let (list, verify) = try await offThePool {
            try LedgerConcurrency.appendInParallel(binary: binary, ledger: url, record: record, in: folder)
            return (
                try run(binary, ["ledger", "list", "--format", "json", "--ledger", url], in: folder),
                try run(binary, ["ledger", "verify", "--ledger", url], in: folder)
            )
        }
        #expect(list.status == 0, "\(list.errors)")
        try LedgerConcurrency.expectOneChain(listJSON: list.output, verify: verify)
        #expect(try server.psql("SELECT count(*) FROM tickmark_ledger_files") == "1\n", "the one record is stored once")
    }

    @Test func changedRemovedAndSwappedEntriesAreNamed() async throws {
        let server = try await Self.server()
        defer { server.stop() }
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("RELEASING.md", "# Releasing\n\n- [ ] Rollback plan reviewed\n")
        try workspace.write("report.md", "# Report\n")
        for number in 1...6 {
            var record = try workspace.runRecord(of: "RELEASING.md")
            record.checklists[0].variables["version"] = "4.\(number).0"
            try workspace.write("release-\(number).json", record: record)
            let added = await workspace.run(["ledger", "add", "release-\(number).json", "--report", "report.md", "--ledger", server.url])
            #expect(added.code == 0, "\(added.stderr)")
        }
        let intact = await workspace.run(["ledger", "verify", "--ledger", server.url])
        #expect(intact.code == 0, "\(intact.stderr)")
        #expect(intact.stdout.contains("postgres://postgres@127.0.0.1:"))

        _ = try server.psql("UPDATE tickmark_ledger_entries SET body = replace(body, '\"4.2.0\"', '\"4.2.1\"') WHERE sequence = 2")
        let changed = await workspace.run(["ledger", "verify", "--ledger", server.url])
        #expect(changed.code == 1)
        #expect(changed.stderr.contains("error: entry 2: changed: its content no longer matches its stored hash"), "\(changed.stderr)")
        _ = try server.psql("UPDATE tickmark_ledger_entries SET body = replace(body, '\"4.2.1\"', '\"4.2.0\"') WHERE sequence = 2")

        _ = try server.psql("""
        UPDATE tickmark_ledger_entries SET sequence = -1 WHERE sequence = 3;
        UPDATE tickmark_ledger_entries SET sequence = 3 WHERE sequence = 5;
        UPDATE tickmark_ledger_entries SET sequence = 5 WHERE sequence = -1;
        """)
        let swapped = await workspace.run(["ledger", "verify", "--ledger", server.url])
        #expect(swapped.code == 1)
        #expect(swapped.stderr.contains("error: entry 3: reordered: it holds the content of entry 5"), "\(swapped.stderr)")
        #expect(swapped.stderr.contains("error: entry 5: reordered: it holds the content of entry 3"), "\(swapped.stderr)")

        _ = try server.psql("DELETE FROM tickmark_ledger_entries WHERE sequence = 4")
        let removed = await workspace.run(["ledger", "verify", "--ledger", server.url])
        #expect(removed.code == 1)
        #expect(removed.stderr.contains("error: entry 4: removed: entry 4 is missing before entry 5"), "\(removed.stderr)")

        _ = try server.psql("UPDATE tickmark_ledger_files SET content = '\\x00'::bytea")
        let file = await workspace.run(["ledger", "verify", "--ledger", server.url])
        #expect(file.stderr.contains("error: entry 1: changed: its stored report report.md no longer matches its digest"), "\(file.stderr)")

        let export = await workspace.run(["ledger", "export", "-o", "audit", "--ledger", server.url])
        #expect(export.code == 1)
        #expect(try workspace.read("audit/index.html").contains("CHAIN BROKEN"))
    }

    @Test func anUnreachableServerIsAClearError() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["ledger", "list", "--ledger", "postgres://nobody:secret@127.0.0.1:\(try ClosedPort.find())/none"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("cannot connect to the PostgreSQL ledger"), "\(result.stderr)")
        #expect(!result.stderr.contains("secret"))
    }
}
