import Foundation
@testable import TickmarkSigning

/// The signing test vectors in `Tests/TickmarkSigningTests/Vectors` (seed 00..1f), made by
/// `scripts/make-signing-vectors.sh` with ssh-keygen and openssl.
enum Vectors {
    /// The vectors' folder in this repository, found from this file's own path.
    static let folder: String = {
        var path = #filePath
        for _ in 0..<2 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Vectors"
    }()
    static let seed: [UInt8] = Array(0..<32)
    static let publicHex = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
    static let publicLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"
    static let fingerprint = "SHA256:lbmsoA0yIEcEiVDRnMWuzm+nV+3ZEEpVIURqFoeSspg"
    static let namespace = "release-report@example.com"
    static let keyID = "63d00ee3cf4f5c61ad94efa696c68f13b608fe56ecea13fb144a6fd18e9235b9"

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }

    static func key() throws -> Ed25519.PrivateKey {
        try Ed25519.PrivateKey(seed: seed)
    }
}

/// The public key of the vector seed as a `.pub` line with a comment.
func vectorPublicKey(comment: String = "vector@example") throws -> SSHPublicKey {
    SSHPublicKey(try Vectors.key().publicKey, comment: comment)
}
