/// Saying why goods cannot be supplied, and what quantity could be: the minimum order, the order
/// multiple or the stock, source by source.
extension QuoteEngine {
    /// Not one line can be supplied: what stands in the way at each source, so the manager can offer
    /// a quantity that works.
    static func unavailableError(lines: [LineDraft], catalog: Catalog) -> QuoteError {
        let parts = lines.map { line in
            "\(line.product.sku) (\(line.sold.decimalString) \(line.product.unit.rawValue) asked): \(obstacles(line, catalog: catalog))"
        }
        return QuoteError(
            .notAvailable, "Nothing in the request can be supplied. " + parts.joined(separator: ". ") + ".",
            field: lines.count == 1 ? lines[0].field + ".quantity" : "items")
    }

    /// What each source with stock says to `line`'s quantity: "Карьер «Яхрома» sells from 5 t
    /// (minimum order): 5 t would work".
    static func obstacles(_ line: LineDraft, catalog: Catalog) -> String {
        let stocked = line.offers.filter { $0.stock.milli > 0 }
        guard !stocked.isEmpty else { return "none in stock anywhere; ask for another product, or later" }
        return stocked.map { offer in
            let name = catalog.sources[offer.source]?.name ?? offer.source.rawValue
            return "\(name) \(obstacle(offer, asked: line.sold, product: line.product))"
        }.joined(separator: "; ")
    }

    /// Why `offer` cannot supply `asked`, and the nearest quantity it can.
    static func obstacle(_ offer: StockOffer, asked: Quantity, product: Product) -> String {
        let unit = product.unit.rawValue
        let step = [offer.orderMultiple, product.saleMultiple].max() ?? product.saleMultiple
        if asked < offer.minOrder {
            let least = offer.minOrder.roundedUp(toMultipleOf: step) ?? offer.minOrder
            let works = least <= offer.stock ? ": \(least.decimalString) \(unit) would work" : ", and has only \(offer.stock.decimalString) \(unit)"
            return "sells from \(offer.minOrder.decimalString) \(unit) (minimum order)\(works)"
        }
        if asked > offer.stock {
            let most = largestSuppliable(offer, product: product)
            let works = most.milli > 0 ? ": at most \(most.decimalString) \(unit) from it" : ", less than its minimum order"
            return "has \(offer.stock.decimalString) \(unit) in stock\(works)"
        }
        if offer.orderMultiple.milli > 0, asked.milli % offer.orderMultiple.milli != 0 {
            let up = asked.roundedUp(toMultipleOf: offer.orderMultiple) ?? asked
            let works = up <= offer.stock ? ": \(up.decimalString) \(unit) would work" : ""
            return "sells in multiples of \(offer.orderMultiple.decimalString) \(unit)\(works)"
        }
        return "can supply it"
    }

    /// The most `offer` can supply: its stock rounded down to its order multiple and whole units, or
    /// zero when that is under its minimum order.
    static func largestSuppliable(_ offer: StockOffer, product: Product) -> Quantity {
        var q = offer.stock.milli
        if offer.orderMultiple.milli > 0 { q -= q % offer.orderMultiple.milli }
        if product.unit != .tonnes { q -= q % Quantity.scaleFactor }
        return q >= offer.minOrder.milli ? Quantity(milli: q) : .zero
    }
}
