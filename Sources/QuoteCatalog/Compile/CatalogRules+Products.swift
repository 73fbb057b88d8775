import QuoteCore

extension CatalogRules {
    /// Products: stocked somewhere, priced above cost, carried by some vehicle.
    static func checkProducts(_ c: Catalog, _ found: inout Findings) {
        let heaviestFlatbed = c.vehicles.filter { $0.body == .flatbed }.max { $0.payloadKg < $1.payloadKg }
        for sku in c.products.keys.sorted() {
            guard let p = c.products[sku] else { continue }
            let offers = c.offers[sku] ?? []
            if offers.isEmpty {
                found.warning(
                    found.rows.issue(
                        "products", [sku.rawValue], column: "sku",
                        Message("rules.not_stocked", .text(sku.rawValue))))
            }
            checkCarriage(c, sku, p, heaviestFlatbed: heaviestFlatbed, &found)
            checkCosts(c, sku, offers, &found)
        }
    }

    /// Bulk goods need a tipper; a pallet, a flatbed that can take its weight.
    static func checkCarriage(_ c: Catalog, _ sku: SKU, _ p: Product, heaviestFlatbed: Vehicle?, _ found: inout Findings) {
        let rows = found.rows
        if p.kind == .bulk {
            if !c.vehicles.contains(where: { $0.body == .tipper }) {
                found.error(
                    rows.issue(
                        "products", [sku.rawValue], column: "kind",
                        Message("rules.no_tipper")))
            }
        } else if let perPallet = p.perPallet {
            let (grams, overflow) = perPallet.milli.multipliedReportingOverflow(by: p.unitWeightGrams)
            let palletKg = overflow ? Int64.max : grams / 1_000_000
            if let heaviest = heaviestFlatbed, palletKg > heaviest.payloadKg {
                found.error(
                    rows.issue(
                        "products", [sku.rawValue], column: "per_pallet",
                        Message(
                            "rules.pallet_too_heavy", .text(sku.rawValue), .figure(perPallet), .figure(Quantity(milli: p.unitWeightGrams)),
                            .text(heaviest.id.rawValue), .whole(heaviest.payloadKg))))
            } else if heaviestFlatbed == nil {
                found.error(
                    rows.issue(
                        "products", [sku.rawValue], column: "kind",
                        Message("rules.no_flatbed")))
            }
        }
    }

    /// A stock row whose cost is above the product's lowest list price (base or regional).
    static func checkCosts(_ c: Catalog, _ sku: SKU, _ offers: [StockOffer], _ found: inout Findings) {
        var tiers: [(region: String, tier: PriceTier)] = (c.prices[sku]?.base ?? []).map { ("", $0) }
        for (region, list) in c.prices[sku]?.regional ?? [:] { tiers += list.map { (region.rawValue, $0) } }
        let lowest = tiers.min { ($0.tier.price, $0.region) < ($1.tier.price, $1.region) }
        for offer in offers {
            let key = [offer.source.rawValue, sku.rawValue]
            if let (region, tier) = lowest, UnitPrice(offer.cost) > tier.price {
                found.warning(
                    found.rows.issue(
                        "stock", key, column: "cost",
                        Message(
                            "rules.cost_above_price", .text(offer.source.rawValue), .text(sku.rawValue), .amount(offer.cost),
                            .listPrice(tier.price),
                            region.isEmpty ? .message(Message("rules.base_list")) : .text(region), .figure(tier.minQuantity))))
            }
        }
    }
}
