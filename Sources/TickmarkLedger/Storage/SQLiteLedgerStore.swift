import Foundation
import Tickmark

/// The ledger in an SQLite file. An append is one `BEGIN IMMEDIATE` transaction: SQLite's write
/// lock serialises appends from every process, which wait for it (busy timeout) rather than fail.
final class SQLiteLedgerStore: LedgerStore {
    private let database: SQLiteDatabase
    let description: String

    init(path: String) throws(TickmarkError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw TickmarkError(.cannotWrite, "cannot create the ledger's folder: \(error.localizedDescription)", path: path)
            }
        }
        database = try SQLiteDatabase(path: path)
        description = path
        try transaction { () throws(TickmarkError) in
            for statement in LedgerSchema.statements { try database.execute(statement) }
        }
    }

    private func transaction<Result>(_ body: () throws(TickmarkError) -> Result) throws(TickmarkError) -> Result {
        try database.execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try database.execute("COMMIT")
            return result
        } catch {
            _ = try? database.execute("ROLLBACK")
            throw error
        }
    }

    func append(files: [[UInt8]], make: (StoredEntry?) throws(TickmarkError) -> StoredEntry) throws(TickmarkError) -> StoredEntry {
        try transaction { () throws(TickmarkError) -> StoredEntry in
            for content in files {
                try database.query(
                    "INSERT INTO tickmark_ledger_files (sha256, content) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
                    [.text(Digest.sha256Hex(content)), .blob(content)]
                )
            }
            let last = try database.query(
                "SELECT sequence, previous, hash, body, signature FROM tickmark_ledger_entries ORDER BY sequence DESC LIMIT 1"
            ).first.map(Self.entry)
            let entry = try make(last)
            try database.query(
                "INSERT INTO tickmark_ledger_entries (sequence, previous, hash, body, signature) VALUES (?, ?, ?, ?, ?)",
                [.integer(entry.sequence), .text(entry.previous), .text(entry.hash), .text(entry.body), entry.signature.map { .text($0) } ?? .null]
            )
            return entry
        }
    }

    func entries() throws(TickmarkError) -> [StoredEntry] {
        var entries: [StoredEntry] = []
        try database.forEachRow("SELECT sequence, previous, hash, body, signature FROM tickmark_ledger_entries ORDER BY sequence") { row in
            entries.append(Self.entry(row))
        }
        return entries
    }

    func file(_ digest: String) throws(TickmarkError) -> [UInt8]? {
        try database.query("SELECT content FROM tickmark_ledger_files WHERE sha256 = ?", [.text(digest)]).first?.first?.blob
    }

    private static func entry(_ row: [SQLiteDatabase.Value]) -> StoredEntry {
        StoredEntry(
            sequence: row[0].integer ?? Int(row[0].text ?? "") ?? -1, previous: row[1].text ?? String(decoding: row[1].blob ?? [], as: UTF8.self),
            hash: row[2].text ?? String(decoding: row[2].blob ?? [], as: UTF8.self), body: row[3].text ?? String(decoding: row[3].blob ?? [], as: UTF8.self),
            signature: row[4].text
        )
    }
}
