import Tickmark
import TickmarkSigning

/// Verifies signed report files: the public entry point of verification.
///
/// Files that cannot be read are thrown as `TickmarkError`s; a signature that does not verify is
/// a `VerificationResult` with a `failure`.
package enum ReportVerifier {
    /// Verifies `file` against its signature (`signature`, or `FILE.sig` / `FILE.intoto.json`),
    /// trusting the keys of the `allowed_signers` file at `allowedSigners`, as `identity` when
    /// given, for `namespace`, at time `now` (seconds since 1970; default: the current time).
    package static func verify(
        file: String, signature: String? = nil, allowedSigners: String, identity: String? = nil,
        namespace: String = SSHSignature.tickmarkNamespace, now: Int? = nil
    ) throws(TickmarkError) -> VerificationResult {
        let signers = try AllowedSigners(file: allowedSigners)
        let trust = Trust.allowedSigners(signers, identity: identity, now: now)
        return try verify(file: file, signature: signature, namespace: namespace, trust: trust)
    }

    /// Verifies `file` against its signature, trusting only `publicKey`.
    package static func verify(
        file: String, signature: String? = nil, publicKey: SSHPublicKey, namespace: String = SSHSignature.tickmarkNamespace
    ) throws(TickmarkError) -> VerificationResult {
        try verify(file: file, signature: signature, namespace: namespace, trust: .key(publicKey))
    }

    enum Trust {
        case allowedSigners(AllowedSigners, identity: String?, now: Int?)
        case key(SSHPublicKey)

        /// The signer name if `key` may sign for `namespace`, or why not.
        func admit(_ key: SSHPublicKey, namespace: String) -> Result<String?, VerificationFailure> {
            switch self {
            case .key(let trusted):
                guard trusted.key == key.key else {
                    return .failure(VerificationFailure(.unknownSigner, "the signature was made by \(key.fingerprint), not by the given key \(trusted.fingerprint)"))
                }
                return .success(trusted.comment.isEmpty ? nil : trusted.comment)
            case .allowedSigners(let signers, let identity, let now):
                let match = now.map { signers.match(key: key, namespace: namespace, identity: identity, now: $0) }
                    ?? signers.match(key: key, namespace: namespace, identity: identity)
                return match.map { identity ?? $0.principals }
            }
        }

        /// The keys worth trying for a DSSE envelope, which names keys only by id.
        var candidates: [SSHPublicKey] {
            switch self {
            case .key(let key): [key]
            case .allowedSigners(let signers, _, _): signers.entries.compactMap(\.publicKey)
            }
        }
    }

    static func verify(file: String, signature: String?, namespace: String, trust: Trust) throws(TickmarkError) -> VerificationResult {
        let message = try SigningFiles.read(file)
        let signaturePath: String
        if let signature { signaturePath = signature } else { signaturePath = try defaultSignature(for: file) }
        let signatureBytes = try SigningFiles.read(signaturePath)
        let start = signatureBytes.prefix { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.count
        if signatureBytes.dropFirst(start).first == UInt8(ascii: "{") {
            return verifyDSSE(file: file, envelopePath: signaturePath, bytes: signatureBytes, namespace: namespace, trust: trust)
        }
        return verifySSH(message: message, bytes: signatureBytes, namespace: namespace, trust: trust)
    }

    private static func defaultSignature(for file: String) throws(TickmarkError) -> String {
        for format in SignatureFormat.allCases {
            let path = format.signaturePath(for: file)
            if (try? SigningFiles.read(path)) != nil { return path }
        }
        throw TickmarkError(.unreadable, "no signature found: neither \(file).sig nor \(file).intoto.json exists", path: file)
    }

    private static func verifySSH(message: [UInt8], bytes: [UInt8], namespace: String, trust: Trust) -> VerificationResult {
        var result = VerificationResult(format: .sshsig)
        do {
            let signature = try SSHSignature(armored: bytes)
            result.fingerprint = signature.publicKey.fingerprint
            try signature.verify(message: message, namespace: namespace)
            result.signer = try trust.admit(signature.publicKey, namespace: namespace).get()
        } catch {
            result.failure = error
        }
        return result
    }

    private static func verifyDSSE(file: String, envelopePath: String, bytes: [UInt8], namespace: String, trust: Trust) -> VerificationResult {
        var result = VerificationResult(format: .dsse)
        do throws(VerificationFailure) {
            let envelope = try DSSEEnvelope(json: bytes)
            var lastFailure: VerificationFailure?
            var signer: SSHPublicKey?
            for candidate in trust.candidates {
                do {
                    try envelope.verify(key: candidate.key)
                    result.signer = try trust.admit(candidate, namespace: namespace).get()
                    signer = candidate
                    break
                } catch {
                    if lastFailure == nil || lastFailure?.code == .unknownSigner { lastFailure = error }
                }
            }
            guard let signer else {
                throw lastFailure ?? VerificationFailure(.unknownSigner, "no trusted key signed the envelope")
            }
            result.fingerprint = signer.fingerprint
            result.keyID = DSSEEnvelope.keyID(for: signer.key)
            guard envelope.payloadType == InTotoStatement.payloadType else {
                throw VerificationFailure(.unsupported, "the envelope's payload type is '\(envelope.payloadType)', not \(InTotoStatement.payloadType)")
            }
            let payload: JSONValue
            do {
                payload = try JSONParser.parse(envelope.payload)
            } catch {
                throw VerificationFailure(.malformed, "the signed statement is not valid JSON: \(error)")
            }
            let statement = try InTotoStatement(json: payload)
            let folder = SigningFiles.folder(of: envelopePath)
            try statement.checkSubjects(in: folder)
            guard statement.names(file: file, in: folder) else {
                throw VerificationFailure(.subjectMismatch, "the statement does not name \(file) among its subjects")
            }
            result.statement = statement
        } catch {
            result.failure = error
        }
        return result
    }
}
