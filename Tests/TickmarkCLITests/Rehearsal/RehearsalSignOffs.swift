import Foundation
import Testing
import TickmarkTestSupport

/// People's sign-offs, each signed with the person's own key.
extension ServiceTeam {
    /// `sign-off RECORD ITEMS… --by WHO --role ROLE --key KEY` by a person.
    func signOff(_ record: String, _ items: [String], by who: String, role: String, key: String) async throws -> Step {
        try await person(["sign-off", record] + items + ["--by", who, "--role", role, "--key", scratch.path("keys/" + key)])
    }

    /// Every manual item the checklist's record still waits for, signed off at once.
    func signOffAllWaiting(_ record: String, section: String? = nil, by who: String, role: String, key: String) async throws -> Step {
        try await person(["sign-off", record, "--all-waiting"] + (section.map { ["--section", $0] } ?? []) + ["--by", who, "--role", role, "--key", scratch.path("keys/" + key)])
    }

    /// The lines of `text` that contain `fragment`.
    static func lines(_ text: String, containing fragment: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.contains(fragment) }
    }
}
