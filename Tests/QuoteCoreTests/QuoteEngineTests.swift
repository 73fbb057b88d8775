import Testing

@testable import QuoteCore

@Suite struct QuoteEngineTests {
    /// 1 000 bricks to X on Tuesday 2026-12-01 at 10:00.
    /// - Sold: 1 000 rounded up to whole pallets of 400 = 1 200 (3 pallets), 1 200 × 3.6 kg = 4 320 kg.
    /// - Price: below 4 000, so 20.00: net 24 000.00, VAT 22 % 5 280.00.
    /// - WH and PL can both supply 1 200. A pallet weighs 400 × 3.6 = 1 440 kg, so a T10 takes
    ///   min(14, ⌊10 000 / 1 440⌋) = 6 pallets: one T10 carries 3. From WH (zone A) it costs 7 500.00,
    ///   from PL (zone B) 11 000.00 → WH. Delivery VAT 7 500 × 22 % = 1 650.00.
    /// - Totals: net 24 000 + 7 500 = 31 500.00; VAT 5 280 + 1 650 = 6 930.00; gross 38 430.00.
    /// - Date: before the 14:00 cut-off, lead 0, same-day route → Tuesday 2026-12-01.
    @Test func oneLineFromTheWarehouse() throws {
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: Fixture.catalog)
        let line = try #require(q.lines.first)
        #expect(line.quantity == Quantity(whole: 1_200))
        #expect(line.pallets == 3 && line.weightGrams == 4_320_000)
        #expect(line.unitPrice == UnitPrice(Fixture.money(20)))
        #expect(line.net == Fixture.money(24_000) && line.vat == Fixture.money(5_280))
        #expect(line.allocations.map(\.source) == ["WH"])
        let shipment = try #require(q.shipments.first)
        #expect(shipment.vehicles.map(\.vehicle) == ["T10"] && shipment.vehicles.map(\.count) == [1])
        #expect(shipment.cost == Fixture.money(7_500) && shipment.vat == Fixture.money(1_650))
        #expect(q.totals.net == Fixture.money(31_500))
        #expect(q.totals.vat == Fixture.money(6_930))
        #expect(q.totals.gross == Fixture.money(38_430))
        #expect(q.deliveryDate == Fixture.date("2026-12-01"))
        #expect(q.alternatives.isEmpty)  // the warehouse is also the fastest
        // One T10 carries 6 of these pallets: room for 3 more.
        #expect(q.hints.map(\.code) == ["truck_room"])
        #expect(q.hints.first?.message.contains("room for 3 more pallets") == true)
        // Valid 3 business days: to the end of Friday 2026-12-04, unless stock goes stale first
        // (stock as of 2026-12-01 08:00 + 48 h = 2026-12-03 08:00, which is earlier).
        #expect(q.validUntil.description == "2026-12-03T08:00:00+03:00")
    }

    /// 5 000 bricks: 5 200 sold (13 pallets, 18 720 kg). WH has only 2 000, so PL.
    /// - Price: the 4 000+ tier, 19.00: net 98 800.00, VAT 21 736.00.
    /// - Trucks from zone B: 13 pallets need three T10 (3 × 11 000 = 33 000) or one T20 (13 places of
    ///   1 440 kg fit: ⌊20 000 / 1 440⌋ = 13) at 17 000 → one T20, VAT 3 740.00.
    /// - Date: ready Tue + 2 business days = Thu 2026-12-03, plus 1 day on the road = Fri 2026-12-04.
    /// - Totals: net 115 800.00, VAT 25 476.00, gross 141 276.00.
    @Test func tierPriceAndOneBigTruck() throws {
        let q = try QuoteEngine.quote(Fixture.request([("kirpich", 5_000, "pcs")]), catalog: Fixture.catalog)
        let line = try #require(q.lines.first)
        #expect(line.quantity == Quantity(whole: 5_200) && line.pallets == 13)
        #expect(line.unitPrice == UnitPrice(Fixture.money(19)))
        #expect(line.net == Fixture.money(98_800) && line.vat == Fixture.money(21_736))
        #expect(line.allocations.first?.readyDate == Fixture.date("2026-12-03"))
        #expect(q.shipments.first?.vehicles.map(\.vehicle) == ["T20"])
        #expect(q.shipments.first?.cost == Fixture.money(17_000))
        #expect(q.deliveryDate == Fixture.date("2026-12-04"))
        #expect(q.totals.net == Fixture.money(115_800))
        #expect(q.totals.vat == Fixture.money(25_476))
        #expect(q.totals.gross == Fixture.money(141_276))
    }

    /// The VAT rate follows the quote's date: 20 % on 2025-12-31, 22 % from 2026-01-01.
    /// 1 200 bricks at 20.00 = 24 000.00 → VAT 4 800.00, then 5 280.00.
    @Test(arguments: [("2025-12-31T10:00:00+03:00", Int64(4_800)), ("2026-01-01T10:00:00+03:00", 5_280)])
    func vatRateSwitch(asOf: String, vat: Int64) throws {
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], asOf: asOf), catalog: Fixture.catalog)
        #expect(q.lines.first?.vat == Fixture.money(vat))
    }

    /// Pickup: no delivery cost. PL is a supplier, which does not let customers collect unless the
    /// catalog says so, so the pickup point is WH, ready the same day; nothing faster to offer.
    @Test func pickup() throws {
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], city: nil, pickup: true), catalog: Fixture.catalog)
        #expect(q.shipments.allSatisfy { $0.vehicles.isEmpty && $0.cost == .zero })
        #expect(q.lines.first?.allocations.map(\.source) == ["WH"])
        #expect(q.totals.net == Fixture.money(24_000))
        #expect(q.deliveryDate == Fixture.date("2026-12-01"))
        #expect(q.alternatives.isEmpty)
    }

    /// Bulk goods go in tippers: 17 t of sand from Q (zone A) in one TIP at 9 000.00; ready a business
    /// day later (lead 1) on Wednesday 2026-12-02. Net 17 000.00 + 9 000.00 = 26 000.00.
    @Test func bulkInATipper() throws {
        let q = try QuoteEngine.quote(Fixture.request([("sand", 17, "t")]), catalog: Fixture.catalog)
        #expect(q.shipments.first?.vehicles.map(\.vehicle) == ["TIP"])
        #expect(q.totals.net == Fixture.money(26_000))
        #expect(q.totals.weightGrams == 17_000_000)
        #expect(q.deliveryDate == Fixture.date("2026-12-02"))
    }

    /// Bricks and sand in one request travel separately (a flatbed and a tipper).
    @Test func twoLinesTwoShipments() throws {
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil), ("sand", 17, "t")]), catalog: Fixture.catalog)
        #expect(q.shipments.count == 2)
        // 24 000 + 7 500 (bricks, T10 from WH) + 17 000 + 9 000 (sand, TIP from Q) = 57 500.00
        #expect(q.totals.net == Fixture.money(57_500))
        #expect(q.deliveryDate == Fixture.date("2026-12-02"))
    }

    @Test func sameInputsSameQuote() throws {
        let a = try QuoteEngine.quote(Fixture.request([("brick", 5_000, nil)]), catalog: Fixture.catalog)
        let b = try QuoteEngine.quote(Fixture.request([("brick", 5_000, nil)]), catalog: Fixture.catalog)
        #expect(a.json() == b.json())
        #expect(a.quoteId.count == 11 && a.quoteId.hasPrefix("Q-"))
        let c = try QuoteEngine.quote(Fixture.request([("brick", 5_001, nil)]), catalog: Fixture.catalog)
        #expect(c.quoteId != a.quoteId)
    }

    @Test func errors() {
        let catalog = Fixture.catalog
        func code(_ r: QuoteRequest) -> QuoteError.Code? {
            do {
                _ = try QuoteEngine.quote(r, catalog: catalog)
                return nil
            } catch { return error.code }
        }
        #expect(code(Fixture.request([("brick", 1_000, nil)], city: nil)) == .missingCity)
        #expect(code(Fixture.request([("brik", 1_000, nil)])) == .unknownProduct)
        #expect(code(Fixture.request([("brick", 1_000, nil)], city: "y")) == .unknownCity)
        #expect(code(Fixture.request([("brick", 0, nil)])) == .invalidQuantity)
        #expect(code(Fixture.request([("brick", 1_000, "t3")])) == .invalidUnit)
        #expect(code(Fixture.request([("sand", 1_000, "pal")])) == .invalidUnit)
        #expect(code(Fixture.request([("brick", 1_000_000_000_000, nil)])) == .quantityTooLarge)
        var empty = catalog
        empty.offers["BRICK"] = []
        do {
            _ = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: empty)
            Issue.record("expected not_available")
        } catch {
            #expect(error.code == .notAvailable)
        }
        #expect(code(Fixture.request([])) == .emptyRequest)
    }

    @Test func unknownNamesSuggestCandidates() {
        #expect(
            throws: QuoteError(.unknownProduct, Message("product.unknown", .text("brik")), field: "items[0].product", candidates: ["BRICK"])
        ) {
            try QuoteEngine.quote(Fixture.request([("brik", 1_000, nil)]), catalog: Fixture.catalog)
        }
        do {
            _ = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], city: "Ikss"), catalog: Fixture.catalog)
            Issue.record("expected an error")
        } catch {
            #expect(error.candidates == ["Iks", "Икс"])  // "ikss" is one edit from both keys
        }
    }
}
