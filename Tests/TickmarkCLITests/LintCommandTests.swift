import Foundation
import Testing
@testable import TickmarkCLI

@Suite struct LintCommandTests {
    @Test func theRealWorldCorpusAndSeedsLintWithOnlyRealProblems() async throws {
        let shared = repositoryRoot + "/../shared"
        try #require(FileManager.default.fileExists(atPath: shared + "/corpus/files"))
        let output = OutputBuffer()
        let code = await TickmarkCommand.run(["lint", "--format", "json", shared + "/corpus/files", shared + "/seeds"], console: output.console())
        // The one error in 46 public checklists and 5 seeds: an issue template that gives `about` twice.
        #expect(code == 1)
        #expect(output.stdout.contains("\"errors\": 1"))
        #expect(output.stdout.contains("the key 'about' is given twice"))
        #expect(output.stdout.contains("cluster-api__.github_ISSUE_TEMPLATE_release_tracking.md"))
    }

    @Test func exitCodesAndCompilerStyleOutput() async throws {
        let fixture = try RunFixture(files: [
            "good.md": "- [ ] fine `probe: git clean`\n",
            "bad.md": "- [ ] typo `probe: htpp GET https://x.example`\n",
            "warn.md": "- [ ] var `probe: http GET ${undefined_url}/x`\n",
        ])
        defer { fixture.remove() }
        #expect(await fixture.run(["lint", "good.md"]).code == 0)
        #expect(await fixture.run(["lint", "warn.md"]).code == 0)
        #expect(await fixture.run(["lint", "warn.md", "--warnings-as-errors"]).code == 1)
        let bad = await fixture.run(["lint", "bad.md"])
        #expect(bad.code == 1)
        let line = "- [ ] typo `probe: htpp GET https://x.example`"
        let column = line.utf8.distance(from: line.utf8.startIndex, to: line.range(of: "htpp")!.lowerBound.samePosition(in: line.utf8)!) + 1
        #expect(bad.stdout.contains("bad.md:1:\(column): error: unknown probe kind 'htpp'; did you mean 'http'? [UnknownProbeKind]"))
        #expect(bad.stdout.contains(" 1 | \(line)"))
        #expect(bad.stdout.contains("   | " + String(repeating: " ", count: column - 1) + "^~~~\n"))
        #expect(await fixture.run(["lint", "missing.md"]).code == 2)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]).write(to: URL(fileURLWithPath: fixture.folder + "/image.md"))
        let binary = await fixture.run(["lint", "image.md"])
        #expect(binary.code == 2)
        #expect(binary.stderr.contains("image.md:1:5: error: is a binary file"))
    }
}

@Suite struct ProbesCommandTests {
    @Test func listsEveryKindAndDescribesOneFromItsOwnDescription() async {
        let all = OutputBuffer()
        #expect(await TickmarkCommand.run(["probes"], console: all.console()) == 0)
        for kind in ["run", "http", "tcp", "tls", "file", "git", "version", "changelog", "env", "window", "checklist"] {
            #expect(all.stdout.contains("\n\(kind) ") || all.stdout.hasPrefix("\(kind) "), "missing \(kind)")
        }
        let http = OutputBuffer()
        #expect(await TickmarkCommand.run(["probes", "http"], console: http.console()) == 0)
        #expect(http.stdout.contains("Usage: probe: http"))
        #expect(http.stdout.contains("`probe: http GET https://example.com/health status=200`"))
        let typo = OutputBuffer()
        #expect(await TickmarkCommand.run(["probes", "htpp"], console: typo.console()) == 2)
        #expect(typo.stderr.contains("did you mean 'http'?"))
    }
}
