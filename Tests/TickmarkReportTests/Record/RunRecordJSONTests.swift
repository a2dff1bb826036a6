import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkReport

@Suite struct RunRecordJSONTests {
    /// A record that uses every field: optional ones present and absent, escapes, non-ASCII text,
    /// empty arrays and objects, sign-offs with and without a signature, watch information.
    static func richRecord(items: Int = 3) -> RunRecord {
        var source = "---\nid: rich\nvars:\n  zeta: \"1\"\n  alpha: \"é\"\n  Beta: x\n---\n# Rich \"quoted\" \\ title\n\n"
        for index in 0..<items { source += "- [ ] item \(index) 發 \\ \"q\" `probe: run true`\n  - [x] child \(index)\n" }
        var fixture = RecordFixture(source: source)
        fixture.probes["item 1"] = [RecordFixture.Probe(
            status: .fail, reason: "exit 1\tand\u{08}\u{0C}\u{01}", milliseconds: 1234, summary: "sh -c 'exit 1'", action: "run /bin/sh",
            output: "line 1\nline 2\r\n😀 \u{7F} /slash/", fields: [EvidenceField("exit", "1"), EvidenceField("", "")], attempts: 2
        )]
        var record = fixture.record(start: Date(timeIntervalSince1970: 1_795_000_000.25))
        record.environment.ci = nil
        record.environment.gitBranch = nil
        record.checklists[0].title = nil
        record.checklists.append(RecordFixture(source: "# Empty\n", path: "other.md").record().checklists[0])
        record.checklists[1].source = nil
        record.checklists[1].sourceBase64 = "AAEC"
        record.signOffs = [
            SignOff(checklist: "rich", item: "item-0", itemDigest: "abc", by: "Ada <ada@example.com>", role: "qa",
                    at: Date(timeIntervalSince1970: 1_795_000_100.25), note: "fine\nby me", decision: .approve,
                    expires: Date(timeIntervalSince1970: 1_800_000_000), signature: .init(format: "sshsig", publicKey: "ssh-ed25519 AAAA", signature: "-----BEGIN-----")),
            SignOff(checklist: "rich", item: "item-1", itemDigest: "def", by: "Bob", at: Date(timeIntervalSince1970: 1_795_000_200), decision: .reject),
        ]
        record.watch = RunRecord.WatchInfo(rounds: 3, roundsNoGo: 1, every: "5m", period: "1h", end: .completed, tolerate: 1, failures: [
            .init(round: 2, at: Date(timeIntervalSince1970: 1_795_000_300.5), checklist: "rich", item: "item-1", line: 12, status: .error,
                  reason: "connection refused \"é\"", streak: 1, blocking: false, advisory: false),
            .init(round: 3, at: Date(timeIntervalSince1970: 1_795_000_600), checklist: "rich", item: "item-1", line: 12, status: .fail,
                  reason: "expected 200, got 503", streak: 2, blocking: true, advisory: false),
        ])
        return record
    }

    /// Records were written by Foundation's `JSONEncoder` (sorted keys, pretty, slashes as is,
    /// times as `RunRecord.timestamp`); the writer must give the same bytes, so records compare
    /// and hash as before.
    static func foundationBytes(_ record: RunRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RunRecord.timestamp(date))
        }
        return Array(try encoder.encode(record)) + [0x0A]
    }

    @Test func recordsAreTheBytesFoundationsEncoderWrote() throws {
        var record = Self.richRecord()
        #expect(try record.jsonBytes() == Self.foundationBytes(record))
        record.checklists[0].items[2].probes[0].startedAt = Date(timeIntervalSince1970: 1_795_000_000.9996)
        #expect(try record.jsonBytes() == Self.foundationBytes(record))
        record.watch = nil
        record.signOffs = []
        record.checklists[0].items = []
        #expect(try record.jsonBytes() == Self.foundationBytes(record))
    }

    @Test func recordsReadBackAsTheyWereWritten() throws {
        let record = Self.richRecord()
        let bytes = try record.jsonBytes()
        let decoded = try RunRecord.decode(bytes, path: "runs/r.json")
        #expect(try decoded.jsonBytes() == bytes)
        #expect(decoded.checklists == record.checklists)
        #expect(decoded.signOffs.map(\.at) == record.signOffs.map(\.at))
    }

    @Test(arguments: [
        ("{", "is not a valid run record: expected a key in double quotes (at byte 1)"),
        (#"{"schema": "other/v1"}"#, "is a 'other/v1' file, not a Tickmark run record (tickmark.run/v1)"),
        ("[]", "is not a valid run record: wrong type at the top level"),
        (#"{"schema": "tickmark.run/v1"}"#, "is not a valid run record: 'tool' is missing at the top level"),
    ])
    func badRecordsSayWhatIsWrong(text: String, message: String) {
        let error = #expect(throws: TickmarkError.self) { try RunRecord.decode(Array(text.utf8), path: "runs/r.json") }
        #expect(error?.path == "runs/r.json")
        #expect(error?.message == message)
    }

    @Test func problemsDeepInARecordNameTheirPlace() throws {
        let text = String(decoding: try Self.richRecord().jsonBytes(), as: UTF8.self)
        func message(_ edited: String) -> String? {
            #expect(edited != text)
            let error = #expect(throws: TickmarkError.self) { try RunRecord.decode(Array(edited.utf8), path: "r.json") }
            return error?.message
        }
        #expect(message(text.replacingOccurrences(of: "\"attempts\" : 2", with: "\"attempts\" : \"2\""))
            == "is not a valid run record: wrong type at .checklists[0].items[2].probes[0].attempts")
        #expect(message(text.replacingOccurrences(of: "\"status\" : \"fail\"", with: "\"status\" : \"broken\""))
            == "is not a valid run record: 'broken' is not a valid value at .checklists[0].items[2].status")
        #expect(message(text.replacingOccurrences(of: "\"digest\" : ", with: "\"digests\" : "))
            == "is not a valid run record: 'digest' is missing at .checklists[0].items[0]")
        #expect(message(text.replacingOccurrences(of: "\"at\" : \"2026", with: "\"at\" : \"when 2026"))?
            .hasPrefix("is not a valid run record: 'when 2026") == true)
    }

    /// Times are written by hand; they must be the text `ISO8601DateFormatter` writes, rounding
    /// included, and read back as the instant it reads.
    @Test func timestampsAreWhatTheDateFormatterWritesAndReads() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        var dates = [0, 0.0005, 0.9995, -1.0005, 951_782_400, 4_107_542_399.9999, -2_208_988_800.5].map(Date.init(timeIntervalSince1970:))
        dates += (0..<2000).map { _ in Date(timeIntervalSince1970: Double.random(in: -3e9...5e9, using: &generator)) }
        dates += (0..<2000).map { _ in Date(timeIntervalSince1970: Double(Int.random(in: 0...5_000_000_000_000, using: &generator)) / 1000) }
        for date in dates {
            let text = RunRecord.timestamp(date)
            #expect(text == formatter.string(from: date), "\(date.timeIntervalSince1970)")
            #expect(RunRecord.readTimestamp(text) == formatter.date(from: text), "\(text)")
        }
        #expect(RunRecord.readTimestamp("2026-12-01T18:00Z") == formatter.date(from: "2026-12-01T18:00:00.000Z"))
    }

    /// Records of earlier versions have no `tolerate` or `failures` in their `watch`.
    @Test func watchRecordsOfEarlierVersionsStayReadable() throws {
        var record = Self.richRecord(items: 1)
        record.watch = RunRecord.WatchInfo(rounds: 3, roundsNoGo: 0, every: "5m", period: "1h", end: .completed)
        let text = String(decoding: try record.jsonBytes(), as: UTF8.self)
        let earlier = text.replacingOccurrences(of: "    \"failures\" : [\n\n    ],\n", with: "")
            .replacingOccurrences(of: ",\n    \"tolerate\" : 0", with: "")
        #expect(!earlier.contains("failures") && !earlier.contains("tolerate"), "\(earlier)")
        let decoded = try RunRecord.decode(Array(earlier.utf8), path: "old.json")
        #expect(decoded.watch == record.watch)
        #expect(decoded.watch?.tolerate == 0 && decoded.watch?.failures == [])
    }
}
