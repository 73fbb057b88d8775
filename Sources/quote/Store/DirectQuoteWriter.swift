import QuoteCatalog
import QuoteCore
import SavedQuotes

#if canImport(Glibc)
import Glibc
#endif

/// Saves straight into a saved-quotes database that quote-store has set up, through the SQLite C API
/// `quote` already links for catalogs: no second process, no Foundation.
///
/// Only the insert is done here, with quote-store's own statement and values (`SavedQuoteTable`), and
/// only into a file at exactly this build's schema: creating the file, WAL mode, its 0600 mode and every
/// migration stay quote-store's (GRDB's), which `QuoteSaver` falls back to. The commit is as durable as
/// quote-store's: WAL (kept in the file), `synchronous = FULL`, so the row is on disk when `save`
/// returns; a concurrent writer is waited for, as quote-store waits. A commit syncs the log once; the
/// log is left for the next writer rather than checkpointed at every exit (each checkpoint on close
/// cost four more syncs and two file deletions, which a busy disk makes slow).
struct DirectQuoteWriter {
    private let db: SQLiteDatabase
    let path: String

    /// Opens `path` for saving; nil when it is not a regular file yet, or its schema is not the one this
    /// build writes (not yet migrated, or migrated by a newer build).
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        guard let db = try? SQLiteDatabase(path: path, readOnly: false, create: false) else { return nil }
        db.waitForLocks(milliseconds: Int32(SavedQuoteTable.busyTimeoutSeconds * 1_000))
        db.keepWriteAheadLogOnClose()
        var applied: [String] = []
        guard (try? db.query("SELECT identifier FROM grdb_migrations") { applied.append($0.text(0)) }) != nil,
            Set(applied) == Set(SavedQuoteTable.migrations), (try? db.execute("PRAGMA synchronous = FULL")) != nil
        else { return nil }
        self.db = db
        self.path = path
    }

    /// Saves `quote` unless its id is kept already.
    /// - Returns: whether it was stored now (false: saved before).
    func save(_ quote: SavedQuote) throws(QuoteError) -> Bool {
        do {
            try db.insert(SavedQuoteTable.insert, quote.row.map(SQLiteValue.init))
            return db.changes > 0
        } catch {
            throw QuoteError(
                .quoteStoreUnavailable, Message("cli.store.not_saved", .text(path), .verbatim(error.message), .text(quote.quoteId)))
        }
    }
}

extension SQLiteValue {
    init(_ value: StoredValue) {
        switch value {
        case .int(let n): self = .int(n)
        case .text(let s): self = .text(s)
        case .null: self = .null
        }
    }
}
