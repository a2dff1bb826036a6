import Tickmark

/// The ledger in PostgreSQL, so that every CI job of an organisation appends to one ledger. An
/// append is one transaction that first takes a transaction-scoped advisory lock: appends from
/// every connection run one after another, and the `sequence` primary key and the unique
/// `previous` refuse a fork even without the lock.
final class PostgresLedgerStore: LedgerStore {
    private let connection: PostgresConnection
    var description: String { connection.address }
    /// The advisory lock's key: "tickmark" in ASCII, read as a number.
    private static let lockKey = "8387236961237115755"

    init(url: String) throws(TickmarkError) {
        connection = try PostgresConnection(url: url)
        // "relation already exists, skipping" notices would go to standard error.
        try connection.query("SET client_min_messages TO warning")
        try transaction { () throws(TickmarkError) in
            for statement in LedgerSchema.statements { try connection.query(statement) }
        }
    }

    private func transaction<Result>(_ body: () throws(TickmarkError) -> Result) throws(TickmarkError) -> Result {
        try connection.query("BEGIN")
        do {
            try connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            let result = try body()
            try connection.query("COMMIT")
            return result
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
    }

    func append(files: [[UInt8]], make: (StoredEntry?) throws(TickmarkError) -> StoredEntry) throws(TickmarkError) -> StoredEntry {
        try transaction { () throws(TickmarkError) -> StoredEntry in
            for content in files {
                try connection.query(
                    "INSERT INTO tickmark_ledger_files (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                    [.text(Digest.sha256Hex(content)), .bytes(content)]
                )
            }
            let last = try connection.query(
                "SELECT sequence, previous, hash, body, signature FROM tickmark_ledger_entries ORDER BY sequence DESC LIMIT 1"
            ).first.map(Self.entry)
            let entry = try make(last)
            try connection.query(
                "INSERT INTO tickmark_ledger_entries (sequence, previous, hash, body, signature) VALUES ($1, $2, $3, $4, $5)",
                [.text(String(entry.sequence)), .text(entry.previous), .text(entry.hash), .text(entry.body), entry.signature.map { .text($0) } ?? .null]
            )
            return entry
        }
    }

    func entries() throws(TickmarkError) -> [StoredEntry] {
        try connection.query("SELECT sequence, previous, hash, body, signature FROM tickmark_ledger_entries ORDER BY sequence").map(Self.entry)
    }

    func file(_ digest: String) throws(TickmarkError) -> [UInt8]? {
        guard let row = try connection.query("SELECT content FROM tickmark_ledger_files WHERE sha256 = $1", [.text(digest)]).first,
              let hex = row.first ?? nil
        else { return nil }
        return Self.bytes(hexEscaped: hex)
    }

    private static func entry(_ row: [String?]) -> StoredEntry {
        StoredEntry(
            sequence: Int(row[0] ?? "") ?? -1, previous: row[1] ?? "", hash: row[2] ?? "", body: row[3] ?? "", signature: row[4]
        )
    }

    /// A `bytea` in PostgreSQL's text form, `\x0a1b…`.
    static func bytes(hexEscaped text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"), digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((digits.count - 2) / 2)
        var index = 2
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
