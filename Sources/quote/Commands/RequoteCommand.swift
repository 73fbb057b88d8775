import ArgumentParser
import QuoteCatalog
import QuoteCore
import QuoteGLPK
import SavedQuotes

/// `quote requote Q-…`: the saved quote's request priced again against today's catalog, with what changed.
struct RequoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requote",
        abstract: "Price a saved quote's request again against today's catalog and show what changed, side by side.")

    @Argument(help: "The quote id (Q-XXXX-XXXX).")
    var id: String

    @Option(help: "Catalog database or CSV folder (default: $QUOTE_CATALOG, else the bundled demo).")
    var catalog: String?

    @Option(name: .customLong("as-of"), help: "The moment to price at (ISO-8601; default: now).")
    var asOf: String?

    @Option(help: "table or json (the changes, with both responses).")
    var format: String = "table"

    @OptionGroup var saving: SaveOptions

    func run() throws {
        let json = format == "json"
        do throws(QuoteError) {
            guard json || format == "table" else {
                throw QuoteError(
                    .invalidRequest, Message("cli.unknown_format", .text(format)), field: "--format", candidates: ["table", "json"])
            }
            let saver = try saving.saver()
            defer { saver?.finish() }
            let saved = try ShowCommand.fetch(id, database: try saving.store.database())
            let issued = try ShowCommand.issuedQuote(saved)
            let store = try CatalogLocator.open(explicit: catalog, sourceRoot: sourceRoot)
            let decoded = try requestAgain(saved, offset: store.utcOffsetSeconds)
            let today = try QuoteEngine.quote(
                decoded.request, catalog: try store.snapshot(for: decoded.request), explain: decoded.explain, solver: GLPKSolver())
            let response = today.json()
            try saver?.save(today, request: decoded.request, explain: decoded.explain, response: response, store: store)
            let comparison = QuoteComparison(issued: issued, today: today)
            Output.write(
                json
                    ? comparison.json(issuedResponse: saved.response, todayResponse: response) + "\n"
                    : Self.table(comparison, saved: saved, catalog: store))
        } catch {
            throw Failure(error: error, json: json)
        }
    }

    /// The saved request, at `--as-of` or now instead of the moment it was first priced.
    func requestAgain(_ saved: SavedQuote, offset: Int32) throws(QuoteError) -> JSONRequest {
        var now = Output.now(offsetSeconds: offset)
        if let asOf {
            guard let m = Moment.parse(Substring(asOf), defaultOffset: offset) else {
                throw QuoteError(.invalidDate, Message("catalog.bad_as_of", .text(asOf)), field: "--as-of")
            }
            now = m
        }
        switch JSONRequest.decode(Array(saved.request.utf8), now: now, offsetSeconds: offset) {
        case .failure(let f): throw f.error
        case .success(var r):
            r.request.asOf = now
            // A need-by date already past is dropped: the question is what the same goods cost today.
            if let by = r.request.by, by < now.at(offsetSeconds: offset).local.date { r.request.by = nil }
            return r
        }
    }

    static func table(_ c: QuoteComparison, saved: SavedQuote, catalog: CatalogStore) -> String {
        var out = "Requote of \(c.issued.quoteId) (issued \(c.issued.asOf), catalog \(saved.catalogVersion))"
        out += " → \(c.today.quoteId) (\(c.today.asOf), catalog \(catalog.catalogVersion))\n\n"
        var rows = [["", "", "issued", "today", "change"]]
        var last = ""
        for r in c.rows {
            let change = r.difference ?? (r.changed ? "changed" : "")
            rows.append(
                [r.section == last ? "" : r.section, r.what, r.issued ?? "—", r.today ?? "—", change].map {
                    Columns.clip(Echo.short($0), 60)
                })
            last = r.section
        }
        out += Columns.render(rows, rightAligned: [], indent: 0, width: Int.max)
        out += c.hasChanges ? "\n\(c.rows.filter(\.changed).count) of \(c.rows.count) figures changed.\n" : "\nNothing changed.\n"
        return out
    }
}
