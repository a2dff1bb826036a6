import Tickmark

/// One connection to a PostgreSQL server through libpq, with parameters as text (or bytes, for
/// `bytea`) and results as text.
final class PostgresConnection {
    private let library: LibPQ
    private let connection: OpaquePointer?
    /// The address without its password, for messages.
    let address: String

    /// A parameter: text, bytes (sent in binary for a `bytea` column), or NULL.
    enum Parameter {
        case text(String)
        case bytes([UInt8])
        case null
    }

    init(url: String) throws(TickmarkError) {
        library = try LibPQ.load()
        address = Self.withoutPassword(url)
        connection = library.connect(url)
        guard library.status(connection) == LibPQ.connectionOK else {
            let message = library.errorMessage(connection).map { String(cString: $0) } ?? "no connection"
            // deinit finishes the connection: every property is set, so it runs after this throw.
            throw TickmarkError(.unreadable, "cannot connect to the PostgreSQL ledger: \(message.trimmingSpace)", path: address)
        }
    }

    deinit { library.finish(connection) }

    /// `postgres://user:secret@host/db` → `postgres://user@host/db`.
    static func withoutPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }

    /// Runs `sql` with `$1…` `parameters`; returns the rows, each column as text or nil (NULL).
    @discardableResult
    func query(_ sql: String, _ parameters: [Parameter] = []) throws(TickmarkError) -> [[String?]] {
        var storage: [[CChar]?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for parameter in parameters {
            switch parameter {
            case .text(let text):
                storage.append(Array(text.utf8CString)); lengths.append(0); formats.append(0)
            case .bytes(let bytes):
                storage.append(bytes.map { CChar(bitPattern: $0) } + [0]); lengths.append(Int32(bytes.count)); formats.append(1)
            case .null:
                storage.append(nil); lengths.append(0); formats.append(0)
            }
        }
        let result = Self.withPointers(storage) { pointers in
            library.execParams(connection, sql, Int32(parameters.count), nil, pointers, lengths, formats, 0)
        }
        defer { library.clear(result) }
        let status = library.resultStatus(result)
        guard status == LibPQ.commandOK || status == LibPQ.tuplesOK else {
            let message = library.resultErrorMessage(result).map { String(cString: $0) } ?? ""
            let fallback = library.errorMessage(connection).map { String(cString: $0) } ?? "unknown error"
            throw TickmarkError(.cannotWrite, "PostgreSQL: \((message.isEmpty ? fallback : message).trimmingSpace)", path: address)
        }
        guard status == LibPQ.tuplesOK else { return [] }
        let rows = library.rowCount(result)
        let columns = library.fieldCount(result)
        var table: [[String?]] = []
        table.reserveCapacity(Int(rows))
        for row in 0..<rows {
            var values: [String?] = []
            for column in 0..<columns {
                if library.isNull(result, row, column) != 0 { values.append(nil); continue }
                guard let pointer = library.value(result, row, column) else { values.append(nil); continue }
                let count = Int(library.length(result, row, column))
                values.append(pointer.withMemoryRebound(to: UInt8.self, capacity: count) { start in
                    String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
                })
            }
            table.append(values)
        }
        return table
    }

    private static func withPointers<Result>(_ storage: [[CChar]?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result) -> Result {
        var pointers: [UnsafePointer<CChar>?] = []
        var copies: [UnsafeMutablePointer<CChar>] = []
        defer { copies.forEach { $0.deallocate() } }
        for bytes in storage {
            guard let bytes else { pointers.append(nil); continue }
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            copy.initialize(from: bytes, count: bytes.count)
            copies.append(copy)
            pointers.append(UnsafePointer(copy))
        }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

extension String {
    var trimmingSpace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

}
