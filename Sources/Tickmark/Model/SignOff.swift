import Foundation

/// A person's approval or rejection of a manual item, bound to the item's content.
public struct SignOff: Sendable, Equatable, Codable {
    /// Approve or reject.
    public enum Decision: String, Sendable, Codable {
        case approve
        case reject
    }

    /// An optional signature over the sign-off's canonical text, by the approver's own key.
    public struct Signature: Sendable, Equatable, Codable {
        /// `sshsig`.
        public var format: String
        /// The approver's public key line (`ssh-ed25519 AAAA… comment`).
        public var publicKey: String
        /// The armored signature.
        public var signature: String

        /// Creates a signature record.
        public init(format: String, publicKey: String, signature: String) {
            self.format = format
            self.publicKey = publicKey
            self.signature = signature
        }
    }

    /// The checklist id the item belongs to.
    public var checklist: String
    /// The item's id.
    public var item: String
    /// The item's content digest when it was signed off; a different digest now means stale.
    public var itemDigest: String
    /// Who: `Name <email>`.
    public var by: String
    /// The role they signed in (`release-manager`), if given.
    public var role: String?
    /// When.
    public var at: Date
    /// A free-text note.
    public var note: String?
    /// Approve or reject.
    public var decision: Decision
    /// When the approval stops counting, if ever.
    public var expires: Date?
    /// The approver's signature, if they signed.
    public var signature: Signature?

    /// Creates a sign-off.
    public init(
        checklist: String, item: String, itemDigest: String, by: String, role: String? = nil, at: Date,
        note: String? = nil, decision: Decision = .approve, expires: Date? = nil, signature: Signature? = nil
    ) {
        self.checklist = checklist
        self.item = item
        self.itemDigest = itemDigest
        self.by = by
        self.role = role
        self.at = at
        self.note = note
        self.decision = decision
        self.expires = expires
        self.signature = signature
    }

    /// Whether the sign-off still applies to `item` at `date`.
    public func validity(for item: ChecklistItem, at date: Date) -> Validity {
        if itemDigest != item.contentDigest { return .stale }
        if let expires, expires <= date { return .expired }
        return .valid
    }

    /// Whether a sign-off counts.
    public enum Validity: String, Sendable {
        case valid
        /// The item was edited after the sign-off.
        case stale
        /// Its expiry passed.
        case expired
    }

    /// The text an approver signs: every field but the signature, one per line.
    public var canonicalText: String {
        let formatter = ISO8601DateFormatter()
        var lines = [
            "tickmark-sign-off-v1",
            "checklist: \(checklist)",
            "item: \(item)",
            "item-digest: \(itemDigest)",
            "by: \(by)",
            "role: \(role ?? "")",
            "at: \(formatter.string(from: at))",
            "decision: \(decision.rawValue)",
            "note: \(note ?? "")",
        ]
        lines.append("expires: \(expires.map { formatter.string(from: $0) } ?? "")")
        return lines.joined(separator: "\n") + "\n"
    }
}
