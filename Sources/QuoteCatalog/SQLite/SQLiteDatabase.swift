import CSQLite
import QuoteCore

/// An SQLite failure: what SQLite said, and the statement or file it concerned.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    /// In English: SQLite's own words, or `text` rendered.
    public var message: String
    /// What this program says of the file (a damaged database), as data; nil for SQLite's own reports.
    public var text: Message?
    public var description: String { message }

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public init(code: Int32, _ text: Message) {
        self.code = code
        self.text = text
        message = MessageRenderer(.en).render(text)
    }
}

/// A thin, safe wrapper over the SQLite C API: a connection with prepared statements and bound
/// parameters only (names from requests never become SQL text). `package`: `quote --save` writes
/// saved quotes through it too.
package final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var cache: [String: SQLiteStatement] = [:]

    /// Opens `path`: read-only, or for writing (creating the file unless `create` is false).
    package init(path: String, readOnly: Bool, create: Bool = true) throws(SQLiteError) {
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw SQLiteError(code: rc, message: "\(path): \(message)")
        }
        handle = db
        sqlite3_busy_timeout(db, 2_000)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// How long a statement waits for another connection's lock before it fails with SQLITE_BUSY.
    package func waitForLocks(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    /// For a database in WAL mode written by short-lived processes: the log file stays when this connection
    /// closes (no checkpoint, no sync of the database, no deletion and re-creation of the log), so a commit
    /// costs one sync of the log. SQLite still checkpoints the log once it holds 1,000 pages.
    package func keepWriteAheadLogOnClose() {
        _ = quote_sqlite3_no_checkpoint_on_close(handle)
        var persist: Int32 = 1
        _ = sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    package var changes: Int { Int(sqlite3_changes(handle)) }

    package func execute(_ sql: String) throws(SQLiteError) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw SQLiteError(code: sqlite3_errcode(handle), message: message)
        }
    }

    /// A prepared statement for `sql`, reused across calls.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw SQLiteError(code: sqlite3_errcode(handle), message: String(cString: sqlite3_errmsg(handle)) + " in: " + sql)
        }
        let s = SQLiteStatement(stmt, db: handle)
        cache[sql] = s
        return s
    }

    /// Runs `sql` with `values` bound, once per row of `rows`.
    package func insert(_ sql: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        let s = try statement(sql)
        try s.bind(values)
        while try s.step() {}
    }

    /// `PRAGMA data_version`: changes whenever another connection has committed to the file since this one
    /// last read it (an import's in-place update); nil when it cannot be read.
    func dataVersion() -> Int64? {
        var version: Int64?
        try? query("PRAGMA data_version") { version = $0.int(0) }
        return version
    }

    /// Runs `body` in one read transaction (`BEGIN` … `COMMIT`): every statement of it sees the same committed
    /// state of the file, however many other connections commit meanwhile.
    func reading<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let began = (try? execute("BEGIN")) != nil
        defer { if began { try? execute("COMMIT") } }
        return try body()
    }

    /// Every row `sql` returns with `values` bound.
    package func query(_ sql: String, _ values: [SQLiteValue] = [], _ row: (SQLiteStatement) -> Void) throws(SQLiteError) {
        let s = try statement(sql)
        try s.bind(values)
        while try s.step() { row(s) }
    }
}

package enum SQLiteValue: Hashable {
    case text(String)
    case int(Int64)
    case null
}

/// A prepared statement. Column reads never trap: a NULL or mistyped column reads as "" or 0.
package final class SQLiteStatement {
    private let stmt: OpaquePointer
    private let db: OpaquePointer?

    init(_ stmt: OpaquePointer, db: OpaquePointer?) {
        self.stmt = stmt
        self.db = db
    }

    deinit { sqlite3_finalize(stmt) }

    /// Ready to run again, with every parameter bound again by the caller before it does (`RowWriter`: a bulk
    /// insert binds them all for each row, so clearing them first is work thrown away).
    func rewind() { sqlite3_reset(stmt) }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        // SQLITE_TRANSIENT: SQLite copies the text before this call returns.
        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        for (i, v) in values.enumerated() {
            let rc: Int32
            switch v {
            // With its length in bytes: a NUL inside the text is part of it, not its end.
            case .text(let s): rc = sqlite3_bind_text(stmt, Int32(i + 1), s, Int32(clamping: s.utf8.count), transient)
            case .int(let n): rc = sqlite3_bind_int64(stmt, Int32(i + 1), n)
            case .null: rc = sqlite3_bind_null(stmt, Int32(i + 1))
            }
            if rc != SQLITE_OK { throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db))) }
        }
    }

    /// Binds `n` to parameter `index` (1-based), after `bind(_:)` has bound those before it.
    func bind(_ n: Int64, at index: Int32) throws(SQLiteError) {
        let rc = sqlite3_bind_int64(stmt, index, n)
        if rc != SQLITE_OK { throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db))) }
    }

    /// Advances to the next row: true if there is one.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(stmt) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc: throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db)))
        }
    }

    package func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, column) else { return "" }
        // By its length in bytes, as it was bound (a NUL inside is kept; invalid UTF-8 is repaired, never trusted).
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(max(0, sqlite3_column_bytes(stmt, column)))), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? {
        sqlite3_column_type(stmt, column) == SQLITE_NULL ? nil : text(column)
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }

    /// The column's storage type (`SQLITE_INTEGER`, `SQLITE_TEXT`, …), as stored: ask before reading the value.
    func columnType(_ column: Int32) -> Int32 { sqlite3_column_type(stmt, column) }

    /// The column's bytes as stored (valid until the next step).
    func rawText(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_text(stmt, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: Int(max(0, sqlite3_column_bytes(stmt, column))))
    }

    func optionalInt(_ column: Int32) -> Int64? {
        sqlite3_column_type(stmt, column) == SQLITE_NULL ? nil : int(column)
    }
}
