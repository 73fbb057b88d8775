/// Writing a request back as JSON: what a saved quote keeps, so that `quote requote` can price the
/// same request again. The text is a request `JSONRequest.decode` reads back to the same `QuoteRequest`.
extension QuoteRequest {
    /// The request as JSON, in the fixed order of the contract (`items`, `city`, `asOf`, …).
    /// - Parameters:
    ///   - asOf: whether to write the moment (a requote sends the request without it, to quote now).
    ///   - explain: the request asked for explanations.
    public func json(asOf includeAsOf: Bool = true, explain: Bool = false) -> String {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.beginArray("items")
        for item in items { write(item, &w) }
        w.endArray()
        w.string("city", city)
        if includeAsOf { w.string("asOf", asOf.description) }
        w.string("strategy", strategy.rawValue)
        if let pickupSource { w.string("pickup", pickupSource) } else { w.bool("pickup", pickup) }
        w.string("customer", customer)
        w.string("by", by?.description)
        if let discount { w.string("discount", discount.percentString) }
        if crane { w.bool("crane", true) }
        if explain { w.bool("explain", true) }
        w.endObject()
        return w.text
    }

    private func write(_ item: Item, _ w: inout JSONWriter) {
        w.beginObject()
        w.string("product", item.product)
        if let wall = item.wall {
            w.beginObject("wall")
            w.string("area", wall.area.decimalString)
            if let t = wall.thickness { w.string("thickness", t.decimalString) }
            if wall.openings.milli != 0 { w.string("openings", wall.openings.decimalString) }
            if let j = wall.jointMM { w.string("joint", String(j)) }
            if wall.waste.milli != 0 { w.string("waste", wall.waste.decimalString) }
            w.endObject()
        } else {
            w.string("quantity", item.quantity.decimalString)
            if let unit = item.unit { w.string("unit", unit) }
        }
        w.endObject()
    }
}
