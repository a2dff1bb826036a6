import Foundation
import TickmarkSigning

/// The signing test vectors in `Tests/TickmarkSigningTests/Vectors` (seed 00..1f), made by
/// `scripts/make-signing-vectors.sh` with ssh-keygen and openssl.
package enum Vectors {
    /// The vectors' folder in this repository.
    package static let folder = repositoryRoot + "/Tests/TickmarkSigningTests/Vectors"
    /// The Ed25519 seed of the test key: the bytes 00 to 1f.
    package static let seed: [UInt8] = Array(0..<32)
    /// The public key, as hex.
    package static let publicHex = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
    /// The public key as an OpenSSH `.pub` line without a comment.
    package static let publicLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"
    /// The public key's OpenSSH fingerprint.
    package static let fingerprint = "SHA256:lbmsoA0yIEcEiVDRnMWuzm+nV+3ZEEpVIURqFoeSspg"
    /// The namespace the SSH signature vectors were made in.
    package static let namespace = "release-report@example.com"
    /// The key's id in DSSE envelopes.
    package static let keyID = "63d00ee3cf4f5c61ad94efa696c68f13b608fe56ecea13fb144a6fd18e9235b9"

    /// The bytes of the vector file `name`.
    package static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }

    /// The private key made from `seed`.
    package static func key() throws -> Ed25519.PrivateKey {
        try Ed25519.PrivateKey(seed: seed)
    }
}

/// The public key of the vector seed as a `.pub` line with a comment.
package func vectorPublicKey(comment: String = "vector@example") throws -> SSHPublicKey {
    SSHPublicKey(try Vectors.key().publicKey, comment: comment)
}
