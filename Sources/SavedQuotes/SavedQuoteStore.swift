import QuoteCore

/// Where saved quotes are kept. One small protocol, so that a store shared by several service replicas
/// (PostgreSQL) can be added beside the SQLite one without touching the front ends.
///
/// Every method is durable when it returns: a `save` that returned is on disk.
public protocol SavedQuoteStore: Sendable {
    /// Keeps `quote`; saving a quote id that is already kept changes nothing (the first save stands).
    /// - Returns: whether this call stored it (false: it was already there).
    func save(_ quote: SavedQuote) throws(QuoteError) -> Bool

    /// The quote saved under `id`, with its last status; nil when there is none.
    func quote(id: String) throws(QuoteError) -> SavedQuote?

    /// The saved quotes `filter` selects, the latest issued (`asOf`) first.
    func list(_ filter: SavedQuoteFilter) throws(QuoteError) -> [SavedQuote]

    /// Records `status` for quote `id` (each status is kept in its history; the last one is current).
    /// - Returns: the quote with its new status; nil when there is no such quote.
    func mark(id: String, _ status: QuoteStatus) throws(QuoteError) -> SavedQuote?

    /// `save`, for a caller on Swift concurrency's threads: a store that writes to disk does the write and
    /// its commit's sync on a queue of its own, so that no cooperative thread waits for the disk.
    func saveAsync(_ quote: SavedQuote) async throws(QuoteError) -> Bool

    /// `mark`, off Swift concurrency's threads as `saveAsync` is.
    func markAsync(id: String, _ status: QuoteStatus) async throws(QuoteError) -> SavedQuote?
}

extension QuoteError {
    /// No saved quote has `id`.
    public static func unknownQuote(_ id: String, field: String? = nil) -> QuoteError {
        QuoteError(
            .unknownQuote, Message("saved.unknown_quote", .text(id)),
            field: field)
    }
}
