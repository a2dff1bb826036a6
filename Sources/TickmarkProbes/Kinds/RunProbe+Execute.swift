import Foundation
import Tickmark

extension RunProbe {
    /// Bytes of each output stream kept when standard output is checked; otherwise less is kept,
    /// as only the evidence tail is needed.
    static let checkedOutputLimit = 1024 * 1024
    static let evidenceOutputLimit = 64 * 1024

    /// Runs the command with `/bin/sh -c` in its own process group, then checks the exit status
    /// and standard output.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let checksOutput = configuration.stdoutContains != nil || configuration.stdoutMatches != nil
        let directory = context.resolve(configuration.workingDirectory ?? ".")
        let request = ProcessRequest(
            executable: "/bin/sh", arguments: ["-c", configuration.command], workingDirectory: directory,
            environment: context.environment.merging(configuration.environment) { _, probe in probe }
                .merging(configuration.variables.map { ($0.name, $0.value) }) { _, variable in variable },
            timeout: context.timeout, outputLimit: checksOutput ? checkedOutputLimit : evidenceOutputLimit
        )
        let outcome = await context.processes.run(request)
        var evidence = ProbeEvidence(action: "sh -c \(ShellWords.quote(configuration.command))", output: EvidenceText.tail(outcome.combinedOutput))
        if configuration.workingDirectory != nil { evidence.fields.append(EvidenceField("cwd", directory)) }
        evidence.fields.append(EvidenceField("duration", ExecutionText.duration(outcome.duration)))
        let expected = configuration.exitStatus

        let status: Int32
        switch outcome.termination {
        case .failedToStart(let message):
            return ProbeResult(.error, "could not start /bin/sh: \(message)", evidence: evidence)
        case .timedOut:
            evidence.fields.append(EvidenceField("exit", "killed at timeout"))
            return ProbeResult(.error, "timed out after \(ExecutionText.duration(context.timeout)) (process group killed)", evidence: evidence)
        case .signaled(let signal):
            evidence.fields.append(EvidenceField("signal", ExecutionText.signalName(signal)))
            return ProbeResult(.fail, "expected exit \(expected), got killed by \(ExecutionText.signalName(signal))", evidence: evidence)
        case .exited(let code):
            status = code
            evidence.fields.append(EvidenceField("exit", String(code)))
        }
        let lastError = EvidenceText.lastLine(String(decoding: outcome.standardError, as: UTF8.self))
        if (status == 127 || status == 126) && expected != status {
            let what = status == 127 ? "command not found" : "command cannot be executed"
            let permanent = status == 127
                ? "a command that is not found will not appear by trying again"
                : "a command that cannot be executed will not become executable by trying again"
            return ProbeResult(.error, lastError.isEmpty ? "\(what) (exit \(status))" : "\(what): \(lastError)",
                               evidence: evidence, notRetriedBecause: permanent)
        }
        guard status == expected else {
            return ProbeResult(.fail, "expected exit \(expected), got \(status)", evidence: evidence)
        }

        var passed = ["exited \(status)"]
        let output = String(decoding: outcome.standardOutput, as: UTF8.self)
        let cut = outcome.truncated ? " (only its last \(checkedOutputLimit / 1024 / 1024) MiB was kept)" : ""
        if let text = configuration.stdoutContains {
            guard output.contains(text) else {
                return ProbeResult(.fail, "stdout does not contain \(ExecutionText.quoted(text))\(cut)", evidence: evidence)
            }
            passed.append("stdout contains \(ExecutionText.quoted(text))")
        }
        if let pattern = configuration.stdoutMatches {
            switch ExecutionText.matches(pattern, in: output) {
            case .failure(let invalid):
                return ProbeResult(.error, invalid.message, evidence: evidence, notRetriedBecause: "an invalid pattern stays invalid")
            case .success(false):
                return ProbeResult(.fail, "stdout does not match /\(pattern)/\(cut)", evidence: evidence)
            case .success(true):
                passed.append("stdout matches /\(pattern)/")
            }
        }
        return ProbeResult(.pass, passed.joined(separator: ", "), evidence: evidence)
    }
}
