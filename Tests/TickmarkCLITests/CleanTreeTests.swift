import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// `git clean` after Tickmark's own writes: run records and ticks written by `--write` are not
/// changes; anything else still is.
@Suite struct CleanTreeTests {
    static let checklist = """
    # Release
    - [ ] The tree is clean `probe: git clean`
    - [ ] Tests pass `probe: run true`

    """

    /// A repository whose only commit holds `release.md`.
    func repository(_ files: [String: String] = [:]) throws -> RunFixture {
        let fixture = try RunFixture(files: ["release.md": Self.checklist].merging(files) { $1 })
        try Shell.run("git init -q -b main && git add -A && git commit -q -m first", in: fixture.folder)
        return fixture
    }

    @Test func aSecondRunIsCleanDespiteTheFirstRunsRecord() async throws {
        let fixture = try repository()
        defer { fixture.remove() }
        let first = await fixture.run(["run", "release.md"])
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        #expect(try fixture.scratch.names(in: ".tickmark/runs").count == 1)
        let second = await fixture.run(["run", "release.md", "--json", ".tickmark/second.json"])
        #expect(second.code == 0, "\(second.stdout)\(second.stderr)")
        #expect(fixture.read(".tickmark/second.json").contains("\"the working tree is clean\""))
    }

    @Test func recordsInAnotherRecordsFolderAreIgnoredToo() async throws {
        var fixture = try repository()
        defer { fixture.remove() }
        #expect(await fixture.run(["run", "release.md", "--records", "ci/records"]).code == 0)
        #expect(try fixture.scratch.names(in: "ci/records/runs").count == 1)
        let second = await fixture.run(["run", "release.md", "--records", "ci/records"])
        #expect(second.code == 0, "\(second.stdout)\(second.stderr)")

        fixture.environment["TICKMARK_RECORDS"] = "audit"
        #expect(await fixture.run(["run", "release.md"]).code == 1, "ci/records is not the records folder any more")
        try Shell.run("rm -r ci", in: fixture.folder)
        #expect(await fixture.run(["run", "release.md"]).code == 0)
        let again = await fixture.run(["run", "release.md"])
        #expect(again.code == 0, "\(again.stdout)\(again.stderr)")
        #expect(try fixture.scratch.names(in: "audit/runs").count == 3)
    }

    @Test func ticksWrittenByWriteAreNotChangesAndStayTicked() async throws {
        let fixture = try repository()
        defer { fixture.remove() }
        let first = await fixture.run(["run", "release.md", "--write"])
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        let ticked = Self.checklist.replacingOccurrences(of: "- [ ]", with: "- [x]")
        #expect(fixture.read("release.md") == ticked)
        let second = await fixture.run(["run", "release.md", "--write", "--json", ".tickmark/second.json"])
        #expect(second.code == 0, "\(second.stdout)\(second.stderr)")
        #expect(fixture.read(".tickmark/second.json").contains("\"the working tree is clean apart from ticks in release.md\""))
        #expect(fixture.read("release.md") == ticked, "the box of the clean check stays ticked")
    }

    @Test func stagedTicksAreNotChangesEither() async throws {
        let fixture = try repository()
        defer { fixture.remove() }
        #expect(await fixture.run(["run", "release.md", "--write", "--no-record"]).code == 0)
        try Shell.run("git add release.md", in: fixture.folder)
        let result = await fixture.run(["run", "release.md", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func anEditOfTheChecklistsTextIsAChange() async throws {
        let fixture = try repository()
        defer { fixture.remove() }
        try fixture.scratch.write("release.md", Self.checklist.replacingOccurrences(of: "- [ ] Tests pass", with: "- [x] Tests all pass"))
        let result = await fixture.run(["run", "release.md", "--no-record"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("the working tree has 1 change") && result.stdout.contains("release.md"), "\(result.stdout)")
    }

    @Test func aBoxThatIsNoTaskItemIsText() async throws {
        let example = "\nExample:\n\n```markdown\n- [ ] sample\n```\n"
        let fixture = try repository(["release.md": Self.checklist + example])
        defer { fixture.remove() }
        try fixture.scratch.write("release.md", Self.checklist + example.replacingOccurrences(of: "[ ] sample", with: "[x] sample"))
        let result = await fixture.run(["run", "release.md", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)")
        #expect(result.stdout.contains("the working tree has 1 change"), "\(result.stdout)")
    }

    @Test func stagedEditsBehindATickedWorkingCopyAreChanges() async throws {
        let fixture = try repository()
        defer { fixture.remove() }
        try fixture.scratch.write("release.md", Self.checklist + "- [ ] Added later\n")
        try Shell.run("git add release.md", in: fixture.folder)
        try fixture.scratch.write("release.md", Self.checklist.replacingOccurrences(of: "- [ ] Tests", with: "- [x] Tests"))
        let result = await fixture.run(["run", "release.md", "--no-record"])
        #expect(result.code == 1, "\(result.stdout)")
    }

    @Test func anUntrackedChecklistIsAChange() async throws {
        let fixture = try repository()
        defer { fixture.remove() }
        try fixture.scratch.write("checklists/new.md", "- [ ] New\n")
        let result = await fixture.run(["run", "release.md", "--no-record"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("?? checklists/"), "\(result.stdout)")
    }

    @Test func otherFilesInTickmarksFolderAreIgnoredWithIt() async throws {
        let fixture = try repository()
        defer { fixture.remove() }
        try fixture.scratch.write(".tickmark/release.json", "{}")
        let result = await fixture.run(["run", "release.md", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)")
    }

    @Test func ticksInAChecklistWithAQuotedNameAreNotChanges() async throws {
        let name = "checklists/récap \"final\".md"
        let fixture = try repository([name: Self.checklist])
        defer { fixture.remove() }
        try fixture.scratch.write(name, Self.checklist.replacingOccurrences(of: "- [ ] Tests", with: "- [x] Tests"))
        let result = await fixture.run(["run", "release.md", "--no-record", "--json", "out.json"])
        #expect(result.code == 0, "\(result.stdout)")
        #expect(fixture.read("out.json").contains(#"apart from ticks in checklists/récap \"final\".md""#), "\(fixture.read("out.json"))")
    }
}
