import Tickmark

extension GitProbe {
    /// Answers the check with git's porcelain and plumbing commands. A folder that is not a
    /// repository, or a git that cannot run, is an error.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let git = GitRunner(repository: context.resolve(configuration.repository ?? "."), context: context)
        do {
            switch configuration.check {
            case .clean: return try await clean(git, context: context)
            case .branch(let name): return try await branch(name, git)
            case .synced(let target): return try await synced(target, git)
            case .tag(let name): return try await tag(name, git)
            case .tagAtHead(let name): return try await tagAtHead(name, git)
            }
        } catch {
            return error.result
        }
    }

    /// The current branch, or `nil` when HEAD is detached.
    private static func currentBranch(_ git: GitRunner) async throws(EarlyResult) -> String? {
        let output = try await git.require(["symbolic-ref", "--short", "-q", "HEAD"], accepting: [0, 1])
        return output.status == 0 ? output.trimmed : nil
    }

    private static func branch(_ name: String, _ git: GitRunner) async throws(EarlyResult) -> ProbeResult {
        var evidence = ProbeEvidence(action: git.action(["symbolic-ref", "--short", "-q", "HEAD"]))
        if let current = try await currentBranch(git) {
            evidence.fields.append(EvidenceField("branch", current))
            return current == name
                ? ProbeResult(.pass, "on branch \(name)", evidence: evidence)
                : ProbeResult(.fail, "on branch \(current), not \(name)", evidence: evidence)
        }
        let head = try await git.require(["rev-parse", "--short", "HEAD"]).trimmed
        evidence.fields.append(EvidenceField("branch", "detached at \(head)"))
        return ProbeResult(.fail, "HEAD is detached at \(head), not on branch \(name)", evidence: evidence)
    }

    private static func synced(_ target: RemoteBranch?, _ git: GitRunner) async throws(EarlyResult) -> ProbeResult {
        let branch = try await currentBranch(git)
        let local = branch ?? "HEAD"
        let remote: String
        if let target {
            remote = target.description
        } else {
            let arguments = ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]
            let output = try await git.run(arguments)
            guard output.status == 0, !output.trimmed.isEmpty else {
                if output.standardError.contains("not a git repository") { throw git.failure(output, arguments) }
                let what = branch.map { "branch \($0) has no upstream" } ?? "HEAD is detached and has no upstream"
                return ProbeResult(.error, "\(what); name one, such as `git synced origin/main`", evidence: ProbeEvidence(action: git.action(arguments)))
            }
            remote = output.trimmed
        }
        var evidence = ProbeEvidence(action: "compare \(local) with \(remote) (as of the last fetch)")
        let headOutput = try await git.require(["rev-parse", "--verify", "-q", "HEAD^{commit}"], accepting: [0, 1])
        guard headOutput.status == 0 else { return ProbeResult(.error, "HEAD has no commit yet", evidence: evidence) }
        let remoteOutput = try await git.require(["rev-parse", "--verify", "-q", "refs/remotes/\(remote)^{commit}"], accepting: [0, 1])
        guard remoteOutput.status == 0 else {
            return ProbeResult(.error, "there is no remote-tracking branch \(remote); fetch it first, or check its name", evidence: evidence)
        }
        let head = headOutput.trimmed, upstream = remoteOutput.trimmed
        evidence.fields += [EvidenceField(local, head), EvidenceField(remote, upstream)]
        if head == upstream {
            return ProbeResult(.pass, "\(local) is at the same commit as \(remote) (\(head.prefix(12)))", evidence: evidence)
        }
        let counts = try await git.run(["rev-list", "--left-right", "--count", "\(head)...\(upstream)"])
        let numbers = counts.trimmed.split(whereSeparator: { $0 == "\t" || $0 == " " }).compactMap { Int($0) }
        guard counts.status == 0, numbers.count == 2 else {
            return ProbeResult(.fail, "\(local) (\(head.prefix(12))) is not at the same commit as \(remote) (\(upstream.prefix(12)))", evidence: evidence)
        }
        let ahead = ExecutionText.count(numbers[0], "commit"), behind = ExecutionText.count(numbers[1], "commit")
        let reason = switch (numbers[0] > 0, numbers[1] > 0) {
        case (true, true): "\(local) has diverged from \(remote): \(ahead) ahead, \(behind) behind"
        case (true, false): "\(local) is \(ahead) ahead of \(remote)"
        default: "\(local) is \(behind) behind \(remote)"
        }
        return ProbeResult(.fail, reason, evidence: evidence)
    }

    private static func tag(_ name: String, _ git: GitRunner) async throws(EarlyResult) -> ProbeResult {
        let arguments = ["rev-parse", "-q", "--verify", "refs/tags/\(name)"]
        let output = try await git.require(arguments, accepting: [0, 1])
        var evidence = ProbeEvidence(action: git.action(arguments))
        guard output.status == 0 else { return ProbeResult(.fail, "tag \(name) does not exist", evidence: evidence) }
        evidence.fields.append(EvidenceField("object", output.trimmed))
        return ProbeResult(.pass, "tag \(name) exists", evidence: evidence)
    }

    private static func tagAtHead(_ name: String?, _ git: GitRunner) async throws(EarlyResult) -> ProbeResult {
        let arguments = ["tag", "--points-at", "HEAD"]
        let tags = try await git.require(arguments).standardOutput.split(whereSeparator: \.isNewline).map(String.init)
        var evidence = ProbeEvidence(action: git.action(arguments))
        evidence.fields.append(EvidenceField("tags", tags.isEmpty ? "(none)" : tags.joined(separator: ", ")))
        guard let name else {
            return tags.isEmpty
                ? ProbeResult(.fail, "HEAD has no tag", evidence: evidence)
                : ProbeResult(.pass, "HEAD is tagged \(tags.joined(separator: ", "))", evidence: evidence)
        }
        if tags.contains(name) { return ProbeResult(.pass, "HEAD is tagged \(name)", evidence: evidence) }
        return ProbeResult(.fail, tags.isEmpty ? "HEAD has no tag; expected \(name)" : "HEAD is tagged \(tags.joined(separator: ", ")), not \(name)", evidence: evidence)
    }
}
