import Foundation
import Tickmark
import TickmarkProbes

/// The one pull request comment that holds a run's results, found again by a hidden marker and
/// updated in place: a pull request gets one comment from Tickmark, not one per run.
enum PullRequestComment {
    /// The first line of the comment (an HTML comment: GitHub does not show it).
    static let marker = "<!-- tickmark:pr-checklist -->"
    /// GitHub refuses comments longer than this many characters.
    static let maximumLength = 65_536

    /// The comment's text: the marker, the results table, and a line naming the run.
    static func body(_ outcome: RunOutcome, note: String?, environment: [String: String]) -> String {
        var footer: [String] = []
        if let note { footer.append(note) }
        var origin = "Tickmark \(TickmarkCommand.version)"
        if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
           let runID = environment["GITHUB_RUN_ID"], !server.isEmpty, !repository.isEmpty, !runID.isEmpty {
            origin += " · [workflow run](\(server)/\(repository)/actions/runs/\(runID))"
        }
        if let sha = environment["GITHUB_SHA"], sha.count >= 7 { origin += " · commit \(sha.prefix(7))" }
        footer.append(origin)
        let tail = "\n" + footer.map { "<sub>\($0)</sub>" }.joined(separator: "<br>\n") + "\n"
        var summary = GitHubActions.summaryMarkdown(outcome)
        let room = maximumLength - marker.count - tail.count - 200
        if summary.count > room {
            var lines = summary.split(separator: "\n", omittingEmptySubsequences: false)
            var length = summary.count
            var dropped = 0
            while length > room, let last = lines.popLast() {
                length -= last.count + 1
                dropped += 1
            }
            summary = lines.joined(separator: "\n") + "\n\n… \(dropped) more lines: see the workflow run's summary.\n"
        }
        return marker + "\n" + summary + tail
    }

    /// What happened to the comment.
    enum Action: String, Sendable {
        case created, updated, unchanged
    }

    /// Updates the earlier comment carrying the marker, or creates one.
    static func post(_ text: String, api: GitHubAPI, number: Int) async throws(TickmarkError) -> (IssueComment, Action) {
        let earlier = try await api.comments(number).first { $0.body.hasPrefix(marker) }
        guard let earlier else {
            return (try await api.createComment(number, body: text), .created)
        }
        if earlier.body == text { return (earlier, .unchanged) }
        return (try await api.updateComment(earlier.id, body: text), .updated)
    }
}
