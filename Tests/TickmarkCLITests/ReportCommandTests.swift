import Foundation
import Testing
import Tickmark
import TickmarkCLI
@testable import TickmarkReport

@Suite struct ReportCommandTests {
    static let checklist = """
    # Release

    ## Build
    - [ ] Tests pass `probe: run swift test`
    - [ ] Lint clean `probe: run swiftlint`

    ## Ship
    - [ ] Notes reviewed @pm

    """

    /// Two CI jobs: one ran Build, the other Ship; both records name the same checklist.
    static func workspace(lintFails: Bool = false) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("release.md", checklist)
        var build = try workspace.runRecord(of: "release.md", failing: lintFails ? ["Lint": "3 violations"] : [:], finishedAfter: 40)
        build.checklists[0].items.removeAll { $0.section.last == "Ship" }
        var ship = try workspace.runRecord(of: "release.md", finishedAfter: 50)
        ship.checklists[0].items.removeAll { $0.section.last == "Build" }
        try workspace.write("jobs/build.json", record: build.recomputed(at: build.finishedAt))
        try workspace.write("jobs/ship.json", record: ship.recomputed(at: ship.finishedAt))
        return workspace
    }

    @Test func combinedRecordsGiveOneMarkdownReport() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let waiting = await workspace.run(["report", "jobs/build.json", "jobs/ship.json"])
        #expect(waiting.code == 1)
        #expect(waiting.stdout.hasPrefix("# ⛔ NO-GO · Release report\n"))
        #expect(waiting.stdout.contains("- [x] Tests pass `probe: run swift test` — ✅ pass · 0.25 s\n"))
        #expect(waiting.stdout.contains("- [ ] Notes reviewed @pm — ⏳ waiting for sign-off\n"))

        let signed = await workspace.run(["sign-off", "jobs/ship.json", "notes", "--by", "Pat <pat@example.com>", "--role", "pm"])
        #expect(signed.code == 0, "\(signed.stderr)")
        let go = await workspace.run(["report", "jobs/build.json", "jobs/ship.json", "--format", "html", "-o", "out/report.html"])
        #expect(go.code == 0, "\(go.stderr)")
        #expect(go.stdout.isEmpty)
        #expect(go.stderr.contains("GO: wrote out/report.html"))
        let html = try workspace.read("out/report.html")
        #expect(html.contains("<div class=\"decision\">✅ GO</div>"))
        #expect(html.contains("Pat &lt;pat@example.com&gt;"))
    }

    @Test func jsonAndJUnitFormats() async throws {
        let workspace = try Self.workspace(lintFails: true)
        defer { workspace.remove() }
        let json = await workspace.run(["report", "jobs/build.json", "jobs/ship.json", "--format", "json"])
        #expect(json.code == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "tickmark.report/v1")
        #expect((object["records"] as? [String]) == ["jobs/build.json", "jobs/ship.json"])
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts["pass"] == 1 && counts["fail"] == 1 && counts["waiting"] == 1 && counts["notRun"] == 0)
        let junit = await workspace.run(["report", "jobs/build.json", "jobs/ship.json", "--format", "junit"])
        #expect(junit.stdout.contains("<failure message=\"3 violations\" type=\"fail\">"))
    }

    @Test func recordsOfDifferentChecklistVersionsAreRefused() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        try workspace.write("release.md", Self.checklist + "- [ ] Announce @pm\n")
        try workspace.write("jobs/later.json", record: try workspace.runRecord(of: "release.md"))
        let result = await workspace.run(["report", "jobs/build.json", "jobs/later.json"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("checklist 'release' differs between jobs/build.json"))
        #expect(result.stderr.contains("and jobs/later.json"))
    }

    @Test func aTemplateFileReplacesTheBuiltInTemplate() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        try workspace.write("mine.mustache", "{{% CONTENT_TYPE: TEXT}}\n{{decision}}:{{#checklists}} {{id}}{{/checklists}}\n")
        let result = await workspace.run(["report", "jobs/build.json", "--template", "mine.mustache"])
        #expect(result.stdout == "NO-GO: release\n")
        let wrongFormat = await workspace.run(["report", "jobs/build.json", "--format", "json", "--template", "mine.mustache"])
        #expect(wrongFormat.code == 2)
        #expect(wrongFormat.stderr.contains("--template applies to the md and html formats only"))
    }

    @Test func signOffsAreJudgedAtTheGivenTime() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let signed = await workspace.run(["sign-off", "jobs/ship.json", "notes", "--by", "Pat <pat@example.com>", "--expires", "2099-01-01T00:00Z"])
        #expect(signed.code == 0, "\(signed.stderr)")
        let before = await workspace.run(["report", "jobs/build.json", "jobs/ship.json", "--at", "2098-12-31T23:59Z"])
        #expect(before.code == 0)
        let after = await workspace.run(["report", "jobs/build.json", "jobs/ship.json", "--at", "2099-01-01T00:00Z", "--format", "json"])
        #expect(after.code == 1)
        #expect(after.stdout.contains("\"validity\": \"expired\""))
    }
}

@Suite struct HelpTests {
    @Test(arguments: [("report", "tickmark report .tickmark/release.json > report.md"), ("sign-off", "tickmark sign-off run.json rollback --by \"Ana <ana@example.com>\" --role qa")])
    func subcommandHelpShowsItsExamples(command: String, example: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = await workspace.run([command, "--help"])
        #expect(result.code == 0)
        #expect(result.stdout.contains(example), "\(result.stdout.prefix(300))")
    }
}
