import Foundation
import Tickmark
import TickmarkProbes

/// What a person asks `tickmark sign-off` to record.
package struct SignOffRequest: Sendable, Equatable {
    /// Which items are signed off.
    package enum Selection: Sendable, Equatable {
        /// Each string names one item: its id, or a case-insensitive part of its text.
        case items([String])
        /// Every manual item still waiting for a sign-off, within the section when given.
        case allWaiting(section: String?)
    }

    /// The items.
    package var selection: Selection
    /// Only look in this checklist (by id).
    package var checklist: String?
    /// Who: `Name <email>`.
    package var by: String
    /// The role they sign in.
    package var role: String?
    /// A free-text note.
    package var note: String?
    /// Approve or reject.
    package var decision: SignOff.Decision
    /// When the approval stops counting.
    package var expires: Date?
    /// The private key that signs the sign-off, if any.
    package var keyPath: String?

    /// Creates a request for several items, or all waiting ones.
    package init(
        selection: Selection, checklist: String? = nil, by: String, role: String? = nil, note: String? = nil,
        decision: SignOff.Decision = .approve, expires: Date? = nil, keyPath: String? = nil
    ) {
        self.selection = selection
        self.checklist = checklist
        self.by = by
        self.role = role
        self.note = note
        self.decision = decision
        self.expires = expires
        self.keyPath = keyPath
    }

    /// Creates a request for one item (its id, or a part of its text).
    package init(
        item: String, checklist: String? = nil, by: String, role: String? = nil, note: String? = nil,
        decision: SignOff.Decision = .approve, expires: Date? = nil, keyPath: String? = nil
    ) {
        self.init(selection: .items([item]), checklist: checklist, by: by, role: role, note: note, decision: decision, expires: expires, keyPath: keyPath)
    }

    /// Whether `text` looks like `Name <email>`: a name, then an address with one `@` in angle brackets.
    package static func isSigner(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return false }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        let address = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.contains(where: { "<>".contains($0) }), parts.count == 2 else { return false }
        return !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !address.contains(where: { $0.isWhitespace || $0 == "<" })
    }

    /// `role` without a leading `@`, lowercased, for comparing with owners.
    static func handle(_ text: String) -> String {
        (text.hasPrefix("@") ? String(text.dropFirst()) : text).lowercased()
    }
}

/// What `SignOffRecorder.record` did for one item.
package struct SignOffOutcome: Sendable {
    /// The record with every sign-off of the command appended and decisions recomputed.
    package var record: RunRecord
    /// The sign-off added.
    package var signOff: SignOff
    /// The item signed off (as recorded before the sign-off).
    package var match: ItemLookup.Match
    /// The item as it is now in the updated record.
    package var item: RunRecord.ItemRecord
    /// The checklist's decision now.
    package var checklistDecision: Decision
    /// Things the person should know, such as a role outside the item's owners.
    package var notes: [String]
    /// The signature's key and whose it is, when signed.
    package var signer: SignerCheck = SignerCheck(standing: .unsigned)
}

/// Signs a sign-off's canonical text with an approver's own key (`tickmark sign-off --key KEY`).
///
/// The signature covers `SignOff.canonicalText`, which holds every field but the signature itself,
/// so it is computed before the signature is attached.
package protocol SignOffSigner: Sendable {
    /// An SSHSIG signature over `text` by the private key at `keyPath`.
    func sign(_ text: String, keyPath: String) throws -> SignOff.Signature
}

extension SignOffSigner {
    /// Refuses: signing is provided by the signing module once it is wired in.
    package func sign(_ text: String, keyPath: String) throws -> SignOff.Signature {
        throw TickmarkError(.usage, "signing sign-offs needs the signing module, which this build does not include; sign off without --key", path: keyPath)
    }
}

/// The signer used until the signing module provides one: every request is refused.
package struct UnavailableSignOffSigner: SignOffSigner {
    /// Creates the signer.
    package init() {}
}
