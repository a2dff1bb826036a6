import Foundation
import Tickmark

/// The starter roster `init` writes when the project has none: commented, with an empty list for
/// each role the written checklists ask approvals from, so that `lint` and `run` say which roles
/// still need people. An existing roster is never touched.
enum InitRoster {
    /// The roles (without `@`) the approval rules of `checklists` name, sorted.
    static func roles(_ checklists: [[UInt8]]) -> [String] {
        var roles: Set<String> = []
        for bytes in checklists {
            for item in ChecklistParser.parse(bytes, path: "checklist.md").allItems {
                for rule in item.approvals { if let role = rule.role { roles.insert(role) } }
            }
        }
        return roles.sorted()
    }

    /// The roster's text for `roles`.
    static func text(roles: [String]) -> String {
        var lines = [
            "# Who may approve what (see docs/approvals.md). Approval rules in the checklists, such as",
            "# `approve: 2 @release-manager not=author`, count sign-offs only from the people listed here.",
            "#",
            "# Each person is named by email, with a name, the SSH public keys they sign sign-offs with",
            "# (the line of their ~/.ssh/id_ed25519.pub), and optionally their GitHub login (to know them",
            "# as a pull request's author) and a pronoun (he, she or they) for the wording of decisions:",
            "#",
            "#   ana@example.com: { name: Ana Lima, github: ana-lima, keys: [\"ssh-ed25519 AAAA… ana@laptop\"] }",
            "#   bo@example.com: { name: Bo Berg, pronoun: he, keys: [\"ssh-ed25519 AAAA… bo@laptop\"] }",
            "people: {}",
            "",
            "# The roles the checklists ask approvals from, each a list of the emails above, such as",
            "#   release-manager: [ana@example.com, bo@example.com]",
            "roles:",
        ]
        lines += roles.map { "  \($0): []" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the starter roster at `project/.tickmark/roster.yml` unless one exists or no
    /// checklist asks for approvals; says what it did.
    static func write(in project: String, checklists: [[UInt8]], console: Console, display: (String) -> String) {
        let roles = roles(checklists)
        guard !roles.isEmpty else { return }
        let path = ((project as NSString).appendingPathComponent(".tickmark") as NSString).appendingPathComponent("roster.yml")
        guard !FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.replace(path: path, expected: nil, with: Array(text(roles: roles).utf8))
            console.line("wrote \(display(path)) (a starter roster: add the people of \(roles.map { "@" + $0 }.joined(separator: ", ")))")
        } catch {
            console.errorLine("\(display(path)): warning: the starter roster was not written: \(error)")
        }
    }
}
