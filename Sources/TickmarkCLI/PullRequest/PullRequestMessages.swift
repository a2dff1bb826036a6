/// The wording of what `run --pull-request` reports, in one place.
enum PullRequestMessages {
    static let missingToken = """
        GITHUB_TOKEN is not set: reading the pull request from the API, ticking its boxes and \
        commenting need a token (in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}` with \
        `permissions: pull-requests: write`); without one, read the event file and pass --no-comment
        """

    static func missingRepository(_ given: String?) -> String {
        if let given, !given.isEmpty {
            return "GITHUB_REPOSITORY must be owner/name, not '\(given)'"
        }
        return "GITHUB_REPOSITORY is not set: name the repository as owner/name (GitHub Actions sets it)"
    }

    static let missingEvent = """
        no pull request to read: GITHUB_EVENT_PATH is not set (GitHub Actions sets it on a \
        pull_request event); elsewhere, name one as github:pr#NUMBER and set GITHUB_REPOSITORY and GITHUB_TOKEN
        """

    static func notAPullRequestEvent(keys: [String]) -> String {
        let shown = keys.prefix(6).joined(separator: ", ")
        return "the event has no pull_request (its keys: \(shown.isEmpty ? "none" : shown)); run on a pull_request event, or name the pull request as github:pr#NUMBER"
    }

    static func notAPullRequestPath(_ path: String) -> String {
        "'\(path)' is not a pull request: write github:pr (the event's pull request) or github:pr#NUMBER"
    }

    static let severalPullRequests = "name at most one pull request (github:pr, github:pr#NUMBER or --pull-request)"

    static let emptyBody = "the pull request body holds no task items (- [ ] …): fill in the checklist template, or run without --pull-request"

    static func refused(_ what: String, status: Int, message: String?) -> String {
        var text = "GitHub API: \(what) answered \(status)"
        if let message, !message.isEmpty { text += ": \(message)" }
        switch status {
        case 401: text += " (check GITHUB_TOKEN)"
        case 403: text += " (the token needs `permissions: pull-requests: write`; a pull request from a fork gets a read-only token: pass --no-comment there)"
        case 404: text += " (check GITHUB_REPOSITORY and the pull request number, and that the token can read the repository)"
        default: break
        }
        return text
    }

    static func gaveUp(attempts: Int, boxes: Int) -> String {
        """
        the pull request body changed on every one of \(attempts) attempts to tick \(boxes) box\(boxes == 1 ? "" : "es"): \
        someone is editing it. Tickmark stopped rather than overwrite their words; the body is as they left it, \
        the results are in the run's output (and comment). Run again when the edits stop
        """
    }
}
