/// Why a signature did not verify: a stable code and a sentence for people.
///
/// A failed verification is an answer, not an error: verifiers return it as a value (TickmarkReport's
/// `ReportVerifier` inside a `VerificationResult`). Only inputs that cannot be read at all are thrown.
public struct VerificationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code's text, e.g. `bad-signature`.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The signature file cannot be parsed (armor, Base64, layout, JSON).
        public static let malformed = Code(rawValue: "malformed-signature")
        /// The signature does not match the signed bytes: they, or the signature, changed.
        public static let badSignature = Code(rawValue: "bad-signature")
        /// The signature was made for another namespace (another purpose) than the one required.
        public static let wrongNamespace = Code(rawValue: "wrong-namespace")
        /// An algorithm, key type or version that Tickmark does not accept.
        public static let unsupported = Code(rawValue: "unsupported")
        /// No trusted key (allowed signer or given public key) made the signature.
        public static let unknownSigner = Code(rawValue: "unknown-signer")
        /// The signer's key is trusted, but not for this namespace, identity or time.
        public static let signerNotAllowed = Code(rawValue: "signer-not-allowed")
        /// A file named in the statement is missing or its digest differs.
        public static let subjectMismatch = Code(rawValue: "subject-mismatch")
    }

    /// What kind of failure.
    public var code: Code
    /// What failed, in one sentence.
    public var message: String

    /// Creates a failure.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
