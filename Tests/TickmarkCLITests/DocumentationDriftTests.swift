import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// What the docs and `--help` say matches what the commands do.
@Suite struct DocumentationDriftTests {
    func document(_ name: String) throws -> String {
        try String(contentsOfFile: repositoryRoot + "/docs/" + name, encoding: .utf8)
    }

    /// `text` with every run of whitespace as one space, so wrapped help lines read as one.
    func flattened(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func reportsDocSaysSignOffKeySignsAndNamesTheVerifyNamespace() throws {
        let reports = flattened(try document("reports.md"))
        #expect(!reports.contains("accepted and refused"), "sign-off --key signs")
        #expect(reports.contains("as SSHSIG in the namespace `tickmark-sign-off`"))
        #expect(reports.contains("ssh-keygen -Y verify -n tickmark"))
    }

    @Test func verifyHelpNamesTheNamespaceForSSHKeygen() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["verify", "--help"])
        #expect(result.code == 0)
        #expect(flattened(result.stdout).contains("ssh-keygen -Y verify -n tickmark -f allowed_signers"), "\(result.stdout)")
    }

    @Test func showHelpSaysWhereProblemsGoAndShowDoesThat() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let help = flattened(await workspace.run(["show", "--help"]).stdout)
        #expect(help.contains("also printed to standard error only when it is a terminal"), "\(help)")

        try workspace.write("c.md", "---\nrequire: [staging]\n---\n- [ ] x `probe: run true`\n")
        let json = await workspace.run(["show", "--json", "c.md"])
        #expect(json.code == 0)
        #expect(json.stdout.contains("UnknownFrontMatterKey"))
        #expect(json.stderr.isEmpty, "standard error is not a terminal here: \(json.stderr)")
        let tree = await workspace.run(["show", "c.md"])
        #expect(tree.stdout.contains("[ ] x"))
        #expect(tree.stderr.contains("c.md:2:1: error: unknown front matter key 'require'; did you mean 'requires'?"))
    }
}
