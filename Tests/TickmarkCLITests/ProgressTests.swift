import Foundation
import Testing
@testable import TickmarkCLI

/// Output written to a console, each piece with the time it arrived and whether a marker file
/// existed then (a probe's side effect: what had finished when the line was printed).
final class TimedOutput: @unchecked Sendable {
    typealias Line = (at: ContinuousClock.Instant, markerExisted: Bool, text: String)
    // Guarded by `lock`: the console's closures are called from concurrent probe tasks.
    private let lock = NSLock()
    private var pieces: [Line] = []
    private let marker: String

    init(marker: String) { self.marker = marker }

    /// Standard output's lines.
    var lines: [Line] {
        lock.withLock {
            pieces.flatMap { piece in
                piece.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { (piece.at, piece.markerExisted, String($0)) }
            }
        }
    }

    func console(environment: [String: String], currentDirectory: String) -> Console {
        Console(
            out: { text in
                let existed = FileManager.default.fileExists(atPath: self.marker)
                self.lock.withLock { self.pieces.append((ContinuousClock.now, existed, text)) }
            },
            err: { _ in }, isInteractive: false, colors: false, environment: environment, currentDirectory: currentDirectory
        )
    }
}

/// Without a terminal, results print as items finish, in document order, with "still running" lines.
@Suite struct ProgressTests {
    static let checklist = """
    # Deploy
    - [ ] Quick check `probe: run true`
    - [ ] Slow migration `probe: run sleep 2 && touch slow-done`
    - [ ] Another quick check `probe: run true`
    """

    func run(_ fixture: RunFixture, _ arguments: [String]) async -> (Int32, [TimedOutput.Line]) {
        let output = TimedOutput(marker: "\(fixture.folder)/slow-done")
        let code = await TickmarkCommand.run(arguments, console: output.console(environment: fixture.environment, currentDirectory: fixture.folder))
        return (code, output.lines)
    }

    @Test func eachItemPrintsWhenItAndEveryItemBeforeItHaveFinished() async throws {
        let fixture = try RunFixture(files: ["p.md": Self.checklist])
        defer { fixture.remove() }
        let (code, lines) = await run(fixture, ["run", "p.md", "--no-record", "--heartbeat", "300ms"])
        #expect(code == 0)
        let quick = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Quick check") })
        let slow = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Slow migration") })
        let another = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Another quick check") })
        let result = try #require(lines.firstIndex { $0.text.hasPrefix("Result: GO") })
        #expect(quick < slow && slow < another && another < result, "document order")
        #expect(!lines[quick].markerExisted, "the quick item printed while the slow one still ran")
        #expect(lines[another].at - lines[slow].at < .milliseconds(500), "a later item waits for the ones before it")
        #expect(lines.filter { $0.text.contains("PASS") && $0.text.contains("Quick check") }.count == 1, "printed once, not again in the summary")
        #expect(lines.first?.text == "Deploy  (p.md)")
    }

    @Test func aLongProbePrintsStillRunningLinesAtTheInterval() async throws {
        let fixture = try RunFixture(files: ["p.md": Self.checklist])
        defer { fixture.remove() }
        let (code, lines) = await run(fixture, ["run", "p.md", "--no-record", "--heartbeat", "300ms"])
        #expect(code == 0)
        // On a loaded machine even `true` may take longer than 300 ms, and say so: count the slow item's lines.
        let still = lines.filter { $0.text.hasPrefix("still running: Slow migration (") }
        #expect(still.count >= 3, "about six in 2 s, even on a loaded machine")
        #expect(still.first?.text == "still running: Slow migration (300ms)")
        #expect(still.dropFirst().first?.text == "still running: Slow migration (600ms)")
        let slow = try #require(lines.firstIndex { $0.text.contains("PASS") && $0.text.contains("Slow migration") })
        #expect(lines[slow...].allSatisfy { !$0.text.hasPrefix("still running: Slow migration") }, "none after the item finished")
    }

    @Test func theDefaultIntervalIsThirtySecondsAndMustBeADuration() async throws {
        let fixture = try RunFixture(files: ["p.md": Self.checklist])
        defer { fixture.remove() }
        let (code, lines) = await run(fixture, ["run", "p.md", "--no-record"])
        #expect(code == 0)
        #expect(!lines.contains { $0.text.hasPrefix("still running") })
        #expect(await fixture.run(["run", "p.md", "--heartbeat", "soon"]).code == 2)
    }
}
