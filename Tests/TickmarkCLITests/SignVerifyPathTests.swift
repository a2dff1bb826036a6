import Foundation
import Testing
import TickmarkTestSupport

/// `sign` and `verify` read every file they are given from the console's current folder, as
/// the other commands do, and name them in messages as they were typed. Run in-process, the
/// console's folder (the workspace) is not the process's.
@Suite struct SignVerifyPathTests {
    /// A workspace with `report.md`, Ana's key in `keys/ana` and an `allowed_signers` for her.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("report.md", "# Release 1.4.0\n\nGO\n")
        try workspace.write("keys/.keep", "")
        let made = try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ana@laptop", "-f", workspace.path("keys/ana")])
        #expect(made.status == 0, "\(made.errors)")
        let key = try workspace.read("keys/ana.pub").split(separator: " ").prefix(2).joined(separator: " ")
        try workspace.write("allowed_signers", "ana@example.com namespaces=\"tickmark\" \(key)\n")
        return workspace
    }

    @Test func relativePathsAreTheConsolesFolder() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        #expect(FileManager.default.currentDirectoryPath != workspace.folder)
        let signed = await workspace.run(["sign", "report.md", "--key", "keys/ana"])
        #expect(signed.code == 0, "\(signed.stderr)")
        #expect(signed.stdout.hasPrefix("Signed report.md with SHA256:"), "\(signed.stdout)")
        #expect(signed.stdout.hasSuffix(": report.md.sig\n"), "\(signed.stdout)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("report.md.sig")))

        let verified = await workspace.run(["verify", "report.md", "--allowed-signers", "allowed_signers"])
        #expect(verified.code == 0, "\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("report.md: Good SSH signature for ana@example.com with ED25519 key SHA256:"), "\(verified.stdout)")
        let byKey = await workspace.run(["verify", "report.md", "--public-key", "keys/ana.pub", "--signature", "report.md.sig"])
        #expect(byKey.code == 0, "\(byKey.stderr)")

        try workspace.write("out/.keep", "")
        let elsewhere = await workspace.run(["sign", "report.md", "--key", "keys/ana", "-o", "out/report.sig"])
        #expect(elsewhere.code == 0, "\(elsewhere.stderr)")
        #expect(elsewhere.stdout.hasSuffix(": out/report.sig\n"), "\(elsewhere.stdout)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("out/report.sig")))
    }

    @Test func errorsNameTheFilesAsTyped() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let missing = await workspace.run(["verify", "nothing.md", "--allowed-signers", "allowed_signers"])
        #expect(missing.code == 2)
        #expect(missing.stderr.hasPrefix("nothing.md: error: "), "\(missing.stderr)")
        #expect(!missing.stderr.contains(workspace.folder), "\(missing.stderr)")
        let unsigned = await workspace.run(["verify", "report.md", "--allowed-signers", "allowed_signers"])
        #expect(unsigned.code == 2)
        #expect(unsigned.stderr.contains("neither report.md.sig nor report.md.intoto.json exists"), "\(unsigned.stderr)")
        #expect(!unsigned.stderr.contains(workspace.folder), "\(unsigned.stderr)")
        let noKey = await workspace.run(["sign", "report.md", "--key", "keys/bo"])
        #expect(noKey.code == 2)
        #expect(noKey.stderr.hasPrefix("keys/bo: error: "), "\(noKey.stderr)")
    }
}
