import Foundation
import Testing
import TickmarkCLI
import TickmarkTestSupport

/// Every `tickmark …` line of README's "Quick start in your project" still works, run in-process
/// against a scratch project: a git repository with a bare origin, the shipped checklists, the
/// repository's RELEASING.md, and Ana's ed25519 key where the quick start names it.
@Suite struct ReadmeQuickStartTests {
    /// The scratch project: `project/` (the git repository, current folder of every command),
    /// `origin.git` (its bare origin) and `home/` (what `~` stands for, holding `.ssh/id_ed25519`).
    struct Project {
        let scratch: TemporaryFolder
        var folder: String { scratch.path("project") }
        var home: String { scratch.path("home") }

        init() throws {
            scratch = try TemporaryFolder()
            try scratch.write("project/RELEASING.md", try read(repositoryRoot + "/RELEASING.md"))
            try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
            try Shell.run("ssh-keygen -q -t ed25519 -N '' -C ana@example.com -f .ssh/id_ed25519", in: home)
            let publicKey = try scratch.text("home/.ssh/id_ed25519.pub").split(separator: " ").prefix(2).joined(separator: " ")
            try scratch.write("project/allowed_signers", "ana@example.com namespaces=\"tickmark\" \(publicKey)\n")
            try Shell.run("git init -q --bare origin.git", in: scratch.path)
            try Shell.run("git init -q -b main && git remote add origin ../origin.git", in: folder)
        }

        /// Commits everything and pushes `main`, so the git probes see a clean, pushed tree.
        func commitAndPush() throws {
            try Shell.run("git add -A && git commit -q -m 'Start' && git push -q -u origin main", in: folder)
        }

        /// What every command sees: the git identity of test repositories, `HOME` at `home`, and
        /// every HTTP(S) request sent to a proxy on a closed loopback port, so the example hosts
        /// of the shipped checklists (`https://staging.example.com`) fail at once instead of
        /// waiting for the network.
        var environment: [String: String] {
            let unreachable = "http://127.0.0.1:9"
            return ProcessInfo.processInfo.environment.merging(Shell.gitIdentity) { $1 }.merging([
                "HOME": home, "http_proxy": unreachable, "https_proxy": unreachable,
                "HTTP_PROXY": unreachable, "HTTPS_PROXY": unreachable, "no_proxy": "", "NO_PROXY": "",
            ]) { $1 }
        }

        /// Runs `tickmark arguments…` in-process in the project.
        func run(_ arguments: [String]) async -> (code: Int32, stdout: String, stderr: String) {
            let buffer = OutputBuffer()
            let console = buffer.console(environment: environment, currentDirectory: folder)
            let code = await TickmarkCommand.run(arguments, console: console)
            return (code, buffer.stdout, buffer.stderr)
        }
    }

    /// Runs the quick start of `readme` in a fresh scratch project; returns one message per line
    /// that stopped working (empty when all work).
    ///
    /// `init` comes last in the README, as the step that starts a project's own checklists, but
    /// the lines above it use `checklists/`: a fresh project has them only after `init`, so `init`
    /// lines run first (running one again at the end would rightly refuse to overwrite). The watch
    /// period is shortened to `--for 2s --every 1s`, so the watch still runs rounds but the test
    /// stays short. Probe failures of the shipped checklists (no staging server, no `make`
    /// targets, no release tag here) make a `run` or `watch` NO-GO (exit 1), which is fine; a
    /// usage error, an unknown option or a missing file (exit 2) is not. `sign` and `verify` must
    /// succeed, and `verify` must name Ana. `report`, `status` and `board` exit 1 for NO-GO, as `run` does.
    static func problems(runningQuickStartOf readme: String) async throws -> [String] {
        let project = try Project()
        defer { project.scratch.remove() }
        let lines = try QuickStartLines.parse(readme, home: project.home)
        guard !lines.isEmpty else { return ["no `tickmark …` lines under '\(QuickStartLines.heading)'"] }
        let ordered = lines.filter { $0.arguments.first == "init" } + lines.filter { $0.arguments.first != "init" }
        var problems: [String] = []
        var committed = false
        for line in ordered {
            if line.arguments.first != "init" && !committed {
                try project.commitAndPush()
                committed = true
            }
            let result = await project.run(shortened(line.arguments))
            let output = "exit \(result.code)\n\(result.stdout)\(result.stderr)"
            switch line.arguments.first {
            case "sign":
                if result.code != 0 { problems.append("\(line) must exit 0: \(output)") }
            case "verify":
                if result.code != 0 || !(result.stdout + result.stderr).contains("ana@example.com") {
                    problems.append("\(line) must exit 0 and name the signer ana@example.com: \(output)")
                }
            case "run", "watch", "report", "status", "board":
                if result.code != 0 && result.code != 1 { problems.append("\(line) must be GO or NO-GO: \(output)") }
            default:
                if result.code != 0 { problems.append("\(line) must exit 0: \(output)") }
            }
        }
        return problems
    }

    /// `arguments` with the values of `--for` and `--every` replaced by `2s` and `1s`, and a
    /// `run` limited to `--timeout 3s`: the staging checklist retries its health check against
    /// the unreachable example host for minutes otherwise.
    static func shortened(_ arguments: [String]) -> [String] {
        var result = arguments
        if result.first == "run" && !result.contains("--dry-run") { result += ["--timeout", "3s"] }
        for index in result.indices.dropLast() where result[index] == "--for" || result[index] == "--every" {
            result[index + 1] = result[index] == "--for" ? "2s" : "1s"
        }
        return result
    }

    static func readme() throws -> String {
        try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
    }

    @Test func everyQuickStartLineWorksInAScratchProject() async throws {
        let lines = try QuickStartLines.parse(try Self.readme(), home: "/home/ana")
        #expect(lines.count >= 10, "\(lines)")
        #expect(Set(lines.compactMap(\.arguments.first)).isSuperset(of: ["lint", "show", "run", "sign-off", "report", "sign", "verify", "watch", "init"]))
        let problems = try await Self.problems(runningQuickStartOf: try Self.readme())
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n\n"))")
    }

    @Test func aBrokenQuickStartLineIsReported() async throws {
        let readme = try Self.readme()
        let broken = readme.replacingOccurrences(of: "tickmark run RELEASING.md --record ", with: "tickmark run RELEASING.md --recordz ")
        try #require(broken != readme, "the quick start runs RELEASING.md with --record")
        let problems = try await Self.problems(runningQuickStartOf: broken)
        #expect(problems.contains { $0.contains("tickmark run RELEASING.md --recordz .tickmark/release.json must be GO or NO-GO: exit 2") }, "\(problems)")
    }

    @Test func linesSplitLikeAShellWithTheCommentDropped() throws {
        let split = try QuickStartLines.split(#"tickmark sign-off r.json "rollback plan" --by "Ana Lima <ana@example.com>"   # a comment"#)
        #expect(split.arguments == ["tickmark", "sign-off", "r.json", "rollback plan", "--by", "Ana Lima <ana@example.com>"])
        #expect(split.text == #"tickmark sign-off r.json "rollback plan" --by "Ana Lima <ana@example.com>""#)
        #expect(try QuickStartLines.split("a 'b c' d\\ e \"#x\" f#g").arguments == ["a", "b c", "d e", "#x", "f#g"])
        #expect(QuickStartLines.expandingTilde("~/.ssh/id_ed25519", home: "/h") == "/h/.ssh/id_ed25519")
        #expect(throws: QuickStartError.self) { try QuickStartLines.split("a \"b") }
    }
}
