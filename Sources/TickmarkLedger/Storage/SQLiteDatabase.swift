import CSQLite
import Tickmark

/// One connection to an SQLite database file (the system SQLite, linked statically in release
/// archives). Statements are prepared, bound and stepped here; no C pointer leaves this file.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    /// The file, for messages.
    let path: String

    /// Opens (creating when missing) the database at `path`; waits up to `busyMilliseconds` for
    /// another process's write lock.
    init(path: String, busyMilliseconds: Int32 = 120_000) throws(TickmarkError) {
        self.path = path
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw TickmarkError(.unreadable, "cannot open the SQLite ledger: \(message)", path: path)
        }
        sqlite3_busy_timeout(handle, busyMilliseconds)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// A value bound to a `?` parameter or read from a column.
    enum Value: Equatable {
        case null
        case integer(Int)
        case text(String)
        case blob([UInt8])

        var text: String? { if case .text(let text) = self { return text } else { return nil } }
        var integer: Int? { if case .integer(let number) = self { return number } else { return nil } }
        var blob: [UInt8]? {
            switch self {
            case .blob(let bytes): bytes
            case .text(let text): Array(text.utf8)
            default: nil
            }
        }
    }

    /// Runs `sql` (one or more statements, no parameters).
    func execute(_ sql: String) throws(TickmarkError) {
        let status = sqlite3_exec(handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw failure("cannot run '\(sql.prefix(40))'") }
    }

    /// Runs one statement with `parameters` and returns every row (`columns` values each).
    @discardableResult
    func query(_ sql: String, _ parameters: [Value] = []) throws(TickmarkError) -> [[Value]] {
        var rows: [[Value]] = []
        try forEachRow(sql, parameters) { row in rows.append(row) }
        return rows
    }

    /// Runs one statement with `parameters`, handing each row to `body` as it is read.
    func forEachRow(_ sql: String, _ parameters: [Value] = [], _ body: ([Value]) throws(TickmarkError) -> Void) throws(TickmarkError) {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure("cannot prepare '\(sql.prefix(40))'")
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, parameter) in parameters.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch parameter {
            case .null: status = sqlite3_bind_null(statement, position)
            case .integer(let number): status = sqlite3_bind_int64(statement, position, sqlite3_int64(number))
            case .text(let text): status = sqlite3_bind_text(statement, position, text, -1, transient)
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(statement, position, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), transient)
                }
            }
            guard status == SQLITE_OK else { throw failure("cannot bind a value") }
        }
        let columns = sqlite3_column_count(statement)
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure("cannot run '\(sql.prefix(40))'") }
            var row: [Value] = []
            row.reserveCapacity(Int(columns))
            for column in 0..<columns {
                row.append(Self.value(statement, column))
            }
            try body(row)
        }
    }

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> Value {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite3_column_int64(statement, column)))
        case SQLITE_NULL: return .null
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default:
            guard let pointer = sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        }
    }

    private func failure(_ what: String) -> TickmarkError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection"
        return TickmarkError(.cannotWrite, "SQLite: \(what): \(message)", path: path)
    }
}
