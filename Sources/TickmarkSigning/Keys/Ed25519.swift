import COpenSSL
import Tickmark

/// Ed25519 (RFC 8032) keys and signatures, computed by the system's OpenSSL (`libcrypto`).
///
/// Signing is deterministic: the same key and message always give the same 64 bytes.
package enum Ed25519 {
    /// A private key, held as its 32-byte seed.
    package struct PrivateKey: Sendable {
        /// The 32-byte seed (RFC 8032's private key).
        package let seed: [UInt8]
        /// The matching public key.
        package let publicKey: PublicKey

        /// Creates a key from a 32-byte seed, deriving its public key.
        package init(seed: [UInt8]) throws(TickmarkError) {
            guard seed.count == 32 else {
                throw TickmarkError(.signingKey, "an Ed25519 seed has 32 bytes, not \(seed.count)")
            }
            let pkey = seed.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
            }
            guard let pkey else { throw openSSLError("cannot load the Ed25519 seed") }
            defer { EVP_PKEY_free(pkey) }
            var raw = [UInt8](repeating: 0, count: 32)
            var length = 32
            guard EVP_PKEY_get_raw_public_key(pkey, &raw, &length) == 1, length == 32 else {
                throw openSSLError("cannot derive the Ed25519 public key")
            }
            self.seed = seed
            self.publicKey = try PublicKey(raw: raw)
        }

        /// Signs `message` (the message itself: Ed25519 hashes internally), giving 64 bytes.
        package func sign(_ message: [UInt8]) throws(TickmarkError) -> [UInt8] {
            let pkey = seed.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
            }
            guard let pkey else { throw openSSLError("cannot load the Ed25519 seed") }
            defer { EVP_PKEY_free(pkey) }
            guard let context = EVP_MD_CTX_new() else { throw openSSLError("out of memory") }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestSignInit(context, nil, nil, nil, pkey) == 1 else {
                throw openSSLError("cannot start an Ed25519 signature")
            }
            var signature = [UInt8](repeating: 0, count: 64)
            var length = 64
            let status = message.withUnsafeBufferPointer { input in
                EVP_DigestSign(context, &signature, &length, input.baseAddress, input.count)
            }
            guard status == 1, length == 64 else { throw openSSLError("Ed25519 signing failed") }
            return signature
        }
    }

    /// A public key, held as its 32 raw bytes.
    package struct PublicKey: Hashable, Sendable {
        /// The 32 raw bytes (RFC 8032's encoding of the point).
        package let raw: [UInt8]

        /// Creates a key from its 32 raw bytes; throws unless OpenSSL accepts them as an Ed25519 key.
        package init(raw: [UInt8]) throws(TickmarkError) {
            guard raw.count == 32 else {
                throw TickmarkError(.signingKey, "an Ed25519 public key has 32 bytes, not \(raw.count)")
            }
            let pkey = raw.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
            }
            guard let pkey else { throw openSSLError("not a valid Ed25519 public key") }
            EVP_PKEY_free(pkey)
            self.raw = raw
        }

        /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
        package func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard signature.count == 64 else { return false }
            let pkey = raw.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
            }
            guard let pkey else { return false }
            defer { EVP_PKEY_free(pkey) }
            guard let context = EVP_MD_CTX_new() else { return false }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestVerifyInit(context, nil, nil, nil, pkey) == 1 else { return false }
            let status = signature.withUnsafeBufferPointer { sig in
                message.withUnsafeBufferPointer { input in
                    EVP_DigestVerify(context, sig.baseAddress, 64, input.baseAddress, input.count)
                }
            }
            ERR_clear_error()
            return status == 1
        }

        /// The key as a DER SubjectPublicKeyInfo (RFC 8410): a fixed 12-byte prefix and the raw key.
        package var subjectPublicKeyInfo: [UInt8] {
            [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00] + raw
        }

        /// The key as a `-----BEGIN PUBLIC KEY-----` PEM text, as `openssl pkey -pubin` reads it.
        package var pem: String {
            "-----BEGIN PUBLIC KEY-----\n" + Base64.encode(subjectPublicKeyInfo) + "\n-----END PUBLIC KEY-----\n"
        }
    }

    /// A `.signingKey` error with OpenSSL's own reason appended, clearing OpenSSL's error queue.
    private static func openSSLError(_ message: String) -> TickmarkError {
        var reasons: [String] = []
        var code = ERR_get_error()
        while code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            code = ERR_get_error()
        }
        let detail = reasons.isEmpty ? "" : " (OpenSSL: \(reasons.joined(separator: "; ")))"
        return TickmarkError(.signingKey, message + detail)
    }
}
