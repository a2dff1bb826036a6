/// The outcome of verifying a signed report: who signed it, with which key, or why it failed.
public struct VerificationResult: Equatable, Sendable {
    /// The signature's format.
    public var format: SignatureFormat
    /// Why verification failed; `nil` when it succeeded.
    public var failure: VerificationFailure?
    /// The signer: the matched principals of the allowed signers, or the public key's comment.
    public var signer: String?
    /// The fingerprint (`SHA256:…`) of the key that made the signature, when known.
    public var fingerprint: String?
    /// The DSSE key id of the signing key, for `.dsse`.
    public var keyID: String?
    /// The verified in-toto statement, for `.dsse`.
    public var statement: InTotoStatement?

    /// Creates a result.
    public init(
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
    public var isVerified: Bool { failure == nil }

    /// One line for people, in the manner of `ssh-keygen -Y verify`.
    public var summary: String {
        if let failure { return "Verification failed: \(failure.message)" }
        let who = signer.map { " for \($0)" } ?? ""
        let key = fingerprint.map { " with ED25519 key \($0)" } ?? ""
        return "Good \(format == .dsse ? "DSSE" : "SSH") signature\(who)\(key)"
    }
}

/// Why a signature did not verify: a stable code and a sentence for people.
///
/// A failed verification is an answer, not an error: `ReportVerifier` returns it inside a
/// `VerificationResult`. Only inputs that cannot be read at all are thrown.
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
