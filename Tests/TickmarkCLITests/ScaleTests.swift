import Foundation
import Testing
import Tickmark
import TickmarkCLI
import TickmarkTestSupport

/// Commands take time linear in the record: four times the items take about four times as long,
/// never sixteen (the quadratic lookups made 8,000 waiting items take 7 s to report, and a
/// sign-off of every waiting item minutes).
@Suite(.serialized) struct ScaleTests {
    /// A workspace whose record `r.json` holds `count` manual items waiting for a sign-off.
    static func workspace(items count: Int) throws -> Workspace {
        let workspace = try Workspace()
        var text = "# Big\n\n"
        for index in 0..<count { text += "- [ ] Manual item number \(index)\n" }
        try workspace.write("c.md", text)
        try workspace.write("r.json", record: try workspace.runRecord(of: "c.md"))
        return workspace
    }

    /// The shortest of two timings of `arguments` on a fresh workspace of `count` items.
    static func seconds(_ arguments: [String], items count: Int, signedFirst: Bool) async throws -> Double {
        var best = Double.infinity
        for _ in 0..<2 {
            let workspace = try workspace(items: count)
            defer { workspace.remove() }
            if signedFirst { _ = await workspace.run(["sign-off", "r.json", "--all-waiting", "--by", "Ana <ana@example.com>"]) }
            let started = ContinuousClock.now
            let result = await workspace.run(arguments)
            let elapsed = ContinuousClock.now - started
            #expect(result.code != 2, "\(result.stderr)")
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    @Test(arguments: [
        (["report", "r.json"], false),
        (["sign-off", "r.json", "--all-waiting", "--by", "Pat <pat@example.com>"], false),
        (["report", "r.json", "--format", "html"], true),
    ])
    func fourTimesTheItemsTakeAboutFourTimesAsLong(arguments: [String], signedFirst: Bool) async throws {
        let small = try await Self.seconds(arguments, items: 1_000, signedFirst: signedFirst)
        let large = try await Self.seconds(arguments, items: 4_000, signedFirst: signedFirst)
        #expect(large / small < 8, "\(arguments[0]): 1,000 items \(small) s, 4,000 items \(large) s: ratio \(large / small)")
    }
}
