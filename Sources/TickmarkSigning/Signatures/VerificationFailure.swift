/// Why a signature did not verify: a stable code and a sentence for people.
///
/// A failed verification is an answer, not an error: verifiers return it as a value (TickmarkReport's
/// `ReportVerifier` inside a `VerificationResult`). Only inputs that cannot be read at all are thrown.
package struct VerificationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    package struct Code: RawRepresentable, Hashable, Sendable {
        /// The code's text, e.g. `bad-signature`.
        package var rawValue: String
        /// Creates a code.
        package init(rawValue: String) { self.rawValue = rawValue }

        /// The signature file cannot be parsed (armor, Base64, layout, JSON).
        package static let malformed = Code(rawValue: "malformed-signature")
        /// The signature does not match the signed bytes: they, or the signature, changed.
        package static let badSignature = Code(rawValue: "bad-signature")
        /// The signature was made for another namespace (another purpose) than the one required.
        package static let wrongNamespace = Code(rawValue: "wrong-namespace")
        /// An algorithm, key type or version that Tickmark does not accept.
        package static let unsupported = Code(rawValue: "unsupported")
        /// No trusted key (allowed signer or given public key) made the signature.
        package static let unknownSigner = Code(rawValue: "unknown-signer")
        /// The signer's key is trusted, but not for this namespace, identity or time.
        package static let signerNotAllowed = Code(rawValue: "signer-not-allowed")
        /// A file named in the statement is missing or its digest differs.
        package static let subjectMismatch = Code(rawValue: "subject-mismatch")
    }

    /// What kind of failure.
    package var code: Code
    /// What failed, in one sentence.
    package var message: String

    /// Creates a failure.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    package var description: String { message }
}
