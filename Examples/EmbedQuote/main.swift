// Embedding the engine in another Swift program: open a catalog, ask for a quote, use the answer.
// Only the public API of QuoteCatalog and QuoteCore is used (README, "Embedding"); the package
// builds this program with every `swift build`, and a test runs it, so the API it shows stays real.
//
//   swift run quote-embed-example [CATALOG]      # a compiled .sqlite or a CSV folder; default: the demo
import QuoteCatalog
import QuoteCore

#if canImport(Glibc)
import Glibc
#endif

/// Prints a quote's essentials, or why there is none, and returns the exit status.
func main() -> Int32 {
    let catalogPath = CommandLine.arguments.dropFirst().first
    // Tuesday 1 December 2026, 10:00 Moscow time: a fixed moment, so the answer does not depend on today.
    guard let asOf = Moment.parse("2026-12-01T10:00:00+03:00", defaultOffset: 10_800) else { return 2 }
    let request = QuoteRequest(items: [.init(product: "brick", quantity: Quantity(whole: 5_000))], city: "Tver", asOf: asOf)
    do {
        // A path, else $QUOTE_CATALOG, else the demo catalog of the source tree at `sourceRoot`.
        let store = try CatalogLocator.open(explicit: catalogPath, sourceRoot: sourceRoot)
        // Only the rows this request needs; `store.loadAll()` gives the whole catalog for many quotes.
        let catalog = try store.snapshot(for: request)
        let quote = try QuoteEngine.quote(request, catalog: catalog)
        print("\(quote.quoteId): \(quote.lines.count) lines, delivered \(quote.deliveryDate), total \(quote.totals.gross.decimalString) \(quote.currency) with VAT")
        for line in quote.lines { print("  \(line.sku): \(line.quantity.decimalString) × \(line.unitPrice.decimalString) = \(line.net.decimalString)") }
        return 0
    } catch {
        print("\(error.code.rawValue): \(error.message)")
        return error.code.exitStatus
    }
}

/// The source tree this example was built from (for the demo catalog).
let sourceRoot: String = {
    var path = #filePath
    for _ in 0..<3 { if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) } }
    return path
}()

exit(main())
