import QuoteCatalog
import QuoteCatalogGenerator
import QuoteCore

#if canImport(Glibc)
import Glibc
#endif

/// The catalogs and requests the benchmarks run on, built outside every measured region.
///
/// package-benchmark runs each benchmark in a process of its own, so what is expensive to build is
/// kept on disk between them: the 100,000-SKU catalog is generated and compiled once into
/// `.build-bench/bench-catalog-100k-g<generator version>.sqlite` (about 20 s, 130 MB; again when the
/// schema changes) and later processes load it from there. Delete that file to rebuild it.
enum Fixture {
    /// The package root, from this file: Benchmarks/QuoteBenchmarks/Fixtures.swift.
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 { if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) } }
        return path
    }()

    /// Where generated data goes: the benchmark build's own folder (ignored by git).
    static let scratch: String = {
        let dir = root + "/.build-bench"
        mkdir(dir, 0o755)
        return dir
    }()

    /// Tuesday 1 December 2026, 10:00 Moscow time, as in the tests and the README.
    static let asOf = Moment.parse("2026-12-01T10:00:00+03:00", defaultOffset: 10_800) ?? Moment(secondsSinceEpoch: 0, offsetSeconds: 0)

    static let largeOptions = CatalogGenerator.Options(skus: 100_000, sources: 200, cities: 1_000, offersPerSKU: 3, seed: 1)

    enum Size: String {
        case demo
        case large = "100k"
    }

    // MARK: Catalog databases

    /// The demo catalog compiled into a database (cheap: 34 products; written anew by each process,
    /// atomically, so it always matches catalogs/demo).
    static let demoDatabase: String = {
        let path = scratch + "/bench-demo.sqlite"
        guard case .success(let c) = CatalogCompiler.compile(directory: root + "/catalogs/demo") else {
            fatalError("catalogs/demo does not compile")
        }
        do { try CatalogDatabase.write(c, to: path) } catch { fatalError("cannot write \(path): \(error)") }
        return path
    }()

    /// The 100k catalog's database, generated and compiled on first use.
    static let largeDatabase: String = {
        let path = scratch + "/bench-catalog-100k-g\(CatalogGenerator.version).sqlite"
        if (try? CatalogStore(path: path)) != nil { return path }  // missing, or of another schema: build it
        let start = now()
        let files = CatalogGenerator.generate(largeOptions).files
        guard case .success(let c) = CatalogCompiler.compile(files: files) else { fatalError("the generated catalog does not compile") }
        do { try CatalogDatabase.write(c, to: path) } catch { fatalError("cannot write \(path): \(error)") }
        note("generated and compiled the 100k catalog into \(path) in \(Int(now() - start)) s")
        return path
    }()

    static func database(_ size: Size) -> String {
        switch size {
        case .demo: demoDatabase
        case .large: largeDatabase
        }
    }

    // MARK: Whole catalogs in memory

    static let demoCatalog: Catalog = {
        guard case .success(let c) = CatalogCompiler.compile(directory: root + "/catalogs/demo") else {
            fatalError("catalogs/demo does not compile")
        }
        return c
    }()

    static let largeCatalog: Catalog = {
        let start = now()
        do {
            let c = try CatalogStore(path: largeDatabase).loadAll()
            note("loaded the 100k catalog (\(c.products.count) products) in \(Int((now() - start) * 1000)) ms")
            return c
        } catch { fatalError("cannot load \(largeDatabase): \(error)") }
    }()

    static func catalog(_ size: Size) -> Catalog {
        switch size {
        case .demo: demoCatalog
        case .large: largeCatalog
        }
    }

    // MARK: Requests

    /// `quote brick --qty 5000 --city Tver`.
    static let oneLine = QuoteRequest(items: [.init(product: "brick", quantity: Quantity(whole: 5_000))], city: "Tver", asOf: asOf)

    /// `quote brick --wall 100 --thickness 1.5 --openings 6.5 --waste 5 --city Tver`.
    static let wall = QuoteRequest(
        items: [
            .init(
                product: "brick",
                wall: Wall(
                    area: Quantity(whole: 100), thickness: Quantity(milli: 1_500), openings: Quantity(milli: 6_500),
                    waste: Quantity(whole: 5)))
        ], city: "Tver", asOf: asOf)

    /// The one-line request as `quote --jsonl` receives it.
    static let oneLineJSON = Array(
        #"{"id":"bench-1","items":[{"product":"brick","quantity":"5000","unit":"pcs"}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00"}"#
            .utf8)

    static let demoTwentyLines = twentyLines(demoCatalog)
    static let largeTwentyLines = twentyLines(largeCatalog)

    static func twentyLines(_ size: Size) -> QuoteRequest {
        switch size {
        case .demo: demoTwentyLines
        case .large: largeTwentyLines
        }
    }

    /// Twenty lines to Tver, as many as the catalog has of them ones that two or more sources can
    /// supply whole, so the quote has sources to choose between and lines to consolidate into shared
    /// shipments. Chosen from the catalog itself (the demo's products, the 100k catalog's house
    /// brands), the same every run.
    static func twentyLines(_ catalog: Catalog) -> QuoteRequest {
        let tver = CityID("tver")
        var picks: [(sources: Int, sku: SKU, quantity: Quantity)] = []
        for sku in catalog.products.keys.sorted() {
            guard let product = catalog.products[sku], let offers = catalog.offers[sku] else { continue }
            // The house brands of the generated catalog (`-K00000` … `-K00003`), every demo product.
            if sku.rawValue.contains("-K"), !["-K00000", "-K00001", "-K00002", "-K00003"].contains(where: { sku.rawValue.hasSuffix($0) }) {
                continue
            }
            let deliverable = offers.filter { o in
                guard let s = catalog.sources[o.source] else { return false }
                return catalog.routes[RouteKey(zone: s.zone, city: tver)] != nil
            }
            // The smallest whole number of pallets (bulk: of 5 t) that the most sources can supply.
            let step = product.kind == .bulk ? Quantity(whole: 5) : (product.perPallet ?? product.saleMultiple)
            var best: (Int, Quantity)?
            for n in 1...40 {
                let q = Quantity(milli: step.milli * Int64(n))
                let count = deliverable.filter { $0.canSupply(q) }.count
                if count > (best?.0 ?? 0) { best = (count, q) }
            }
            if let best, best.0 >= 1 { picks.append((best.0, sku, best.1)) }
        }
        // Prefer lines with the most sources; SKU order breaks ties.
        picks.sort { $0.sources != $1.sources ? $0.sources > $1.sources : $0.sku < $1.sku }
        let items = picks.prefix(20).map { QuoteRequest.Item(product: $0.sku.rawValue, quantity: $0.quantity) }
        return QuoteRequest(items: items, city: "Tver", asOf: asOf)
    }

    // MARK: Helpers

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// A line on standard error (the benchmark tool owns standard output).
    static func note(_ text: String) {
        let line = "[QuoteBenchmarks] " + text + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}
