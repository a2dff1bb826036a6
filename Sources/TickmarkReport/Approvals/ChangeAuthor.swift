import Foundation
import Tickmark

/// Who made the change a release is about, for `not=author`: the release commit's author
/// (`Name <email>`, from git) or the pull request's author (`@login`, in pull-request mode).
package struct ChangeAuthor: Sendable, Equatable {
    /// `Ana Lima <ana@example.com>` or `@ana-lima`, as recorded.
    package var text: String

    package init(_ text: String) {
        self.text = text
    }

    /// The GitHub login, when the author is a pull request's (`@login`).
    package var login: String? { text.hasPrefix("@") ? String(text.dropFirst()).lowercased() : nil }
    /// The email address, when the author is a commit's.
    package var email: String? { SignOff.email(of: text)?.lowercased() }

    /// Whether the person who signed as `by` (`Name <email>`) is the author: the same email, or
    /// the roster person of that email has the author's GitHub login (or email).
    package func isAuthor(_ by: String, trust: SignerTrust) -> Bool {
        let signer = (SignOff.email(of: by) ?? by).lowercased()
        if let email, email == signer { return true }
        guard let person = trust.person(email: signer) else { return false }
        if let login, let github = person.github?.lowercased(), github == login { return true }
        return false
    }

    /// The author of commit `revision` in the git repository at `folder` (`Name <email>`), or nil.
    package static func gitAuthor(in folder: String, revision: String = "HEAD") -> ChangeAuthor? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder, "log", "-1", "--format=%an <%ae>", revision]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : ChangeAuthor(text)
    }
}
