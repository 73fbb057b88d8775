import QuoteCatalog
import QuoteCore
import SeededRandom

/// The built-in request mix of `quote bench`: drawn from the catalog itself with a fixed seed, so the
/// same catalog always replays the same requests.
///
/// Four requests in five are one line, the others two to five lines; each line asks for one to eight
/// pallets of a stocked product (bulk goods: 5 to 40 t), delivered to a city some source has a route
/// to. Only requests the catalog quotes are kept (`keep`): a product no source near that city can
/// deliver is drawn again, so the mix measures quoting rather than refusing.
public enum BenchMix {
    /// Distinct requests in the mix; a run cycles through them.
    public static let distinct = 200

    /// Up to `count` requests that `keep` accepts, from at most ten times as many drawn.
    public static func requests(
        from sample: CatalogStore.RequestSample, count: Int = distinct, seed: UInt64 = 1, keep: ([UInt8]) -> Bool = { _ in true }
    ) -> [[UInt8]] {
        guard !sample.products.isEmpty, !sample.cities.isEmpty else { return [] }
        var rng = SplitMix64(seed: seed, stream: "bench-mix")
        var out: [[UInt8]] = []
        out.reserveCapacity(count)
        for _ in 0..<(10 * count) where out.count < count {
            let request = draw(sample, &rng)
            if keep(request) { out.append(request) }
        }
        return out
    }

    /// One request: one line, or (one time in five) two to five.
    static func draw(_ sample: CatalogStore.RequestSample, _ rng: inout SplitMix64) -> [UInt8] {
        let lines = rng.below(5) == 0 ? 2 + rng.below(4) : 1
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.beginArray("items")
        for _ in 0..<lines { item(sample.products[rng.below(sample.products.count)], &rng, into: &w) }
        w.endArray()
        w.string("city", sample.cities[rng.below(sample.cities.count)])
        w.endObject()
        return Array(w.text.utf8)
    }

    /// One line: whole pallets of a palletised product, whole tonnes of bulk goods.
    static func item(_ product: CatalogStore.RequestSample.Product, _ rng: inout SplitMix64, into w: inout JSONWriter) {
        w.beginObject()
        w.string("product", product.sku)
        if let perPallet = product.perPalletMilli, perPallet > 0 {
            let pallets = Int64(1 + rng.below(8))
            let milli = perPallet.multipliedReportingOverflow(by: pallets)
            w.string("quantity", FixedPoint.format(milli.overflow ? perPallet : milli.partialValue, scale: 3, trim: true))
        } else {
            w.string("quantity", String(5 * (1 + rng.below(8))))
            if product.unit == "t" { w.string("unit", "t") }
        }
        w.endObject()
    }
}
