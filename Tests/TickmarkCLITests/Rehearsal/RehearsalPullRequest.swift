import Foundation
import Testing
import TickmarkTestSupport

/// The pull request phase: a developer's branch, GitHub's merge commit, the Actions runner's
/// checkout of the pull request's head (detached), its `GITHUB_*` variables and event file, and
/// the local GitHub API holding the description the author filled in from the template.
struct RehearsalPullRequest {
    let team: ServiceTeam
    let github: FakeGitHub
    let head: String
    let merge: String
    let body: String

    var workspace: String { team.scratch.path("runner/workspace") }

    /// The template's lines the author changed: N/A for what this change does not touch, ticked
    /// for what the author did; the reviewer's two items stay open.
    static let authorFills = [
        ("- [ ] New migration is included", "- [~] New migration is included"),
        ("- [ ] Migration applies, rolls back", "- [~] Migration applies, rolls back"),
        ("- [ ] Migration is documented", "- [~] Migration is documented"),
        ("- [ ] Backwards compatibility considered", "- [x] Backwards compatibility considered"),
        ("- [ ] Risky or partly rolled-out changes", "- [x] Risky or partly rolled-out changes"),
        ("- [ ] Feature flags tested", "- [x] Feature flags tested"),
        ("- [ ] Rollback impact reviewed", "- [x] Rollback impact reviewed"),
        ("- [ ] New endpoints documented", "- [~] New endpoints documented"),
        ("- [ ] API documentation reviewed", "- [~] API documentation reviewed"),
        ("- [ ] MIGRATION_GUIDE.md updated", "- [~] MIGRATION_GUIDE.md updated"),
        ("- [ ] README and integration docs updated", "- [x] README and integration docs updated"),
        ("- [ ] Deployment and rollback runbooks", "- [x] Deployment and rollback runbooks"),
    ]

    /// What the author wrote under the checklist.
    static let authorNotes = "## Notes from the author\n\nThe limit is per client IP: 5 failed logins a minute, then 429 with `Retry-After`.\n"

    /// Opens pull request 12 from `feature/rate-limit` with the filled-in template, and gets the
    /// runner's checkout ready. `edits` are a person's edits of the description meanwhile.
    init(team: ServiceTeam, edits: [FakeGitHub.Edit] = []) async throws {
        self.team = team
        try await team.git("""
            git checkout -q -b feature/rate-limit && printf 'LIMIT = 5\\n' > rate_limit.py \
            && sed -i 's/^## \\[Unreleased\\]$/## [Unreleased]\\n\\n### Added\\n\\n- Login is rate-limited per client IP./' CHANGELOG.md \
            && git add -A && git commit -q -m 'Rate-limit logins per client IP' && git push -q origin feature/rate-limit \
            && git checkout -q --detach main && git merge -q --no-ff feature/rate-limit -m 'Merge pull request #12' \
            && git push -q origin HEAD:refs/pull/12/merge
            """)
        head = try await team.git("git rev-parse feature/rate-limit").trimmingCharacters(in: .whitespacesAndNewlines)
        merge = try await team.git("git rev-parse HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try await team.git("git checkout -q main")
        var text = try team.read(".github/pull_request_template.md")
        for (template, filled) in Self.authorFills {
            #expect(text.contains(template), "the template has '\(template)'")
            text = text.replacingOccurrences(of: template, with: filled)
        }
        body = text + "\n" + Self.authorNotes
        github = try FakeGitHub(body: body, token: PullRequestFixture.token, edits: edits)
        try team.scratch.write("runner/temp/event.json", FakeGitHub.event(body: body))
        try await team.git("git clone -q origin.git runner/workspace && cd runner/workspace && git checkout -q --detach \(head)", in: team.scratch.path)
    }

    /// The runner's variables on a `pull_request` event.
    var environment: [String: String] {
        [
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": team.scratch.path("runner/temp/event.json"), "GITHUB_REPOSITORY": FakeGitHub.repository,
            "GITHUB_REF": "refs/pull/12/merge", "GITHUB_REF_NAME": "12/merge", "GITHUB_HEAD_REF": "feature/rate-limit",
            "GITHUB_BASE_REF": "main", "GITHUB_SHA": merge, "GITHUB_WORKSPACE": workspace,
            "GITHUB_STEP_SUMMARY": team.scratch.path("runner/temp/summary.md"), "GITHUB_API_URL": github.base,
            "GITHUB_TOKEN": PullRequestFixture.token, "RUNNER_TEMP": team.scratch.path("runner/temp"),
        ]
    }

    /// The checklist job: `tickmark run --pull-request …` in the runner's workspace.
    func run(_ arguments: [String]) async throws -> ServiceTeam.Step {
        try await team.ci(["run"] + arguments, in: workspace, environment: environment)
    }

    /// The reviewer ticks a box in the description on GitHub (a `PATCH` of the whole text, as
    /// the web editor sends it).
    func reviewerTicks(_ items: [String]) async throws {
        var text = try github.body
        for item in items { text = text.replacingOccurrences(of: "- [ ] " + item, with: "- [x] " + item) }
        let payload = ServiceTeam.jsonString(["body": text])
        try team.scratch.write("runner/temp/patch.json", payload)
        let sent = try await runDetached("curl", [
            "-sf", "-X", "PATCH", "-H", "Authorization: Bearer \(PullRequestFixture.token)", "-H", "User-Agent: reviewer-browser",
            "--data-binary", "@" + team.scratch.path("runner/temp/patch.json"), github.base + "/repos/\(FakeGitHub.repository)/pulls/\(FakeGitHub.number)",
        ])
        #expect(sent.status == 0, "\(sent.errors)")
    }

    func stop() { github.stop() }
}

extension ServiceTeam {
    /// `values` as a JSON object of strings.
    static func jsonString(_ values: [String: String]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])
        return String(decoding: data ?? Data(), as: UTF8.self)
    }
}

extension RehearsalPullRequest {
    /// The probe items of the template, as their boxes read once the run ticked them.
    static let tickedProbes = [
        "- [x] Unit tests pass `probe: run make test`",
        "- [x] Integration tests pass `probe: run make test-integration`",
        "- [x] End-to-end smoke tests pass `probe: run make e2e-smoke`",
        "- [x] Linting is clean `probe: run make lint`",
        "- [x] Coverage is at or above the threshold `probe: run make coverage`",
        "- [x] Working tree is clean `probe: git clean`",
        "- [x] Branch is pushed `probe: git synced origin/${git.branch}`",
        "- [x] Branch contains the latest base branch",
        "- [x] CHANGELOG.md has an entry under `[Unreleased]`",
    ]

    /// The checklist job runs on the filled-in description: NO-GO until the reviewer's two items
    /// are ticked, probe boxes ticked in the description, one comment; then the reviewer ticks
    /// theirs, the job runs again on the current text: GO, the comment edited in place. Returns
    /// the GO run's record, as the job keeps it.
    func goPath(sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let first = try await run(["--pull-request", "--write"])
        #expect(first.code == 1, "\(first.output)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("Pre-merge  (github:pr#12)"), sourceLocation: sourceLocation)
        #expect(first.stdout.contains("Result: NO-GO — 9 passed, 0 failed, 0 errors, 2 waiting for sign-off, 6 claimed by the author, 0 skipped, 6 n/a"), "\(first.stdout)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  - github:pr#12: tests/all-required-ci-checks-are-green-on-the (line 29): waiting for a sign-off\n  - github:pr#12: review/code-reviewed-and-approved (line 65): waiting for a sign-off\n"), "\(first.stdout)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  N/A      Migration applies, rolls back and re-applies locally\n"), "an N/A probe item never runs", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  CLAIMED  Backwards compatibility considered (expand/contract if needed) @reviewer\n           claimed by @ana-dev, the pull request's author\n"), sourceLocation: sourceLocation)
        #expect(first.stdout.contains("Updated github:pr#12: 9 boxes changed\nComment created: https://github.com/octo-org/service/pull/12#issuecomment-2600000000\n"), "\(first.stdout)", sourceLocation: sourceLocation)
        let annotations = first.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == 2 && annotations.allSatisfy { $0.hasPrefix("::notice ") }, "\(annotations)", sourceLocation: sourceLocation)
        #expect(!first.output.contains(PullRequestFixture.token), sourceLocation: sourceLocation)
        var expected = body
        for line in Self.tickedProbes {
            expected = expected.replacingOccurrences(of: "- [ ]" + line.dropFirst(5), with: line)
        }
        #expect(try github.body == expected, "only the probe boxes changed in the description", sourceLocation: sourceLocation)
        #expect(try team.scratch.text("runner/temp/summary.md").contains("## Tickmark: ❌ NO-GO"), sourceLocation: sourceLocation)
        #expect(try await team.git("git status --porcelain", in: workspace).isEmpty, "the record stays in the ignored .tickmark/", sourceLocation: sourceLocation)

        try await reviewerTicks(["All required CI checks are green", "Code reviewed and approved"])
        let second = try await run(["--pull-request=api", "--write"])
        #expect(second.code == 0, "\(second.output)", sourceLocation: sourceLocation)
        #expect(second.stdout.contains("Result: GO — 9 passed, 0 failed, 0 errors, 0 waiting for sign-off, 8 claimed by the author, 0 skipped, 6 n/a"), "\(second.stdout)", sourceLocation: sourceLocation)
        #expect(second.stdout.contains("Pull request body github:pr#12: the boxes already match the results\nComment updated: https://github.com/octo-org/service/pull/12#issuecomment-2600000000\n"), "\(second.stdout)", sourceLocation: sourceLocation)
        let reviewed = expected.replacingOccurrences(of: "- [ ] All required CI checks", with: "- [x] All required CI checks")
            .replacingOccurrences(of: "- [ ] Code reviewed and approved", with: "- [x] Code reviewed and approved")
        #expect(try github.body == reviewed, sourceLocation: sourceLocation)
        #expect(try github.body.hasSuffix(Self.authorNotes), "the author's words are kept", sourceLocation: sourceLocation)
        let comments = try github.tickmarkComments
        #expect(comments.count == 1 && comments.first?["edited"]?.intValue == 1, "one comment, edited in place", sourceLocation: sourceLocation)
        #expect(comments.first?["body"]?.stringValue?.contains("GO") == true, sourceLocation: sourceLocation)
        let record = try #require(second.stdout.split(separator: "\n").first { $0.hasPrefix("Record: .tickmark/runs/pre-merge-") }, sourceLocation: sourceLocation)
        return workspace + "/" + record.dropFirst("Record: ".count)
    }
}
