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
        /// The GitHub login (without `@`), to know the person as a pull request's author.
        package var github: String?
        /// `he`, `she` or `they`, for the wording of decisions ("cannot approve his own change").
        package var pronoun: String?
        /// Where the email is written.
        package var position = SourcePosition(line: 1, column: 1, offset: 0)

        package static func == (lhs: Person, rhs: Person) -> Bool {
            lhs.email == rhs.email && lhs.name == rhs.name && lhs.keys.map(\.line) == rhs.keys.map(\.line)
                && lhs.github == rhs.github && lhs.pronoun == rhs.pronoun
        }
    }

    /// The people, in the order written.
    package var people: [Person]
    /// Each role's people (emails), in the order written.
    package var roles: [(name: String, members: [String])]
    /// Where each role's name and each of its members is written, parallel to `roles`.
    package var rolePositions: [(name: SourcePosition, members: [SourcePosition])] = []

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
        return try parse(root, path: path, place: position)
    }

    /// Where a node of a roster is, as a position in its file.
    typealias Place = (Node) -> SourcePosition

    /// Reads a roster from its YAML node (a roster file's root, or front matter `roster:`);
    /// `place` gives each node's position in the file `path`.
    static func parse(_ root: Node, path: String, place: Place) throws(TickmarkError) -> RosterFile {
        guard case .mapping(let top) = root else {
            throw invalid("a roster is a mapping with `people:` (and optionally `roles:`)", root, path, place)
        }
        var roster = RosterFile(people: [], roles: [])
        for (key, value) in top {
            switch key.scalar?.string {
            case "people": roster.people = try people(value, path, place)
            case "roles": (roster.roles, roster.rolePositions) = try roles(value, path, place)
            default:
                throw invalid("unknown roster key '\(key.scalar?.string ?? "?")'; a roster has `people:` and `roles:`", key, path, place)
            }
        }
        return roster
    }

    private static func people(_ node: Node, _ path: String, _ place: Place) throws(TickmarkError) -> [Person] {
        guard case .mapping(let mapping) = node else {
            throw invalid("`people:` maps each email to `{ name: …, keys: [\"ssh-ed25519 AAAA…\"] }`", node, path, place)
        }
        var result: [Person] = []
        for (key, value) in mapping {
            guard let email = key.scalar?.string, email.contains("@") else {
                throw invalid("each person is named by an email address, such as ana@example.com", key, path, place)
            }
            guard case .mapping(let fields) = value else {
                throw invalid("\(email): expected `{ name: …, keys: [\"ssh-ed25519 AAAA…\"] }`", value, path, place)
            }
            var person = Person(email: email, name: nil, keys: [])
            person.position = place(key)
            for (field, content) in fields {
                switch field.scalar?.string {
                case "name":
                    guard let name = content.scalar?.string else { throw invalid("\(email): `name` must be text", content, path, place) }
                    person.name = name
                case "keys":
                    let entries: [Node]
                    if case .sequence(let sequence) = content { entries = Array(sequence) } else { entries = [content] }
                    for entry in entries {
                        guard let line = entry.scalar?.string else {
                            throw invalid("\(email): each key is one public key line, such as \"ssh-ed25519 AAAA… ana@laptop\"", entry, path, place)
                        }
                        person.keys.append((line, place(entry)))
                    }
                case "github":
                    guard let login = content.scalar?.string, !login.isEmpty else { throw invalid("\(email): `github` is a GitHub login, such as ana-lima", content, path, place) }
                    person.github = login.hasPrefix("@") ? String(login.dropFirst()) : login
                case "pronoun":
                    guard let pronoun = content.scalar?.string.lowercased(), ["he", "she", "they"].contains(pronoun) else {
                        throw invalid("\(email): `pronoun` is he, she or they", content, path, place)
                    }
                    person.pronoun = pronoun
                default:
                    throw invalid("\(email): unknown field '\(field.scalar?.string ?? "?")'; a person has `name`, `keys`, `github` and `pronoun`", field, path, place)
                }
            }
            result.append(person)
        }
        return result
    }

    private static func roles(_ node: Node, _ path: String, _ place: Place) throws(TickmarkError)
        -> ([(name: String, members: [String])], [(name: SourcePosition, members: [SourcePosition])]) {
        guard case .mapping(let mapping) = node else {
            throw invalid("`roles:` maps each role to a list of emails", node, path, place)
        }
        var result: [(name: String, members: [String])] = []
        var positions: [(name: SourcePosition, members: [SourcePosition])] = []
        for (key, value) in mapping {
            var name = key.scalar?.string ?? ""
            if name.hasPrefix("@") { name.removeFirst() }
            let entries: [Node]
            if case .sequence(let sequence) = value { entries = Array(sequence) } else if case .scalar(let scalar) = value, ["", "~", "null"].contains(scalar.string) { entries = [] } else { entries = [value] }
            var members: [String] = []
            var memberPositions: [SourcePosition] = []
            for entry in entries {
                guard let email = entry.scalar?.string else { throw invalid("role \(name): each member is an email address", entry, path, place) }
                members.append(email)
                memberPositions.append(place(entry))
            }
            result.append((name, members))
            positions.append((place(key), memberPositions))
        }
        return (result, positions)
    }

    private static func position(_ node: Node) -> SourcePosition {
        node.mark.map { SourcePosition(line: $0.line, column: $0.column, offset: 0) } ?? SourcePosition(line: 1, column: 1, offset: 0)
    }

    private static func invalid(_ message: String, _ node: Node, _ path: String, _ place: Place) -> TickmarkError {
        TickmarkError(.invalidInput, message, path: path, position: place(node))
    }
}
