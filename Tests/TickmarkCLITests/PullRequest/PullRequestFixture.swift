import Foundation
import Testing
import TickmarkTestSupport

/// A scratch folder in a simulated GitHub Actions environment on a `pull_request` event: the
/// event file (`GITHUB_EVENT_PATH`), the `GITHUB_*` variables, and a `FakeGitHub` API holding the
/// pull request.
struct PullRequestFixture {
    static let token = "ghs_16C7e42F292c6912E7710c838347Ae178B4a"

    var run: RunFixture
    let github: FakeGitHub

    /// The event file says `eventBody`; the API holds `body` (the same unless given).
    init(body: String, eventBody: String? = nil, files: [String: String] = [:], otherComments: Int = 0,
         edits: [FakeGitHub.Edit] = [], readOnly: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws {
        github = try FakeGitHub(body: body, token: Self.token, otherComments: otherComments, edits: edits, readOnly: readOnly, sourceLocation: sourceLocation)
        var files = files
        files["event.json"] = FakeGitHub.event(body: eventBody ?? body)
        run = try RunFixture(files: files, environment: [
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_REPOSITORY": FakeGitHub.repository,
            "GITHUB_REF": "refs/pull/\(FakeGitHub.number)/merge",
            "GITHUB_REF_NAME": "\(FakeGitHub.number)/merge",
            "GITHUB_HEAD_REF": "feature/rate-limit",
            "GITHUB_SHA": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_RUN_ID": "7012345678",
            "GITHUB_API_URL": github.base,
            "GITHUB_TOKEN": Self.token,
        ])
        run.environment["GITHUB_EVENT_PATH"] = run.folder + "/event.json"
    }

    func tickmark(_ arguments: [String]) async -> (code: Int32, stdout: String, stderr: String) {
        await run.run(arguments)
    }

    func read(_ name: String) -> String { run.read(name) }

    func remove() {
        github.stop()
        run.remove()
    }
}
