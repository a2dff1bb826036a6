import Foundation
import Testing

/// People with real Ed25519 keys made by `ssh-keygen` in a folder, and a roster naming them, for
/// approval tests: Ana Lima, Bo Berg (he) and Chen Wu are release managers; Chen Wu and Dee Diaz
/// are security.
package struct ApprovalTeam: Sendable {
    /// One person: name, email, private key path, public key line and `SHA256:…` fingerprint.
    package struct Member: Sendable {
        package var name: String
        package var email: String
        package var keyPath: String
        package var publicKey: String
        package var fingerprint: String
        /// `Name <email>`, as `--by` takes it.
        package var by: String { "\(name) <\(email)>" }
    }

    /// Ana, Bo, Chen and Dee, in that order.
    package let members: [Member]
    package var ana: Member { members[0] }
    package var bo: Member { members[1] }
    package var chen: Member { members[2] }
    package var dee: Member { members[3] }

    /// Makes the four keys under `folder/keys/`.
    package init(in folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try folder.write("keys/.keep", "")
        var made: [Member] = []
        for (name, email) in [("Ana Lima", "ana"), ("Bo Berg", "bo"), ("Chen Wu", "chen"), ("Dee Diaz", "dee")] {
            let keyPath = folder.path("keys/\(email)")
            let generated = try run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(email)@laptop", "-f", keyPath])
            #expect(generated.status == 0, "\(generated.errors)", sourceLocation: sourceLocation)
            let line = try folder.text("keys/\(email).pub").trimmingCharacters(in: .whitespacesAndNewlines)
            let listed = try run("ssh-keygen", ["-l", "-f", keyPath + ".pub"])
            made.append(Member(
                name: name, email: "\(email)@example.com", keyPath: keyPath, publicKey: line,
                fingerprint: String(listed.output.split(separator: " ")[1])
            ))
        }
        members = made
    }

    /// The roster: everyone with their key, Bo's pronoun, and the roles `release-manager` and `security`.
    package var roster: String {
        """
        people:
          ana@example.com: { name: Ana Lima, github: ana-lima, keys: ["\(ana.publicKey)"] }
          bo@example.com: { name: Bo Berg, github: bo-berg, pronoun: he, keys: ["\(bo.publicKey)"] }
          chen@example.com: { name: Chen Wu, keys: ["\(chen.publicKey)"] }
          dee@example.com: { name: Dee Diaz, pronoun: she, keys: ["\(dee.publicKey)"] }
        roles:
          release-manager: [ana@example.com, bo@example.com, chen@example.com]
          security: [chen@example.com, dee@example.com]

        """
    }
}
