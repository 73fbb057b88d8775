import QuoteCore

extension CatalogCompiler {
    /// The zones the sources are in, for the routes and tariffs that name one.
    struct SourceZones {
        var zones = Set<ZoneID>()
        /// Every zone a row of sources.csv names, rows that failed included; nil when its header is broken.
        var named: Set<String>?
        /// The zones, sorted, for the message of an unknown one.
        var list = ""

        /// Whether `zone` is a source's; else reported at `row`, unless only a source row that failed names
        /// it (that row's error is the one to fix).
        func check(_ zone: String, _ row: TableReader.Row) -> Bool {
            if zones.contains(ZoneID(zone)) { return true }
            guard let named, !named.contains(zone) else { return false }
            row.fail("zone", Message("routes.unknown_zone", .text(zone), .verbatim(list)))
            return false
        }
    }

    /// Reads sources.csv: each source once, in a city of cities.csv; moments without an offset are at
    /// `defaultOffset`.
    static func readSources(_ b: Build, defaultOffset offset: Int32) -> (sources: [SourceID: Source], zones: SourceZones) {
        var sources: [SourceID: Source] = [:]
        var zones = SourceZones()
        let sourcesReader = b.reader(
            "sources.csv", ["id", "name", "kind", "zone", "city", "lead_days", "stock_as_of"], optional: ["pickup", "public_name"])
        for row in sourcesReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let kind = row.choice("kind", SourceKind.self),
                let zone = row.text("zone"), let city = row.text("city"), let lead = row.integer("lead_days", range: 0...365),
                let asOf = row.moment("stock_as_of", defaultOffset: offset)
            else { continue }
            // Whether customers may collect there: the optional `pickup` column, warehouses by default.
            let pickup = row.optionalText("pickup") == nil ? nil : row.bool("pickup")
            if sources[SourceID(id)] != nil {
                row.fail("id", Message("duplicate.source", .text(id)))
                continue
            }
            b.refs.check(city, in: "cities.csv", what: "city", row: row, column: "city")
            zones.zones.insert(ZoneID(zone))
            var source = Source(
                id: SourceID(id), name: name, kind: kind, zone: ZoneID(zone), city: CityID(city), leadDays: Int(lead), stockAsOf: asOf,
                allowsPickup: pickup)
            // What the customer is told about it (optional): "склад в Химках", "с завода-изготовителя".
            source.publicName = row.optionalText("public_name")
            sources[SourceID(id)] = source
        }
        b.refs.note("sources.csv", reader: sourcesReader, column: "id", defined: sources.keys.lazy.map(\.rawValue))
        zones.list = zones.zones.map(\.rawValue).sorted().joined(separator: ", ")
        zones.named = sourcesReader.isSound ? Set(sourcesReader.values(of: "zone")) : nil
        return (sources, zones)
    }
}
