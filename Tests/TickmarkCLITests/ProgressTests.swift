import Foundation
import Testing
@testable import TickmarkCLI

/// Output written to a console, line by line, each with the time it arrived and whether the slow
/// probe had finished then (its file `slow-done` existed). The slow probe waits for a file
/// `release` that this output creates once it has printed what the test waits for, so the
/// order of events does not depend on how loaded the machine is.
final class TimedOutput: @unchecked Sendable {
    typealias Line = (at: ContinuousClock.Instant, slowHadFinished: Bool, text: String)
    // Guarded by `lock`: the console's closures are called from concurrent probe tasks.
    private let lock = NSLock()
    private var pieces: [Line] = []
    private let folder: String
    private let releaseAfter: @Sendable ([Line]) -> Bool

    init(folder: String, releaseAfter: @escaping @Sendable ([Line]) -> Bool) {
        self.folder = folder
        self.releaseAfter = releaseAfter
    }

    /// Standard output's lines.
    var lines: [Line] {
        lock.withLock {
            pieces.flatMap { piece in
                piece.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { (piece.at, piece.slowHadFinished, String($0)) }
            }
        }
    }

    func console(environment: [String: String]) -> Console {
        Console(
            out: { text in
                let finished = FileManager.default.fileExists(atPath: "\(self.folder)/slow-done")
                self.lock.withLock { self.pieces.append((ContinuousClock.now, finished, text)) }
                if self.releaseAfter(self.lines) {
                    _ = FileManager.default.createFile(atPath: "\(self.folder)/release", contents: nil)
                }
            },
            err: { _ in }, isInteractive: false, colors: false, environment: environment, currentDirectory: folder
        )
    }
}

/// Without a terminal, results print as items finish, in document order, with "still running" lines.
@Suite struct ProgressTests {
    static let checklist = """
    # Deploy
    - [ ] Quick check `probe: run true`
    - [ ] Slow migration
      ```probe
      run: until test -f release; do sleep 0.05; done; touch slow-done
      timeout: 20s
      ```
    - [ ] Another quick check `probe: run true`
    """

    func run(_ arguments: [String], releaseAfter: @escaping @Sendable ([TimedOutput.Line]) -> Bool) async throws -> (Int32, [TimedOutput.Line]) {
        let fixture = try RunFixture(files: ["p.md": Self.checklist])
        defer { fixture.remove() }
        let output = TimedOutput(folder: fixture.folder, releaseAfter: releaseAfter)
        let code = await TickmarkCommand.run(arguments, console: output.console(environment: fixture.environment))
        return (code, output.lines)
    }

    @Test func eachItemPrintsWhenItAndEveryItemBeforeItHaveFinished() async throws {
        // The slow probe ends only once the quick item's result is printed: printed at the end, it never would.
        let (code, lines) = try await run(["run", "p.md", "--no-record"]) { lines in
            lines.contains { $0.text.contains("PASS") && $0.text.contains("Quick check") }
        }
        #expect(code == 0, "\(lines.map(\.text))")
        let quick = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Quick check") })
        let slow = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Slow migration") })
        let another = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Another quick check") })
        let result = try #require(lines.firstIndex { $0.text.hasPrefix("Result: GO") })
        #expect(quick < slow && slow < another && another < result, "document order")
        #expect(!lines[quick].slowHadFinished, "the quick item printed while the slow one still ran")
        #expect(lines[another].at - lines[slow].at < .milliseconds(500), "a later item waits for the ones before it")
        #expect(lines.filter { $0.text.contains("PASS") && $0.text.contains("Quick check") }.count == 1, "printed once, not again in the summary")
        #expect(lines.first?.text == "Deploy  (p.md)")
    }

    @Test func aLongProbePrintsStillRunningLinesAtTheInterval() async throws {
        let (code, lines) = try await run(["run", "p.md", "--no-record", "--heartbeat", "200ms"]) { lines in
            lines.filter { $0.text.hasPrefix("still running: Slow migration (") }.count >= 3
        }
        #expect(code == 0, "\(lines.map(\.text))")
        // On a loaded machine even `true` may take longer than the interval, and say so: look at the slow item's lines.
        let still = lines.filter { $0.text.hasPrefix("still running: Slow migration (") }
        #expect(Array(still.map(\.text).prefix(3)) == ["(200ms)", "(400ms)", "(600ms)"].map { "still running: Slow migration \($0)" })
        let slow = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Slow migration") })
        #expect(lines[slow...].allSatisfy { !$0.text.hasPrefix("still running: Slow migration") }, "none after the item finished")
    }

    @Test func theDefaultIntervalIsThirtySecondsAndMustBeADuration() async throws {
        let fixture = try RunFixture(files: ["p.md": "# P\n- [ ] A second `probe: run sleep 1`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["run", "p.md", "--no-record"])
        #expect(result.code == 0)
        #expect(!result.stdout.contains("still running"))
        #expect(await fixture.run(["run", "p.md", "--heartbeat", "soon"]).code == 2)
        #expect(await fixture.run(["run", "p.md", "--heartbeat", "0s"]).code == 2)
    }
}
