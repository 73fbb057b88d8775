import Testing

@testable import QuoteCore

/// The catalog's tariffs held by route (`TariffTable`), and the engine reading a route's rows.
@Suite struct TariffTableTests {
    static func tariff(_ zone: ZoneID, _ city: CityID?, _ vehicle: VehicleID, base rub: Int64) -> Tariff {
        Tariff(
            key: TariffKey(zone: zone, city: city, vehicle: vehicle), basePrice: Fixture.money(rub), includedKm: 1_000, perKm: .zero,
            minCharge: .zero)
    }

    /// Rows are set, replaced and removed by key; `count` follows, and a route's rows are its own.
    @Test func rowsAreKeptByRoute() {
        var table: TariffTable = [:]
        for t in [
            Self.tariff("A", nil, "T10", base: 5_000), Self.tariff("A", nil, "T20", base: 8_000),
            Self.tariff("A", "x", "T10", base: 4_000),
        ] {
            table[t.key] = t
        }
        #expect(table.count == 3)
        #expect(table.rows(zone: "A", city: nil).map(\.key.vehicle).sorted() == ["T10", "T20"])
        #expect(table.rows(zone: "A", city: "x").map(\.basePrice) == [Fixture.money(4_000)])
        #expect(table.rows(zone: "B", city: nil).isEmpty)
        // Replaced in place: still three rows.
        let key = TariffKey(zone: "A", city: nil, vehicle: "T20")
        table[key] = Self.tariff("A", nil, "T20", base: 9_000)
        #expect(table.count == 3)
        #expect(table[key]?.basePrice == Fixture.money(9_000))
        // Removed: two rows, and the city's route is gone with its last row.
        table[TariffKey(zone: "A", city: "x", vehicle: "T10")] = nil
        #expect(table.count == 2)
        #expect(table.rows(zone: "A", city: "x").isEmpty)
        #expect(table.keys.map(\.vehicle).sorted() == ["T10", "T20"])
        #expect(Set(table.map(\.value.basePrice.kopecks)) == [500_000, 900_000])
    }

    /// A city's own row wins over its zone's rule for that truck class. 1 000 bricks are 1 200 sold
    /// (multiples of 400), 3 pallets, 4 320 kg: one T10 trip from WH (zone A, 100 km). By the zone's
    /// rule that trip is 5 000 + 50 × (100 − 50) = 7 500.00; x's own row makes it 4 000.00 flat.
    @Test func aCitysOwnRowPricesTheTrip() throws {
        var c = Fixture.catalog
        let own = Self.tariff("A", "x", "T10", base: 4_000)
        c.tariffs[own.key] = own
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: c)
        let s = try #require(q.shipments.first)
        #expect(s.vehicles.map(\.vehicle) == ["T10"])
        #expect(s.vehicles.first?.tripPrice == Fixture.money(4_000))
        // Without it, the zone's rule again.
        c.tariffs[own.key] = nil
        let ruled = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: c)
        #expect(ruled.shipments.first?.vehicles.first?.tripPrice == Fixture.money(7_500))
    }
}
