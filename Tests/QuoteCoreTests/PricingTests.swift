import Testing

@testable import QuoteCore

/// Price rules on the hand-written fixture (see Fixture.swift for its numbers).
@Suite struct PricingTests {
    /// The fixture with bricks sold by the piece (sale multiple 1) and the plant taking any quantity, so
    /// tier boundaries can be hit exactly.
    static var loose: Catalog {
        var c = Fixture.catalog
        c.products["BRICK"]?.saleMultiple = Quantity(whole: 1)
        c.offers["BRICK"] = c.offers["BRICK"]?.map {
            var o = $0
            o.minOrder = .zero
            o.orderMultiple = .zero
            return o
        }
        c.productGroups = [
            "brick": ProductGroup(id: "brick", name: "Bricks", maxDiscount: Rate(basisPoints: 700), minMargin: Rate(basisPoints: 800)),
            "bulk": ProductGroup(id: "bulk", name: "Bulk", maxDiscount: Rate(basisPoints: 500), minMargin: Rate(basisPoints: 1_000)),
        ]
        c.customers = [
            "C1": Customer(
                id: "C1", name: "Builder Ltd", group: "builder", creditDays: 14, creditLimit: Money(kopecks: 10_000_000),
                balance: Money(kopecks: 9_000_000)),
            "C2": Customer(id: "C2", name: "Walk-in", group: "retail", creditDays: 0, creditLimit: .zero, balance: .zero),
        ]
        c.discounts = [DiscountKey(customerGroup: "builder", productGroup: "brick"): Rate(basisPoints: 500)]
        return c
    }

    static func quote(
        _ items: [(String, Int64, String?)], catalog: Catalog = loose, customer: String? = nil, discount: Int32? = nil,
        asOf: String = "2026-12-01T10:00:00+03:00"
    ) throws(QuoteError) -> Quote {
        var r = Fixture.request(items, asOf: asOf)
        r.customer = customer
        r.discount = discount.map(Rate.init(basisPoints:))
        return try QuoteEngine.quote(r, catalog: catalog)
    }

    /// The whole quantity takes the tier's price: 3 999 at 20.00, 4 000 at 19.00.
    @Test(arguments: [(Int64(3_999), Int64(20_00)), (4_000, 19_00), (4_001, 19_00)])
    func tierBoundaries(quantity: Int64, price: Int64) throws {
        let q = try Self.quote([("brick", quantity, nil)])
        #expect(q.lines.first?.unitPrice == UnitPrice(Money(kopecks: price)))
        #expect(q.lines.first?.net == Money(kopecks: price * quantity))
    }

    /// A region with its own list uses it whole: X is in region R, whose list says 18.00 from 0.
    @Test func regionalListWins() throws {
        var c = Self.loose
        c.prices["BRICK"] = PriceList(
            base: [
                PriceTier(minQuantity: .zero, price: Fixture.money(20)),
                PriceTier(minQuantity: Quantity(whole: 4_000), price: Fixture.money(19)),
            ],
            regional: ["R": [PriceTier(minQuantity: .zero, price: Fixture.money(18))]])
        let q = try Self.quote([("brick", 5_000, nil)], catalog: c)
        #expect(q.lines.first?.unitPrice == UnitPrice(Fixture.money(18)))
        #expect(q.lines.first?.priceRegion == "R")
    }

    /// Builder group: 5 % on bricks: 20.00 × 0.95 = 19.00. A 3 % manual discount on top:
    /// 20.00 × 0.95 × 0.97 = 18.43; combined 1 − 0.95 × 0.97 = 7.85 %.
    @Test func groupAndManualDiscounts() throws {
        let group = try Self.quote([("brick", 1_000, nil)], customer: "C1")
        #expect(group.lines.first?.unitPrice == UnitPrice(Money(kopecks: 19_00)))
        #expect(group.lines.first?.listPrice == UnitPrice(Money(kopecks: 20_00)))
        let both = try Self.quote([("brick", 1_000, nil)], customer: "C1", discount: 300)
        #expect(both.lines.first?.unitPrice == UnitPrice(Money(kopecks: 18_43)))
        #expect(both.lines.first?.discount == Rate(basisPoints: 785))
        #expect(both.lines.first?.net == Money(kopecks: 1_843_000))  // 1 000 × 18.43
        // Retail has no group discount; a manual one alone: 20.00 × 0.93 = 18.60.
        let manual = try Self.quote([("brick", 1_000, nil)], customer: "C2", discount: 700)
        #expect(manual.lines.first?.unitPrice == UnitPrice(Money(kopecks: 18_60)))
    }

    @Test func manualDiscountOverTheCapIsRefused() {
        do {
            _ = try Self.quote([("brick", 1_000, nil)], discount: 800)
            Issue.record("expected discount_too_large")
        } catch {
            #expect(error.code == .discountTooLarge)
            #expect(error.candidates == ["7"])
            #expect(error.message.contains("7 % cap"))
        }
    }

    @Test func unknownCustomerIsABadRequest() {
        #expect(throws: QuoteError.self) { try Self.quote([("brick", 1_000, nil)], customer: "C9") }
    }

    /// Returnable pallets: 1 200 bricks = 3 pallets × 200.00 = 600.00, a line of its own, no VAT.
    @Test func palletDeposit() throws {
        var c = Fixture.catalog
        c.products["BRICK"]?.palletDeposit = Fixture.money(200)
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: c)
        let deposit = try #require(q.lines.last)
        #expect(deposit.kind == .deposit)
        #expect(deposit.quantity == Quantity(whole: 3))
        #expect(deposit.net == Fixture.money(600) && deposit.vat == .zero)
        // 24 000 + 600 + 7 500 delivery = 32 100.00 net; VAT unchanged 6 930.00.
        #expect(q.totals.net == Fixture.money(32_100))
        #expect(q.totals.vat == Fixture.money(6_930))
        #expect(q.totals.pallets == 3)
    }

    /// VAT is rounded per line, and the totals add the rounded lines: two lines of 17 t of sand at
    /// 1 000.25 are 17 004.25 each, VAT 3 740.935 → 3 740.94 each, 7 481.88 together; VAT on the sum
    /// (34 008.50 × 22 % = 7 481.87) would differ by a kopeck. Delivery: 34 t in two 25 t tippers
    /// (2 × 9 000 = 18 000, VAT 3 960.00). Totals VAT 7 481.88 + 3 960.00 = 11 441.88.
    @Test func vatRoundedPerLine() throws {
        var c = Fixture.catalog
        c.prices["SAND"] = PriceList(base: [PriceTier(minQuantity: .zero, price: Money(kopecks: 100_025))])
        let q = try QuoteEngine.quote(Fixture.request([("sand", 17, "t"), ("sand", 17, "t")]), catalog: c)
        #expect(q.lines.map(\.vat) == [Money(kopecks: 374_094), Money(kopecks: 374_094)])
        #expect(q.shipments.count == 1)  // one shipment: both lines come from the quarry
        #expect(q.shipments.first?.cost == Fixture.money(18_000))
        #expect(q.totals.vat == Money(kopecks: 1_144_188))
        #expect(q.totals.net == Money(kopecks: 5_200_850))  // 34 008.50 + 18 000.00
        #expect(q.totals.gross.kopecks == q.totals.net.kopecks + q.totals.vat.kopecks)
    }

    /// validUntil is the earliest of three limits. As of Tue 2026-12-01 10:00:
    /// - the quote validity, 3 business days: Fri 2026-12-04 23:59:59;
    /// - the stock going stale: stock as of 2026-12-01 08:00 + 48 h = 2026-12-03 08:00;
    /// - the price list's expiry, when it is sooner.
    @Test func validityByEachLimit() throws {
        var fresh = Fixture.catalog
        fresh.settings.stockFreshnessHours = 24 * 30
        #expect(
            try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: fresh).validUntil.description
                == "2026-12-04T23:59:59+03:00")
        #expect(
            try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: Fixture.catalog).validUntil.description
                == "2026-12-03T08:00:00+03:00")
        var expiring = fresh
        expiring.settings.priceListValidUntil = Fixture.date("2026-12-02")
        #expect(
            try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)]), catalog: expiring).validUntil.description
                == "2026-12-02T23:59:59+03:00")
    }

    /// Stock data older than the freshness limit gets a warning naming the source and its age:
    /// as of 2026-12-05 10:00, the stock of 2026-12-01 08:00 is 98 h old.
    @Test func staleStockWarns() throws {
        let q = try QuoteEngine.quote(Fixture.request([("brick", 1_000, nil)], asOf: "2026-12-05T10:00:00+03:00"), catalog: Fixture.catalog)
        let stale = try #require(q.warnings.first { $0.code == "stale_stock" })
        #expect(stale.message.contains("Warehouse"))
        #expect(stale.message.contains("98 h"))
    }

    /// C1 has 14 days of credit and a limit of 100 000.00 with 90 000.00 owed; this order's gross
    /// (1 000 bricks at 19.00 = 19 000 net … ) takes it over, so the quote warns; due = delivery + 14 days.
    @Test func creditTermsAndLimit() throws {
        let q = try Self.quote([("brick", 1_000, nil)], customer: "C1")
        #expect(!q.payment.isPrepayment)
        #expect(q.payment.dueDate == q.deliveryDate.adding(days: 14))
        // 1 000 × 19.00 = 19 000 + delivery (1 000 bricks = 3 pallets from WH on a T10: 7 500) = 26 500 net,
        // VAT 5 830.00, gross 32 330.00; 100 000 − 90 000 − 32 330 = −22 330.00.
        #expect(q.totals.gross == Fixture.money(32_330))
        #expect(q.payment.creditAvailableAfter == Fixture.money(-22_330))
        #expect(q.warnings.contains { $0.code == "credit_limit" })
        let retail = try Self.quote([("brick", 1_000, nil)], customer: "C2")
        #expect(retail.payment.isPrepayment && retail.payment.dueDate == nil)
        #expect(!retail.warnings.contains { $0.code == "credit_limit" })
    }

    /// The internal view: cost and margin per line, a warning under the group's floor, and none of it
    /// in customer-facing JSON. WH bricks cost 10.00: 1 000 at 20.00 → cost 10 000, margin 10 000 (50 %).
    @Test func internalView() throws {
        var c = Self.loose
        c.productGroups["brick"]?.minMargin = Rate(basisPoints: 6_000)  // a 60 % floor, to trip it
        let q = try Self.quote([("brick", 1_000, nil)], catalog: c)
        let l = try #require(q.lines.first)
        #expect(l.cost == Fixture.money(10_000) && l.margin == Fixture.money(10_000))
        #expect(l.marginPercent == "50.0")
        #expect(q.internalWarnings.map(\.code) == ["low_margin"])
        #expect(!q.warnings.contains { $0.code == "low_margin" })
        #expect(!q.json().contains("\"cost\":\"10000.00\"") && !q.json().contains("margin"))
        #expect(q.json(includeInternal: true).contains("\"margin\":\"10000.00\""))
        #expect(q.json(includeInternal: true).contains("low_margin"))
    }

    /// "+N completes the pallet": 1 000 loose bricks are 2 full pallets of 400 and 200 more → +200.
    /// Full pallets get no such hint.
    @Test func completePalletHint() throws {
        let part = try Self.quote([("brick", 1_000, nil)])
        #expect(part.hints.first { $0.code == "complete_pallet" }?.message == "BRICK: +200 pcs completes the last pallet.")
        let full = try Self.quote([("brick", 1_200, nil)])
        #expect(!full.hints.contains { $0.code == "complete_pallet" })
    }

    /// The next tier within a quarter: 3 500 at 20.00 = 70 000; 4 000 at 19.00 = 76 000, 6 000 more.
    /// 3 000 is too far from 4 000 (more than 25 % more) for a hint.
    @Test func priceTierHint() throws {
        let near = try Self.quote([("brick", 3_500, nil)])
        let hint = try #require(near.hints.first { $0.code == "price_tier" })
        #expect(hint.message == "BRICK: from 4,000 pcs the price drops to 19.00; 4,000 pcs (+500) would cost only 6,000.00 more (net).")
        #expect(
            MessageRenderer(.ru).render(hint.text)
                == "BRICK: от 4 000 шт цена снижается до 19,00; 4 000 шт (+500) обойдутся всего на 6 000,00 ₽ дороже (без НДС).")
        let far = try Self.quote([("brick", 3_000, nil)])
        #expect(!far.hints.contains { $0.code == "price_tier" })
    }

    /// A truck filled to its last place has no room to mention: 2 400 bricks = 6 pallets = one T10 (6 places).
    @Test func noTruckRoomHintForAFullTruck() throws {
        let q = try Self.quote([("brick", 2_000, nil)])  // 2 000 from WH, 5 pallets: room for 1
        #expect(q.hints.contains { $0.code == "truck_room" })
        let full = try Self.quote([("brick", 2_400, nil)])  // from PL (WH has 2 000): 6 pallets, T10 (6) → full
        #expect(!full.hints.contains { $0.code == "truck_room" })
    }
}
