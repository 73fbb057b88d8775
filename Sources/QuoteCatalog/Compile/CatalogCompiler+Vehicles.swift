import QuoteCore

extension CatalogCompiler {
    /// Reads vehicles.csv: each vehicle class once, a flatbed with pallet places; sorted by id.
    static func readVehicles(_ b: Build) -> [Vehicle] {
        var vehicles: [Vehicle] = []
        let vehiclesReader = b.reader("vehicles.csv", ["id", "name", "body", "payload_kg", "pallet_places", "crane"])
        for row in vehiclesReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let body = row.choice("body", VehicleBody.self),
                let payload = row.integer("payload_kg", range: 1...100_000), let places = row.integer("pallet_places", range: 0...100),
                let crane = row.bool("crane")
            else { continue }
            if vehicles.contains(where: { $0.id.rawValue == id }) {
                row.fail("id", Message("duplicate.vehicle", .text(id)))
                continue
            }
            if body == .flatbed && places == 0 { row.fail("pallet_places", Message("vehicles.flatbed_places")) }
            vehicles.append(Vehicle(id: VehicleID(id), name: name, body: body, payloadKg: payload, palletPlaces: places, crane: crane))
        }
        vehicles.sort { $0.id < $1.id }
        b.refs.note("vehicles.csv", reader: vehiclesReader, column: "id", defined: vehicles.map(\.id.rawValue))
        return vehicles
    }
}
