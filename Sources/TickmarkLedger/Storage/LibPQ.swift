import Foundation
import Tickmark

/// The system's PostgreSQL client library, `libpq.so.5`, loaded with `dlopen` the first time a
/// `postgres://` ledger is opened: the tickmark binary itself links only the C library, and
/// machines that never use PostgreSQL need no libpq.
struct LibPQ: @unchecked Sendable {
    typealias Connect = @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
    typealias Status = @convention(c) (OpaquePointer?) -> Int32
    typealias ConnectionMessage = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    typealias Finish = @convention(c) (OpaquePointer?) -> Void
    typealias ExecParams = @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>, Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?,
        UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> OpaquePointer?
    typealias ResultCount = @convention(c) (OpaquePointer?) -> Int32
    typealias ResultMessage = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    typealias GetValue = @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafePointer<CChar>?
    typealias GetInt = @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    typealias Clear = @convention(c) (OpaquePointer?) -> Void

    let connect: Connect
    let status: Status
    let errorMessage: ConnectionMessage
    let finish: Finish
    let execParams: ExecParams
    let resultStatus: ResultCount
    let resultErrorMessage: ResultMessage
    let rowCount: ResultCount
    let fieldCount: ResultCount
    let value: GetValue
    let length: GetInt
    let isNull: GetInt
    let clear: Clear

    /// `CONNECTION_OK`, `PGRES_COMMAND_OK`, `PGRES_TUPLES_OK`.
    static let connectionOK: Int32 = 0
    static let commandOK: Int32 = 1
    static let tuplesOK: Int32 = 2

    /// The library, loaded once per process; the error names the Debian package when it is missing.
    static func load() throws(TickmarkError) -> LibPQ {
        switch loaded {
        case .success(let library): return library
        case .failure(let error): throw error
        }
    }

    private static let loaded: Result<LibPQ, TickmarkError> = {
        guard let handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(TickmarkError(
                .unreadable,
                "a postgres:// ledger needs PostgreSQL's client library libpq.so.5 (\(reason)): install it (Debian and Ubuntu: apt-get install libpq5)"
            ))
        }
        func symbol<Function>(_ name: String, _ type: Function.Type) -> Function? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        guard let connect = symbol("PQconnectdb", Connect.self), let status = symbol("PQstatus", Status.self),
              let errorMessage = symbol("PQerrorMessage", ConnectionMessage.self), let finish = symbol("PQfinish", Finish.self),
              let execParams = symbol("PQexecParams", ExecParams.self), let resultStatus = symbol("PQresultStatus", ResultCount.self),
              let resultErrorMessage = symbol("PQresultErrorMessage", ResultMessage.self), let rowCount = symbol("PQntuples", ResultCount.self),
              let fieldCount = symbol("PQnfields", ResultCount.self),
              let value = symbol("PQgetvalue", GetValue.self), let length = symbol("PQgetlength", GetInt.self),
              let isNull = symbol("PQgetisnull", GetInt.self), let clear = symbol("PQclear", Clear.self)
        else {
            return .failure(TickmarkError(.unreadable, "libpq.so.5 lacks a function Tickmark needs: install a current libpq5"))
        }
        return .success(LibPQ(
            connect: connect, status: status, errorMessage: errorMessage, finish: finish, execParams: execParams, resultStatus: resultStatus,
            resultErrorMessage: resultErrorMessage, rowCount: rowCount, fieldCount: fieldCount, value: value, length: length, isNull: isNull, clear: clear
        ))
    }()
}
