import QuoteCatalog
import QuoteCore
import SavedQuotes

/// Saves issued quotes through one `quote-store save` process, started when first needed (or ahead of
/// time, so that its start-up overlaps the quote's own work) and kept for a `--jsonl` stream.
///
/// `save` returns once quote-store has acknowledged the commit: the quote is on disk before the
/// offer is printed.
final class QuoteSaver {
    let database: String
    let manager: String?
    private var process: StoreProcess?

    init(quotesDB: String?, manager: String?) throws(QuoteError) {
        database = try StoreProcess.databasePath(quotesDB)
        self.manager = StoreProcess.manager(manager)
    }

    /// Starts quote-store now, so that it is ready when the quote is.
    func start() throws(QuoteError) {
        if process == nil { process = try StoreProcess("save", database: database) }
    }

    /// Saves `quote`, issued as `response` for `request`, and waits for the acknowledgement.
    /// - Parameter manager: the request's own (`"manager"`), over the front end's.
    /// - Returns: whether it was stored now (false: that quote id was saved before).
    @discardableResult
    func save(_ quote: Quote, request: QuoteRequest, explain: Bool, response: String, store: CatalogStore, manager requestManager: String? = nil) throws(QuoteError) -> Bool {
        try start()
        guard let process else { throw QuoteError(.quoteStoreUnavailable, Message("cli.store.not_running")) }
        let saved = SavedQuote(
            issuing: quote, request: request.json(explain: explain), response: response, catalogVersion: store.catalogVersion,
            manager: requestManager ?? manager, savedAt: Output.now(offsetSeconds: store.utcOffsetSeconds))
        guard process.send(saved.json()), let answer = process.nextLine() else {
            self.process = nil
            let status = process.wait()
            throw QuoteError(.quoteStoreUnavailable, Message("cli.store.stopped", .text(quote.quoteId), .verbatim(String(status))))
        }
        if let error = StoreProcess.error(in: answer) { throw error }
        guard case .success(let value) = JSONParser.parse(answer), let f = try? JSONFields(value, path: ""), let created = try? f.bool("created") else {
            throw QuoteError(.quoteStoreUnavailable, Message("cli.store.no_ack"))
        }
        return created
    }

    /// Tells quote-store there is nothing more to save. Every save was acknowledged after its commit, so
    /// this does not wait for the process to end (its teardown is no part of the quote's time).
    func finish() {
        process?.detach()
        process = nil
    }
}
