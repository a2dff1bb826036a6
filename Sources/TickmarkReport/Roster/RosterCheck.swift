import Foundation
import Tickmark
import TickmarkSigning

/// What `lint` says about a roster and about the approval rules that use it: a roster that cannot
/// be read, a key that is not an SSH public key line, a key given to two people, a role naming
/// someone who is not under `people:`, an empty role; in checklists, a rule naming a role the
/// roster does not have, or asking for more approvals than the role has people.
package enum RosterCheck {
    /// The problems of the roster file `bytes` (shown as `path`), and the roster when it could be read.
    package static func check(_ bytes: [UInt8], path: String) -> (roster: RosterFile?, diagnostics: [Diagnostic]) {
        let source = SourceText(bytes: bytes)
        let roster: RosterFile
        do {
            roster = try RosterFile.parse(bytes, path: path)
        } catch {
            let at = error.position.map { source.position(line: $0.line, column: $0.column) }
            return (nil, [Diagnostic(.roster, .error, error.message, path: path, at: at ?? source.position(ofOffset: 0))])
        }
        return (roster, check(roster, path: path, source: source))
    }

    /// The problems of a roster read from `source` (a roster file, or a checklist whose front
    /// matter holds it), shown as `path`: keys, and roles' people.
    package static func check(_ roster: RosterFile, path: String, source: SourceText) -> [Diagnostic] {
        let at = { (position: SourcePosition) in source.position(line: position.line, column: position.column) }
        var diagnostics: [Diagnostic] = []
        var owners: [[UInt8]: String] = [:]
        for person in roster.people {
            for key in person.keys {
                let parsed: SSHPublicKey
                do {
                    parsed = try SSHPublicKey(line: key.line)
                } catch {
                    diagnostics.append(Diagnostic(
                        .roster, .error, "\(person.email): this key is not an SSH public key line: \(error.message)",
                        path: path, at: at(key.position), length: key.line.utf8.count,
                        notes: ["paste the whole line of the person's .pub file, such as \"ssh-ed25519 AAAAC3Nza… ana@laptop\""]
                    ))
                    continue
                }
                let blob = Array(parsed.fingerprint.utf8)
                if let other = owners[blob], other != person.email {
                    diagnostics.append(Diagnostic(
                        .roster, .error, "\(person.email): this key (\(parsed.fingerprint)) is also \(other)'s; a key binds one person",
                        path: path, at: at(key.position), length: key.line.utf8.count
                    ))
                } else {
                    owners[blob] = person.email
                }
            }
        }
        let emails = roster.people.map { $0.email.lowercased() }
        for (index, role) in roster.roles.enumerated() {
            let positions: (name: SourcePosition, members: [SourcePosition]) = index < roster.rolePositions.count ? roster.rolePositions[index] : (SourcePosition(line: 1, column: 1, offset: 0), [])
            if role.members.isEmpty {
                diagnostics.append(Diagnostic(
                    .roster, .warning, "role @\(role.name) has nobody in it, so approvals from @\(role.name) can never be given",
                    path: path, at: at(positions.name), length: role.name.utf8.count,
                    notes: ["list the email addresses of the people who hold it, each also under `people:`"]
                ))
            }
            for (memberIndex, member) in role.members.enumerated() where !emails.contains(member.lowercased()) {
                var message = "role @\(role.name) names \(member), who is not under `people:`"
                if let near = Suggestion.closest(to: member, among: roster.people.map(\.email)) { message += "; did you mean '\(near)'?" }
                let position = memberIndex < positions.members.count ? positions.members[memberIndex] : positions.name
                diagnostics.append(Diagnostic(
                    .roster, .error, message, path: path, at: at(position), length: member.utf8.count,
                    notes: ["add \(member) under `people:` with a name and keys, or correct the address"]
                ))
            }
        }
        return diagnostics
    }

    /// The problems of `checklist`'s approval rules against `roster` (shown as `rosterPath`).
    package static func check(_ checklist: Checklist, roster: RosterFile, rosterPath: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        checklist.forEachItem { item in
            for rule in item.approvals {
                guard let role = rule.role, let start = rule.position else { continue }
                let at = checklist.source.position(ofOffset: start.offset + (rule.roleOffsetInSource ?? 0))
                guard let members = roster.roles.first(where: { $0.name.lowercased() == role.lowercased() })?.members else {
                    var message = "role @\(role) is not in the roster \(rosterPath)"
                    if let near = Suggestion.closest(to: role, among: roster.roles.map(\.name)) { message += "; did you mean '@\(near)'?" }
                    diagnostics.append(Diagnostic(
                        .roster, .error, message, path: checklist.path, at: at, length: role.utf8.count + 1,
                        notes: ["add it under `roles:` in \(rosterPath) with the people who hold it"]
                    ))
                    continue
                }
                // An empty role is the roster's warning (a starter roster has them), not an error here.
                if !members.isEmpty, members.count < rule.count {
                    diagnostics.append(Diagnostic(
                        .roster, .error,
                        "`\(rule.source)` asks for \(rule.count) approvals, but the roster \(rosterPath) has \(members.count) \(members.count == 1 ? "person" : "people") in @\(role)",
                        path: checklist.path, at: at, length: role.utf8.count + 1
                    ))
                }
            }
        }
        return diagnostics
    }
}
