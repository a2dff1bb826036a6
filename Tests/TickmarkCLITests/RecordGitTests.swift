import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// A run asks git for the commit and branch only when it writes something that names them (a
/// record, `--json`, `--junit`), and asks while the probes run.
@Suite struct RecordGitTests {
    /// A repository with one commit, and a `git` first on PATH that logs each call to the real one.
    func loggedRepository() throws -> RunFixture {
        var fixture = try RunFixture(files: ["c.md": "# C\n- [ ] Quick `probe: run true`\n"])
        for arguments in [
            ["init", "-q", "-b", "main"], ["add", "c.md"],
            ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first"],
        ] {
            let result = try TickmarkTestSupport.run("git", ["-C", fixture.folder] + arguments)
            try #require(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.output)\(result.errors)")
        }
        let real = try TickmarkTestSupport.run("sh", ["-c", "command -v git"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(real.hasPrefix("/"))
        let bin = fixture.folder + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let wrapper = "#!/bin/sh\necho \"$*\" >> '\(fixture.folder)/git.log'\nexec '\(real)' \"$@\"\n"
        _ = FileManager.default.createFile(atPath: bin + "/git", contents: Data(wrapper.utf8), attributes: [.posixPermissions: 0o755])
        fixture.environment["PATH"] = bin + ":" + (fixture.environment["PATH"] ?? "/usr/bin:/bin")
        return fixture
    }

    @Test func aRunThatWritesNothingDoesNotAskGit() async throws {
        let fixture = try loggedRepository()
        defer { fixture.remove() }
        let result = await fixture.run(["run", "c.md", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(fixture.read("git.log") == "")
    }

    @Test(arguments: [["run", "c.md"], ["run", "c.md", "--no-record", "--json", "run.json"], ["run", "c.md", "--no-record", "--junit", "junit.xml"]])
    func aRunThatWritesAsksForTheCommitAndBranch(_ arguments: [String]) async throws {
        let fixture = try loggedRepository()
        defer { fixture.remove() }
        let head = try TickmarkTestSupport.run("git", ["-C", fixture.folder, "rev-parse", "HEAD"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = await fixture.run(arguments)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        let calls = fixture.read("git.log").split(separator: "\n").map(String.init).sorted()
        #expect(calls == ["rev-parse HEAD", "symbolic-ref --short -q HEAD"])
        if arguments.contains("--json") {
            #expect(fixture.read("run.json").contains("\"gitCommit\" : \"\(head)\""))
            #expect(fixture.read("run.json").contains("\"gitBranch\" : \"main\""))
        }
    }
}
