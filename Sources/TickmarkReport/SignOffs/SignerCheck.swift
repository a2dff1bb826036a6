import Foundation
import Tickmark
import TickmarkSigning

/// What a sign-off's signature says about its signer, and whether the sign-off may count.
package struct SignerCheck: Sendable, Equatable {
    /// How far the signer is established.
    package enum Standing: String, Sendable, Equatable {
        /// No signature: the sign-off counts as before, on the word of `--by`.
        case unsigned
        /// The signature is good and the key is one of the signer's (roster or allowed signers).
        case verified
        /// The signature is good, but no roster or allowed-signers file says whose the key is.
        case unverified
        /// The signature is bad, or the key is not the signer's: the sign-off does not count.
        case refused
    }

    /// The standing.
    package var standing: Standing
    /// The signing key's `SHA256:…` fingerprint, when signed.
    package var fingerprint: String?
    /// Whose key it is (`Ana Lima <ana@example.com>`, or allowed-signers principals), when known.
    package var principal: String?
    /// Why the sign-off does not count, when refused.
    package var problem: String?
    /// When refused because the key is not the signer's: whose key it is and whom it was claimed for.
    package var refusal: SignerRefusal?

    /// Whether the signature lets the sign-off count (its validity in time and content aside).
    package var counts: Bool { standing != .refused }

    /// The signature in words, for reports and `verify`.
    package var text: String {
        switch standing {
        case .unsigned: return "not signed"
        case .verified: return "signed by key \(fingerprint ?? "?") of \(principal ?? "?")"
        case .unverified: return "signed by key \(fingerprint ?? "?") (signer not verified: no roster)"
        case .refused: return "signature refused: \(problem ?? "?")"
        }
    }
}

extension SignerTrust {
    /// Checks `signOff`'s signature (if any) over its canonical text in the namespace
    /// `tickmark-sign-off`, then binds its key to the email of `--by` as of `now`.
    package func check(_ signOff: SignOff, now: Date) -> SignerCheck {
        guard let signed = signOff.signature else { return SignerCheck(standing: .unsigned) }
        var check = SignerCheck(standing: .refused)
        let signature: SSHSignature
        do {
            signature = try SSHSignature(armored: Array(signed.signature.utf8))
            check.fingerprint = signature.publicKey.fingerprint
            var unsigned = signOff
            unsigned.signature = nil
            try signature.verify(message: Array(unsigned.canonicalText.utf8), namespace: SSHSignOffSigner.namespace)
        } catch {
            check.problem = "the signature does not verify: \(error.message)"
            return check
        }
        guard knowsSigners else {
            check.standing = .unverified
            return check
        }
        let email = SignOff.email(of: signOff.by) ?? signOff.by
        switch bind(key: signature.publicKey, to: email, namespace: SSHSignOffSigner.namespace, now: now) {
        case .success(let principal):
            check.standing = .verified
            check.principal = principal
        case .failure(let refusal):
            check.principal = refusal.owner
            check.problem = refusal.description
            check.refusal = refusal
        }
        return check
    }
}

extension SignOff {
    /// The address of `Name <email>`, if there is one.
    package static func email(of signer: String) -> String? {
        guard let open = signer.lastIndex(of: "<"), let close = signer.lastIndex(of: ">"), open < close else { return nil }
        return String(signer[signer.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
    }
}
