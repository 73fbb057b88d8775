import ArgumentParser
import QuoteCatalog
import QuoteCore

#if canImport(Glibc)
    import Glibc
#endif

extension CatalogCommand {
    /// `quote catalog import FILE.csv --source ID [--catalog PATH] [--as-of MOMENT]`: one supplier's fresh
    /// stock and purchase prices, while quoting goes on.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Replace one source's stock and purchase costs with its CSV file, atomically: quotes running meanwhile see the old figures or the new ones.",
            discussion: """
                FILE has the columns sku, stock, cost, and optionally min_order, order_multiple (and source); `;`-separated files \
                with decimal commas and a byte-order mark are accepted. Its rows replace all of the source's stock rows, and the \
                source's stock_as_of becomes --as-of. Into a database, the database is rewritten; into a CSV folder, its stock.csv \
                and sources.csv are rewritten too (so the next build keeps the import) and FOLDER.sqlite is rebuilt. On any problem \
                nothing is written. See catalogs/README.md.
                """)

        @Argument(help: "The CSV file of the source's stock: sku, stock, cost[, min_order, order_multiple].")
        var file: String

        @Option(help: "The source the file is from (an id of sources.csv, e.g. PL-TVER).")
        var source: String

        @Option(help: "Catalog database or CSV folder to import into (default: $QUOTE_CATALOG).")
        var catalog: String?

        @Option(name: .customLong("as-of"), help: "When the figures were taken (ISO-8601; default: now).")
        var asOf: String?

        func run() throws {
            guard let path = catalog ?? getenv("QUOTE_CATALOG").map({ String(cString: $0) }), !path.isEmpty else {
                throw Failure(
                    error: QuoteError(
                        .invalidRequest,
                        "Which catalog? Give --catalog PATH (a database or a CSV folder) or set QUOTE_CATALOG: an import changes it.",
                        field: "--catalog"),
                    json: false)
            }
            let outcome: CatalogImport.Outcome
            do {
                outcome = try CatalogImport.run(file: file, source: source, catalog: path, asOf: asOf, now: Output.now(offsetSeconds: 0))
            } catch {
                throw Failure(error: error, json: false)
            }
            reportWarnings(outcome.warnings)
            func list(_ skus: [SKU]) -> String {
                skus.isEmpty ? "" : " (" + skus.prefix(5).map(\.rawValue).joined(separator: ", ") + (skus.count > 5 ? ", …" : "") + ")"
            }
            var text = "Imported \(file) as the stock of \(outcome.source) into \(outcome.database)"
            if let folder = outcome.folder { text += " and \(folder)/stock.csv" }
            text +=
                ": \(outcome.rows) rows, \(outcome.changed.count) changed\(list(outcome.changed)), \(outcome.added.count) added\(list(outcome.added)), "
            text +=
                "\(outcome.removed.count) removed\(list(outcome.removed)); stock as of \(outcome.stockAsOf), version \(outcome.version).\n"
            Output.write(text)
        }
    }
}

/// Prints catalog warnings to stderr, `warning: file:line:column: message`, at most `limit` of each kind (the
/// same file and column), then how many more there are: a generated catalog may have thousands alike.
func reportWarnings(_ warnings: [CatalogIssue], limit: Int = 10) {
    var shown: [String: Int] = [:]
    var order: [String] = []
    for w in warnings {
        let kind = w.file + ": " + String(w.message.prefix { $0 != ":" })
        if shown[kind] == nil { order.append(kind) }
        shown[kind, default: 0] += 1
        // A row the database does not place (an import into a database): named by its file alone.
        if shown[kind, default: 0] <= limit { Output.error("warning: " + (w.line > 0 ? w.description : "\(w.file): \(w.message)")) }
    }
    for kind in order where shown[kind, default: 0] > limit {
        Output.error("warning: … and \(shown[kind, default: 0] - limit) more like these (\(kind))")
    }
}
