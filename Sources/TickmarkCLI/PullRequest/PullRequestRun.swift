import ArgumentParser
import Foundation
import Tickmark
import TickmarkProbes

extension PullRequestSource: ExpressibleByArgument {}

/// `tickmark run --pull-request` (or a path `github:pr`): the checklist is the pull request's
/// body. This reads it (from the event file or the API), and after the run ticks probe boxes in
/// it (`--write`) and posts the results as the pull request's one Tickmark comment.
struct PullRequestRun: Sendable {
    /// The pull request as read.
    var pullRequest: PullRequest
    /// Its body, parsed under the name `github:pr#NUMBER`.
    var checklist: Checklist
    /// The API client; `nil` when no request is needed (event file, no `--write`, no comment).
    var api: GitHubAPI?
    /// Whether to post the results as a comment.
    var comments: Bool

    /// The id of a pull request checklist whose front matter names none.
    static let defaultID = "pull-request"

    /// The pull request the command line names, read; `nil` when it names none. `write` and
    /// `comment` say which API calls will follow, so that a missing token stops the run before
    /// any probe starts.
    static func open(
        paths: [String], option: PullRequestSource?, write: Bool, comment: Bool, console: Console, transport: any HTTPTransport
    ) async throws(TickmarkError) -> PullRequestRun? {
        var references: [PullRequestReference] = []
        for path in paths where path.hasPrefix("github:") {
            guard let reference = PullRequestReference(path: path) else {
                throw TickmarkError(.usage, PullRequestMessages.notAPullRequestPath(path))
            }
            references.append(reference)
        }
        if option != nil && references.isEmpty { references.append(PullRequestReference(number: nil)) }
        guard references.count <= 1 else { throw TickmarkError(.usage, PullRequestMessages.severalPullRequests) }
        guard let reference = references.first else { return nil }

        let environment = console.environment
        var source = option ?? .event
        var event: PullRequest?
        if reference.number == nil || source == .event, let eventPath = environment["GITHUB_EVENT_PATH"], !eventPath.isEmpty {
            event = try PullRequestEvent.read(ChecklistPaths.resolve(eventPath, base: console.currentDirectory))
        }
        if let number = reference.number, event?.number != number { source = .api }
        let hasToken = !(environment["GITHUB_TOKEN"] ?? "").isEmpty
        var api: GitHubAPI?
        if source == .api || write || (comment && hasToken) {
            api = try GitHubAPI.fromEnvironment(environment, repository: event?.repository, transport: transport)
        }
        if comment && !hasToken {
            console.errorLine("warning: GITHUB_TOKEN is not set: the results will not be posted to the pull request (set it, or pass --no-comment)")
        }

        let pullRequest: PullRequest
        if source == .api, let api {
            guard let number = reference.number ?? event?.number ?? Self.number(fromRef: environment["GITHUB_REF"]) else {
                throw TickmarkError(.usage, PullRequestMessages.missingEvent)
            }
            pullRequest = try await api.pullRequest(number)
        } else if let event {
            pullRequest = event
        } else {
            throw TickmarkError(.usage, PullRequestMessages.missingEvent)
        }
        var checklist = ChecklistParser.parse(Array(pullRequest.body.utf8), path: pullRequest.path)
        if checklist.id == pullRequest.path { checklist.id = defaultID }
        guard !checklist.items.isEmpty else {
            throw TickmarkError(.invalidInput, PullRequestMessages.emptyBody, path: pullRequest.path)
        }
        return PullRequestRun(pullRequest: pullRequest, checklist: checklist, api: api, comments: comment && hasToken)
    }

    /// `12` of `refs/pull/12/merge` (GitHub Actions' `GITHUB_REF` on a pull request).
    static func number(fromRef ref: String?) -> Int? {
        guard let parts = ref?.split(separator: "/"), parts.count == 4, parts[0] == "refs", parts[1] == "pull" else { return nil }
        return Int(parts[2])
    }

    /// The author as run options and reports name them: `@login`.
    var claimant: String { "@" + pullRequest.author }

    /// `outcome` without the pull request's checklist (what `--write` writes to files).
    func filesOnly(_ outcome: RunOutcome) -> RunOutcome {
        var files = outcome
        files.checklists.removeAll { $0.checklist.path == checklist.path }
        return files
    }

    /// After the run: ticks the body's probe boxes (`write`), then posts the comment. Both are
    /// tried; the first failure is thrown.
    func finish(_ outcome: RunOutcome, write: Bool, console: Console) async throws(TickmarkError) {
        var failure: TickmarkError?
        var note: String?
        if write, let api, let mine = outcome.checklists.first(where: { $0.checklist.path == checklist.path }) {
            let writer = PullRequestBodyWriter(api: api, number: pullRequest.number, path: checklist.path)
            do {
                let report = try await writer.write(PullRequestBoxPlan.targets(mine), readText: pullRequest.body)
                console.line(PullRequestRun.describe(report, path: checklist.path))
                for target in report.leftAlone {
                    console.line("  left alone: \(target.id) (changed in the body since the run)")
                }
            } catch {
                failure = error
                note = "The boxes in the description were not updated: it kept changing while Tickmark tried."
            }
        }
        if comments, let api {
            do {
                let text = PullRequestComment.body(outcome, note: note, environment: console.environment)
                let (comment, action) = try await PullRequestComment.post(text, api: api, number: pullRequest.number)
                console.line("Comment \(action.rawValue): \(comment.htmlURL ?? "#\(comment.id)")")
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }

    static func describe(_ report: PullRequestBodyWriter.Report, path: String) -> String {
        var line = report.boxesChanged == 0
            ? "Pull request body \(path): the boxes already match the results"
            : "Updated \(path): \(report.boxesChanged) box\(report.boxesChanged == 1 ? "" : "es") changed"
        if report.bodyChangedSinceRead { line += " (the body had been edited meanwhile; the edits were kept)" }
        return line
    }
}
