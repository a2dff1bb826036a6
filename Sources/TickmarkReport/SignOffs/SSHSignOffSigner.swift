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

/// The check of one signed sign-off.
package struct SignOffSignatureCheck: Sendable, Equatable {
    /// The sign-off checked.
    package var signOff: SignOff
    /// The signer's key fingerprint.
    package var fingerprint: String?
    /// Why it does not verify, if it does not.
    package var failure: String?
    /// The allowed-signers principal that matched, if checked against a file.
    package var principal: String?
}

/// Verifies the approvers' signatures inside a run record.
package enum SignOffSignatures {
    /// Checks every signed sign-off of `record`; with `allowedSigners`, the key must also be allowed.
    package static func check(_ record: RunRecord, allowedSigners: AllowedSigners? = nil) -> [SignOffSignatureCheck] {
        record.signOffs.compactMap { signOff in
            guard let signed = signOff.signature else { return nil }
            var check = SignOffSignatureCheck(signOff: signOff)
            do {
                let signature = try SSHSignature(armored: Array(signed.signature.utf8))
                check.fingerprint = signature.publicKey.fingerprint
                var unsigned = signOff
                unsigned.signature = nil
                try signature.verify(message: Array(unsigned.canonicalText.utf8), namespace: SSHSignOffSigner.namespace)
                if let allowedSigners {
                    switch allowedSigners.match(key: signature.publicKey, namespace: SSHSignOffSigner.namespace, identity: nil, now: Int(Date().timeIntervalSince1970)) {
                    case .success(let entry): check.principal = entry.principals
                    case .failure(let failure): check.failure = failure.message
                    }
                }
            } catch let failure as VerificationFailure {
                check.failure = failure.message
            } catch {
                check.failure = "\(error)"
            }
            return check
        }
    }
}
