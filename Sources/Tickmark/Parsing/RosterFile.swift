import Yams

/// Reads a roster (`.tickmark/roster.yml`, SPEC §6): people by email, each with a name and SSH
/// public keys, and roles naming people. Keys are kept as written; the signing module parses them.
///
/// ```yaml
/// people:
///   ana@example.com: { name: Ana Lima, keys: ["ssh-ed25519 AAAA…"] }
/// roles:
///   release-manager: [ana@example.com]
/// ```
package struct RosterFile: Sendable, Equatable {
    /// One person of the roster.
    package struct Person: Sendable, Equatable {
        /// The email address, the key of the `people` mapping.
        package var email: String
        /// The display name, if given.
        package var name: String?
        /// The public key lines, each with the position where it is written.
        package var keys: [(line: String, position: SourcePosition)]

        package static func == (lhs: Person, rhs: Person) -> Bool {
            lhs.email == rhs.email && lhs.name == rhs.name && lhs.keys.map(\.line) == rhs.keys.map(\.line)
        }
    }

    /// The people, in the order written.
    package var people: [Person]
    /// Each role's people (emails), in the order written.
    package var roles: [(name: String, members: [String])]

    package static func == (lhs: RosterFile, rhs: RosterFile) -> Bool {
        lhs.people == rhs.people && lhs.roles.map(\.name) == rhs.roles.map(\.name) && lhs.roles.map(\.members) == rhs.roles.map(\.members)
    }

    /// Reads and parses the roster at `path`.
    package static func load(_ path: String) throws(TickmarkError) -> RosterFile {
        try parse(try ChecklistFile.readBytes(path, limit: ChecklistFile.smallFileReadLimit), path: path)
    }

    /// Parses a roster's text; anything not in the roster's shape is an error at its position.
    package static func parse(_ bytes: [UInt8], path: String) throws(TickmarkError) -> RosterFile {
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw TickmarkError(.invalidInput, "the roster is not valid YAML: \(error)", path: path)
        } catch {
            throw TickmarkError(.invalidInput, "the roster is not valid YAML: \(error)", path: path)
        }
        guard let root else { return RosterFile(people: [], roles: []) }
        guard case .mapping(let top) = root else {
            throw invalid("a roster is a mapping with `people:` (and optionally `roles:`)", root, path)
        }
        var roster = RosterFile(people: [], roles: [])
        for (key, value) in top {
            switch key.scalar?.string {
            case "people": roster.people = try people(value, path)
            case "roles": roster.roles = try roles(value, path)
            default:
                throw invalid("unknown roster key '\(key.scalar?.string ?? "?")'; a roster has `people:` and `roles:`", key, path)
            }
        }
        return roster
    }

    private static func people(_ node: Node, _ path: String) throws(TickmarkError) -> [Person] {
        guard case .mapping(let mapping) = node else {
            throw invalid("`people:` maps each email to `{ name: …, keys: [\"ssh-ed25519 AAAA…\"] }`", node, path)
        }
        var result: [Person] = []
        for (key, value) in mapping {
            guard let email = key.scalar?.string, email.contains("@") else {
                throw invalid("each person is named by an email address, such as ana@example.com", key, path)
            }
            guard case .mapping(let fields) = value else {
                throw invalid("\(email): expected `{ name: …, keys: [\"ssh-ed25519 AAAA…\"] }`", value, path)
            }
            var person = Person(email: email, name: nil, keys: [])
            for (field, content) in fields {
                switch field.scalar?.string {
                case "name":
                    guard let name = content.scalar?.string else { throw invalid("\(email): `name` must be text", content, path) }
                    person.name = name
                case "keys":
                    let entries: [Node]
                    if case .sequence(let sequence) = content { entries = Array(sequence) } else { entries = [content] }
                    for entry in entries {
                        guard let line = entry.scalar?.string else {
                            throw invalid("\(email): each key is one public key line, such as \"ssh-ed25519 AAAA… ana@laptop\"", entry, path)
                        }
                        person.keys.append((line, position(entry)))
                    }
                default:
                    throw invalid("\(email): unknown field '\(field.scalar?.string ?? "?")'; a person has `name` and `keys`", field, path)
                }
            }
            result.append(person)
        }
        return result
    }

    private static func roles(_ node: Node, _ path: String) throws(TickmarkError) -> [(name: String, members: [String])] {
        guard case .mapping(let mapping) = node else {
            throw invalid("`roles:` maps each role to a list of emails", node, path)
        }
        var result: [(name: String, members: [String])] = []
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            let entries: [Node]
            if case .sequence(let sequence) = value { entries = Array(sequence) } else { entries = [value] }
            var members: [String] = []
            for entry in entries {
                guard let email = entry.scalar?.string else { throw invalid("role \(name): each member is an email address", entry, path) }
                members.append(email)
            }
            result.append((name, members))
        }
        return result
    }

    private static func position(_ node: Node) -> SourcePosition {
        node.mark.map { SourcePosition(line: $0.line, column: $0.column, offset: 0) } ?? SourcePosition(line: 1, column: 1, offset: 0)
    }

    private static func invalid(_ message: String, _ node: Node, _ path: String) -> TickmarkError {
        TickmarkError(.invalidInput, message, path: path, position: position(node))
    }
}
