import Testing
import TickmarkProbes

@Suite struct RunExecutionTests {
    @Test func runsTheCommandWithShInTheWorkingDirectoryWithTheContextTimeout() async throws {
        let launcher = FakeProcessLauncher(FakeProcessLauncher.exited(0, stdout: "ok\n"))
        let context = ProbeRun.context(processes: launcher, environment: ["PATH": "/bin", "HOME": "/home/ci"], timeout: .seconds(7))
        let result = try await ProbeRun.inline("probe: run swift test --parallel", in: context)
        #expect(result.status == .pass)
        #expect(result.reason == "exited 0")
        let request = try #require(launcher.requests.first)
        #expect(request.executable == "/bin/sh")
        #expect(request.arguments == ["-c", "swift test --parallel"])
        #expect(request.workingDirectory == ProbeRun.folder)
        #expect(request.environment == ["PATH": "/bin", "HOME": "/home/ci"])
        #expect(request.timeout == .seconds(7))
        #expect(result.evidence.action == "sh -c 'swift test --parallel'")
        #expect(result.evidence.field("exit") == "0")
    }

    @Test func aNonZeroExitFailsNamingBothStatuses() async throws {
        let context = ProbeRun.context(processes: FakeProcessLauncher(FakeProcessLauncher.exited(1, stderr: "2 tests failed\n")))
        let result = try await ProbeRun.inline("probe: run swift test", in: context)
        #expect(result.status == .fail)
        #expect(result.reason == "expected exit 0, got 1")
        #expect(result.evidence.output.contains("2 tests failed"))
    }

    @Test func blockFormChecksTheGivenExitStatusCwdAndEnvironment() async throws {
        let launcher = FakeProcessLauncher(FakeProcessLauncher.exited(3))
        let context = ProbeRun.context(processes: launcher, environment: ["PATH": "/bin", "MODE": "ci"])
        let markdown = ProbeRun.block("run: ./check.sh\nexit: 3\ncwd: tools\nenv: { MODE: release, EXTRA: \"1\" }")
        let result = try await ProbeRun.markdown(markdown, in: context)
        #expect(result.status == .pass)
        let request = try #require(launcher.requests.first)
        #expect(request.workingDirectory == ProbeRun.folder + "/tools")
        #expect(request.environment == ["PATH": "/bin", "MODE": "release", "EXTRA": "1"])
        #expect(result.evidence.field("cwd") == ProbeRun.folder + "/tools")
    }

    @Test func aTimeoutIsAnErrorSayingTheGroupWasKilled() async throws {
        let outcome = ProcessOutcome(termination: .timedOut, standardOutput: Array("working…\n".utf8), standardError: [])
        let result = try await ProbeRun.inline("probe: run sleep 60", in: ProbeRun.context(processes: FakeProcessLauncher(outcome), timeout: .seconds(5)))
        #expect(result.status == .error)
        #expect(result.reason == "timed out after 5s (process group killed)")
        #expect(result.evidence.output == "working…\n")
    }

    @Test func aCommandNotFoundIsAnErrorButAnExpected127IsNot() async throws {
        let missing = ProbeRun.context(processes: FakeProcessLauncher(FakeProcessLauncher.exited(127, stderr: "sh: 1: ruff: not found\n")))
        let result = try await ProbeRun.inline("probe: run ruff check .", in: missing)
        #expect(result.status == .error)
        #expect(result.reason == "command not found: sh: 1: ruff: not found")
        let expected = try await ProbeRun.markdown(ProbeRun.block("run: ruff check .\nexit: 127"), in: missing)
        #expect(expected.status == .pass)
    }

    @Test func aShellThatCannotStartIsAnError() async throws {
        let outcome = ProcessOutcome(termination: .failedToStart("working directory /nope does not exist"), standardOutput: [], standardError: [])
        let result = try await ProbeRun.inline("probe: run make", in: ProbeRun.context(processes: FakeProcessLauncher(outcome)))
        #expect(result.status == .error)
        #expect(result.reason == "could not start /bin/sh: working directory /nope does not exist")
    }

    @Test func aSignalFailsNamingIt() async throws {
        let outcome = ProcessOutcome(termination: .signaled(11), standardOutput: [], standardError: [])
        let result = try await ProbeRun.inline("probe: run ./crash", in: ProbeRun.context(processes: FakeProcessLauncher(outcome)))
        #expect(result.status == .fail)
        #expect(result.reason == "expected exit 0, got killed by SIGSEGV")
        #expect(result.evidence.field("signal") == "SIGSEGV")
    }

    @Test func standardOutputMustContainAndMatch() async throws {
        let context = ProbeRun.context(processes: FakeProcessLauncher(FakeProcessLauncher.exited(0, stdout: "version 1.4.0\nbuild ok\n", stderr: "warning: x\n")))
        let passing = try await ProbeRun.markdown(ProbeRun.block("run: ./tool --version\nstdout: build ok\nmatches: ^version 1\\.4"), in: context)
        #expect(passing.status == .pass)
        #expect(passing.reason == "exited 0, stdout contains \"build ok\", stdout matches /^version 1\\.4/")
        let missing = try await ProbeRun.markdown(ProbeRun.block("run: ./tool --version\nstdout: warning"), in: context)
        #expect(missing.status == .fail, "stderr is not stdout")
        #expect(missing.reason == "stdout does not contain \"warning\"")
        let unmatched = try await ProbeRun.markdown(ProbeRun.block("run: ./tool --version\nmatches: ^2\\."), in: context)
        #expect(unmatched.reason == "stdout does not match /^2\\./")
    }

    @Test func evidenceKeepsOnlyTheTailOfLongOutput() async throws {
        let long = String(repeating: "line of output\n", count: 2000) + "LAST LINE\n"
        let context = ProbeRun.context(processes: FakeProcessLauncher(FakeProcessLauncher.exited(1, stdout: long)))
        let result = try await ProbeRun.inline("probe: run ./noisy", in: context)
        #expect(result.evidence.output.utf8.count <= ProbeEvidence.outputLimit)
        #expect(result.evidence.output.hasSuffix("LAST LINE\n"))
    }
}
