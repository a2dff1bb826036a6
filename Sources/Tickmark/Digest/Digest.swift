import COpenSSL

/// Message digests computed with the system's OpenSSL (`libcrypto`).
package enum Digest {
    /// SHA-256 of `bytes`, 32 raw bytes.
    package static func sha256<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        compute(bytes, Algorithm.sha256, length: 32)
    }

    /// SHA-512 of `bytes`, 64 raw bytes.
    package static func sha512<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        compute(bytes, Algorithm.sha512, length: 64)
    }

    /// An incremental SHA-256 that keeps one OpenSSL context for many messages (hashing every item
    /// of a large checklist without allocating per item).
    package struct SHA256Hasher: ~Copyable {
        private let context: OpaquePointer?

        /// Creates a hasher with its own context.
        package init() {
            context = EVP_MD_CTX_new()
        }

        deinit {
            EVP_MD_CTX_free(context)
        }

        /// Starts a new message.
        package mutating func start() {
            _ = EVP_DigestInit_ex2(context, Algorithm.sha256.type, nil)
        }

        /// Adds bytes to the message.
        package mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count > 0 else { return }
            _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
        }

        /// Adds a string's UTF-8 to the message.
        package mutating func update(_ text: String) {
            var text = text
            text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        }

        /// Ends the message and hands its 32-byte digest to `body`.
        package mutating func finish<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { output in
                var length: UInt32 = 0
                _ = EVP_DigestFinal_ex(context, output.baseAddress, &length)
                return body(UnsafeBufferPointer(rebasing: output[0..<Int(length)]))
            }
        }
    }

    /// A digest implementation fetched from OpenSSL's provider once. `EVP_sha256()` would be looked
    /// up again on every call, which costs more than hashing a short text (every item is hashed).
    private final class Algorithm: @unchecked Sendable {
        static let sha256 = Algorithm(name: "SHA256", fallback: EVP_sha256())
        static let sha512 = Algorithm(name: "SHA512", fallback: EVP_sha512())

        let type: OpaquePointer?

        private init(name: String, fallback: OpaquePointer?) {
            type = EVP_MD_fetch(nil, name, nil) ?? fallback
        }
    }

    /// SHA-256 of `bytes` as lowercase hex.
    package static func sha256Hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        hex(sha256(bytes))
    }

    /// SHA-256 of a string's UTF-8 as lowercase hex.
    package static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    /// Lowercase hex of `bytes`.
    package static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        // Written straight into the string's storage: one allocation per digest.
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var index = 0
            for byte in bytes {
                out[index] = hexDigit(byte >> 4)
                out[index + 1] = hexDigit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    /// The ASCII lowercase hex digit of a value below 16.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x57 + value
    }

    private static func compute<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ algorithm: Algorithm, length: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: length)
        var written: UInt32 = 0
        let run: (UnsafeBufferPointer<UInt8>) -> Void = { input in
            output.withUnsafeMutableBufferPointer { out in
                _ = EVP_Digest(input.baseAddress, input.count, out.baseAddress, &written, algorithm.type, nil)
            }
        }
        if bytes.withContiguousStorageIfAvailable(run) == nil {
            Array(bytes).withUnsafeBufferPointer(run)
        }
        return output
    }
}

