import Foundation
import Testing
import TickmarkProbes
import TickmarkTestSupport

/// The real process launcher, against real processes.
@Suite(.timeLimit(.minutes(1))) struct ProcessLauncherTests {
    private let launcher = SystemProcessLauncher(terminationGrace: .milliseconds(300))
    private let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "ONLY": "this"]

    private func shell(_ command: String, timeout: Duration = .seconds(10), limit: Int = 64 * 1024, in folder: String = "/") async -> ProcessOutcome {
        await launcher.run(ProcessRequest(executable: "/bin/sh", arguments: ["-c", command], workingDirectory: folder,
                                          environment: environment, timeout: timeout, outputLimit: limit))
    }

    @Test func keepsStandardOutputAndErrorApartAndReportsTheExitStatus() async {
        let outcome = await shell("echo out; echo err >&2; echo \"$ONLY ${HOME-no-home}\"; exit 3")
        #expect(outcome.termination == .exited(3))
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "out\nthis no-home\n")
        #expect(String(decoding: outcome.standardError, as: UTF8.self) == "err\n")
        #expect(outcome.combinedOutput.count == outcome.standardOutput.count + outcome.standardError.count)
    }

    @Test func runsInItsOwnSessionWithInputFromDevNullAndNoInheritedDescriptor() async {
        let session = await shell("read -r pid comm state ppid group session rest < /proc/$$/stat; echo \"$$ $group $session\"; cat")
        let numbers = String(decoding: session.standardOutput, as: UTF8.self).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(numbers.count == 3 && Set(numbers).count == 1, "the shell leads its own group and session: \(numbers)")
        let descriptors = await launcher.run(ProcessRequest(executable: "ls", arguments: ["/proc/self/fd"], workingDirectory: "/",
                                                            environment: environment, timeout: .seconds(5)))
        #expect(String(decoding: descriptors.standardOutput, as: UTF8.self) == "0\n1\n2\n3\n", "only ls's own directory descriptor is open")
    }

    @Test func aMissingProgramOrFolderFailsToStart() async {
        let missing = await launcher.run(ProcessRequest(executable: "tickmark-no-such-tool", arguments: [], workingDirectory: "/",
                                                        environment: environment, timeout: .seconds(5)))
        #expect(missing.termination == .failedToStart("tickmark-no-such-tool not found in PATH"))
        let folder = await shell("true", in: "/no/such/folder")
        #expect(folder.termination == .failedToStart("working directory /no/such/folder does not exist"))
    }

    @Test func largeOutputDoesNotBlockAndOnlyTheTailIsKept() async {
        let outcome = await shell("head -c 5000000 /dev/zero | tr '\\0' x; printf END; echo done >&2", limit: 64 * 1024)
        #expect(outcome.termination == .exited(0))
        #expect(outcome.standardOutput.count == 64 * 1024)
        #expect(outcome.standardOutput.suffix(3) == Array("END".utf8))
        #expect(outcome.truncated)
        #expect(outcome.standardError == Array("done\n".utf8))
    }

    @Test(arguments: ["sleep MARK & sleep MARK & wait", "(sleep MARK &) ; sleep MARK", "trap '' TERM; sleep MARK"])
    func aTimeoutKillsTheWholeProcessGroup(_ template: String) async {
        let marker = ProcessTable.uniqueSleep()
        defer { ProcessTable.killAll(matching: marker) }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await shell(template.replacingOccurrences(of: "MARK", with: marker), timeout: .seconds(1))
        let elapsed = clock.now - start
        #expect(outcome.termination == .timedOut)
        #expect(elapsed >= .seconds(1) && elapsed < .seconds(10), "returned after \(elapsed)")
        #expect(ProcessTable.pids(matching: marker).isEmpty, "left running: \(ProcessTable.pids(matching: marker))")
    }

    @Test func backgroundProcessesAreKilledWhenTheCommandEnds() async {
        let marker = ProcessTable.uniqueSleep()
        defer { ProcessTable.killAll(matching: marker) }
        let outcome = await shell("sleep \(marker) > /dev/null 2>&1 & sleep \(marker) & echo started")
        #expect(outcome.termination == .exited(0))
        #expect(outcome.standardOutput == Array("started\n".utf8))
        #expect(ProcessTable.pids(matching: marker).isEmpty)
    }

    @Test func aProcessThatLeftTheGroupCannotHoldTheProbeOpen() async {
        let marker = ProcessTable.uniqueSleep()
        defer { ProcessTable.killAll(matching: marker) }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await shell("setsid sleep \(marker) & echo started")
        #expect(outcome.termination == .exited(0))
        #expect(clock.now - start < .seconds(10), "took \(clock.now - start) although the escaped process holds the pipes")
    }

    @Test func cancellingTheTaskKillsTheGroup() async {
        let marker = ProcessTable.uniqueSleep()
        defer { ProcessTable.killAll(matching: marker) }
        let task = Task { await shell("sleep \(marker) & wait", timeout: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(300))
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        let outcome = await task.value
        #expect(outcome.termination == .timedOut)
        #expect(clock.now - start < .seconds(10))
        #expect(ProcessTable.pids(matching: marker).isEmpty)
    }
}

/// `run` probes with the live context.
@Suite(.timeLimit(.minutes(1))) struct RunProbeRealTests {
    private func context(timeout: Duration = .seconds(10)) -> ProbeContext {
        .live(workingDirectory: "/tmp", environment: ProcessInfo.processInfo.environment, timeout: timeout)
    }

    @Test func passesAndFailsOnTheRealExitStatus() async throws {
        let pass = try await ProbeRun.markdown(ProbeRun.block("run: pwd; echo hello\nstdout: hello"), in: context())
        #expect(pass.status == .pass, "\(pass.reason)")
        #expect(pass.evidence.output == "/tmp\nhello\n")
        let fail = try await ProbeRun.inline("probe: run echo broken >&2; exit 4", in: context())
        #expect(fail.status == .fail)
        #expect(fail.reason == "expected exit 0, got 4")
        #expect(fail.evidence.output == "broken\n")
        let missing = try await ProbeRun.inline("probe: run tickmark-no-such-command --version", in: context())
        #expect(missing.status == .error)
        #expect(missing.reason.hasPrefix("command not found: "))
    }

    @Test(arguments: ["sleep MARK & sleep MARK & wait", "(sleep MARK &) ; sleep MARK"])
    func aTimedOutProbeLeavesNothingRunning(_ template: String) async throws {
        let marker = ProcessTable.uniqueSleep()
        defer { ProcessTable.killAll(matching: marker) }
        let command = template.replacingOccurrences(of: "MARK", with: marker)
        let result = try await ProbeRun.inline("probe: run \(command)", in: context(timeout: .seconds(1)))
        #expect(result.status == .error)
        #expect(result.reason == "timed out after 1s (process group killed)")
        #expect(ProcessTable.pids(matching: marker).isEmpty, "still running: \(ProcessTable.pids(matching: marker))")
    }
}
