import Foundation
import Testing
@testable import TickmarkCLI

@Suite struct WatchCommandTests {
    @Test func aShortRealWatchPassesAndWritesOneRecord() async throws {
        let fixture = try RunFixture(files: ["w.md": "# Watch\n- [ ] alive `probe: run true`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "3s", "--every", "200ms", "--record", "watch.json"])
        #expect(result.code == 0)
        let record = fixture.read("watch.json")
        #expect(record.contains("\"end\" : \"completed\""))
        #expect(result.stdout.contains("round 2: GO"), "several rounds even on a loaded machine")
    }

    @Test func aFailureMidWatchStopsItWithNoGo() async throws {
        // Fails from the second round on: the counter file grows by one line per round.
        let fixture = try RunFixture(files: ["w.md": "# Watch\n- [ ] stable `probe: run echo x >> rounds.txt && test $(wc -l < rounds.txt) -lt 2`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "10s", "--every", "100ms", "--record", "watch.json"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("round 2: NO-GO"))
        #expect(!result.stdout.contains("round 3"))
        #expect(fixture.read("watch.json").contains("\"end\" : \"failed\""))
        #expect(fixture.read("watch.json").contains("\"roundsNoGo\" : 1"))
    }
}
