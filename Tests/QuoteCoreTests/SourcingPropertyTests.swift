import SeededRandom
import Testing

@testable import QuoteCore

/// The engine's `cheapest` against a brute-force enumerator, on thousands of small random catalogs.
///
/// The enumerator (test code only, sharing nothing with the engine: it prices trucks with its own
/// dynamic programme, `cheapestTrucks`, not with `VehicleMix`) lists every way to supply every line —
/// each line split at whole pallets across any of its sources, the part pallet going whole to one of
/// them, every part a quantity its source can supply — groups the parts into shipments per source,
/// prices each with the cheapest trucks and VAT, and keeps the least total (then the least purchase
/// cost). The engine must find exactly that total, every time.
@Suite struct SourcingPropertyTests {
    struct Case {
        var catalog: Catalog
        var request: QuoteRequest
    }

    static func randomCase(_ rng: inout SplitMix64) -> Case {
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var c = Fixture.catalog
        c.vehicles = []
        c.tariffs = [:]
        c.routes = [:]
        c.sources = [:]
        c.offers = [:]
        c.products = [:]
        c.productNames = [:]
        c.prices = [:]
        // Trucks: 1–3 flatbed classes.
        for v in 0..<(1 + pick(3)) {
            let places = Int64(2 + pick(8))
            c.vehicles.append(
                Vehicle(
                    id: VehicleID("V\(v)"), name: "V\(v)", body: .flatbed, payloadKg: Int64(1_000 * (2 + pick(20))), palletPlaces: places,
                    crane: false))
        }
        // Sources: 1–3, each in its own zone with a route to X and a tariff per truck.
        let sourceCount = 1 + pick(3)
        for s in 0..<sourceCount {
            let id = SourceID("S\(s)")
            let zone = ZoneID("Z\(s)")
            c.sources[id] = Source(
                id: id, name: "S\(s)", kind: .supplier, zone: zone, city: "x", leadDays: pick(3),
                stockAsOf: Fixture.moment("2026-12-01T08:00:00+03:00"))
            c.routes[RouteKey(zone: zone, city: "x")] = Route(
                zone: zone, city: "x", distanceKm: Int64(10 + pick(300)), transitDays: pick(2))
            for v in c.vehicles where pick(5) > 0 {
                let key = TariffKey(zone: zone, city: nil, vehicle: v.id)
                c.tariffs[key] = Tariff(
                    key: key, basePrice: Money(kopecks: Int64(100_000 + pick(900_000))), includedKm: Int64(pick(50)),
                    perKm: Money(kopecks: Int64(pick(10_000))), minCharge: .zero)
            }
        }
        // Products: 1–2, palletised, small pallets so that splits matter.
        var items: [QuoteRequest.Item] = []
        for p in 0..<(1 + pick(2)) {
            let sku = SKU("P\(p)")
            let perPallet = Int64(2 + pick(4))
            c.products[sku] = Product(
                sku: sku, name: "P\(p)", nameEn: "P\(p)", group: "brick", kind: .brick, unit: .pieces, dimensionsMM: (250, 120, 65),
                unitWeightGrams: Int64(500 + pick(4_000)), perPallet: Quantity(whole: perPallet),
                saleMultiple: Quantity(whole: pick(2) == 0 ? 1 : perPallet),
                densityKgM3: nil, palletDeposit: .zero)
            c.productNames["p\(p)"] = [ProductName(sku: sku, isDefault: true, label: "P\(p)")]
            c.prices[sku] = PriceList(base: [PriceTier(minQuantity: .zero, price: Money(kopecks: 10_000))])
            var offers: [StockOffer] = []
            for s in 0..<sourceCount where pick(4) > 0 {
                offers.append(
                    StockOffer(
                        source: SourceID("S\(s)"), sku: sku, stock: Quantity(whole: Int64(pick(6) * Int(perPallet) + pick(Int(perPallet)))),
                        cost: Money(kopecks: Int64(5_000 + pick(4_000))), minOrder: Quantity(whole: Int64(pick(3) == 0 ? perPallet : 0)),
                        orderMultiple: Quantity(whole: pick(3) == 0 ? perPallet : 0)))
            }
            c.offers[sku] = offers
            items.append(QuoteRequest.Item(product: "p\(p)", quantity: Quantity(whole: Int64(1 + pick(Int(perPallet) * 4)))))
        }
        return Case(catalog: c, request: QuoteRequest(items: items, city: "x", asOf: Fixture.moment("2026-12-01T10:00:00+03:00")))
    }

    /// The least (delivery gross, purchase cost) over every complete allocation, or nil if none.
    static func bruteForce(_ c: Case) throws -> (gross: Int64, purchase: Int64)? {
        let catalog = c.catalog
        let vat = Rate(basisPoints: 2_200)
        // Each line's sold quantity and product.
        var lines: [(product: Product, sold: Quantity, offers: [StockOffer])] = []
        for item in c.request.items {
            guard let names = catalog.productNames[NameKey.normalize(item.product)], let p = catalog.products[names[0].sku] else {
                return nil
            }
            let sold = try #require(item.quantity.roundedUp(toMultipleOf: p.saleMultiple))
            lines.append((p, sold, catalog.offers[p.sku] ?? []))
        }
        // Every allocation of one line: units of a pallet to each offer, the rest to one of them.
        func allocations(_ l: (product: Product, sold: Quantity, offers: [StockOffer])) -> [[Int64]] {
            let pallet = l.product.perPallet?.milli ?? 1_000
            let units = l.sold.milli / pallet
            let rest = l.sold.milli - units * pallet
            var out: [[Int64]] = []
            var counts = [Int64](repeating: 0, count: l.offers.count)
            func go(_ k: Int, _ left: Int64) {
                if k == l.offers.count {
                    guard left == 0 else { return }
                    for holder in (rest > 0 ? Array(0..<l.offers.count) : [-1]) {
                        let q = counts.enumerated().map { $0.element * pallet + ($0.offset == holder ? rest : 0) }
                        if q.enumerated().allSatisfy({ $0.element == 0 || l.offers[$0.offset].canSupply(Quantity(milli: $0.element)) }),
                            q.filter({ $0 > 0 }).count <= 3
                        {
                            out.append(q)
                        }
                    }
                    return
                }
                for n in 0...left {
                    counts[k] = n
                    go(k + 1, left - n)
                }
            }
            if !l.offers.isEmpty { go(0, units) }
            return out
        }
        let options = lines.map(allocations)
        if options.contains(where: \.isEmpty) { return nil }
        var best: (gross: Int64, purchase: Int64)?
        var pick = [Int](repeating: 0, count: lines.count)
        func evaluate() {
            var pallets: [SourceID: Int64] = [:]
            var heaviest: [SourceID: Int64] = [:]
            var purchase: Int64 = 0
            for (i, l) in lines.enumerated() {
                for (j, q) in options[i][pick[i]].enumerated() where q > 0 {
                    let o = l.offers[j]
                    pallets[o.source, default: 0] += Quantity(milli: q).count(of: l.product.perPallet ?? Quantity(whole: 1))
                    let full = (l.product.perPallet?.milli ?? 1_000) * l.product.unitWeightGrams / 1_000
                    heaviest[o.source] = max(heaviest[o.source] ?? 1, full)
                    purchase += o.cost.times(Quantity(milli: q))?.kopecks ?? 0
                }
            }
            var gross: Int64 = 0
            for (source, count) in pallets {
                guard let s = catalog.sources[source], let route = catalog.routes[RouteKey(zone: s.zone, city: "x")] else { return }
                let trucks: [VehicleMix.Option] = catalog.vehicles.compactMap { v in
                    guard let t = catalog.tariff(zone: s.zone, city: "x", vehicle: v.id),
                        let price = t.tripPrice(distanceKm: route.distanceKm)
                    else { return nil }
                    return VehicleMix.Option(
                        vehicle: v, capacity: min(v.palletPlaces, v.payloadKg * 1_000 / (heaviest[source] ?? 1)), tripPrice: price)
                }
                guard let cost = cheapestTrucks(demand: count, trucks.map { ($0.capacity, $0.tripPrice.kopecks) }) else { return }
                gross += cost + (Money(kopecks: cost).times(vat)?.kopecks ?? 0)
            }
            if let b = best, (b.gross, b.purchase) <= (gross, purchase) { return }
            best = (gross, purchase)
        }
        func go(_ i: Int) {
            if i == lines.count { return evaluate() }
            for a in options[i].indices {
                pick[i] = a
                go(i + 1)
            }
        }
        go(0)
        return best
    }

    /// The least price of trucks whose capacities add up to `demand` or more, by dynamic programming
    /// over the demand: `least[d] = min over trucks (price + least[max(0, d − capacity)])`. Written
    /// apart from `VehicleMix` (branch and bound) so each checks the other.
    static func cheapestTrucks(demand: Int64, _ trucks: [(capacity: Int64, price: Int64)]) -> Int64? {
        let usable = trucks.filter { $0.capacity > 0 }
        guard demand > 0 else { return 0 }
        guard !usable.isEmpty else { return nil }
        var least = [Int64?](repeating: nil, count: Int(demand) + 1)
        least[0] = 0
        for d in 1...Int(demand) {
            for t in usable {
                guard let rest = least[max(0, d - Int(t.capacity))] else { continue }
                let total = rest + t.price
                if least[d].map({ total < $0 }) ?? true { least[d] = total }
            }
        }
        return least[Int(demand)]
    }

    /// The dynamic programme and the engine's branch and bound agree on every small mix: 1–3 classes,
    /// capacities 1–12, demands up to 60.
    @Test func truckMixesAgreeWithTheDynamicProgramme() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let classes = 1 + Int(rng.next() % 3)
            let trucks = (0..<classes).map { _ in (capacity: Int64(1 + rng.next() % 12), price: Int64(1_000 + rng.next() % 50_000)) }
            let demand = Int64(1 + rng.next() % 60)
            let options = trucks.enumerated().map {
                VehicleMix.Option(
                    vehicle: Vehicle(
                        id: VehicleID("V\($0.offset)"), name: "", body: .flatbed, payloadKg: 1, palletPlaces: $0.element.capacity,
                        crane: false),
                    capacity: $0.element.capacity, tripPrice: Money(kopecks: $0.element.price))
            }
            let mix = VehicleMix.cheapest(demand: demand, options: options)
            #expect(mix?.cost.kopecks == Self.cheapestTrucks(demand: demand, trucks), "demand \(demand), trucks \(trucks)")
            #expect(mix?.proven == true)
        }
    }

    @Test func cheapestEqualsTheBruteForceMinimum() throws {
        var rng = SplitMix64(seed: 20_261_201)
        var compared = 0
        for n in 0..<3_000 {
            let c = Self.randomCase(&rng)
            let expected = try Self.bruteForce(c)
            let quote: Quote
            do {
                quote = try QuoteEngine.quote(c.request, catalog: c.catalog)
            } catch {
                // The engine found no plan: brute force must not have found one either.
                #expect(expected == nil, "case \(n): brute force found \(String(describing: expected)), the engine \(error)")
                #expect([.noDelivery, .notAvailable].contains(error.code), "case \(n): \(error)")
                continue
            }
            guard let expected else { continue }
            // A complete plan exists: the engine must supply every line in full, none left out or short.
            #expect(quote.lines.filter { $0.kind == .goods }.count == c.request.items.count, "case \(n): a line was left out")
            #expect(quote.lines.allSatisfy { $0.shortQuantity == .zero }, "case \(n): a line was cut short")
            let gross = quote.shipments.reduce(Int64(0)) { $0 + $1.gross.kopecks }
            let purchase = quote.lines.reduce(Int64(0)) { $0 + $1.cost.kopecks }
            #expect(gross == expected.gross, "case \(n): engine \(gross), brute force \(expected.gross)")
            #expect(purchase == expected.purchase, "case \(n): purchase \(purchase) vs \(expected.purchase)")
            #expect(!quote.warnings.contains { $0.code == "search_limited" })
            compared += 1
        }
        #expect(compared > 1_000)  // enough cases had a complete answer to compare
    }
}
