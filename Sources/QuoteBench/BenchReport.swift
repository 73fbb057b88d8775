import QuoteCatalog
import QuoteCore

/// What `quote bench` prints: latency percentiles, throughput and allocations, and whether the run
/// stayed within `--max-p99`.
public struct BenchReport: Sendable {
    public var result: BenchRun.Result
    public var catalog: CatalogInfo
    /// Where the requests came from: the built-in mix or a file, and how many distinct ones.
    public var origin: String
    public var distinct: Int
    public var warmup: Int
    /// `--max-p99`, in nanoseconds.
    public var maximumP99: Int64?
    /// How long opening (and, in memory, loading) the catalog took, and the process's resident memory
    /// at the end of the run, in KiB (nil where unknown).
    public var loadNanoseconds: Int64 = 0
    public var residentKiB: Int64?

    public init(result: BenchRun.Result, catalog: CatalogInfo, origin: String, distinct: Int, warmup: Int, maximumP99: Int64?) {
        self.result = result
        self.catalog = catalog
        self.origin = origin
        self.distinct = distinct
        self.warmup = warmup
        self.maximumP99 = maximumP99
    }

    /// False when p99 is over `--max-p99`.
    public var passed: Bool { maximumP99.map { result.percentile(99) <= $0 } ?? true }

    public var refusedCount: Int { result.refused.values.reduce(0, +) }

    public func text() -> String {
        let r = result
        let d = BenchDuration.format
        var out = "quote bench: \(group(Int64(r.latencies.count))) quotes after \(group(Int64(warmup))) warm-up ones, one thread\n"
        let resident = residentKiB.map { ", resident \(group(($0 + 512) / 1024)) MiB at the end" } ?? ""
        out +=
            "catalog:    \(catalog.name) \(catalog.version) (\(catalog.inMemory ? "in memory" : "rows read from SQLite per request"); "
            + "opened in \(d(loadNanoseconds))\(resident))\n"
        out += "requests:   \(origin), \(group(Int64(distinct))) distinct"
        if refusedCount > 0 {
            let codes = result.refused.sorted { $0.key < $1.key }.map { "\($0.key) \(group(Int64($0.value)))" }.joined(separator: ", ")
            out += "; \(group(Int64(refusedCount))) answers were refusals (\(codes))"
        }
        out +=
            "\nlatency:    p50 \(d(r.percentile(50)))  p90 \(d(r.percentile(90)))  p99 \(d(r.percentile(99)))  max \(d(r.latencies.last ?? 0))\n"
        out += "throughput: \(group(r.quotesPerSecond)) quotes/s\n"
        if let tenths = r.allocationsPerQuoteTenths, let bytes = r.bytesPerQuote {
            out += "allocations: \(FixedPoint.format(tenths, scale: 1, grouping: ",")) per quote, \(group(bytes)) bytes per quote\n"
        }
        if let limit = maximumP99 {
            out +=
                passed
                ? "p99 \(d(r.percentile(99))) is within --max-p99 \(d(limit))\n"
                : "FAILED: p99 \(d(r.percentile(99))) is over --max-p99 \(d(limit))\n"
        }
        return out
    }

    public func json() -> String {
        let r = result
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.beginObject("catalog")
        w.string("name", catalog.name)
        w.string("version", catalog.version)
        w.bool("inMemory", catalog.inMemory)
        w.int("loadNs", loadNanoseconds)
        if let residentKiB { w.int("residentKiB", residentKiB) }
        w.endObject()
        w.string("requests", origin)
        w.int("distinct", Int64(distinct))
        w.int("warmup", Int64(warmup))
        w.int("quotes", Int64(r.latencies.count))
        w.int("refused", Int64(refusedCount))
        for (key, p) in [("p50Ns", 50), ("p90Ns", 90), ("p99Ns", 99)] { w.int(key, r.percentile(p)) }
        w.int("maxNs", r.latencies.last ?? 0)
        w.int("quotesPerSecond", r.quotesPerSecond)
        if let tenths = r.allocationsPerQuoteTenths { w.raw("allocationsPerQuote", FixedPoint.format(tenths, scale: 1)) }
        if let bytes = r.bytesPerQuote { w.int("bytesPerQuote", bytes) }
        if let limit = maximumP99 { w.int("maxP99Ns", limit) }
        w.bool("passed", passed)
        w.endObject()
        return w.text
    }

    private func group(_ n: Int64) -> String { FixedPoint.format(n, scale: 0, grouping: ",") }
}
