import Foundation
import Tickmark
import TickmarkSigning

/// Whose keys are whose (SPEC §6, "a signature binds the signer"): the people of a roster
/// (`.tickmark/roster.yml`) and their keys, and an OpenSSH `allowed_signers` file.
///
/// A signed sign-off counts for `--by "Name <email>"` only when its key is one of that email's
/// keys in the roster, or a key the allowed-signers file allows as that email for the namespace
/// `tickmark-sign-off`. With neither known, nothing can be bound: the signature is still checked,
/// and the sign-off counts as an unsigned one would, shown as "signer not verified: no roster".
package struct SignerTrust: Sendable {
    /// One person of the roster, with parsed keys.
    package struct Person: Sendable {
        /// The email address.
        package var email: String
        /// The name, if the roster gives one.
        package var name: String?
        /// The person's keys.
        package var keys: [SSHPublicKey]
        /// The GitHub login, if the roster gives one.
        package var github: String? = nil
        /// `he`, `she` or `they`, if the roster gives one.
        package var pronoun: String? = nil
        /// `Name <email>`, or the email alone.
        package var display: String { name.map { "\($0) <\(email)>" } ?? email }
    }

    /// The roster's people (empty without a roster).
    package var people: [Person]
    /// The roster's roles (kept for approvals by role).
    package var roles: [(name: String, members: [String])]
    /// The roster file, when one was read.
    package var rosterPath: String?
    /// The allowed-signers file, when one was given.
    package var allowedSigners: AllowedSigners?
    /// Its path.
    package var allowedSignersPath: String?

    /// Nothing known: signers cannot be bound.
    package static let none = SignerTrust(people: [], roles: [], rosterPath: nil, allowedSigners: nil, allowedSignersPath: nil)

    /// Creates a trust from its parts.
    package init(people: [Person], roles: [(name: String, members: [String])] = [], rosterPath: String?, allowedSigners: AllowedSigners?, allowedSignersPath: String?) {
        self.people = people
        self.roles = roles
        self.rosterPath = rosterPath
        self.allowedSigners = allowedSigners
        self.allowedSignersPath = allowedSignersPath
    }

    /// The roster file's people with their keys parsed; a key that is not a public key line is an
    /// error at its position.
    package init(roster: RosterFile, path: String, allowedSigners: AllowedSigners? = nil, allowedSignersPath: String? = nil) throws(TickmarkError) {
        var people: [Person] = []
        for person in roster.people {
            var keys: [SSHPublicKey] = []
            for key in person.keys {
                do {
                    keys.append(try SSHPublicKey(line: key.line))
                } catch {
                    throw TickmarkError(.invalidInput, "\(person.email): \(error.message)", path: path, position: key.position)
                }
            }
            people.append(Person(email: person.email, name: person.name, keys: keys, github: person.github, pronoun: person.pronoun))
        }
        self.init(people: people, roles: roster.roles, rosterPath: path, allowedSigners: allowedSigners, allowedSignersPath: allowedSignersPath)
    }

    /// Reads the roster at `roster` (when given) and the allowed-signers file at `allowedSigners`
    /// (when given); `displayRoster` and `displayAllowedSigners` are the paths named in messages.
    package static func load(
        roster: String?, displayRoster: String? = nil, allowedSigners: String?, displayAllowedSigners: String? = nil
    ) throws(TickmarkError) -> SignerTrust {
        var signers: AllowedSigners?
        if let allowedSigners {
            let bytes = try ChecklistFile.readBytes(allowedSigners, limit: ChecklistFile.smallFileReadLimit)
            signers = try AllowedSigners(text: String(decoding: bytes, as: UTF8.self), path: displayAllowedSigners ?? allowedSigners)
        }
        let signersPath = allowedSigners == nil ? nil : displayAllowedSigners ?? allowedSigners
        guard let roster else {
            return SignerTrust(people: [], rosterPath: nil, allowedSigners: signers, allowedSignersPath: signersPath)
        }
        let shown = displayRoster ?? roster
        let file = try RosterFile.parse(try ChecklistFile.readBytes(roster, limit: ChecklistFile.smallFileReadLimit), path: shown)
        return try SignerTrust(roster: file, path: shown, allowedSigners: signers, allowedSignersPath: signersPath)
    }

    /// Whether anything can bind a key to a person.
    package var knowsSigners: Bool { rosterPath != nil || allowedSigners != nil }

    /// Where the keys come from, for messages: `the roster .tickmark/roster.yml`, `allowed_signers`…
    package var sources: String {
        [rosterPath.map { "the roster \($0)" }, allowedSignersPath.map { "the allowed signers \($0)" }]
            .compactMap { $0 }.joined(separator: " and ")
    }

    /// The emails of the roster's role `role` (without `@`, letter case aside), or nil when the
    /// roster has no such role.
    package func members(of role: String) -> [String]? {
        roles.first { $0.name.lowercased() == role.lowercased() }?.members
    }

    /// The person the roster gives `key` to, if any.
    package func person(owning key: SSHPublicKey) -> Person? {
        people.first { $0.keys.contains { $0.sameKey(as: key) } }
    }

    /// The roster person with `email` (letter case aside).
    package func person(email: String) -> Person? {
        people.first { $0.email.lowercased() == email.lowercased() }
    }

    /// Who `key` belongs to, as the roster or the allowed-signers file says, if either knows it.
    package func owner(of key: SSHPublicKey, namespace: String, now: Date) -> String? {
        if let person = person(owning: key) { return person.display }
        if let allowedSigners, case .success(let entry) = allowedSigners.match(key: key, namespace: namespace, now: Int(now.timeIntervalSince1970)) {
            return entry.principals
        }
        return nil
    }

    /// The principal `key` signs as for `email` (`Name <email>` from the roster, the matching
    /// principals from allowed signers), or why it may not.
    package func bind(key: SSHPublicKey, to email: String, namespace: String, now: Date) -> Result<String, SignerRefusal> {
        if let person = person(email: email), person.keys.contains(where: { $0.sameKey(as: key) }) { return .success(person.display) }
        if let allowedSigners, case .success(let entry) = allowedSigners.match(
            key: key, namespace: namespace, identity: email.lowercased(), now: Int(now.timeIntervalSince1970)
        ) {
            return .success(entry.principals)
        }
        return .failure(SignerRefusal(fingerprint: key.fingerprint, owner: owner(of: key, namespace: namespace, now: now), email: email, sources: sources))
    }
}

/// Why a key does not bind a signer: the key, whose it is (if known), and whom it was claimed for.
package struct SignerRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key's `SHA256:…` fingerprint.
    package var fingerprint: String
    /// The person or principals the key belongs to, when known.
    package var owner: String?
    /// The email the sign-off names.
    package var email: String
    /// Where keys were looked up.
    package var sources: String

    /// `the key SHA256:… of Ana Lima <ana@example.com>, not a key of dee@example.com in the roster …`.
    package var keyDescription: String {
        guard let owner else { return "the key \(fingerprint), not a key of \(email) in \(sources) (nor anyone else's)" }
        return "the key \(fingerprint) of \(owner), not a key of \(email) in \(sources)"
    }

    /// `signed with the key SHA256:… of Ana Lima <ana@example.com>, not a key of dee@example.com …`.
    package var description: String { "signed with " + keyDescription }
}
