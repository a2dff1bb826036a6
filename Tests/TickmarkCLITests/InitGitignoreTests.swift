import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// `init` keeps the records folder out of git, once, and leaves the rest of `.gitignore` alone.
@Suite struct InitGitignoreTests {
    func initialize(_ folder: String, _ extra: [String] = []) async -> (code: Int32, stdout: String) {
        let output = OutputBuffer()
        let code = await TickmarkCommand.run(["init", folder] + extra, console: output.console(currentDirectory: folder))
        return (code, output.stdout + output.stderr)
    }

    @Test func initCreatesGitignoreOnce() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let first = await initialize(scratch.path)
        #expect(first.code == 0)
        #expect(try scratch.text(".gitignore") == "# Tickmark's run records (the roster, .tickmark/roster.yml, stays tracked)\n/.tickmark/*\n!/.tickmark/roster.yml\n")
        #expect(first.stdout.contains("created .gitignore (ignores .tickmark/, the run records)"), "\(first.stdout)")
        let second = await initialize(scratch.path, ["--force"])
        #expect(second.code == 0)
        #expect(try scratch.text(".gitignore") == "# Tickmark's run records (the roster, .tickmark/roster.yml, stays tracked)\n/.tickmark/*\n!/.tickmark/roster.yml\n")
        #expect(!second.stdout.contains(".gitignore"), "\(second.stdout)")
    }

    @Test func initAppendsToAnExistingGitignoreKeepingItsBytes() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let original: [UInt8] = Array("node_modules/\r\n*.log\n# no newline at the end".utf8) + [0xE9]
        _ = try scratch.write(".gitignore", original)
        let first = await initialize(scratch.path)
        #expect(first.code == 0)
        #expect(first.stdout.contains("added .tickmark/ to .gitignore (the run records)"), "\(first.stdout)")
        let expected = original + Array(("\n" + "# Tickmark's run records (the roster, .tickmark/roster.yml, stays tracked)\n/.tickmark/*\n!/.tickmark/roster.yml\n").utf8)
        #expect(try scratch.read(".gitignore") == expected)
        #expect(await initialize(scratch.path, ["--force"]).code == 0)
        #expect(try scratch.read(".gitignore") == expected)
    }

    @Test(arguments: [".tickmark", ".tickmark/", "/.tickmark", "/.tickmark/", "  /.tickmark/  ", "/.tickmark/*"])
    func anExistingEntryIsKept(_ entry: String) async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        try scratch.write(".gitignore", "build/\n\(entry)\n")
        #expect(await initialize(scratch.path).code == 0)
        #expect(try scratch.text(".gitignore") == "build/\n\(entry)\n")
    }

    @Test func theRecordsAreThenIgnoredByGit() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        try Shell.run("git init -q -b main", in: scratch.path)
        #expect(await initialize(scratch.path).code == 0)
        try scratch.write(".tickmark/runs/staging-20260101T000000Z.json", "{}")
        try scratch.write(".tickmark/roster.yml", "people: {}\n")
        let status = try Shell.run("git status --porcelain=v1 --untracked-files=all", in: scratch.path)
        #expect(!status.contains(".tickmark/runs"), "\(status)")
        #expect(status.contains("?? .tickmark/roster.yml"), "the roster is shared: \(status)")
        #expect(status.contains("?? .gitignore"))
    }

    @Test func anotherRecordsFolderIsIgnoredInstead() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let result = await initialize(scratch.path, ["--records", "ci/records"])
        #expect(result.code == 0)
        #expect(try scratch.text(".gitignore") == "# Tickmark's run records\n/ci/records/\n")
        #expect(result.stdout.contains("created .gitignore (ignores ci/records/, the run records)"), "\(result.stdout)")
    }
}
