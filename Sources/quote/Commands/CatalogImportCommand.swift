import ArgumentParser
import QuoteCatalog
import QuoteCore

#if canImport(Glibc)
import Glibc
#endif

extension CatalogCommand {
    /// `quote catalog import FILE --source ID [--catalog PATH] [--as-of MOMENT] [--dry-run] [--missing keep|zero|remove]
    /// [--map FILE] [--sheet NAME]`: one supplier's fresh stock, purchase costs and list prices, while quoting goes on.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Update one source's stock, purchase costs and list prices from its file, atomically: quotes running meanwhile see the old figures or the new ones.",
            discussion: """
                FILE has the columns sku, and any of stock, cost, price (our list price), min_order, order_multiple (and source) — \
                or the Russian names (Артикул, Остаток, Количество, Цена, Цена закупки, Кратность, Мин. партия…), or the \
                supplier's own through its mapping file, suppliers/SOURCE.csv in the catalog folder (or --map), which also maps \
                its article numbers to our SKUs. Windows-1251, `;`, decimal commas, `6 300`, a byte-order mark, title rows and \
                columns of its own are accepted; so is an .xlsx workbook (its first sheet, or --sheet NAME). Each listed SKU takes the file's figures; SKUs the source had that the file does \
                not list are set to stock 0 unless --missing says keep or remove. The source's stock_as_of becomes --as-of. Into \
                a database, the database is rewritten; into a CSV folder, its stock.csv, sources.csv (and prices.csv) are \
                rewritten too and FOLDER.sqlite is rebuilt. --dry-run prints what would change and writes nothing. On any problem \
                nothing is written. See catalogs/README.md.
                """)

        @Argument(
            help:
                "The source's file (CSV or .xlsx): sku and stock, cost, price, min_order, order_multiple (or their Russian or mapped names)."
        )
        var file: String

        @Option(help: "The source the file is from (an id of sources.csv, e.g. PL-TVER).")
        var source: String

        @Option(help: "Catalog database or CSV folder to import into (default: $QUOTE_CATALOG).")
        var catalog: String?

        @Option(name: .customLong("as-of"), help: "When the figures were taken (ISO-8601; default: now).")
        var asOf: String?

        @Flag(name: .customLong("dry-run"), help: "Print what would change (added, changed, removed SKUs, old → new) and write nothing.")
        var dryRun = false

        @Option(help: "SKUs the source had that a file with stock does not list: keep, zero (the default: stock 0) or remove.")
        var missing: String = "zero"

        @Option(help: "The supplier's mapping file (default: suppliers/SOURCE.csv in the catalog folder, if there is one).")
        var map: String?

        @Option(help: "The sheet to read when FILE is an .xlsx workbook (default: its first visible sheet).")
        var sheet: String?
        @Option(help: "en or ru: the language of its messages (default: ru when the locale is Russian, else en).")
        var lang: String?

        func run() throws {
            _ = try Failure.checked(lang)
            guard let path = catalog ?? getenv("QUOTE_CATALOG").map({ String(cString: $0) }), !path.isEmpty else {
                throw Failure(
                    error: QuoteError(
                        .invalidRequest, Message("cli.import.which_catalog"), field: "--catalog"),
                    json: false)
            }
            guard let policy = CatalogImport.MissingSKUs(rawValue: missing) else {
                throw Failure(
                    error: QuoteError(
                        .invalidRequest, Message("cli.import.missing", .text(missing)), field: "--missing",
                        candidates: CatalogImport.MissingSKUs.allCases.map(\.rawValue)),
                    json: false)
            }
            let outcome: CatalogImport.Outcome
            do {
                outcome = try CatalogImport.run(
                    file: file, source: source, catalog: path, asOf: asOf, now: Output.now(offsetSeconds: 0),
                    options: CatalogImport.Options(dryRun: dryRun, missing: policy, mapping: map, sheet: sheet))
            } catch {
                throw Failure(error: error, json: false)
            }
            reportWarnings(outcome.warnings)
            Output.write(ImportReport.text(outcome, file: file, CLIMessages.renderer(CLILanguage.current)))
        }
    }
}

/// Prints catalog warnings to stderr, `warning: file:line:column: message`, at most `limit` of each kind (the
/// same file and column), then how many more there are: a generated catalog may have thousands alike.
func reportWarnings(_ warnings: [CatalogIssue], limit: Int = 10) {
    let m = CLIMessages.renderer(CLILanguage.current)
    var shown: [String: Int] = [:]
    var order: [String] = []
    for w in warnings {
        let text = w.message(in: m.language)
        let kind = w.file + ": " + String(text.prefix { $0 != ":" })
        if shown[kind] == nil { order.append(kind) }
        shown[kind, default: 0] += 1
        // A row the database does not place (an import into a database): named by its file alone.
        let located = w.line > 0 ? w.located : Message("catalog.in_file", .verbatim(w.file), .message(w.text))
        if shown[kind, default: 0] <= limit { Output.error(m.render(Message("cli.warning", .message(located)))) }
    }
    for kind in order where shown[kind, default: 0] > limit {
        Output.error(m.render(Message("cli.warning.more", .verbatim(String(shown[kind, default: 0] - limit)), .text(kind))))
    }
}
