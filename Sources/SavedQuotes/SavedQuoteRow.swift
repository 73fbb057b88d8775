import QuoteCore

/// How a saved quote is written into the `quote` table: one statement and one list of values, which
/// every writer binds (GRDB in quote-store and the server, SQLite's C API in `quote --save`), so the
/// row has one layout whoever writes it.
public enum SavedQuoteTable {
    /// The schema migrations (GRDB's identifiers) of the database this build writes, in order. A
    /// writer that finds exactly these applied may insert directly; any other state is quote-store's
    /// to create or migrate.
    public static let migrations = ["v1: quotes and their status history"]

    /// How long a write waits for another process's transaction before giving up.
    public static let busyTimeoutSeconds = 30

    /// The columns of `quote`, in the order of `SavedQuote.row`.
    public static let columns = [
        "quoteId", "savedAt", "savedOffset", "manager", "catalogName", "catalogVersion", "customerId", "customerName", "city",
        "asOf", "asOfOffset", "validUntil", "validOffset", "deliveryDay", "currency", "gross", "request", "response", "form",
        "status", "statusReason", "statusOrder", "statusManager", "statusAt", "statusOffset",
    ]

    /// Saves a row unless its quote id is kept already (the first save stands: saving is idempotent).
    public static let insert =
        "INSERT OR IGNORE INTO quote (" + columns.joined(separator: ", ") + ") VALUES ("
        + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
}

/// A value bound to a column.
public enum StoredValue: Sendable, Equatable {
    case int(Int64)
    case text(String)
    case null

    /// The text, or NULL.
    static func of(_ s: String?) -> StoredValue { s.map(StoredValue.text) ?? .null }
    /// The number, or NULL.
    static func of(_ n: Int64?) -> StoredValue { n.map(StoredValue.int) ?? .null }
}

extension SavedQuote {
    /// The values of `SavedQuoteTable.columns` for this quote. Moments are seconds since the epoch (for
    /// range queries) with the offset they were written in (to give them back as they were); the delivery
    /// date is days since 1970-01-01.
    public var row: [StoredValue] {
        [
            .text(quoteId), .int(savedAt.secondsSinceEpoch), .int(Int64(savedAt.offsetSeconds)), .of(manager), .text(catalogName),
            .text(catalogVersion), .of(customerId), .of(customerName), .of(city), .int(asOf.secondsSinceEpoch),
            .int(Int64(asOf.offsetSeconds)), .int(validUntil.secondsSinceEpoch), .int(Int64(validUntil.offsetSeconds)),
            .int(Int64(deliveryDate.day)), .text(currency), .text(gross), .text(request), .text(response), .text(form),
            .of(status?.outcome.rawValue), .of(status?.reason), .of(status?.order), .of(status?.manager),
            .of(status?.at.secondsSinceEpoch), .of(status.map { Int64($0.at.offsetSeconds) }),
        ]
    }
}
