import QuoteCatalog
import QuoteCore
import SavedQuotes

/// Saves issued quotes: straight into the database when quote-store has set it up at this build's
/// schema (`DirectQuoteWriter`: one insert, no second process), else through one `quote-store save`
/// process, which creates or migrates the file first; either is opened when first needed (or ahead
/// of time, so that opening overlaps the quote's own work) and kept for a `--jsonl` stream.
///
/// `save` returns once the commit is on disk: the quote is saved before the offer is printed.
final class QuoteSaver {
    let database: String
    let manager: String?
    private var direct: DirectQuoteWriter?
    private var process: StoreProcess?

    init(quotesDB: String?, manager: String?) throws(QuoteError) {
        database = try StoreProcess.databasePath(quotesDB)
        self.manager = StoreProcess.manager(manager)
    }

    /// Opens the database now (or starts quote-store), so that it is ready when the quote is.
    func start() throws(QuoteError) {
        guard direct == nil, process == nil else { return }
        direct = DirectQuoteWriter(path: database)
        if direct == nil { process = try StoreProcess("save", database: database) }
    }

    /// Saves `quote`, issued as `response` for `request`, and waits for the acknowledgement.
    /// - Parameter manager: the request's own (`"manager"`), over the front end's.
    /// - Returns: whether it was stored now (false: that quote id was saved before).
    @discardableResult
    func save(
        _ quote: Quote, request: QuoteRequest, explain: Bool, response: String, store: CatalogStore, manager requestManager: String? = nil
    ) throws(QuoteError) -> Bool {
        try start()
        let saved = SavedQuote(
            issuing: quote, request: request.json(explain: explain), response: response, catalogVersion: store.catalogVersion,
            manager: requestManager ?? manager, savedAt: Output.now(offsetSeconds: store.utcOffsetSeconds))
        if let direct { return try direct.save(saved) }
        return try saveThroughStore(saved)
    }

    /// Sends `saved` to quote-store and waits for its acknowledgement.
    private func saveThroughStore(_ saved: SavedQuote) throws(QuoteError) -> Bool {
        guard let process else { throw QuoteError(.quoteStoreUnavailable, Message("cli.store.not_running")) }
        guard process.send(saved.json()), let answer = process.nextLine() else {
            self.process = nil
            let status = process.wait()
            throw QuoteError(.quoteStoreUnavailable, Message("cli.store.stopped", .text(saved.quoteId), .verbatim(String(status))))
        }
        if let error = StoreProcess.error(in: answer) { throw error }
        guard case .success(let value) = JSONParser.parse(answer), let f = try? JSONFields(value, path: ""),
            let created = try? f.bool("created")
        else {
            throw QuoteError(.quoteStoreUnavailable, Message("cli.store.no_ack"))
        }
        return created
    }

    /// Closes the database, or tells quote-store there is nothing more to save. Every save was acknowledged after its commit, so
    /// this does not wait for the process to end (its teardown is no part of the quote's time).
    func finish() {
        process?.detach()
        process = nil
        direct = nil
    }
}
