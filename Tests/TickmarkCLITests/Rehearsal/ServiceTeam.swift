import Foundation
import Testing
import TickmarkReport
import TickmarkTestSupport

/// The scratch world of the release rehearsal: a small service's repository (`service/`, a
/// clone of the bare `origin.git`) with VERSION, a Keep-a-Changelog CHANGELOG, a Makefile and
/// release tags; the service deployed on a loopback port; `gh` and `docker` stand-ins on PATH
/// (`bin/`); two people, Ana (release manager, engineering lead) and Dee (QA, operations, on-call,
/// reviewer), with ed25519 keys made by `ssh-keygen` (`keys/`) and roles in the roster; Bo, the
/// developer whose commits the release is made of; and the production secrets a deploy job has.
///
/// Every step runs the real `tickmark` binary as a subprocess: CI's (`ci`) with the job's
/// environment, people's (`person`: sign-offs, the report, signing, verifying) with theirs.
final class ServiceTeam {
    /// One command and what it did.
    struct Step {
        var command: String
        var code: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    static let ana = "Ana Lima <ana@example.com>"
    static let dee = "Dee Okafor <dee@example.com>"

    let scratch: TemporaryFolder
    let server: ServiceServer
    let tickmark: String
    private(set) var anaKey = ""
    private(set) var deeKey = ""
    private(set) var anaFingerprint = ""
    private(set) var deeFingerprint = ""
    /// Every step, in order, for the transcript.
    private(set) var steps: [Step] = []

    var service: String { scratch.path("service") }
    func path(_ name: String) -> String { scratch.path("service/" + name) }
    func read(_ name: String) throws -> String { try scratch.text("service/" + name) }
    func write(_ name: String, _ text: String) throws { try scratch.write("service/" + name, text) }
    func record(_ name: String) throws -> RunRecord { try RunRecord.load(path(name)) }

    /// The variables every release checklist is run with: the release, the deployed service.
    var releaseVariables: [String] {
        [
            "--var", "version=1.4.0", "--var", "base_url=\(server.base)", "--var", "app_url=\(server.base)/app",
        ]
    }

    init() async throws {
        scratch = try TemporaryFolder()
        server = try ServiceServer()
        tickmark = try SimulatedActionsRunner.builtTickmark()
        try scratch.write("bin/gh", Self.gh, mode: 0o755)
        try scratch.write("bin/docker", "#!/bin/sh\necho \"{\\\"schemaVersion\\\": 2, \\\"name\\\": \\\"$3\\\"}\"\n", mode: 0o755)
        try scratch.write("backups/latest.dump", "-- PostgreSQL database dump\n")
        try scratch.write("keys/.keep", "")
        var keys: [String] = []
        var fingerprints: [String] = []
        for name in ["ana", "dee"] {
            let made = try await runDetached("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(name)@laptop", "-f", scratch.path("keys/\(name)")])
            #expect(made.status == 0, "\(made.errors)")
            keys.append(try scratch.text("keys/\(name).pub").trimmingCharacters(in: .whitespacesAndNewlines))
            let listed = try await runDetached("ssh-keygen", ["-l", "-f", scratch.path("keys/\(name).pub")])
            fingerprints.append(String(listed.output.split(separator: " ")[1]))
        }
        (anaKey, deeKey) = (keys[0], keys[1])
        (anaFingerprint, deeFingerprint) = (fingerprints[0], fingerprints[1])
        try scratch.write("allowed_signers", "ana@example.com namespaces=\"tickmark\" \(anaKey)\n")
        try await makeRepository()
    }

    func remove() {
        server.stop()
        scratch.remove()
    }

    /// The service as it was after release 1.3.2: tagged, pushed to the bare origin.
    private func makeRepository() async throws {
        try write("VERSION", "1.3.2\n")
        try write("config.py", "VERSION = \"1.3.2\"\n")
        try write("CHANGELOG.md", """
        # Changelog

        All notable changes to this project are documented in this file.
        The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
        and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).

        ## [Unreleased]

        ## [1.3.2] - 2026-11-20

        ### Fixed

        - Session cookies expire with the session.

        """)
        let targets = ["test", "test-integration", "e2e-smoke", "e2e", "lint", "coverage", "migrate-up", "migrate-down", "migrate-status"]
        try write("Makefile", ".PHONY: \(targets.joined(separator: " "))\n" + targets.map { "\($0):\n\t@echo '\($0): ok'\n" }.joined())
        try write("scripts/smoke-test.sh", "#!/bin/sh\necho \"smoke: 4 checks passed against $1\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path("scripts/smoke-test.sh"))
        try await git("git init -q --bare origin.git", in: scratch.path)
        try await git("git init -q -b main && git remote add origin ../origin.git && git add -A && git commit -q -m 'Release 1.3.2' && git tag -a v1.3.2 -m v1.3.2 && git push -q origin main v1.3.2")
    }

    /// The git identity of the service's commits: Bo, the developer who makes the change and cuts
    /// the release, the author `not=author` keeps from approving it (he is in no role).
    static let developer = Shell.gitIdentity.merging([
        "GIT_AUTHOR_NAME": "Bo Berg", "GIT_AUTHOR_EMAIL": "bo@example.com", "GIT_COMMITTER_NAME": "Bo Berg", "GIT_COMMITTER_EMAIL": "bo@example.com",
    ]) { $1 }

    /// `command` run with `sh -c` in the service's folder (or `folder`), which must succeed.
    @discardableResult
    func git(_ command: String, in folder: String? = nil) async throws -> String {
        let result = try await runDetached("sh", ["-c", command], environment: Self.developer, in: folder ?? service)
        guard result.status == 0 else {
            throw SetUpError(description: "`\(command)` exited \(result.status): \(result.output)\(result.errors)")
        }
        return result.output
    }

    /// The environment of CI's steps: PATH with the stand-ins and the built `tickmark`, the git
    /// identity, the production secrets a deploy job has, and nothing of GitHub Actions.
    var ciEnvironment: [String: String] {
        let path = scratch.path("bin") + ":" + URL(fileURLWithPath: tickmark).deletingLastPathComponent().path
            + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        var environment = Shell.gitIdentity.merging([
            "PATH": path, "HOME": scratch.path("home"), "NO_COLOR": "1", "TZ": "UTC",
            "DATABASE_URL": "postgres://app:pw-7Hq2x@db.internal/app", "REDIS_URL": "redis://cache.internal:6379",
            "S3_ACCESS_KEY_ID": "AKIAEXAMPLE7Q", "S3_SECRET_ACCESS_KEY": "wJalrXUtnFEMI-K7MDENG", "OIDC_ISSUER_URL": "https://id.example.com",
        ]) { $1 }
        for name in ["GITHUB_ACTIONS", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "TICKMARK_RECORDS"] {
            environment[name] = ""
        }
        return environment
    }

    /// CI runs `tickmark arguments…` (the built binary) in `folder` (default: the service).
    @discardableResult
    func ci(_ arguments: [String], in folder: String? = nil, environment extra: [String: String] = [:]) async throws -> Step {
        let result = try await runDetached(tickmark, arguments, environment: ciEnvironment.merging(extra) { $1 }, in: folder ?? service)
        let step = Step(command: "tickmark " + arguments.joined(separator: " "), code: result.status, stdout: result.output, stderr: result.errors)
        steps.append(step)
        return step
    }

    /// A person runs `tickmark arguments…` in the service's folder, on their machine: the same
    /// built binary, with their PATH and HOME and none of the deploy job's secrets.
    ///
    /// Not in-process: sign-offs, reports over a whole release and signatures are seconds of
    /// work, which in-process would hold one of the few threads every async test of the suite
    /// shares (the command tests beside this one run in-process).
    @discardableResult
    func person(_ arguments: [String]) async throws -> Step {
        let environment = ciEnvironment.merging(["DATABASE_URL": "", "REDIS_URL": "", "S3_ACCESS_KEY_ID": "", "S3_SECRET_ACCESS_KEY": "", "OIDC_ISSUER_URL": ""]) { $1 }
        let result = try await runDetached(tickmark, arguments, environment: environment, in: service)
        let step = Step(command: "tickmark " + arguments.joined(separator: " "), code: result.status, stdout: result.output, stderr: result.errors)
        steps.append(step)
        return step
    }

    /// Records a command that is not Tickmark's (ssh-keygen), for the transcript.
    func note(_ step: Step) { steps.append(step) }

    /// The roster the team commits: who they are, their keys, their roles.
    var roster: String {
        """
        people:
          ana@example.com: { name: Ana Lima, keys: ["\(anaKey)"] }
          dee@example.com: { name: Dee Okafor, keys: ["\(deeKey)"] }
        roles:
          release-manager: [ana@example.com]
          engineering-lead: [ana@example.com]
          product-owner: [ana@example.com]
          reviewer: [dee@example.com]
          qa: [dee@example.com]
          ops: [dee@example.com]
          on-call: [dee@example.com]

        """
    }

    /// Writes the steps so far, shortened, to the file named by `TICKMARK_REHEARSAL_TRANSCRIPT`
    /// when it is set (nothing otherwise): the rehearsal as a person would read it.
    func writeTranscript(_ title: String) {
        guard let file = ProcessInfo.processInfo.environment["TICKMARK_REHEARSAL_TRANSCRIPT"], !file.isEmpty else { return }
        var text = "## \(title)\n\n"
        for step in steps {
            text += "$ \(step.command.replacingOccurrences(of: scratch.path, with: "…"))\n"
            text += step.output.replacingOccurrences(of: scratch.path, with: "…")
            text += "(exit \(step.code))\n\n"
        }
        let handle = FileHandle(forWritingAtPath: file) ?? {
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            return FileHandle(forWritingAtPath: file)
        }()
        handle?.seekToEndOfFile()
        handle?.write(Data(text.utf8))
        try? handle?.close()
    }

    /// `gh` for the release pull request as GitHub would answer once QA approved and it merged.
    static let gh = """
    #!/bin/sh
    case "$*" in
      "pr view release/v1.4.0 --json labels --jq .labels[].name") echo release ;;
      "pr view release/v1.4.0 --json reviewDecision --jq .reviewDecision") echo APPROVED ;;
      "pr view release/v1.4.0 --json state --jq .state") echo MERGED ;;
      "pr view release/v1.4.0") echo "Release 1.4.0 #13" ;;
      "pr checks release/v1.4.0") echo "build  pass  1m2s" ;;
      "run list --commit "*) echo true ;;
      "release view v1.4.0") echo "v1.4.0 Latest" ;;
      *) echo "gh stand-in: unexpected: $*" >&2; exit 1 ;;
    esac

    """
}
