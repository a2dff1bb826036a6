import Foundation
import Testing
@testable import TickmarkCLI
import TickmarkTestSupport

@Suite struct WatchCommandTests {
    /// The lines of `text` that say how a round ended.
    static func roundLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix("round ") }
    }

    /// The `watch.failures` of a record's JSON text.
    static func watchFailures(_ json: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let watch = try #require(object["watch"] as? [String: Any])
        return try #require(watch["failures"] as? [[String: Any]])
    }

    @Test func aShortRealWatchPassesAndWritesOneRecord() async throws {
        let fixture = try RunFixture(files: ["w.md": "# Watch\n- [ ] alive `probe: run true`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "3s", "--every", "200ms", "--record", "watch.json"])
        #expect(result.code == 0)
        let record = fixture.read("watch.json")
        #expect(record.contains("\"end\" : \"completed\""))
        #expect(record.contains("\"failures\" : [\n\n    ]"), "no failing item, none kept")
        #expect(record.contains("\"tolerate\" : 0"))
        #expect(result.stdout.contains("round 2: GO"), "several rounds even on a loaded machine")
        #expect(result.stdout.contains("Watching 1 probe item every 200ms for 3s, one try per probe and round."))
        #expect(result.stdout.contains("Watch: \(Self.roundLines(result.stdout).count) rounds in "), "the watch's span")
    }

    @Test func aVariableNoChecklistUsesIsAWarningAndTheWatchGoesOn() async throws {
        let fixture = try RunFixture(files: ["w.md": "# Watch\n- [ ] alive `probe: run test ${version} = 1.5.0`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "1s", "--every", "200ms", "--no-record", "--var", "version=1.5.0", "--var", "verison=1.5.0"])
        #expect(result.code == 0)
        #expect(result.stderr.contains("variable 'verison' is not used by any checklist; did you mean 'version'?") ||
                result.stdout.contains("variable 'verison' is not used by any checklist; did you mean 'version'?"))
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

    @Test func manualItemsAndRequirementsAreNotPartOfTheWatch() async throws {
        // No record of production-readiness exists, and nobody signed the manual item off.
        let fixture = try RunFixture(files: ["w.md": """
        ---
        requires: [production-readiness]
        ---
        # Watch period
        - [ ] Status page announces the release @ops
        - [ ] API answers `probe: run true`
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "1s", "--every", "400ms", "--no-record"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("round 1: GO"))
        #expect(result.stdout.contains("Not part of the watch (they belong to the gate before it): 1 manual item, requires: production-readiness"))
        #expect(!result.stdout.contains("Status page announces"), "the manual item is not listed among the results")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/.tickmark"), "--no-record writes no record")
        #expect(!result.stdout.contains("Record:"))
    }

    @Test func aWatchWithNoProbeItemsIsRefused() async throws {
        let fixture = try RunFixture(files: ["w.md": "# Watch\n- [ ] Dashboards look normal @ops\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "1s", "--every", "500ms", "--no-record"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("nothing to watch in w.md: no item has a probe (manual items are not part of a watch)"))
    }

    @Test func aProbeIsTriedOncePerRoundWhateverItsRetrySays() async throws {
        let fixture = try RunFixture(files: ["w.md": """
        # Watch
        - [ ] Health
          ```probe
          run: echo try >> tries.txt; exit 1
          retry: { attempts: 12, interval: 10s }
          ```
        """])
        defer { fixture.remove() }
        let started = ContinuousClock.now
        let result = await fixture.run(["watch", "w.md", "--for", "1s", "--every", "400ms", "--keep-going", "--record", "watch.json"])
        // Twelve attempts 10 s apart would take 110 s in round 1 alone.
        #expect(ContinuousClock.now - started < .seconds(60), "no 10 s pause between attempts")
        #expect(result.code == 1)
        let rounds = Self.roundLines(result.stdout).count
        #expect(rounds >= 1)
        #expect(fixture.read("tries.txt").split(separator: "\n").count == rounds, "one try per round")
        #expect(fixture.read("watch.json").contains("\"attempts\" : 1"))
        #expect(!fixture.read("watch.json").contains("\"attempts\" : 2"))
    }

    @Test func everyFailingItemOfEveryRoundIsReported() async throws {
        let fixture = try RunFixture(files: ["w.md": """
        # Watch
        - [ ] Queue drains `probe: run false`
        - [ ] Worker is up `probe: run exit 3`
        - [ ] API answers `probe: run true`
        """])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "3s", "--every", "300ms", "--keep-going", "--record", "watch.json"])
        #expect(result.code == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let rounds = lines.indices.filter { lines[$0].hasPrefix("round ") }
        #expect(rounds.count >= 2, "several rounds even on a loaded machine")
        for (number, index) in rounds.enumerated() {
            #expect(lines[index] == "round \(number + 1): NO-GO — 2 failing")
            #expect(lines[index + 1].hasPrefix("  FAIL  Queue drains (w.md:2): expected exit 0, got 1"))
            #expect(lines[index + 2].hasPrefix("  FAIL  Worker is up (w.md:3): expected exit 0, got 3"))
        }
        let script = "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1]))); print('ok')"
        let valid = try TickmarkTestSupport.run("python3", ["-c", script, repositoryRoot + "/schemas/run-record.schema.json", "\(fixture.folder)/watch.json"])
        #expect(valid.status == 0, "the record follows the shipped schema: \(valid.output)\(valid.errors)")
        let failures = try Self.watchFailures(fixture.read("watch.json"))
        #expect(failures.count == 2 * rounds.count)
        #expect(Set(failures.compactMap { $0["round"] as? Int }) == Set(1...rounds.count))
        #expect(failures.allSatisfy { $0["blocking"] as? Bool == true })
    }

    @Test func aNegativeToleranceIsAUsageError() async throws {
        let fixture = try RunFixture(files: ["w.md": "# Watch\n- [ ] alive `probe: run true`\n"])
        defer { fixture.remove() }
        let result = await fixture.run(["watch", "w.md", "--for", "1s", "--every", "500ms", "--tolerate=-1"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("--tolerate"))
    }
}
