import QuoteCore

extension CatalogRules {
    /// Delivery: every route has a tariff for what its zone ships, and no heavier truck is cheaper per trip
    /// than a lighter one of its kind.
    static func checkRoutes(_ c: Catalog, _ found: inout Findings) {
        var bodiesByZone: [ZoneID: Set<VehicleBody>] = [:]
        var sourcesByZone: [ZoneID: [SourceID]] = [:]
        for src in c.sources.values { sourcesByZone[src.zone, default: []].append(src.id) }
        for (sku, offers) in c.offers {
            guard let p = c.products[sku] else { continue }
            for o in offers { if let zone = c.sources[o.source]?.zone { bodiesByZone[zone, default: []].insert(p.body) } }
        }
        let routes = c.routes.values.sorted { ($0.zone, $0.city) < ($1.zone, $1.city) }
        var reportedPairs = Set<String>()
        for route in routes {
            // Each vehicle's tariff on the route, looked up once for both checks (40,763 routes in a 100k catalog).
            let routeTariffs = c.vehicles.map { c.tariff(zone: route.zone, city: route.city, vehicle: $0.id) }
            for body in (bodiesByZone[route.zone] ?? []).sorted(by: { $0.rawValue < $1.rawValue }) {
                if !zip(c.vehicles, routeTariffs).contains(where: { $0.0.body == body && $0.1 != nil }) {
                    let from = (sourcesByZone[route.zone] ?? []).sorted().map(\.rawValue).joined(separator: ", ")
                    found.error(
                        found.rows.issue(
                            "routes", [route.zone.rawValue, route.city.rawValue], column: "city",
                            Message(
                                body == .tipper ? "rules.no_tariff_bulk" : "rules.no_tariff_pallets", .text(route.zone.rawValue),
                                .text(route.city.rawValue), .verbatim(body.rawValue), .verbatim(from))))
                }
            }
            checkTruckPrices(c, route, routeTariffs, reported: &reportedPairs, &found)
        }
    }

    /// A heavier truck of the same kind that costs less per trip on `route` than a lighter one; each pair of
    /// tariffs once (`reported`), whichever routes they are cheaper on.
    static func checkTruckPrices(
        _ c: Catalog, _ route: Route, _ routeTariffs: [Tariff?], reported reportedPairs: inout Set<String>, _ found: inout Findings
    ) {
        let rows = found.rows
        let priced = zip(c.vehicles, routeTariffs).compactMap { v, t -> (Vehicle, Tariff, Money)? in
            guard let t, let price = t.tripPrice(distanceKm: route.distanceKm)
            else { return nil }
            return (v, t, price)
        }
        for (light, lightTariff, lightPrice) in priced {
            for (heavy, heavyTariff, heavyPrice) in priced
            where heavy.body == light.body && heavy.crane == light.crane && heavy.payloadKg > light.payloadKg && heavyPrice < lightPrice {
                let heavyKey = [heavyTariff.key.zone.rawValue, heavyTariff.key.city?.rawValue ?? "", heavy.id.rawValue]
                let lightKey = [lightTariff.key.zone.rawValue, lightTariff.key.city?.rawValue ?? "", light.id.rawValue]
                guard reportedPairs.insert(heavyKey.joined(separator: "|") + "/" + lightKey.joined(separator: "|")).inserted else {
                    continue
                }
                let lightAt = rows.issue("tariffs", lightKey, column: "base_price", .empty)
                found.warning(
                    rows.issue(
                        "tariffs", heavyKey, column: "base_price",
                        Message(
                            "rules.heavier_cheaper", .text(heavy.id.rawValue), .whole(heavy.payloadKg), .amount(heavyPrice),
                            .text(route.zone.rawValue), .text(route.city.rawValue), .whole(Int64(route.distanceKm)),
                            .text(light.id.rawValue), .whole(light.payloadKg), .amount(lightPrice),
                            .verbatim("\(lightAt.file):\(lightAt.line)"))))
            }
        }
    }

    /// Every tariff's city has a route from its zone; every city is reached, every source's zone has a route.
    static func checkCoverage(_ c: Catalog, _ found: inout Findings) {
        let rows = found.rows
        let zonesWithRoutes = Set(c.routes.keys.map(\.zone))
        let citiesWithRoutes = Set(c.routes.keys.map(\.city))
        for t in c.tariffs.values.sorted(by: {
            ($0.key.zone, $0.key.city?.rawValue ?? "", $0.key.vehicle) < ($1.key.zone, $1.key.city?.rawValue ?? "", $1.key.vehicle)
        }) {
            guard let city = t.key.city, c.routes[RouteKey(zone: t.key.zone, city: city)] == nil else { continue }
            found.warning(
                rows.issue(
                    "tariffs", [t.key.zone.rawValue, city.rawValue, t.key.vehicle.rawValue], column: "city",
                    Message("rules.tariff_unused", .text(t.key.zone.rawValue), .text(city.rawValue))))
        }
        for id in c.cities.keys.sorted() where !citiesWithRoutes.contains(id) {
            found.warning(
                rows.issue(
                    "cities", [id.rawValue], column: "id",
                    Message("rules.city_unreached", .text(id.rawValue))))
        }
        for id in c.sources.keys.sorted() {
            guard let src = c.sources[id], !zonesWithRoutes.contains(src.zone) else { continue }
            found.warning(
                rows.issue(
                    "sources", [id.rawValue], column: "zone",
                    Message("rules.zone_no_route", .text(src.zone.rawValue), .text(id.rawValue))))
        }
    }
}
