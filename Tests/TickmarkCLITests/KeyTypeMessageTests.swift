import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

/// Keys of a type Tickmark does not sign with are named, with the type it does support; bytes of a
/// damaged key file never reach the terminal as they are.
@Suite struct KeyTypeMessageTests {
    @Test(arguments: [("rsa", "ssh-rsa"), ("ecdsa", "ecdsa-sha2-nistp256")])
    func aKeyOfAnotherTypeIsNamed(type: String, wireName: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("report.md", "# Report\n")
        let made = try run("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "ci", "-f", workspace.path("key")])
        #expect(made.status == 0, "\(made.errors)")
        let signed = await workspace.run(["sign", workspace.path("report.md"), "--key", workspace.path("key")])
        #expect(signed.code == 2, "\(signed.stdout)\(signed.stderr)")
        #expect(signed.stderr.contains("'\(wireName)'"), "\(signed.stderr)")
        #expect(signed.stderr.contains("only ssh-ed25519 keys are supported"), "\(signed.stderr)")
        #expect(!signed.stderr.contains("unexpected bytes"), "\(signed.stderr)")

        let verified = await workspace.run(["verify", workspace.path("report.md"), "--signature", workspace.path("report.md"), "--public-key", workspace.path("key.pub")])
        #expect(verified.code == 2, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stderr.contains("'\(wireName)'"), "\(verified.stderr)")
        #expect(verified.stderr.contains("only ssh-ed25519 keys are supported"), "\(verified.stderr)")
    }

    @Test func aGarbageKeyFilePrintsNoRawBytes() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("report.md", "# Report\n")
        try workspace.write("garbage.pub", "\u{1B}]0;owned\u{07}\u{1B}[31mred AAAA comment\n")
        let verified = await workspace.run(["verify", workspace.path("report.md"), "--signature", workspace.path("report.md"), "--public-key", workspace.path("garbage.pub")])
        #expect(verified.code == 2, "\(verified.stdout)\(verified.stderr)")
        #expect(!verified.stderr.contains("\u{1B}"), "\(verified.stderr.debugDescription)")
        #expect(!verified.stderr.contains("\u{07}"), "\(verified.stderr.debugDescription)")
        #expect(verified.stderr.contains("\\x1b"), "\(verified.stderr.debugDescription)")
    }
}
