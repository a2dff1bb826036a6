import Foundation
import Testing
import Tickmark
import TickmarkLedger
import TickmarkTestSupport

@Suite struct LedgerChainTests {
    /// A fresh SQLite ledger with `count` releases, and the folder holding it.
    static func ledger(_ count: Int) throws -> (folder: TemporaryFolder, store: any LedgerStore) {
        let folder = try TemporaryFolder()
        let store = try LedgerLocation.open(folder.path("ledger.sqlite"))
        for number in 1...count {
            let path = try LedgerFixture.write(folder, "release-\(number).json", version: "1.\(number).0")
            let inputs = try LedgerAppender.inputs(records: [path], reports: [], base: folder.path)
            _ = try LedgerAppender.append(to: store, records: inputs.records, files: inputs.files, key: nil, addedBy: "test@ci")
        }
        return (folder, store)
    }

    @Test func entriesChainAndVerify() throws {
        let (folder, store) = try Self.ledger(5)
        defer { folder.remove() }
        let rows = try store.entries()
        #expect(rows.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(rows[0].previous == StoredEntry.genesis)
        for index in 1..<rows.count {
            #expect(rows[index].previous == Digest.sha256Hex(Array(rows[index - 1].body.utf8)))
        }
        let outcome = try LedgerVerifier.verify(rows) { digest throws(TickmarkError) in try store.file(digest) }
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        #expect(outcome.count == 5)
        let entry = try #require(LedgerEntry(body: rows[2].body))
        #expect(entry.release.version == "1.3.0")
        #expect(entry.release.approvers.first?["by"]?.stringValue == "Ana Lima <ana@example.com>")
        #expect(entry.files.map(\.role) == ["record"])
    }

    /// Every single byte of entry 3's stored row, changed, is found and entry 3 named.
    @Test func everyChangedByteOfAnEntryIsNamed() throws {
        let (folder, store) = try Self.ledger(5)
        defer { folder.remove() }
        let rows = try store.entries()
        let file = { (digest: String) throws(TickmarkError) -> [UInt8]? in try store.file(digest) }
        func check(_ changed: [StoredEntry], _ what: String) throws {
            let outcome = try LedgerVerifier.verify(changed.sorted { $0.sequence < $1.sequence }, file: file)
            #expect(outcome.problems.contains { $0.description.contains("entry 3") }, "\(what): \(outcome.problems)")
        }
        func flipped(_ text: String, _ index: Int) -> String {
            var bytes = Array(text.utf8)
            bytes[index] ^= 0x01
            return String(decoding: bytes, as: UTF8.self)
        }
        var mutations = 0
        for column in ["body", "hash", "previous"] {
            let value = column == "body" ? rows[2].body : column == "hash" ? rows[2].hash : rows[2].previous
            for index in 0..<value.utf8.count {
                var changed = rows
                switch column {
                case "body": changed[2].body = flipped(value, index)
                case "hash": changed[2].hash = flipped(value, index)
                default: changed[2].previous = flipped(value, index)
                }
                try check(changed, "\(column) byte \(index)")
                mutations += 1
            }
        }
        for sequence in [0, 2, 7, 1_000] {
            var changed = rows
            changed[2].sequence = sequence
            try check(changed, "sequence \(sequence)")
        }
        var signed = rows
        signed[2].signature = "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n"
        try check(signed, "a signature added")
        #expect(mutations > 500)
    }

    @Test func aRemovedEntryIsNamed() throws {
        let (folder, store) = try Self.ledger(5)
        defer { folder.remove() }
        var rows = try store.entries()
        rows.remove(at: 2)
        let outcome = try LedgerVerifier.verify(rows) { digest throws(TickmarkError) in try store.file(digest) }
        #expect(outcome.problems.first?.description == "entry 3: removed: entry 3 is missing before entry 4")
    }

    @Test func twoSwappedEntriesAreNamed() throws {
        let (folder, store) = try Self.ledger(5)
        defer { folder.remove() }
        var rows = try store.entries()
        (rows[1].body, rows[3].body) = (rows[3].body, rows[1].body)
        (rows[1].hash, rows[3].hash) = (rows[3].hash, rows[1].hash)
        (rows[1].previous, rows[3].previous) = (rows[3].previous, rows[1].previous)
        let outcome = try LedgerVerifier.verify(rows) { digest throws(TickmarkError) in try store.file(digest) }
        let texts = outcome.problems.map(\.description)
        #expect(texts.contains("entry 2: reordered: it holds the content of entry 4"), "\(texts)")
        #expect(texts.contains("entry 4: reordered: it holds the content of entry 2"), "\(texts)")
    }

    @Test func aRemovedTailIsFoundAgainstTheHead() throws {
        let (folder, store) = try Self.ledger(3)
        defer { folder.remove() }
        let rows = try store.entries()
        let file = { (digest: String) throws(TickmarkError) -> [UInt8]? in try store.file(digest) }
        let head = try LedgerVerifier.verify(rows, file: file).head
        #expect(try LedgerVerifier.verify(Array(rows.prefix(2)), file: file).problems.isEmpty)
        let problems = try LedgerVerifier.verify(Array(rows.prefix(2)), expectedHead: head, file: file).problems
        #expect(problems.map(\.sequence) == [3])
    }
}
