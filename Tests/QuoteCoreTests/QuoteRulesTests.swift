import Testing

@testable import QuoteCore

/// The rules a careful estimator, logistician and accountant check: exact conversions, the two
/// calendars, VAT on the shipment date, validity, needed-by dates, pickup points, what stands in the
/// way of an order, and prices below the kopeck. Every number is derived by hand in the comments,
/// against `Fixture.catalog` (its numbers are in `Fixture.swift`).
@Suite struct QuoteRulesTests {
    static let block = Product(
        sku: "BLOCK", name: "Блок", nameEn: "Block", group: "block", kind: .block, unit: .pieces,
        dimensionsMM: (600, 375, 250), unitWeightGrams: 30_900, perPallet: Quantity(whole: 32),
        saleMultiple: Quantity(whole: 32), densityKgM3: nil, palletDeposit: .zero)

    // MARK: - Exact conversions

    /// A 600×250 face is 0.15 m², so 1 / 0.15 = 6.666… blocks per m²: 6 m² is exactly 40 (not
    /// 6 × 6.667 = 40.002, which would round up to 41 and a second pallet); 9 m² is exactly 60.
    @Test(arguments: [(Int64(6), Int64(40_000)), (9, 60_000), (4, 26_667)])
    func wallOfBlocksIsExact(area: Int64, milliPieces: Int64) throws {
        let rate = try #require(Masonry.squareMetreRate(Self.block, joint: 0))
        #expect(rate == Masonry.Rate(numerator: 1_000_000, denominator: 150_000))
        // 4 m² ÷ 0.15 = 26.666… → 26.667 (rounded up once)
        #expect(rate.pieces(for: Quantity(whole: area)) == Quantity(milli: milliPieces))
    }

    /// 600×375×250 mm is 0.05625 m³, 17.777… blocks per m³ (17.778 rounded): 1.8 m³ is exactly 32
    /// blocks, one pallet, where 1.8 × 17.778 = 32.0004 would have sold two.
    @Test func cubicMetresOfBlocksAreExact() throws {
        let sold = OrderUnit.cubicMetres.toSellingUnits(Quantity(milli: 1_800), of: Self.block, jointMM: 0)
        #expect(sold == Quantity(whole: 32))
        #expect(Masonry.piecesPerCubicMetre(Self.block, joint: 0) == Quantity(milli: 17_778))
    }

    /// Waste is applied in the same step: 6 m² × 6.666… × 1.05 = 42 exactly (not ⌈40.002⌉ × 1.05).
    @Test func wasteIsAppliedBeforeTheOneRounding() throws {
        let wall = Wall(area: Quantity(whole: 6), thickness: nil, waste: Quantity(whole: 5))
        let (need, _) = try QuoteEngine.wallNeed(wall, of: Self.block, catalogJoint: 10, field: "items[0].wall")
        #expect(need == Quantity(whole: 42))
    }

    // MARK: - Calendars

    /// Victory Day 2026 is a Saturday: a holiday listed on a weekend is no working day and no delivery
    /// day. A weekday holiday is both a holiday and a day off; a working Saturday is a working day.
    @Test func holidaysOnAnyWeekday() throws {
        let cal = BusinessCalendar(
            holidays: [Fixture.date("2026-05-09"), Fixture.date("2026-05-11")], workingWeekends: [Fixture.date("2026-11-07")])
        #expect(cal.isHoliday(Fixture.date("2026-05-09")) && !cal.isBusinessDay(Fixture.date("2026-05-09")))
        #expect(cal.isHoliday(Fixture.date("2026-05-11")) && !cal.isBusinessDay(Fixture.date("2026-05-11")))
        #expect(!cal.isHoliday(Fixture.date("2026-05-10")) && !cal.isBusinessDay(Fixture.date("2026-05-10")))
        #expect(cal.isBusinessDay(Fixture.date("2026-11-07")))
        #expect(cal.coveredYears == 2026...2026)
    }

    /// City X served every day; WH's route takes a day. Ordered Friday 2026-05-08 at 10:00 (a working
    /// day), ready the same day, on the road one day: Saturday 05-09 is Victory Day, so the goods
    /// arrive Sunday 05-10 — a weekend day, so with the weekend surcharge — never on the holiday.
    @Test func noDeliveryOnAWeekendHoliday() throws {
        var c = Fixture.catalog
        c.calendar = BusinessCalendar(holidays: [Fixture.date("2026-05-09"), Fixture.date("2026-05-11")])
        c.cities["x"]?.deliveryDays = WeekdaySet(Weekday.allCases)
        c.routes[RouteKey(zone: "A", city: "x")]?.transitDays = 1
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], asOf: "2026-05-08T10:00:00+03:00"), catalog: c)
        #expect(q.deliveryDate == Fixture.date("2026-05-10"))
        #expect(q.shipments.first?.surcharges.isEmpty == true)  // the fixture's weekend surcharge is 0 %
    }

    /// The calendar lists 2026 only. As of 2026-12-29 the quote holds 3 business days, to 2027-01-01,
    /// a year the calendar does not cover: warned. As of 2026-12-01 every date is in 2026: no warning.
    @Test func datesOutsideTheCalendarAreWarned() throws {
        var c = Fixture.catalog
        c.calendar = BusinessCalendar(holidays: [Fixture.date("2026-12-31")])
        let late = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], asOf: "2026-12-29T10:00:00+03:00"), catalog: c)
        #expect(late.warnings.map(\.code).contains("calendar_not_covered"))
        let early = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: c)
        #expect(!early.warnings.map(\.code).contains("calendar_not_covered"))
    }

    // MARK: - VAT on the shipment date

    /// Quoted on Wednesday 2025-12-31 at 15:00, past the 14:00 cut-off: the order counts from Thursday
    /// 2026-01-01 (the fixture lists no holidays), when WH delivers. Shipped in 2026, so 22 %: goods
    /// 1 200 × 20.00 = 24 000.00 → 5 280.00; the T10 trip from A, 7 500.00 → 1 650.00. Before the
    /// cut-off the same request is delivered on 2025-12-31 and taxed at 20 %: 4 800.00 and 1 500.00.
    @Test(arguments: [
        ("2025-12-31T15:00:00+03:00", Int64(5_280), Int64(1_650), Int32(2_200)), ("2025-12-31T10:00:00+03:00", 4_800, 1_500, 2_000),
    ])
    func vatFollowsTheShipmentDate(asOf: String, goodsVAT: Int64, deliveryVAT: Int64, rate: Int32) throws {
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], asOf: asOf), catalog: Fixture.catalog)
        #expect(q.lines.first?.vat == Fixture.money(goodsVAT))
        #expect(q.lines.first?.vatRate == Rate(basisPoints: rate))
        #expect(q.shipments.first?.vat == Fixture.money(deliveryVAT))
        #expect(q.shipments.first?.vatRate == Rate(basisPoints: rate))
        #expect(q.totals.vat == Fixture.money(goodsVAT + deliveryVAT))
    }

    // MARK: - Validity

    /// The price list's last day is 2026-12-31. As of 2027-01-11 it has expired: a warning, and the
    /// quote is valid for the moment it is made, never before it.
    @Test func expiredPriceListIsLoud() throws {
        var c = Fixture.catalog
        c.settings.priceListValidUntil = Fixture.date("2026-12-31")
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], asOf: "2027-01-11T10:00:00+03:00"), catalog: c)
        #expect(q.warnings.map(\.code).contains("price_list_expired"))
        #expect(q.validUntil == Fixture.moment("2027-01-11T10:00:00+03:00"))
        #expect(q.validUntil >= q.asOf)
    }

    // MARK: - Needed-by dates

    /// WH's small trucks made dear: from A a T10 costs 20 000 + 50 × 50 = 22 500.00, so WH's cheapest
    /// truck for 2 000 bricks (5 pallets, 7.2 t) is a T20 at 8 000 + 80 × 50 = 12 000.00, arriving Tue
    /// 12-01; from PL a T10 costs 5 000 + 20 × 300 = 11 000.00, arriving Fri 12-04 (ready Thu after 2
    /// days, 1 day on the road). Cheapest alone takes PL; by 12-02 the cheapest plan that arrives in
    /// time is WH, with no warning.
    static var dearWarehouse: Catalog {
        var c = Fixture.catalog
        let key = TariffKey(zone: "A", city: nil, vehicle: "T10")
        c.tariffs[key]?.basePrice = Fixture.money(20_000)
        return c
    }

    @Test func neededByIsAConstraint() throws {
        let free = try QuoteEngine.quote(Fixture.request([("brick", 2_000, nil)]), catalog: Self.dearWarehouse)
        #expect(free.lines.first?.allocations.map(\.source) == ["PL"])
        #expect(free.deliveryDate == Fixture.date("2026-12-04"))
        for strategy in Strategy.allCases {
            var r = Fixture.request([("brick", 2_000, nil)], strategy: strategy)
            r.by = Fixture.date("2026-12-02")
            let q = try QuoteEngine.quote(r, catalog: Self.dearWarehouse)
            #expect(q.lines.first?.allocations.map(\.source) == ["WH"], "\(strategy)")
            #expect(q.deliveryDate == Fixture.date("2026-12-01"))
            #expect(q.shipments.first?.cost == Fixture.money(12_000))
            #expect(!q.warnings.map(\.code).contains("late"))
        }
    }

    /// 2 400 bricks are more than WH's 2 000, so every plan uses PL and arrives Fri 12-04 at the
    /// earliest: by 12-02 cannot be met, and the warning names the true earliest date, the plan's own.
    @Test func impossibleNeededByNamesTheEarliestDate() throws {
        var r = Fixture.request([("brick", 2_400, nil)])
        r.by = Fixture.date("2026-12-02")
        let q = try QuoteEngine.quote(r, catalog: Self.dearWarehouse)
        #expect(q.deliveryDate == Fixture.date("2026-12-04"))
        let late = try #require(q.warnings.first { $0.code == "late" })
        #expect(late.message.contains("2026-12-04"))
        #expect(!late.message.contains("2026-12-01"))
    }

    // MARK: - Pickup

    /// Only sources that allow pickup are pickup points: PL is a supplier (no pickup by default), so
    /// the customer collects 1 200 bricks at WH, ready the same day, 2026-12-01.
    @Test func pickupOnlyWhereAllowed() throws {
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], city: nil, pickup: true), catalog: Fixture.catalog)
        #expect(q.lines.first?.allocations.map(\.source) == ["WH"])
        #expect(q.deliveryDate == Fixture.date("2026-12-01"))
        #expect(q.shipments.allSatisfy { $0.vehicles.isEmpty && $0.cost == .zero })
    }

    /// With PL open for pickup and the customer in X: WH (zone A) is 100 km away, PL (zone B) 300 km.
    /// The nearest wins even though PL buys cheaper (9.00 against 10.00). 2 400 bricks are more than
    /// WH has: one trip to PL (300 km) beats two pickup points (100 + 300 km).
    @Test func pickupFromTheNearestPoint() throws {
        var c = Fixture.catalog
        c.sources["PL"]?.allowsPickup = true
        let near = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], pickup: true), catalog: c)
        #expect(near.lines.first?.allocations.map(\.source) == ["WH"])
        let big = try QuoteEngine.quote(Fixture.request([("brick", 2_400, nil)], pickup: true), catalog: c)
        #expect(big.lines.first?.allocations.map(\.source) == ["PL"])
        #expect(big.deliveryDate == Fixture.date("2026-12-03"))  // Tue + 2 business days
    }

    /// A named pickup point is used outright (by id or name); one that does not allow pickup, or that
    /// does not stock the product, is refused with the points that would do.
    @Test func namedPickupPoint() throws {
        var c = Fixture.catalog
        c.sources["PL"]?.allowsPickup = true
        var r = Fixture.request([("brick", 1_000, nil)], pickup: true)
        r.pickupSource = "plant"
        let q = try QuoteEngine.quote(r, catalog: c)
        #expect(q.lines.first?.allocations.map(\.source) == ["PL"])
        r.pickupSource = "PL"
        #expect(throws: QuoteError.self) { try QuoteEngine.quote(r, catalog: Fixture.catalog) }
        do {
            _ = try QuoteEngine.quote(r, catalog: Fixture.catalog)
        } catch {
            #expect(error.code == .pickupNotAllowed && error.candidates == ["WH"])
        }
        r.pickupSource = "Q"  // the quarry has no bricks
        do {
            _ = try QuoteEngine.quote(r, catalog: c)
            Issue.record("a source without the product was accepted")
        } catch {
            #expect(error.code == .unknownSource)
        }
    }

    // MARK: - What stands in the way

    /// Without WH, 400 bricks can come only from PL, whose minimum order is 1 200: the error says so
    /// and names 1 200 as the quantity that works, not "ask for less".
    @Test func minimumOrderIsNamed() throws {
        var c = Fixture.catalog
        c.offers["BRICK"] = c.offers["BRICK"]?.filter { $0.source == "PL" }
        do {
            _ = try QuoteEngine.quote(Fixture.request([("brick", 400, nil)]), catalog: c)
            Issue.record("quoted below the minimum order")
        } catch {
            #expect(error.code == .notAvailable)
            #expect(error.message.contains("sells from 1,200 pcs (minimum order): 1,200 pcs would work"), "\(error.message)")
            #expect(!error.message.contains("Ask for less"))
        }
    }

    /// The obstacles one by one: a multiple (PL sells in 400s: 1 300 → 1 600 would work) and stock
    /// (WH has 2 000: at most 2 000 from it).
    @Test func obstaclesSayWhatWouldWork() throws {
        let offers = try #require(Fixture.catalog.offers["BRICK"])
        let brick = try #require(Fixture.catalog.products["BRICK"])
        let en = MessageRenderer(.en), ru = MessageRenderer(.ru)
        let multiple = QuoteEngine.obstacle(offers[0], name: "PL", asked: Quantity(whole: 1_300), product: brick)
        let stock = QuoteEngine.obstacle(offers[1], name: "WH", asked: Quantity(whole: 2_400), product: brick)
        #expect(en.render(multiple) == "PL sells in multiples of 400 pcs: 1,600 pcs would work")
        #expect(en.render(stock) == "WH has 2,000 pcs in stock: at most 2,000 pcs from it")
        #expect(ru.render(multiple) == "PL продаёт кратно 400 шт: подойдёт 1 600 шт")
        #expect(ru.render(stock) == "у WH в наличии 2 000 шт: оттуда не больше 2 000 шт")
    }

    // MARK: - Prices below the kopeck

    /// 17 575.50 per 1 000 bricks is 17.5755 a piece: 1 200 pieces are 21 090.60 exactly (rounded to
    /// the kopeck once), not 1 200 × 17.58 = 21 096.00. Shown as given: "17.5755" a piece, "17575.5000"
    /// per 1 000 in the list's own terms.
    @Test func pricePerThousand() throws {
        var c = Fixture.catalog
        let price = UnitPrice(units: 175_755_000, per: 1_000, decimals: 2)
        c.prices["BRICK"] = PriceList(base: [PriceTier(minQuantity: .zero, price: price)])
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: c)
        let line = try #require(q.lines.first)
        #expect(line.net == Money(kopecks: 2_109_060))
        #expect(line.unitPrice.decimalString == "17.5755")
        #expect(line.unitPrice.statedString == "17575.50")
        // VAT on the exact amount: 21 090.60 × 22 % = 4 639.932 → 4 639.93.
        #expect(line.vat == Money(kopecks: 463_993))
    }

    /// A four-decimal price with the builder's 5 % discount: 17.5755 × 0.95 = 16.696725 → 16.6967 (its
    /// own four decimals, half-up); 1 200 × 16.6967 = 20 036.04.
    @Test func discountKeepsTheStatedDecimals() throws {
        let list = UnitPrice(units: 175_755, per: 1, decimals: 4)
        let (price, _) = Pricing.discounted(list, group: Rate(basisPoints: 500), manual: Rate(basisPoints: 0))
        #expect(price.units == 166_967)
        #expect(price.amount(for: Quantity(whole: 1_200)) == Money(kopecks: 2_003_604))
        // A kopeck price keeps rounding to the kopeck: 20.00 × 0.93 = 18.60.
        let kopecks = Pricing.discounted(UnitPrice(Fixture.money(20)), group: Rate(basisPoints: 0), manual: Rate(basisPoints: 700)).price
        #expect(kopecks == UnitPrice(Money(kopecks: 1_860)))
    }
}
