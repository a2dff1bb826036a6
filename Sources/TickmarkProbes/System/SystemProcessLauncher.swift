import CTickmarkSystem
import Foundation

/// Starts real processes: each in a session of its own (so in its own process group), with
/// standard input from `/dev/null` and no descriptor but the output pipes inherited.
///
/// On timeout the whole group gets SIGTERM, then SIGKILL after `terminationGrace`. When the
/// process ends by itself, whatever it left running in the background in its group gets SIGKILL,
/// so nothing a probe started outlives it. Output is read until the process has ended and then
/// for at most `outputLinger` more, so a process that escaped the group (by starting a session
/// of its own) and still holds the pipes cannot make the probe wait.
package struct SystemProcessLauncher: ProcessLauncher {
    /// How long the process group has between SIGTERM and SIGKILL.
    package var terminationGrace: Duration
    /// How long output is still read once the process has ended.
    package var outputLinger: Duration

    /// Creates a launcher.
    package init(terminationGrace: Duration = .milliseconds(500), outputLinger: Duration = .milliseconds(100)) {
        self.terminationGrace = terminationGrace
        self.outputLinger = outputLinger
    }

    /// Runs the process to its end, or kills its group at the timeout or when the awaiting task
    /// is cancelled (both reported as `.timedOut`).
    package func run(_ request: ProcessRequest) async -> ProcessOutcome {
        let flag = CancellationFlag()
        let grace = terminationGrace, linger = outputLinger
        return await DetachedThread.run({
            ChildProcess.run(request, grace: grace, linger: linger, cancellation: flag)
        }, onCancel: { flag.raise() })
    }
}

/// Starting a process: checks, pipes and `posix_spawn`; `ProcessSupervisor` does the rest.
enum ChildProcess {
    static func run(_ request: ProcessRequest, grace: Duration, linger: Duration, cancellation: CancellationFlag) -> ProcessOutcome {
        func failure(_ message: String) -> ProcessOutcome {
            ProcessOutcome(termination: .failedToStart(message), standardOutput: [], standardError: [])
        }
        var information = stat()
        guard stat(request.workingDirectory, &information) == 0 else {
            return failure("working directory \(request.workingDirectory) does not exist")
        }
        guard information.st_mode & S_IFMT == S_IFDIR else {
            return failure("working directory \(request.workingDirectory) is not a folder")
        }
        guard let path = executablePath(request.executable, in: request.workingDirectory, environment: request.environment) else {
            return failure(request.executable.contains("/")
                ? "\(request.executable) does not exist or is not executable"
                : "\(request.executable) not found in PATH")
        }
        var output: [Int32] = [-1, -1]
        var error: [Int32] = [-1, -1]
        if let problem = [tickmark_pipe(&output), tickmark_pipe(&error)].first(where: { $0 != 0 }) {
            for fd in output + error where fd >= 0 { close(fd) }
            return failure("cannot create pipes: \(String(cString: strerror(problem)))")
        }
        let arguments = [request.executable] + request.arguments
        let environment = request.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let start = ContinuousClock.now
        var pid: pid_t = 0
        let result = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in
                tickmark_spawn(&pid, path, argv, envp, request.workingDirectory, output[1], error[1])
            }
        }
        close(output[1])
        close(error[1])
        guard result == 0 else {
            close(output[0])
            close(error[0])
            return failure("cannot start \(request.executable): \(String(cString: strerror(result)))")
        }
        if !ProbeProcessGroups.register(pid) { kill(-pid, SIGKILL) }   // the run is being stopped
        let supervisor = ProcessSupervisor(pid: pid, outputFD: output[0], errorFD: error[0], limit: request.outputLimit)
        return supervisor.supervise(deadline: start + request.timeout, grace: grace, linger: linger, cancellation: cancellation, start: start)
    }

    /// The file to execute: `name` itself when it holds a `/` (relative to `directory`), otherwise
    /// the first executable file of that name in the request's `PATH`.
    static func executablePath(_ name: String, in directory: String, environment: [String: String]) -> String? {
        func isExecutableFile(_ path: String) -> Bool {
            var information = stat()
            return access(path, X_OK) == 0 && stat(path, &information) == 0 && information.st_mode & S_IFMT == S_IFREG
        }
        if name.contains("/") {
            let path = name.hasPrefix("/") ? name : directory + "/" + name
            return isExecutableFile(path) ? path : nil
        }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let base = folder.isEmpty ? directory : folder.hasPrefix("/") ? String(folder) : directory + "/" + folder
            if isExecutableFile(base + "/" + name) { return base + "/" + name }
        }
        return nil
    }

    /// Calls `body` with a NULL-terminated array of C strings, freed afterwards.
    private static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
