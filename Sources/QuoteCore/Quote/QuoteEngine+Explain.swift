/// `--explain`: why each line comes from where it does and why these trucks, as messages.
extension QuoteEngine {
    static func explanation(catalog: Catalog, drafts: [LineDraft], plan: SourcingPlan, city: City?, pickup: Bool) -> [Message] {
        var out: [Message] = []
        for (i, d) in drafts.enumerated() {
            out += explainLine(d, parts: plan.allocations[i], catalog: catalog)
        }
        for s in plan.shipments {
            out.append(explainShipment(s, city: city, pickup: pickup))
        }
        if !plan.exhaustive { out.append(Message(plan.withinGap ? "explain.search_gap" : "explain.search_limited")) }
        return out
    }

    /// The line's quantity and price, then each offer taken or left and why.
    static func explainLine(_ d: LineDraft, parts: [SourcingPlan.Part], catalog: Catalog) -> [Message] {
        let p = d.product
        let unit = p.unit.orderUnit
        let price =
            d.region.map { Message("explain.price_region", .unitPrice(d.unitPrice), .number(d.tierMin), .text($0.rawValue)) }
            ?? Message("explain.price_base", .unitPrice(d.unitPrice), .number(d.tierMin))
        var out = [
            Message(
                "explain.line", .verbatim(p.sku.rawValue), .quantity(d.requested, d.unit),
                .message(d.conversion.map { Message("explain.conversion", .message($0)) } ?? .empty), .quantity(d.sold, unit),
                .number(p.saleMultiple), .message(price))
        ]
        if parts.count > 1 {
            let split = parts.map { Message("explain.split_part", .quantity($0.quantity, unit), .verbatim($0.offer.source.rawValue)) }
            out.append(Message("explain.split", .messages(split, separator: " + ")))
        }
        for offer in d.offers {
            let why: Message
            if let part = parts.first(where: { $0.offer.source == offer.source }) {
                why = Message("explain.taken", .quantity(part.quantity, unit))
            } else if offer.stock.milli == 0 {
                why = Message("explain.out_of_stock")
            } else if offer.stock < d.sold && parts.count == 1 {
                why = Message("explain.short_stock", .number(offer.stock))
            } else if d.sold < offer.minOrder {
                why = Message("explain.min_order", .number(offer.minOrder))
            } else {
                why = Message("explain.dearer")
            }
            let name = catalog.sources[offer.source]?.name ?? offer.source.rawValue
            out.append(Message("explain.source", .text(name), .verbatim(offer.source.rawValue), .number(offer.stock), .message(why)))
        }
        return out
    }

    /// The shipment's load, distance and the cheapest trucks for it.
    static func explainShipment(_ s: PlannedShipment, city: City?, pickup: Bool) -> Message {
        guard let mix = s.mix, !pickup else { return Message("explain.pickup", .text(s.source.name), .date(s.readyDate)) }
        let trucks = mix.counts.map {
            Message("explain.truck", .integer($0.count), .text($0.option.vehicle.name), .money($0.option.tripPrice))
        }
        let kg = MessageArg.number(Quantity(milli: s.weightGrams))
        let load = s.body == .flatbed ? Message("explain.load_pallets", .count(s.pallets, .pallet), kg) : Message("explain.load_weight", kg)
        let weekend = s.surcharges.filter { $0.kind == "weekend" }.map { Message("explain.weekend", .money($0.amount)) }
        return Message(
            "explain.shipment", .text(s.source.name), .text(city?.name ?? ""), .message(load), .integer(s.distanceKm),
            .messages(trucks, separator: " + "), .money(mix.cost), .messages(weekend, separator: ""), .date(s.readyDate),
            .date(s.deliveryDate))
    }
}
