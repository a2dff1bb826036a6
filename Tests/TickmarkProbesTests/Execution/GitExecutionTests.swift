import Testing
import TickmarkProbes

@Suite struct GitExecutionTests {
    private typealias Fake = FakeProcessLauncher
    private let status = ["status", "--porcelain=v1", "--untracked-files=normal"]
    private let symbolicRef = ["symbolic-ref", "--short", "-q", "HEAD"]

    private func run(_ probe: String, _ answers: [[String]: ProcessOutcome]) async throws -> (ProbeResult, FakeProcessLauncher) {
        let launcher = Fake.git(answers)
        return (try await ProbeRun.inline(probe, in: ProbeRun.context(processes: launcher)), launcher)
    }

    @Test func cleanRunsPorcelainStatusInTheRepository() async throws {
        let (result, launcher) = try await run("probe: git clean", [status: Fake.exited(0)])
        #expect(result.status == .pass)
        #expect(result.reason == "the working tree is clean")
        let request = try #require(launcher.requests.first)
        #expect(request.arguments == ["-C", ProbeRun.folder] + status)
        #expect(request.environment["LC_ALL"] == "C" && request.environment["GIT_TERMINAL_PROMPT"] == "0")
        #expect(result.evidence.action == "git -C /home/ci/project status --porcelain=v1 --untracked-files=normal")
    }

    @Test func changesFailListingTheFirstOnes() async throws {
        let porcelain = " M Sources/a.swift\n?? notes.txt\nA  new.swift\nD  old.swift\n"
        let (result, _) = try await run("probe: git clean repo=../service", [status: Fake.exited(0, stdout: porcelain)])
        #expect(result.status == .fail)
        #expect(result.reason == "the working tree has 4 changes:  M Sources/a.swift, ?? notes.txt, A  new.swift, …")
        #expect(result.evidence.output == porcelain)
    }

    @Test func notARepositoryIsAnError() async throws {
        let answer = Fake.exited(128, stderr: "fatal: not a git repository (or any of the parent directories): .git\n")
        let (result, _) = try await run("probe: git clean", [status: answer])
        #expect(result.status == .error)
        #expect(result.reason == "not a git repository: /home/ci/project")
    }

    @Test func gitThatCannotStartIsAnError() async throws {
        let launcher = FakeProcessLauncher(ProcessOutcome(termination: .failedToStart("git not found in PATH"), standardOutput: [], standardError: []))
        let result = try await ProbeRun.inline("probe: git tag v1.0.0", in: ProbeRun.context(processes: launcher))
        #expect(result.status == .error)
        #expect(result.reason == "could not run git: git not found in PATH")
    }

    @Test func branchComparesTheCurrentBranch() async throws {
        let (onMain, _) = try await run("probe: git branch main", [symbolicRef: Fake.exited(0, stdout: "main\n")])
        #expect(onMain.status == .pass)
        let (onFeature, _) = try await run("probe: git branch main", [symbolicRef: Fake.exited(0, stdout: "feature/x\n")])
        #expect(onFeature.status == .fail)
        #expect(onFeature.reason == "on branch feature/x, not main")
        let (detached, _) = try await run("probe: git branch main", [
            symbolicRef: Fake.exited(1), ["rev-parse", "--short", "HEAD"]: Fake.exited(0, stdout: "1a2b3c4\n"),
        ])
        #expect(detached.status == .fail)
        #expect(detached.reason == "HEAD is detached at 1a2b3c4, not on branch main")
    }

    private func syncedAnswers(head: String, remote: String?, counts: String = "0\t0") -> [[String]: ProcessOutcome] {
        [
            symbolicRef: Fake.exited(0, stdout: "main\n"),
            ["rev-parse", "--verify", "-q", "HEAD^{commit}"]: Fake.exited(0, stdout: head + "\n"),
            ["rev-parse", "--verify", "-q", "refs/remotes/origin/main^{commit}"]: remote.map { Fake.exited(0, stdout: $0 + "\n") } ?? Fake.exited(1),
            ["rev-list", "--left-right", "--count", "\(head)...\(remote ?? "")"]: Fake.exited(0, stdout: counts + "\n"),
            ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]: Fake.exited(0, stdout: "origin/main\n"),
        ]
    }

    @Test func syncedComparesTheCommitWithTheRemoteTrackingBranch() async throws {
        let sha = "0123456789abcdef0123456789abcdef01234567"
        let (same, _) = try await run("probe: git synced origin/main", syncedAnswers(head: sha, remote: sha))
        #expect(same.status == .pass)
        #expect(same.reason == "main is at the same commit as origin/main (0123456789ab)")
        let (upstream, _) = try await run("probe: git synced", syncedAnswers(head: sha, remote: sha))
        #expect(upstream.status == .pass, "without a target, the upstream is used")
        let (behind, _) = try await run("probe: git synced origin/main", syncedAnswers(head: sha, remote: "fff", counts: "0\t2"))
        #expect(behind.status == .fail)
        #expect(behind.reason == "main is 2 commits behind origin/main")
        let (diverged, _) = try await run("probe: git synced origin/main", syncedAnswers(head: sha, remote: "fff", counts: "1\t3"))
        #expect(diverged.reason == "main has diverged from origin/main: 1 commit ahead, 3 commits behind")
    }

    @Test func syncedWithoutTheRemoteBranchOrAnUpstreamIsAnError() async throws {
        let (missing, _) = try await run("probe: git synced origin/main", syncedAnswers(head: "abc", remote: nil))
        #expect(missing.status == .error)
        #expect(missing.reason == "there is no remote-tracking branch origin/main; fetch it first, or check its name")
        var answers = syncedAnswers(head: "abc", remote: "abc")
        answers[["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]] = Fake.exited(128, stderr: "fatal: no upstream configured for branch 'main'\n")
        let (noUpstream, _) = try await run("probe: git synced", answers)
        #expect(noUpstream.status == .error)
        #expect(noUpstream.reason == "branch main has no upstream; name one, such as `git synced origin/main`")
    }

    @Test func tagExistsOrNot() async throws {
        let arguments = ["rev-parse", "-q", "--verify", "refs/tags/v1.2.3"]
        let (exists, _) = try await run("probe: git tag v1.2.3", [arguments: Fake.exited(0, stdout: "abc\n")])
        #expect(exists.status == .pass)
        let (missing, _) = try await run("probe: git tag v1.2.3", [arguments: Fake.exited(1)])
        #expect(missing.status == .fail)
        #expect(missing.reason == "tag v1.2.3 does not exist")
    }

    @Test func tagAtHeadReadsTheTagsPointingAtHead() async throws {
        let arguments = ["tag", "--points-at", "HEAD"]
        let (tagged, _) = try await run("probe: git tag-at-head v1.2.3", [arguments: Fake.exited(0, stdout: "latest\nv1.2.3\n")])
        #expect(tagged.status == .pass)
        let (other, _) = try await run("probe: git tag-at-head v1.2.3", [arguments: Fake.exited(0, stdout: "v1.2.2\n")])
        #expect(other.reason == "HEAD is tagged v1.2.2, not v1.2.3")
        let (none, _) = try await run("probe: git tag-at-head", [arguments: Fake.exited(0)])
        #expect(none.status == .fail)
        #expect(none.reason == "HEAD has no tag")
    }
}
