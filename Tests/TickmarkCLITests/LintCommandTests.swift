import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

@Suite struct LintCommandTests {
    /// The external corpus of real checklists, when `TICKMARK_CORPUS` names it.
    static let corpus: String? = ProcessInfo.processInfo.environment["TICKMARK_CORPUS"].flatMap { $0.isEmpty ? nil : $0 }

    @Test(.enabled(if: corpus != nil, "set TICKMARK_CORPUS to the corpus folder to run this"))
    func theRealWorldCorpusAndHardCasesLintWithOnlyRealProblems() async throws {
        let corpus = try #require(Self.corpus)
        try #require(FileManager.default.fileExists(atPath: corpus + "/files"), "TICKMARK_CORPUS has no files/ folder: \(corpus)")
        let hardCases = try HardCases()
        defer { hardCases.remove() }
        let output = OutputBuffer()
        let code = await TickmarkCommand.run(["lint", "--format", "json", corpus + "/files", hardCases.folder], console: output.console())
        // The one error in 46 public checklists and the hard cases: an issue template that gives `about` twice.
        #expect(code == 1)
        let report = try LintReport(output.stdout)
        #expect(report.errors == 1)
        #expect(report.diagnostics.count == 46 + HardCases.names.count)
        #expect(report.diagnostics["kubernetes-sigs__cluster-api__.github_ISSUE_TEMPLATE_release_tracking.md"] == ["InvalidFrontMatter 3:1"])
        #expect(output.stdout.contains("the key 'about' is given twice"))
        #expect(report.diagnostics["latin1.md"] == ["InvalidUTF8 1:7"])
    }

    @Test func hardCasesLintWithWarningsOnly() async throws {
        let hardCases = try HardCases()
        defer { hardCases.remove() }
        let output = OutputBuffer()
        let code = await TickmarkCommand.run(["lint", "--format", "json", hardCases.folder], console: output.console())
        #expect(code == 0)
        let report = try LintReport(output.stdout)
        #expect(report.errors == 0)
        #expect(report.warnings == 1)
        #expect(report.diagnostics == [
            "mojibake.md": [], "latin1.md": ["InvalidUTF8 1:7"], "one-line.md": [], "plain-text.md": [],
        ])
        let strict = OutputBuffer()
        #expect(await TickmarkCommand.run(["lint", "--warnings-as-errors", hardCases.folder], console: strict.console()) == 1)
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
        let column = try MarkedText(line).position(of: "htpp").column
        #expect(bad.stdout.contains("bad.md:1:\(column): error: unknown probe kind 'htpp'; did you mean 'http'? [UnknownProbeKind]"))
        #expect(bad.stdout.contains(" 1 | \(line)"))
        #expect(bad.stdout.contains("   | " + String(repeating: " ", count: column - 1) + "^~~~\n"))
        #expect(await fixture.run(["lint", "missing.md"]).code == 2)
        try fixture.scratch.write("image.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])
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

/// Files of the kinds that trip up text tools, written by the tests: double-encoded UTF-8, bytes
/// that are not UTF-8, a whole document on one line without a line end, and prose without boxes.
private struct HardCases {
    static let names = ["mojibake.md", "latin1.md", "one-line.md", "plain-text.md"]

    let scratch: TemporaryFolder
    var folder: String { scratch.path }

    init() throws {
        scratch = try TemporaryFolder()
        let french = """
            # Mise en production

            - [ ] Vérifier l’étiquette de la version `probe: git clean`
            - [x] Prévenir l’équipe d’astreinte → canal #déploiements 🚀
              - [ ] Relire les notes rédigées par Héloïse ✅

            """
        // UTF-8 read as Latin-1 and saved as UTF-8 again: valid bytes, garbled letters, C1 controls.
        let mojibake = String(String.UnicodeScalarView(french.utf8.map { Unicode.Scalar($0) }))
        try scratch.write("mojibake.md", Array(mojibake.utf8))
        // Latin-1 bytes, not UTF-8 at all, and a UTF-16 byte order mark on a line of its own.
        let latin1 = "# Proc\u{E9}dure\n\n- [ ] V\u{E9}rifier la sauvegarde `probe: run true`\n- [x] Pr\u{E9}venir l'\u{E9}quipe\n"
        try scratch.write("latin1.md", latin1.unicodeScalars.map { UInt8($0.value) } + [0xFF, 0xFE, 0x0A])
        let sentence = "# Runbook : déploiement ## Déclencheur - changements fusionnés sur main - [ ] décision de publier "
        try scratch.write("one-line.md", Array(String(repeating: sentence, count: 50).utf8))
        try scratch.write("plain-text.md", Array("""
            Release flow
            Use this page for every release.
            1) Flow
            flowchart TD
            A[Feature work] --> B[Candidate tested in staging]
            B --> C[Merge to main]

            """.utf8))
    }

    func remove() { scratch.remove() }
}

/// The parts of `tickmark lint --format json` output the tests look at.
private struct LintReport {
    var errors: Int
    var warnings: Int
    /// `id line:column` of each diagnostic, by file name (the last path component).
    var diagnostics: [String: [String]] = [:]

    init(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let root = try #require(object, "not a JSON object: \(json.prefix(200))", sourceLocation: sourceLocation)
        errors = try #require(root["errors"] as? Int, sourceLocation: sourceLocation)
        warnings = try #require(root["warnings"] as? Int, sourceLocation: sourceLocation)
        let files = try #require(root["files"] as? [[String: Any]], sourceLocation: sourceLocation)
        for file in files {
            let path = try #require(file["path"] as? String, sourceLocation: sourceLocation)
            let found = try #require(file["diagnostics"] as? [[String: Any]], sourceLocation: sourceLocation)
            diagnostics[(path as NSString).lastPathComponent] = found.map { diagnostic in
                "\(diagnostic["id"] ?? "?") \(diagnostic["line"] ?? "?"):\(diagnostic["column"] ?? "?")"
            }
        }
    }
}
