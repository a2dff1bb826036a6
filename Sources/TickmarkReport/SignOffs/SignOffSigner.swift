import Tickmark

/// Signs a sign-off's canonical text with an approver's own key (`tickmark sign-off --key KEY`).
///
/// The signature covers `SignOff.canonicalText`, which holds every field but the signature itself,
/// so it is computed before the signature is attached.
public protocol SignOffSigner: Sendable {
    /// An SSHSIG signature over `text` by the private key at `keyPath`.
    func sign(_ text: String, keyPath: String) throws -> SignOff.Signature
}

extension SignOffSigner {
    /// Refuses: signing is provided by the signing module once it is wired in.
    public func sign(_ text: String, keyPath: String) throws -> SignOff.Signature {
        throw TickmarkError(.usage, "signing sign-offs needs the signing module, which this build does not include; sign off without --key", path: keyPath)
    }
}

/// The signer used until the signing module provides one: every request is refused.
public struct UnavailableSignOffSigner: SignOffSigner {
    /// Creates the signer.
    public init() {}
}
