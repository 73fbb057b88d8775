import QuoteCore

extension CatalogCompiler {
    /// Reads routes.csv: each route from a source's zone to a known city once, with its distance and days.
    static func readRoutes(_ b: Build, zones: SourceZones) -> [RouteKey: Route] {
        var routes: [RouteKey: Route] = [:]
        for row in b.reader("routes.csv", ["zone", "city", "distance_km", "transit_days"]).rows {
            guard let zone = row.text("zone"), let city = row.text("city"), let km = row.integer("distance_km", range: 0...20_000),
                let days = row.integer("transit_days", range: 0...60)
            else { continue }
            let knownZone = zones.check(zone, row)
            guard b.refs.check(city, in: "cities.csv", what: "city", row: row, column: "city"), knownZone else { continue }
            let key = RouteKey(zone: ZoneID(zone), city: CityID(city))
            if routes[key] != nil {
                row.fail("city", Message("routes.twice", .text(zone), .text(city)))
                continue
            }
            routes[key] = Route(zone: key.zone, city: key.city, distanceKm: km, transitDays: Int(days))
        }
        return routes
    }
}
