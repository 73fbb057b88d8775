import SeededRandom
import Testing

@testable import QuoteCore

@Suite struct VehicleMixTests {
    static func option(_ id: String, capacity: Int64, price: Int64) -> VehicleMix.Option {
        VehicleMix.Option(
            vehicle: Vehicle(id: VehicleID(id), name: id, body: .tipper, payloadKg: capacity, palletPlaces: 0, crane: false),
            capacity: capacity, tripPrice: Money(kopecks: price))
    }

    /// 17.5 t: one 20 t truck (12 000) rather than two 10 t trucks (2 × 7 500 = 15 000).
    @Test func oneBigTruckBeatsTwoSmallOnes() throws {
        let choice = try #require(
            VehicleMix.cheapest(
                demand: 17_500,
                options: [Self.option("T10", capacity: 10_000, price: 7_500), Self.option("T20", capacity: 20_000, price: 12_000)]))
        #expect(choice.counts.map(\.option.vehicle.id) == ["T20"])
        #expect(choice.cost == Money(kopecks: 12_000))
    }

    /// 21 t: a 20 t truck plus a 10 t one (19 500) beats two 20 t trucks (24 000).
    @Test func mixesClasses() throws {
        let choice = try #require(
            VehicleMix.cheapest(
                demand: 21_000,
                options: [Self.option("T10", capacity: 10_000, price: 7_500), Self.option("T20", capacity: 20_000, price: 12_000)]))
        #expect(choice.cost == Money(kopecks: 19_500))
        #expect(choice.trips == 2)
    }

    @Test func nothingToCarryOrNothingToCarryIt() {
        #expect(VehicleMix.cheapest(demand: 0, options: [])?.cost == .zero)
        #expect(VehicleMix.cheapest(demand: 5, options: []) == nil)
        #expect(VehicleMix.cheapest(demand: 5, options: [Self.option("X", capacity: 0, price: 1)]) == nil)
        // More trips than any one quote may need.
        #expect(VehicleMix.cheapest(demand: 1_000_000, options: [Self.option("S", capacity: 10, price: 1)]) == nil)
    }

    /// Property: on a few thousand random small instances the branch and bound finds exactly the
    /// minimum that exhaustive enumeration finds. Seeded, so a failure reproduces.
    @Test func matchesBruteForce() {
        var rng = SplitMix64(seed: 0x5EED)
        for _ in 0..<3_000 {
            let classes = Int(rng.next() % 4) + 1
            let options = (0..<classes).map { i in
                Self.option("V\(i)", capacity: Int64(rng.next() % 20) + 1, price: Int64(rng.next() % 100) + 1)
            }
            let demand = Int64(rng.next() % 60) + 1
            let fast = VehicleMix.cheapest(demand: demand, options: options)?.cost.kopecks
            #expect(
                fast == Self.bruteForce(demand: demand, options: options),
                "demand \(demand), options \(options.map { ($0.capacity, $0.tripPrice.kopecks) })")
        }
    }

    static func bruteForce(demand: Int64, options: [VehicleMix.Option]) -> Int64? {
        var best: Int64?
        func go(_ i: Int, _ left: Int64, _ cost: Int64) {
            if left <= 0 {
                best = min(best ?? cost, cost)
                return
            }
            guard i < options.count else { return }
            let most = (left + options[i].capacity - 1) / options[i].capacity
            for n in 0...most { go(i + 1, left - n * options[i].capacity, cost + n * options[i].tripPrice.kopecks) }
        }
        go(0, demand, 0)
        return best
    }
}

/// A truck search that stops at its budget says so, and the quote carries it as a warning.
@Suite struct VehicleMixBudgetTests {
    /// Three classes, 37 pallets: the search needs more than 5 nodes, so with a budget of 5 it stops
    /// with the best mix found so far, flagged as not proven.
    @Test func aSearchStoppedAtItsBudgetIsNotProven() throws {
        let options = [(4, 10_000), (7, 16_000), (11, 23_000)].enumerated().map {
            VehicleMix.Option(
                vehicle: Vehicle(
                    id: VehicleID("V\($0.offset)"), name: "", body: .flatbed, payloadKg: 1, palletPlaces: Int64($0.element.0), crane: false),
                capacity: Int64($0.element.0), tripPrice: Money(kopecks: Int64($0.element.1)))
        }
        let limited = try #require(VehicleMix.cheapest(demand: 37, options: options, nodeBudget: 5))
        #expect(!limited.proven)
        let full = try #require(VehicleMix.cheapest(demand: 37, options: options))
        #expect(full.proven)
        #expect(full.cost <= limited.cost)
    }

    /// A plan whose trucks were not proven cheapest gets the `search_limited` warning.
    @Test func theQuoteWarnsOfAnUnprovenTruckMix() {
        let plan = SourcingPlan(
            allocations: [], shipments: [], deliveryGross: 0, purchaseCost: 0, date: Fixture.date("2026-12-01"), exhaustive: true,
            vehiclesLimited: true)
        var notes = QuoteEngine.Notices()
        QuoteEngine.planNotices(
            request: Fixture.request([("brick", 1, nil)]),
            chosen: QuoteEngine.Chosen(plan: plan, late: false, alternative: nil, alternativeStrategy: .fastest),
            catalog: Fixture.catalog, orderDay: Fixture.date("2026-12-01"), validUntil: Fixture.moment("2026-12-04T23:59:59+03:00"),
            notes: &notes)
        #expect(notes.warnings.map(\.code) == ["search_limited"])
        #expect(notes.warnings.first?.message.contains("trucks") == true)
    }
}
