import TickmarkSigning

/// The signing test key (seed 00..1f) and what follows from it; see Tests/TickmarkSigningTests/Vectors.
enum Vectors {
    static let seed: [UInt8] = Array(0..<32)
    static let publicLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"
    static let fingerprint = "SHA256:lbmsoA0yIEcEiVDRnMWuzm+nV+3ZEEpVIURqFoeSspg"
    static let keyID = "63d00ee3cf4f5c61ad94efa696c68f13b608fe56ecea13fb144a6fd18e9235b9"

    static func key() throws -> Ed25519.PrivateKey {
        try Ed25519.PrivateKey(seed: seed)
    }
}

/// The public key of the vector seed as a `.pub` line with a comment.
func vectorPublicKey(comment: String = "vector@example") throws -> SSHPublicKey {
    SSHPublicKey(try Vectors.key().publicKey, comment: comment)
}
