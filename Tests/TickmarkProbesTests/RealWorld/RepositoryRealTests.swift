import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// `git`, `version`, `changelog` and `file` probes against real repositories and files.
@Suite(.timeLimit(.minutes(1))) struct RepositoryRealTests {
    /// A repository with one commit on `main`, tagged `v1.4.0`, pushed to a bare `origin`.
    private struct Repository {
        let folder: TemporaryFolder
        var path: String { folder.path + "/work" }

        init() throws {
            folder = try TemporaryFolder()
            try Shell.run("""
                git init -q --bare origin.git && git init -q -b main work && cd work && \
                printf '1.4.0\\n' > VERSION && printf '# Changelog\\n\\n## [1.4.0] - 2026-05-01\\n' > CHANGELOG.md && \
                git add . && git commit -q -m 'Release 1.4.0' && git tag v1.4.0 && \
                git remote add origin ../origin.git && git push -q -u origin main 2>&1
                """, in: folder.path)
        }

        func context(environment: [String: String] = Shell.gitIdentity) -> ProbeContext {
            .live(workingDirectory: path, environment: ProcessInfo.processInfo.environment.merging(environment) { _, test in test }, timeout: .seconds(10))
        }

        func shell(_ command: String) throws {
            try Shell.run(command, in: path)
        }
    }

    @Test func cleanAndBranchReadTheRealWorkingTree() async throws {
        let repository = try Repository()
        defer { repository.folder.remove() }
        let context = repository.context()
        #expect(try await ProbeRun.inline("probe: git clean", in: context).status == .pass)
        #expect(try await ProbeRun.inline("probe: git branch main", in: context).status == .pass)
        try repository.shell("echo draft > notes.txt && echo 1.5.0 > VERSION")
        let dirty = try await ProbeRun.inline("probe: git clean", in: context)
        #expect(dirty.status == .fail)
        #expect(dirty.reason == "the working tree has 2 changes:  M VERSION, ?? notes.txt")
        try repository.shell("git checkout -q --detach")
        let detached = try await ProbeRun.inline("probe: git branch main", in: context)
        #expect(detached.status == .fail)
        #expect(detached.reason.hasPrefix("HEAD is detached at "))
    }

    @Test func syncedComparesWithTheRemoteTrackingBranch() async throws {
        let repository = try Repository()
        defer { repository.folder.remove() }
        let context = repository.context()
        #expect(try await ProbeRun.inline("probe: git synced origin/main", in: context).status == .pass)
        #expect(try await ProbeRun.inline("probe: git synced", in: context).status == .pass)
        try repository.shell("git commit -q --allow-empty -m one && git commit -q --allow-empty -m two")
        let ahead = try await ProbeRun.inline("probe: git synced origin/main", in: context)
        #expect(ahead.status == .fail)
        #expect(ahead.reason == "main is 2 commits ahead of origin/main")
        let unknown = try await ProbeRun.inline("probe: git synced origin/release", in: context)
        #expect(unknown.status == .error)
    }

    @Test func tagsAndTheTagAtHead() async throws {
        let repository = try Repository()
        defer { repository.folder.remove() }
        let context = repository.context()
        #expect(try await ProbeRun.inline("probe: git tag v1.4.0", in: context).status == .pass)
        #expect(try await ProbeRun.inline("probe: git tag v9.9.9", in: context).status == .fail)
        #expect(try await ProbeRun.inline("probe: git tag-at-head v1.4.0", in: context).status == .pass)
        try repository.shell("git commit -q --allow-empty -m next")
        let moved = try await ProbeRun.inline("probe: git tag-at-head", in: context)
        #expect(moved.status == .fail)
        #expect(moved.reason == "HEAD has no tag")
    }

    @Test func aFolderThatIsNotARepositoryIsAnError() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let context = ProbeContext.live(workingDirectory: folder.path, environment: ProcessInfo.processInfo.environment.merging(["GIT_CEILING_DIRECTORIES": NSTemporaryDirectory()]) { _, test in test }, timeout: .seconds(10))
        let result = try await ProbeRun.inline("probe: git clean", in: context)
        #expect(result.status == .error)
        #expect(result.reason == "not a git repository: \(folder.path)")
    }

    @Test func versionChangelogAndFileReadTheRepositoryFiles() async throws {
        let repository = try Repository()
        defer { repository.folder.remove() }
        let context = repository.context()
        #expect(try await ProbeRun.inline("probe: version tag-matches-file v1.4.0 VERSION", in: context).status == .pass)
        #expect(try await ProbeRun.inline("probe: version file VERSION equals 1.4.0", in: context).status == .pass)
        #expect(try await ProbeRun.inline("probe: changelog 1.4.0 dated=true", in: context).reason == "CHANGELOG.md:3 has a section for 1.4.0, dated 2026-05-01")
        #expect(try await ProbeRun.inline("probe: file CHANGELOG.md contains=\"## [1.4.0]\" newer-than=1h", in: context).status == .pass)
        let folderRead = try await ProbeRun.inline("probe: file .git contains=x", in: context)
        #expect(folderRead.status == .error)
        #expect(folderRead.reason == "cannot read \(repository.path)/.git: it is a folder")
        #expect(try await ProbeRun.inline("probe: file build.log absent", in: context).status == .pass)
    }
}

/// `env`, `window` and `checklist` probes with the live context.
@Suite(.timeLimit(.minutes(1))) struct LiveContextTests {
    @Test func envReadsTheGivenEnvironment() async throws {
        let context = ProbeContext.live(workingDirectory: "/tmp", environment: ["DEPLOY_TOKEN": "abc", "EMPTY": ""], timeout: .seconds(1))
        #expect(try await ProbeRun.inline("probe: env DEPLOY_TOKEN", in: context).status == .pass)
        #expect(try await ProbeRun.inline("probe: env DEPLOY_TOKEN EMPTY", in: context).status == .fail)
    }

    @Test func windowReadsTheSystemClock() async throws {
        let context = ProbeContext.live(workingDirectory: "/tmp", environment: [:], timeout: .seconds(1))
        #expect(try await ProbeRun.inline("probe: window deny=Mon-Sun tz=UTC", in: context).status == .fail)
        #expect(try await ProbeRun.inline("probe: window allow=Mon-Sun tz=Asia/Tokyo", in: context).status == .pass)
    }

    @Test func checklistReadsRunRecordsFromDisk() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".tickmark/runs/staging-20260511T090000Z.json", """
            {"schema": "tickmark.run/v1", "finishedAt": "2026-05-11T09:00:00Z",
             "checklists": [{"id": "staging", "path": "checklists/staging.md", "decision": "GO"}]}
            """)
        let context = ProbeContext.live(workingDirectory: folder.path, environment: [:], timeout: .seconds(1))
        let result = try await ProbeRun.inline("probe: checklist staging", in: context)
        #expect(result.status == .pass, "\(result.reason)")
        #expect(try await ProbeRun.inline("probe: checklist production", in: context).status == .fail)
    }
}
