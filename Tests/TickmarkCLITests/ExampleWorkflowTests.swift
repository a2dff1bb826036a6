import Foundation
import Testing
import TickmarkTestSupport

/// The example workflow (examples/github-actions/tickmark.yml) on a pull request, in a simulated
/// GitHub Actions runner: a service repository with a bare origin, a pull request branch, the
/// merge commit GitHub makes for it, a fresh clone checked out as the workflow's checkout step
/// says, an event file, and the `GITHUB_*` variables; then the workflow's Tickmark steps.
@Suite struct ExampleWorkflowTests {
    /// A scratch runner: `origin.git`, the `workspace` clone, `temp` (RUNNER_TEMP) and `bin`.
    struct PullRequest {
        let scratch: TemporaryFolder
        var runner: SimulatedActionsRunner
        var headSHA = ""

        var workspace: String { scratch.path("workspace") }
        var summary: String { (try? scratch.text("temp/summary.md")) ?? "" }

        /// The shipped checklists, a Makefile whose targets succeed unless named in `failing`,
        /// and a CHANGELOG entry on the branch `feature/login`, pull request 7 into `main`.
        init(failing: [String] = []) throws {
            scratch = try TemporaryFolder()
            let seed = scratch.path("seed")
            let shipped = SimulatedActionsRunner.repository + "/checklists"
            for name in try FileManager.default.contentsOfDirectory(atPath: shipped) where name.hasSuffix(".md") {
                try scratch.write("seed/checklists/" + name, try String(contentsOfFile: shipped + "/" + name, encoding: .utf8))
            }
            let targets = ["test", "test-integration", "e2e-smoke", "lint", "coverage", "migrate-up", "migrate-down"]
            let makefile = targets.map { "\($0):\n\t@echo \($0) \(failing.contains($0) ? "failed; exit 1" : "ok")\n" }.joined()
            try scratch.write("seed/Makefile", ".PHONY: \(targets.joined(separator: " "))\n" + makefile)
            try scratch.write("seed/CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n")
            try scratch.write("seed/.gitignore", ".tickmark/\n")
            try scratch.write("bin/gh", "#!/bin/sh\necho 'all required checks passed'\n", mode: 0o755)
            try Shell.run("mkdir -p ../temp && git init -q -b main && git add -A && git commit -q -m 'First'", in: seed)
            try Shell.run("git init -q --bare ../origin.git && git remote add origin ../origin.git && git push -q origin main", in: seed)
            try Shell.run("""
                git checkout -q -b feature/login && printf -- '- Log in with a passkey\\n' >> CHANGELOG.md \
                && git commit -q -am 'Log in with a passkey' && git push -q origin feature/login \
                && git checkout -q --detach main && git merge -q --no-ff feature/login -m 'Merge feature/login into main' \
                && git push -q origin HEAD:refs/pull/7/merge
                """, in: seed)
            headSHA = try Shell.run("git rev-parse feature/login", in: seed).trimmingCharacters(in: .whitespacesAndNewlines)
            let mergeSHA = try Shell.run("git rev-parse HEAD", in: seed).trimmingCharacters(in: .whitespacesAndNewlines)
            try scratch.write("temp/event.json", """
                {"action": "opened", "number": 7, "pull_request": {"number": 7, "title": "Log in with a passkey",
                 "head": {"ref": "feature/login", "sha": "\(headSHA)"}, "base": {"ref": "main"}}}
                """)
            let tickmark = try SimulatedActionsRunner.builtTickmark()
            let path = scratch.path("bin") + ":" + URL(fileURLWithPath: tickmark).deletingLastPathComponent().path
                + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            runner = SimulatedActionsRunner(workspace: scratch.path("workspace"), environment: Shell.gitIdentity.merging([
                "PATH": path, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request",
                "GITHUB_EVENT_PATH": scratch.path("temp/event.json"), "GITHUB_HEAD_REF": "feature/login",
                "GITHUB_BASE_REF": "main", "GITHUB_REF": "refs/pull/7/merge", "GITHUB_REF_NAME": "7/merge",
                "GITHUB_SHA": mergeSHA, "GITHUB_REPOSITORY": "acme/service", "GITHUB_WORKSPACE": scratch.path("workspace"),
                "GITHUB_STEP_SUMMARY": scratch.path("temp/summary.md"), "GITHUB_OUTPUT": scratch.path("temp/output"),
                "GITHUB_PATH": scratch.path("temp/path"), "RUNNER_TEMP": scratch.path("temp"),
            ]) { $1 })
        }

        /// actions/checkout with fetch-depth 0: a clone of origin, HEAD detached at the commit the
        /// step's `ref` names (the pull request's head), or at the merge commit without one.
        func checkOut(_ step: [String: Any]) throws {
            try Shell.run("git clone -q origin.git workspace", in: scratch.path)
            let ref = SimulatedActionsRunner.strings(step["with"])["ref"] ?? ""
            if ref.isEmpty {
                try Shell.run("git fetch -q origin refs/pull/7/merge && git checkout -q --detach FETCH_HEAD", in: workspace)
            } else {
                #expect(ref == "${{ github.event.pull_request.head.sha }}", "a checkout ref this test does not know")
                try Shell.run("git checkout -q --detach \(headSHA)", in: workspace)
            }
        }

        /// Checks out, then runs the workflow's steps.
        func runWorkflow() throws -> [SimulatedActionsRunner.StepRun] {
            let steps = try SimulatedActionsRunner.steps(of: try SimulatedActionsRunner.workflow())
            let checkout = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/checkout@") == true })
            try checkOut(checkout)
            return try runner.runSteps(steps)
        }
    }

    @Test func aCleanPullRequestPassesEveryTickmarkStep() throws {
        let pullRequest = try PullRequest()
        defer { pullRequest.scratch.remove() }
        let runs = try pullRequest.runWorkflow()
        #expect(runs.map(\.name) == [
            "Run the pre-merge checklist / Run the checklist", "Lint every checklist", "Render the report",
        ])
        for run in runs {
            #expect(run.status == 0, "\(run.name) exited \(run.status):\n\(run.output)\(run.errors)")
            #expect(!run.output.contains("::error"), "\(run.name): \(run.output)")
        }
        let checklist = try #require(runs.first)
        #expect(checklist.output.contains("GO"))
        #expect(!checklist.output.contains("::notice"), "--probes-only leaves the manual items out")
        #expect(pullRequest.summary.contains("## Tickmark: ✅ GO"))
        #expect(pullRequest.summary.contains("Branch is pushed"))
        #expect(!pullRequest.summary.contains("Code reviewed and approved"))
        for artifact in ["tickmark-junit.xml", "tickmark-run.json", "tickmark-report.html"] {
            #expect(FileManager.default.fileExists(atPath: pullRequest.workspace + "/" + artifact), "no \(artifact)")
        }
        let record = try pullRequest.scratch.text("workspace/tickmark-run.json")
        #expect(record.contains("\"feature/login\""), "the record names the pull request's branch")
    }

    @Test func aFailingProbeIsTheOnlyErrorAndTheReportIsStillRendered() throws {
        let pullRequest = try PullRequest(failing: ["lint"])
        defer { pullRequest.scratch.remove() }
        let runs = try pullRequest.runWorkflow()
        let checklist = try #require(runs.first)
        #expect(checklist.status == 1, "\(checklist.output)\(checklist.errors)")
        let annotations = checklist.output.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == 1, "\(annotations)")
        #expect(annotations.first?.hasPrefix("::error file=checklists/pre-merge.md,line=27,") == true, "\(annotations)")
        #expect(pullRequest.summary.contains("## Tickmark: ❌ NO-GO"))
        for run in runs.dropFirst() {
            #expect(run.status == 0, "\(run.name) runs after a NO-GO and passes: \(run.output)\(run.errors)")
        }
        #expect(FileManager.default.fileExists(atPath: pullRequest.workspace + "/tickmark-report.html"))
    }

    /// Why the workflow checks out the pull request's commit: on the merge commit Actions checks
    /// out by default, the branch is never "pushed" as it is tested.
    @Test func onTheDefaultMergeCommitTheBranchIsNeverSynced() throws {
        let pullRequest = try PullRequest()
        defer { pullRequest.scratch.remove() }
        try pullRequest.checkOut([:])
        let steps = try SimulatedActionsRunner.steps(of: try SimulatedActionsRunner.workflow())
        let checklist = try #require(try pullRequest.runner.runSteps(steps).first)
        #expect(checklist.status == 1)
        let annotations = checklist.output.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == 1, "\(annotations)")
        #expect(annotations.first?.hasPrefix("::error file=checklists/pre-merge.md,line=38,") == true, "\(annotations)")
        #expect(annotations.first?.contains("HEAD is 1 commit ahead of origin/feature/login") == true, "\(annotations)")
    }

    @Test func theWorkflowPassesNoUnusedBranchVariable() throws {
        let text = try String(contentsOfFile: SimulatedActionsRunner.repository + "/examples/github-actions/tickmark.yml", encoding: .utf8)
        #expect(!text.contains("TICKMARK_VAR_branch"))
        #expect(text.contains("--probes-only"))
        let action = try String(contentsOfFile: SimulatedActionsRunner.repository + "/action.yml", encoding: .utf8)
        #expect(action.contains("\"$RUNNER_TEMP/tickmark-"), "Tickmark is installed outside the workspace")
        #expect(!action.contains("GITHUB_WORKSPACE"))
    }
}
