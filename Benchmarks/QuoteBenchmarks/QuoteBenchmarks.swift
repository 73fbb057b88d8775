import Benchmark
import QuoteCatalog
import QuoteCore
import QuoteGLPK

#if canImport(Glibc)
import Glibc
#endif

// The benchmark suite: every benchmark on the demo catalog and on a 100,000-SKU synthetic one
// (`quote catalog generate`, seed 1). Catalog loading is setup, outside the measured region; what is
// measured is one request per iteration.
//
//   scripts/check-benchmarks.sh            run everything and check it against Benchmarks/Thresholds
//   scripts/check-benchmarks.sh --short    the demo benchmarks' allocation counts only (what CI runs)
//   scripts/check-benchmarks.sh --update   record new thresholds after an intended change
//
// Thresholds (see `thresholds` below; the values are in Benchmarks/Thresholds): the allocation count
// of each benchmark within 1 % — exact for counts under 100, and the check script fixes the hash seed
// so the counts repeat — so a change that allocates more fails until the thresholds are updated on
// purpose; wall clock at p90 within ±50 % (±100 % for the slow 20-line quotes), wide enough for a
// shared 2-core machine, tight enough to catch a 2× slowdown. Wall clock is checked by the full run
// only: on a machine that others are building on, it is a rough guide; the allocation counts are
// exact wherever they are measured.
//
// Names have no spaces: package-benchmark 1.38 writes threshold files with spaces replaced by "_"
// but looks them up by the name as it is, so a name with a space never finds its thresholds.
//
// QUOTE_BENCH_SHORT=1 shortens every benchmark to 0.2 s / 100 iterations (the allocation counts do
// not need more).

let benchmarks: @Sendable () -> Void = {
    let short = getenv("QUOTE_BENCH_SHORT") != nil
    let thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
        .mallocCountTotal: BenchmarkThresholds(relative: [.p90: 1]),
        .wallClock: BenchmarkThresholds(relative: [.p90: 50]),
    ]
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: short ? 3 : 10,
        maxDuration: short ? .milliseconds(200) : .seconds(2),
        maxIterations: short ? 100 : 100_000,
        thresholds: thresholds
    )

    // The 20-line quote takes 0.1–0.5 s an iteration today: more time for enough samples, and twice
    // the wall-clock tolerance, since a p90 of a few dozen samples on a shared machine moves a lot.
    var slow = Benchmark.defaultConfiguration
    slow.maxDuration = short ? .milliseconds(200) : .seconds(6)
    slow.thresholds?[.wallClock] = BenchmarkThresholds(relative: [.p90: 100])

    for size in [Fixture.Size.demo, .large] {
        let tag = size.rawValue

        // `quote brick --qty 5000 --city Tver` in-process: name resolution, units, pricing, sourcing,
        // trucks, dates, totals, with the whole catalog in memory.
        Benchmark("quote-one-line.\(tag)") { benchmark in
            let catalog = Fixture.catalog(size)
            for _ in benchmark.scaledIterations {
                blackHole(try QuoteEngine.quote(Fixture.oneLine, catalog: catalog))
            }
        } setup: {
            _ = try QuoteEngine.quote(Fixture.oneLine, catalog: Fixture.catalog(size))
        }

        // Twenty lines, each from two or more possible sources, consolidated into shared shipments.
        Benchmark("quote-20-lines-multi-source.\(tag)", configuration: slow) { benchmark in
            let catalog = Fixture.catalog(size)
            let request = Fixture.twentyLines(size)
            for _ in benchmark.scaledIterations {
                blackHole(try QuoteEngine.quote(request, catalog: catalog))
            }
        } setup: {
            let request = Fixture.twentyLines(size)
            precondition(request.items.count == 20, "only \(request.items.count) lines qualify in the \(size) catalog")
            let quote = try QuoteEngine.quote(request, catalog: Fixture.catalog(size))
            precondition(quote.shipments.count < 20, "no two lines share a shipment")
            Fixture.note("20 lines \(tag): \(Set(quote.shipments.map(\.source)).count) sources, \(quote.shipments.count) shipments")
        }

        // The same twenty lines with the integer program where the search's budget runs out: the plan
        // proven optimal (GLPK), as `quote` answers them.
        Benchmark("quote-20-lines-proven.\(tag)", configuration: slow) { benchmark in
            let catalog = Fixture.catalog(size)
            let request = Fixture.twentyLines(size)
            for _ in benchmark.scaledIterations {
                blackHole(try QuoteEngine.quote(request, catalog: catalog, solver: GLPKSolver()))
            }
        } setup: {
            let quote = try QuoteEngine.quote(Fixture.twentyLines(size), catalog: Fixture.catalog(size), solver: GLPKSolver())
            Fixture.note("20 lines proven \(tag): search_limited \(quote.warnings.contains { $0.code == "search_limited" })")
        }

        // `quote brick --wall 100 --thickness 1.5 --openings 6.5 --waste 5 --city Tver`: masonry conversion first.
        Benchmark("quote-wall-area.\(tag)") { benchmark in
            let catalog = Fixture.catalog(size)
            for _ in benchmark.scaledIterations {
                blackHole(try QuoteEngine.quote(Fixture.wall, catalog: catalog))
            }
        } setup: {
            _ = try QuoteEngine.quote(Fixture.wall, catalog: Fixture.catalog(size))
        }

        // What `quote --jsonl` does per line, but the I/O: parse and decode the request, quote, write
        // the JSON response.
        Benchmark("json-decode-quote-encode.\(tag)") { benchmark in
            let catalog = Fixture.catalog(size)
            let offset = catalog.settings.utcOffsetSeconds
            for _ in benchmark.scaledIterations {
                guard case .success(let r) = JSONRequest.decode(Fixture.oneLineJSON, now: Fixture.asOf, offsetSeconds: offset) else {
                    fatalError("the benchmark request does not decode")
                }
                let quote = try QuoteEngine.quote(r.request, catalog: catalog)
                blackHole(quote.json(id: r.id, includeInternal: r.includeInternal))
            }
        } setup: {
            _ = try QuoteEngine.quote(Fixture.oneLine, catalog: Fixture.catalog(size))
        }

        // What one CLI run does after start-up: open the compiled database (a new handle: SQLite's
        // page cache is empty, the file is in the OS cache), read the rows this request needs, quote.
        Benchmark("cold-open-snapshot-quote.\(tag)") { benchmark in
            let path = Fixture.database(size)
            for _ in benchmark.scaledIterations {
                let store = try CatalogStore(path: path)
                let snapshot = try store.snapshot(for: Fixture.oneLine)
                blackHole(try QuoteEngine.quote(Fixture.oneLine, catalog: snapshot))
            }
        } setup: {
            let store = try CatalogStore(path: Fixture.database(size))
            _ = try QuoteEngine.quote(Fixture.oneLine, catalog: try store.snapshot(for: Fixture.oneLine))
        }
    }
}
