import Foundation
import Tickmark
import TickmarkSigning

/// Signs sign-offs with the approver's own OpenSSH Ed25519 key (or through the SSH agent), as
/// SSHSIG over `SignOff.canonicalText` in the namespace `tickmark-sign-off`.
package struct SSHSignOffSigner: SignOffSigner {
    /// The SSHSIG namespace of sign-off signatures (distinct from reports', so neither can stand for the other).
    package static let namespace = "tickmark-sign-off"

    /// Creates the signer.
    package init() {}

    package func sign(_ text: String, keyPath: String) throws -> SignOff.Signature {
        let key = try SigningKey.load(path: keyPath)
        let signature = try SSHSignature.sign(Array(text.utf8), with: key, namespace: Self.namespace)
        return SignOff.Signature(
            format: "sshsig", publicKey: key.publicKey.line,
            signature: String(decoding: signature.armored.utf8, as: UTF8.self)
        )
    }
}
