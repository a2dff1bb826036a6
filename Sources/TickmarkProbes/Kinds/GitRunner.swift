import Foundation
import Tickmark

/// What a git command printed and how it exited.
struct GitOutput {
    var status: Int32
    var standardOutput: String
    var standardError: String
    /// Standard output as bytes, for file contents (`git cat-file blob`).
    var standardOutputBytes: [UInt8] = []

    /// Standard output without surrounding whitespace.
    var trimmed: String { standardOutput.trimmingASCIIWhitespace() }
}

/// Runs `git -C REPOSITORY …` through the context's process launcher, all commands of one probe
/// within the context's timeout, with English messages and without prompts or optional locks.
struct GitRunner {
    let repository: String
    let context: ProbeContext
    private let start = ContinuousClock.now

    init(repository: String, context: ProbeContext) {
        self.repository = repository
        self.context = context
    }

    /// The command line as evidence shows it.
    func action(_ arguments: [String]) -> String {
        (["git", "-C", repository] + arguments).map { word in
            let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_=.,/:@%+^{}".unicodeScalars.contains($0)) }
            return plain ? word : ShellWords.quote(word)
        }.joined(separator: " ")
    }

    /// Runs git and returns its output whatever the exit status; throws when git could not run
    /// to its end.
    func run(_ arguments: [String], outputLimit: Int = 64 * 1024) async throws(EarlyResult) -> GitOutput {
        let evidence = ProbeEvidence(action: action(arguments))
        let remaining = context.timeout - (ContinuousClock.now - start)
        guard remaining > .zero else {
            throw EarlyResult(result: ProbeResult(.error, "git timed out after \(ExecutionText.duration(context.timeout))", evidence: evidence))
        }
        var environment = context.environment
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        let outcome = await context.processes.run(ProcessRequest(
            executable: "git", arguments: ["-C", repository] + arguments, workingDirectory: context.workingDirectory,
            environment: environment, timeout: remaining, outputLimit: outputLimit
        ))
        switch outcome.termination {
        case .exited(let status):
            if outcome.truncated && outputLimit > 64 * 1024 {
                throw EarlyResult(result: ProbeResult(.error, "git printed more than \(outputLimit) bytes", evidence: evidence))
            }
            return GitOutput(status: status, standardOutput: String(decoding: outcome.standardOutput, as: UTF8.self),
                             standardError: String(decoding: outcome.standardError, as: UTF8.self), standardOutputBytes: outcome.standardOutput)
        case .failedToStart(let message):
            throw EarlyResult(result: ProbeResult(.error, "could not run git: \(message)", evidence: evidence))
        case .timedOut:
            throw EarlyResult(result: ProbeResult(.error, "git timed out after \(ExecutionText.duration(context.timeout)) (process group killed)", evidence: evidence))
        case .signaled(let signal):
            throw EarlyResult(result: ProbeResult(.error, "git was killed by \(ExecutionText.signalName(signal))", evidence: evidence))
        }
    }

    /// Runs git and returns its output when the exit status is one of `accepted`; otherwise
    /// throws an error naming git's complaint (`not a git repository: …`).
    func require(_ arguments: [String], accepting accepted: Set<Int32> = [0], outputLimit: Int = 64 * 1024) async throws(EarlyResult) -> GitOutput {
        let output = try await run(arguments, outputLimit: outputLimit)
        guard accepted.contains(output.status) else { throw failure(output, arguments) }
        return output
    }

    /// The error for a git command that exited with an unexpected status.
    func failure(_ output: GitOutput, _ arguments: [String]) -> EarlyResult {
        let evidence = ProbeEvidence(action: action(arguments), output: EvidenceText.tail(Array(output.standardError.utf8)),
                                     fields: [EvidenceField("exit", String(output.status))])
        let complaint = output.standardError.split(whereSeparator: \.isNewline)
            .first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") }.map(String.init)
            ?? EvidenceText.lastLine(output.standardError)
        if complaint.lowercased().contains("not a git repository") {
            return EarlyResult(result: ProbeResult(.error, "not a git repository: \(repository)", evidence: evidence))
        }
        if complaint.contains("cannot change to") {
            return EarlyResult(result: ProbeResult(.error, "cannot enter \(repository): no such folder", evidence: evidence))
        }
        let text = complaint.isEmpty ? "exit \(output.status)" : complaint
        return EarlyResult(result: ProbeResult(.error, "git \(arguments.first ?? "") failed: \(text)", evidence: evidence))
    }
}
