import Tickmark

/// One stored row of the ledger, exactly as the database holds it.
package struct StoredEntry: Sendable, Equatable {
    /// The entry's number, from 1, as stored in its row.
    package var sequence: Int
    /// The SHA-256 (hex) of the previous entry's content as stored in its row (64 zeros for the first).
    package var previous: String
    /// The SHA-256 (hex) of `body` as stored in its row.
    package var hash: String
    /// The entry's content: canonical JSON (`tickmark.ledger/v1`), the bytes the chain hashes.
    package var body: String
    /// An SSHSIG (namespace `tickmark-ledger`) over `body`, armored, when the entry was signed.
    package var signature: String?

    /// Creates a row.
    package init(sequence: Int, previous: String, hash: String, body: String, signature: String?) {
        self.sequence = sequence
        self.previous = previous
        self.hash = hash
        self.body = body
        self.signature = signature
    }

    /// The `previous` of the first entry.
    package static let genesis = String(repeating: "0", count: 64)
}

/// Where the ledger lives: an SQLite file or a PostgreSQL database. Both hold the same two tables,
/// `tickmark_ledger_entries` (the chain) and `tickmark_ledger_files` (records, reports and
/// signatures by their SHA-256), and serialise appends in the database.
package protocol LedgerStore: AnyObject {
    /// Stores `files` (content-addressed; already stored ones are kept), then appends the entry
    /// `make` builds from the last entry (nil for an empty ledger), in one transaction that no
    /// other append can interleave with. Returns the stored entry.
    func append(files: [[UInt8]], make: (StoredEntry?) throws(TickmarkError) -> StoredEntry) throws(TickmarkError) -> StoredEntry

    /// Every entry ordered by its stored sequence number.
    func entries() throws(TickmarkError) -> [StoredEntry]

    /// The bytes of the stored file whose SHA-256 is `digest`, if any.
    func file(_ digest: String) throws(TickmarkError) -> [UInt8]?

    /// What the ledger is, for messages: the file, or the PostgreSQL address without its password.
    var description: String { get }
}

/// The two tables, in SQL both databases accept.
enum LedgerSchema {
    static let statements = [
        """
        CREATE TABLE IF NOT EXISTS tickmark_ledger_entries (
          sequence BIGINT PRIMARY KEY,
          previous TEXT NOT NULL UNIQUE,
          hash TEXT NOT NULL,
          body TEXT NOT NULL,
          signature TEXT
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS tickmark_ledger_files (
          sha256 TEXT PRIMARY KEY,
          content BYTEA NOT NULL
        )
        """,
    ]
}

/// Opens the ledger a `--ledger` value names.
package enum LedgerLocation {
    /// The default SQLite file, relative to the current folder.
    package static let defaultPath = ".tickmark/ledger.sqlite"

    /// `postgres://…` / `postgresql://…` open PostgreSQL (through the system libpq); anything
    /// else is an SQLite file path (created with its folder when missing).
    package static func open(_ location: String) throws(TickmarkError) -> any LedgerStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresLedgerStore(url: location)
        }
        return try SQLiteLedgerStore(path: location)
    }
}
