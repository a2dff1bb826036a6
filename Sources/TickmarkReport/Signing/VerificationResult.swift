import TickmarkSigning

/// The outcome of verifying a signed report: who signed it, with which key, or why it failed.
package struct VerificationResult: Equatable, Sendable {
    /// The signature's format.
    package var format: SignatureFormat
    /// Why verification failed; `nil` when it succeeded.
    package var failure: VerificationFailure?
    /// The signer: the matched principals of the allowed signers, or the public key's comment.
    package var signer: String?
    /// The fingerprint (`SHA256:…`) of the key that made the signature, when known.
    package var fingerprint: String?
    /// The DSSE key id of the signing key, for `.dsse`.
    package var keyID: String?
    /// The verified in-toto statement, for `.dsse`.
    package var statement: InTotoStatement?

    /// Creates a result.
    package init(
        format: SignatureFormat, failure: VerificationFailure? = nil, signer: String? = nil, fingerprint: String? = nil,
        keyID: String? = nil, statement: InTotoStatement? = nil
    ) {
        self.format = format
        self.failure = failure
        self.signer = signer
        self.fingerprint = fingerprint
        self.keyID = keyID
        self.statement = statement
    }

    /// Whether the signature verified.
    package var isVerified: Bool { failure == nil }

    /// One line for people, in the manner of `ssh-keygen -Y verify`.
    package var summary: String {
        if let failure { return "Verification failed: \(failure.message)" }
        let who = signer.map { " for \($0)" } ?? ""
        let key = fingerprint.map { " with ED25519 key \($0)" } ?? ""
        return "Good \(format == .dsse ? "DSSE" : "SSH") signature\(who)\(key)"
    }
}
