import QuoteCore

extension CatalogCompiler {
    /// Reads tariffs.csv: each tariff of a zone (to one known city, or to any) for a known vehicle class once.
    static func readTariffs(_ b: Build, zones: SourceZones) -> [TariffKey: Tariff] {
        var tariffs: [TariffKey: Tariff] = [:]
        for row in b.reader("tariffs.csv", ["zone", "city", "vehicle", "base_price", "included_km", "per_km", "min_charge"]).rows {
            guard let zone = row.text("zone"), let vehicle = row.text("vehicle") else { continue }
            let city = row.optionalText("city")
            let knownZone = zones.check(zone, row)
            let knownVehicle = b.refs.check(vehicle, in: "vehicles.csv", what: "vehicle", row: row, column: "vehicle")
            let knownCity = city.map { b.refs.check($0, in: "cities.csv", what: "city", row: row, column: "city") } ?? true
            guard knownZone, knownVehicle, knownCity else { continue }
            guard let basePrice = row.money("base_price"),
                let included = row.integer("included_km", required: false, range: 0...20_000) ?? Optional(0),
                let perKm = row.money("per_km", required: false) ?? Optional(.zero),
                let minCharge = row.money("min_charge", required: false) ?? Optional(.zero)
            else { continue }
            let key = TariffKey(zone: ZoneID(zone), city: city.map { CityID($0) }, vehicle: VehicleID(vehicle))
            if tariffs[key] != nil {
                row.fail(
                    "vehicle",
                    Message("tariffs.twice", .text(zone), city.map { .text($0) } ?? .message(Message("tariffs.any_city")), .text(vehicle)))
                continue
            }
            tariffs[key] = Tariff(key: key, basePrice: basePrice, includedKm: included, perKm: perKm, minCharge: minCharge)
        }
        return tariffs
    }
}
