import QuoteCore

extension CatalogStore {
    /// What a built-in request mix can be drawn from: products that some source stocks (with what a
    /// pallet of each holds), and the cities some source has a route to, each in id order.
    public struct RequestSample: Sendable, Equatable {
        public struct Product: Sendable, Equatable {
            public var sku: String
            /// `pcs`, `bag` or `t`: the unit the product is sold in.
            public var unit: String
            /// How many units a pallet holds, in thousandths (nil: not palletised, such as bulk goods).
            public var perPalletMilli: Int64?

            public init(sku: String, unit: String, perPalletMilli: Int64?) {
                self.sku = sku
                self.unit = unit
                self.perPalletMilli = perPalletMilli
            }
        }

        public var products: [Product]
        public var cities: [String]

        public init(products: [Product], cities: [String]) {
            self.products = products
            self.cities = cities
        }
    }

    /// The stocked products and served cities of this catalog (`quote bench`'s built-in mix).
    public func requestSample() throws(QuoteError) -> RequestSample {
        do {
            var sample = RequestSample(products: [], cities: [])
            try db.query(
                "SELECT p.sku, p.unit, p.per_pallet FROM products p WHERE EXISTS (SELECT 1 FROM stock s WHERE s.sku = p.sku AND s.stock > 0) ORDER BY p.sku"
            ) { sample.products.append(RequestSample.Product(sku: $0.text(0), unit: $0.text(1), perPalletMilli: $0.optionalInt(2))) }
            try db.query("SELECT DISTINCT city FROM routes ORDER BY city") { sample.cities.append($0.text(0)) }
            return sample
        } catch {
            throw QuoteError(.catalogUnavailable, Message("store.unreadable", .text(path), CatalogStore.reason(error)))
        }
    }
}
