import Benchmark
import QuoteCatalog
import QuoteCore

/// The demo catalog, compiled from `catalogs/demo` once, outside every measured region.
private let demo: Catalog? = {
    var root = #filePath
    for _ in 0..<3 { if let slash = root.lastIndex(of: "/") { root = String(root[..<slash]) } }
    return try? CatalogCompiler.compile(directory: root + "/catalogs/demo").get()
}()

private let asOf = Moment.parse("2026-12-01T10:00:00+03:00", defaultOffset: 10_800) ?? Moment(secondsSinceEpoch: 0, offsetSeconds: 0)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .instructions],
        timeUnits: .microseconds,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )

    // `quote brick --qty 5000 --city Tver` in-process: name resolution, pricing, sourcing, trucks,
    // dates, totals; the catalog is already in memory.
    Benchmark("Quote one line (demo)") { benchmark in
        guard let catalog = demo else { return }
        let request = QuoteRequest(items: [.init(product: "brick", quantity: Quantity(whole: 5_000))], city: "Tver", asOf: asOf)
        for _ in benchmark.scaledIterations {
            blackHole(try? QuoteEngine.quote(request, catalog: catalog))
        }
    }

    // The same quote rendered as the JSON response.
    Benchmark("Quote one line + JSON (demo)") { benchmark in
        guard let catalog = demo else { return }
        let request = QuoteRequest(items: [.init(product: "brick", quantity: Quantity(whole: 5_000))], city: "Tver", asOf: asOf)
        for _ in benchmark.scaledIterations {
            blackHole((try? QuoteEngine.quote(request, catalog: catalog))?.json())
        }
    }
}
