import Tickmark

/// A DSSE envelope (Dead Simple Signing Envelope, protocol v1): a typed payload and signatures
/// over its pre-authentication encoding.
package struct DSSEEnvelope: Equatable, Sendable {
    /// One signature in the envelope.
    package struct Signature: Equatable, Sendable {
        /// The signing key's id (unauthenticated; a hint for choosing the key), if given.
        package var keyID: String?
        /// The raw 64-byte Ed25519 signature over `pae`.
        package var signature: [UInt8]

        /// Creates a signature entry.
        package init(keyID: String?, signature: [UInt8]) {
            self.keyID = keyID
            self.signature = signature
        }
    }

    /// The payload's media type, e.g. `application/vnd.in-toto+json`.
    package var payloadType: String
    /// The payload bytes (Base64 only in the JSON).
    package var payload: [UInt8]
    /// The signatures; a valid envelope has at least one.
    package var signatures: [Signature]

    /// Creates an envelope from its parts.
    package init(payloadType: String, payload: [UInt8], signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// The pre-authentication encoding `DSSEv1 <len> <type> <len> <payload>` that is signed.
    package static func pae(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        return Array("DSSEv1 \(type.count) ".utf8) + type + Array(" \(payload.count) ".utf8) + payload
    }

    /// The encoding signed for this envelope.
    package var pae: [UInt8] { Self.pae(payloadType: payloadType, payload: payload) }

    /// securesystemslib's default key id: SHA-256 hex of the canonical JSON
    /// `{"keytype":"ed25519","keyval":{"public":"<hex>"},"scheme":"ed25519"}`.
    package static func keyID(for key: Ed25519.PublicKey) -> String {
        Digest.sha256Hex("{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"\(Digest.hex(key.raw))\"},\"scheme\":\"ed25519\"}")
    }

    /// Signs `payload` with `key`, giving an envelope with one signature and its key id.
    package static func sign(payload: [UInt8], payloadType: String, with key: SigningKey) throws(TickmarkError) -> DSSEEnvelope {
        let signature = try key.sign(pae(payloadType: payloadType, payload: payload))
        let entry = Signature(keyID: keyID(for: key.publicKey.key), signature: signature)
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: [entry])
    }

    /// The envelope as JSON: `payload`, `payloadType`, `signatures` (`keyid`, `sig`), padded
    /// standard Base64, two-space indentation, final newline.
    package var json: [UInt8] {
        let entries: [JSONValue] = signatures.map { entry in
            var members: [JSONValue.Member] = []
            if let keyID = entry.keyID { members.append(JSONValue.Member("keyid", .string(keyID))) }
            members.append(JSONValue.Member("sig", .string(Base64.encode(entry.signature))))
            return .object(members)
        }
        let value: JSONValue = .object([
            "payload": .string(Base64.encode(payload)),
            "payloadType": .string(payloadType),
            "signatures": .array(entries),
        ])
        return value.serialized(pretty: true) + [0x0A]
    }

    /// Reads an envelope's JSON strictly: exactly the DSSE fields, canonical Base64 (standard or
    /// URL-safe, padded), at least one signature.
    package init(json: [UInt8]) throws(VerificationFailure) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(json)
        } catch {
            throw VerificationFailure(.malformed, "the envelope is not valid JSON: \(error)")
        }
        func malformed(_ reason: String) -> VerificationFailure {
            VerificationFailure(.malformed, "malformed DSSE envelope: \(reason)")
        }
        guard let keys = value.keys else { throw malformed("not a JSON object") }
        guard Set(keys) == ["payload", "payloadType", "signatures"] else {
            throw malformed("expected exactly the fields payload, payloadType and signatures, found \(keys.joined(separator: ", "))")
        }
        guard let type = value["payloadType"]?.stringValue else { throw malformed("payloadType is not a string") }
        guard let encoded = value["payload"]?.stringValue, let payload = Base64.decode(encoded) else {
            throw malformed("payload is not canonical, padded Base64")
        }
        guard let list = value["signatures"]?.arrayValue, !list.isEmpty else { throw malformed("signatures is not a non-empty array") }
        var signatures: [Signature] = []
        for (index, item) in list.enumerated() {
            guard let itemKeys = item.keys, itemKeys.contains("sig"), Set(itemKeys).isSubset(of: ["keyid", "sig"]) else {
                throw malformed("signature \(index + 1) must have a sig and may have a keyid, nothing else")
            }
            guard let text = item["sig"]?.stringValue, let signature = Base64.decode(text) else {
                throw malformed("the sig of signature \(index + 1) is not canonical, padded Base64")
            }
            var keyID: String?
            if let field = item["keyid"] {
                guard let text = field.stringValue else { throw malformed("the keyid of signature \(index + 1) is not a string") }
                keyID = text
            }
            signatures.append(Signature(keyID: keyID, signature: signature))
        }
        self.init(payloadType: type, payload: payload, signatures: signatures)
    }

    /// Checks that `key` made one of the signatures: one whose key id is `key`'s (or absent) must
    /// verify over the PAE. Throws why not.
    package func verify(key: Ed25519.PublicKey) throws(VerificationFailure) {
        let expected = Self.keyID(for: key)
        let candidates = signatures.filter { $0.keyID == nil || $0.keyID == expected }
        guard !candidates.isEmpty else {
            throw VerificationFailure(.unknownSigner, "no signature in the envelope is by key id \(expected)")
        }
        let data = pae
        guard candidates.contains(where: { key.isValidSignature($0.signature, for: data) }) else {
            throw VerificationFailure(.badSignature, "the envelope's signature does not verify: the payload, its type or the signature was changed")
        }
    }
}
