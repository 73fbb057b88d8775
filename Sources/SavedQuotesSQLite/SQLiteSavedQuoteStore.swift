import GRDB
import QuoteCore
import SavedQuotes

#if canImport(Glibc)
import Glibc
#endif

/// Saved quotes in an SQLite database of their own, through GRDB: migrated when opened, in WAL mode so
/// readers never wait for a writer, every commit synced to disk (`synchronous = FULL`) before it returns,
/// and several processes writing at once (each waits its turn, up to `busyTimeout`).
///
/// The file and its folder are created for the user alone (0600 and 0700): they hold customers' data.
public final class SQLiteSavedQuoteStore: SavedQuoteStore {
    let queue: DatabaseQueue
    public let path: String

    /// How long a write waits for another process's transaction before giving up.
    public static let busyTimeout = Double(SavedQuoteTable.busyTimeoutSeconds)

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// - Throws: `quote_store_unavailable` saying what is wrong with the file or folder.
    public init(path: String) throws(QuoteError) {
        self.path = path
        let setup = try DatabaseFile.prepare(path)
        defer { setup.unlock() }
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            let mode = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            if setup.created || mode != "wal" {
                try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
            }
            try QuoteStoreMigrations.migrator.migrate(queue)
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    public func save(_ quote: SavedQuote) throws(QuoteError) -> Bool {
        do {
            return try queue.write { db in
                try db.execute(sql: SavedQuoteTable.insert, arguments: StatementArguments(quote.row.map(\.databaseValue)))
                return db.changesCount > 0
            }
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    /// `save` through GRDB's async write: the transaction and its fsync run on the database's own queue
    /// while the caller's task is suspended.
    public func saveAsync(_ quote: SavedQuote) async throws(QuoteError) -> Bool {
        let arguments = StatementArguments(quote.row.map(\.databaseValue))
        do {
            return try await queue.write { db in
                try db.execute(sql: SavedQuoteTable.insert, arguments: arguments)
                return db.changesCount > 0
            }
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    public func quote(id: String) throws(QuoteError) -> SavedQuote? {
        do {
            return try queue.read { db in try QuoteRecord.fetchOne(db, key: id)?.savedQuote }
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    public func list(_ filter: SavedQuoteFilter) throws(QuoteError) -> [SavedQuote] {
        do {
            let records = try queue.read { db in try Self.request(filter).fetchAll(db) }
            return records.map(\.savedQuote).filter(filter.matches)
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    /// What SQL can select of `filter` through the indexes; `SavedQuoteFilter.matches` decides the rest.
    static func request(_ filter: SavedQuoteFilter) -> QueryInterfaceRequest<QuoteRecord> {
        var r = QuoteRecord.all()
        if filter.summaryOnly { r = r.select(QuoteRecord.summaryColumns) }
        let now = filter.now.secondsSinceEpoch
        if filter.open || filter.undecided || filter.expiringBy != nil { r = r.filter(Column("status") == nil) }
        if filter.open { r = r.filter(Column("validUntil") > now) }
        if let by = filter.expiringBy {
            r = r.filter(Column("validUntil") > now && Column("validUntil") <= by.secondsSinceEpoch)
        }
        if let manager = filter.manager { r = r.filter(Column("manager") == manager) }
        if let since = filter.since { r = r.filter(Column("asOf") >= since.secondsSinceEpoch) }
        return r.order(Column("asOf").desc, Column("quoteId"))
    }

    public func mark(id: String, _ status: QuoteStatus) throws(QuoteError) -> SavedQuote? {
        do {
            return try queue.write { db in try Self.mark(db, id: id, status) }
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    /// `mark` through GRDB's async write, as `saveAsync`.
    public func markAsync(id: String, _ status: QuoteStatus) async throws(QuoteError) -> SavedQuote? {
        do {
            return try await queue.write { db in try Self.mark(db, id: id, status) }
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    private static func mark(_ db: Database, id: String, _ status: QuoteStatus) throws -> SavedQuote? {
        guard var record = try QuoteRecord.fetchOne(db, key: id) else { return nil }
        try QuoteEventRecord(quoteId: id, status).insert(db)
        record.setStatus(status)
        try record.update(db)
        return record.savedQuote
    }

    /// The statuses recorded for `id`, oldest first.
    public func history(id: String) throws(QuoteError) -> [QuoteStatus] {
        do {
            let events = try queue.read { db in
                try QuoteEventRecord.filter(Column("quoteId") == id).order(Column("id")).fetchAll(db)
            }
            return events.compactMap { e in
                QuoteStatus.Outcome(rawValue: e.outcome).map {
                    QuoteStatus(
                        outcome: $0, reason: e.reason, order: e.orderNumber, manager: e.manager,
                        at: Moment(secondsSinceEpoch: e.at, offsetSeconds: e.atOffset))
                }
            }
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    /// `PRAGMA integrity_check`'s answer ("ok" for a sound file).
    public func integrityCheck() throws(QuoteError) -> String {
        do {
            return try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } ?? ""
        } catch {
            throw Self.unavailable(path, error)
        }
    }

    static func unavailable(_ path: String, _ error: any Error) -> QuoteError {
        let reason = (error as? DatabaseError).map { $0.message ?? "\($0.resultCode)" } ?? "\(error)"
        return QuoteError(.quoteStoreUnavailable, Message("quotes_db.unreadable", .text(path), .verbatim(reason)))
    }
}
