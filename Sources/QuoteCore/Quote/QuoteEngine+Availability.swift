/// Saying why goods cannot be supplied, and what quantity could be: the minimum order, the order
/// multiple or the stock, source by source.
extension QuoteEngine {
    /// Not one line can be supplied: what stands in the way at each source, so the manager can offer
    /// a quantity that works.
    static func unavailableError(lines: [LineDraft], catalog: Catalog) -> QuoteError {
        let parts = lines.map { line in
            Message(
                "available.line", .verbatim(line.product.sku.rawValue), .quantity(line.sold, line.product.unit.orderUnit),
                .message(obstacles(line, catalog: catalog)))
        }
        return QuoteError(
            .notAvailable, Message("available.nothing", .messages(parts, separator: ". ")),
            field: lines.count == 1 ? lines[0].field + ".quantity" : "items")
    }

    /// What each source with stock says to `line`'s quantity: "Карьер «Яхрома» sells from 5 t
    /// (minimum order): 5 t would work".
    static func obstacles(_ line: LineDraft, catalog: Catalog) -> Message {
        let stocked = line.offers.filter { $0.stock.milli > 0 }
        guard !stocked.isEmpty else { return Message("obstacle.none_in_stock") }
        let each = stocked.map { offer in
            obstacle(offer, name: catalog.sources[offer.source]?.name ?? offer.source.rawValue, asked: line.sold, product: line.product)
        }
        return Message(.plain, .messages(each, separator: "; "))
    }

    /// Why `offer` cannot supply `asked`, and the nearest quantity it can.
    static func obstacle(_ offer: StockOffer, name: String, asked: Quantity, product: Product) -> Message {
        let unit = product.unit.orderUnit
        let source = MessageArg.text(name)
        let step = [offer.orderMultiple, product.saleMultiple].max() ?? product.saleMultiple
        if asked < offer.minOrder {
            let least = offer.minOrder.roundedUp(toMultipleOf: step) ?? offer.minOrder
            return least <= offer.stock
                ? Message("obstacle.min_order_works", source, .quantity(offer.minOrder, unit), .quantity(least, unit))
                : Message("obstacle.min_order_short", source, .quantity(offer.minOrder, unit), .quantity(offer.stock, unit))
        }
        if asked > offer.stock {
            let most = largestSuppliable(offer, product: product)
            return most.milli > 0
                ? Message("obstacle.stock_most", source, .quantity(offer.stock, unit), .quantity(most, unit))
                : Message("obstacle.stock_under_min", source, .quantity(offer.stock, unit))
        }
        if offer.orderMultiple.milli > 0, asked.milli % offer.orderMultiple.milli != 0 {
            let up = asked.roundedUp(toMultipleOf: offer.orderMultiple) ?? asked
            return up <= offer.stock
                ? Message("obstacle.multiple_works", source, .quantity(offer.orderMultiple, unit), .quantity(up, unit))
                : Message("obstacle.multiple", source, .quantity(offer.orderMultiple, unit))
        }
        return Message("obstacle.none", source)
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
