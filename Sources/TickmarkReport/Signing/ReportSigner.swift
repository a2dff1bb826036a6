import Tickmark
import TickmarkSigning

/// How a report is signed.
package enum SignatureFormat: String, Sendable, CaseIterable {
    /// An OpenSSH signature in `FILE.sig`, verifiable with `ssh-keygen -Y verify -n tickmark`.
    case sshsig
    /// A DSSE envelope around an in-toto Statement v1 in `FILE.intoto.json`.
    case dsse

    /// The signature file written next to `file`.
    package func signaturePath(for file: String) -> String {
        switch self {
        case .sshsig: file + ".sig"
        case .dsse: file + ".intoto.json"
        }
    }
}

/// The predicate of a DSSE/in-toto signature: its type URI and its content, which the caller
/// (the report layer) supplies.
package struct InTotoPredicate: Equatable, Sendable {
    /// The predicate type of Tickmark's release reports.
    package static let releaseReportType = "https://tickmark.dev/release-report/v1"

    /// The predicate type URI.
    package var predicateType: String
    /// The predicate's content (decision, version, commit, digests, approvers …).
    package var content: JSONValue

    /// Creates a predicate.
    package init(predicateType: String = releaseReportType, content: JSONValue) {
        self.predicateType = predicateType
        self.content = content
    }
}

/// Signs report files: the public entry point of signing.
package enum ReportSigner {
    /// Signs `file` with `key` and writes the signature atomically next to it (`FILE.sig` or
    /// `FILE.intoto.json`, or `output` when given). Returns the path written.
    ///
    /// - `.sshsig` signs the file's bytes (SHA-512, namespace `namespace`).
    /// - `.dsse` signs an in-toto Statement whose subject is the file (by name and sha256) and
    ///   whose predicate is `predicate`, which this format requires.
    package static func sign(
        file: String, key: SigningKey, format: SignatureFormat, predicate: InTotoPredicate? = nil,
        namespace: String = SSHSignature.tickmarkNamespace, output: String? = nil
    ) throws(TickmarkError) -> String {
        let (target, signature) = try signature(file: file, key: key, format: format, predicate: predicate, namespace: namespace, output: output)
        try AtomicFile.replace(path: target, expected: nil, with: signature)
        return target
    }

    /// The signature `sign` would write, and where: the caller writes it (to standard output, say).
    package static func signature(
        file: String, key: SigningKey, format: SignatureFormat, predicate: InTotoPredicate? = nil,
        namespace: String = SSHSignature.tickmarkNamespace, output: String? = nil
    ) throws(TickmarkError) -> (target: String, bytes: [UInt8]) {
        let bytes = try SigningFiles.read(file)
        let target = output ?? format.signaturePath(for: file)
        let signature: [UInt8]
        switch format {
        case .sshsig:
            signature = Array(try SSHSignature.sign(bytes, with: key, namespace: namespace).armored.utf8)
        case .dsse:
            guard let predicate else {
                throw TickmarkError(.usage, "a DSSE signature needs a predicate (the report's decision, version and approvers)", path: file)
            }
            guard SigningFiles.folder(of: target) == SigningFiles.folder(of: file) else {
                throw TickmarkError(.usage, "the DSSE envelope must be written in the same folder as the file it signs", path: target)
            }
            let statement = InTotoStatement(
                subjects: [InTotoStatement.Subject(name: SigningFiles.baseName(of: file), bytes: bytes)],
                predicateType: predicate.predicateType,
                predicate: predicate.content
            )
            let envelope = try DSSEEnvelope.sign(
                payload: statement.json.serialized(), payloadType: InTotoStatement.payloadType, with: key
            )
            signature = envelope.json
        }
        return (target, signature)
    }
}
