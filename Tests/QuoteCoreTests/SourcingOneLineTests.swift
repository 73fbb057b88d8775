import SeededRandom
import Testing

@testable import QuoteCore

/// A one-line request skips the branch and bound (`SourcingSearch.bestOfOneLine`); it must return
/// the very allocation the branch and bound returns — the same plan, ties broken the same way — on
/// the random catalogs of `SourcingPropertyTests` (1–3 sources and truck classes, small pallets,
/// minimum orders and multiples, so that splits and undeliverable allocations occur).
@Suite struct SourcingOneLineTests {
    /// The search the engine builds for `request` (the steps of `QuoteEngine.quote` up to it).
    static func search(_ request: QuoteRequest, _ catalog: Catalog) throws -> SourcingSearch {
        let settings = catalog.settings
        let localDate = request.asOf.at(offsetSeconds: settings.utcOffsetSeconds).local.date
        let vatRate = try QuoteEngine.vatRate(on: localDate, in: catalog)
        var mistakes: [QuoteError] = []
        let (city, customer) = QuoteEngine.resolveParties(request, catalog: catalog, localDate: localDate, mistakes: &mistakes)
        let lines = QuoteEngine.draftLines(request, city: city, customer: customer, catalog: catalog, vatRate: vatRate, mistakes: &mistakes)
        try #require(mistakes.isEmpty)
        let orderDay = catalog.calendar.orderDay(
            for: request.asOf, offsetSeconds: settings.utcOffsetSeconds, cutoffHour: settings.cutoffHour)
        let context = SourcingContext(
            catalog: catalog, lines: lines, city: city, pickup: request.pickup, crane: request.crane, orderDay: orderDay,
            vat: catalog.vat, fallbackRate: vatRate)
        let (slots, prepared) = context.prepare()
        return SourcingSearch(context: context, slots: slots, options: prepared)
    }

    /// The branch and bound's allocation from its usual start, as `search(allowed:singleOnly:)` runs it.
    static func branchAndBound(_ search: SourcingSearch, _ candidates: [[Int]]) -> Int? {
        guard let start = search.firstAnswer(candidates) else { return nil }
        var state = BranchAndBound(search: search, candidates: candidates, incumbent: start)
        state.run()
        return state.incumbent.choice[0]
    }

    @Test func theOneLinePathReturnsTheBranchAndBoundsAllocation() throws {
        var rng = SplitMix64(seed: 20_261_202)
        var answered = 0
        var withChoice = 0
        for _ in 0..<3_000 {
            var c = SourcingPropertyTests.randomCase(&rng)
            c.request.items = [c.request.items[0]]
            let search = try Self.search(c.request, c.catalog)
            // Every slot, single sources only, and the slots of the earliest date (as `fastest` asks).
            let earliest = search.slots.map(\.deliveryDate).min()
            let questions: [(allowed: (Int) -> Bool, singleOnly: Bool)] = [
                ({ _ in true }, false), ({ _ in true }, true), ({ search.slots[$0].deliveryDate == earliest }, false),
            ]
            for q in questions {
                guard let candidates = search.candidates(allowed: q.allowed, singleOnly: q.singleOnly),
                    let fast = search.bestOfOneLine(candidates)
                else { continue }
                answered += 1
                if candidates[0].count > 1 { withChoice += 1 }
                #expect(fast == Self.branchAndBound(search, candidates), "\(c.request.items[0]) over \(search.slots.count) slots")
            }
        }
        // The comparison must have been made, often, between several allocations: 9,000 questions
        // were asked; most have an answer (a line with no source that can deliver has none), and on
        // this seed 1,189 of the answers chose among two or more allocations.
        #expect(answered > 4_000)
        #expect(withChoice > 1_000)
    }

    /// `fastest` for one line takes the best allocation of the first date its slots can deliver by
    /// (`bestOfOneLine`), without the quick first answer and a second list of candidates. It must
    /// be the plan the date-by-date search gives: for each date in order, the first at which the
    /// quick first answer supplies the line, the full search over the slots that arrive by then.
    @Test func theOneLineFastestPlanIsTheDateByDateSearchs() throws {
        var rng = SplitMix64(seed: 20_261_203)
        var compared = 0
        var later = 0
        for _ in 0..<2_000 {
            var c = SourcingPropertyTests.randomCase(&rng)
            c.request.items = [c.request.items[0]]
            let search = try Self.search(c.request, c.catalog)
            let fast = search.best(for: .fastest)
            var reference: SourcingPlan?
            for date in Set(search.slots.map(\.deliveryDate)).sorted() {
                let allowed: (Int) -> Bool = { search.slots[$0].deliveryDate <= date }
                guard let candidates = search.candidates(allowed: allowed, singleOnly: false), search.suppliesEveryLine(candidates)
                else { continue }
                reference = search.search(allowed: allowed, singleOnly: false)
                break
            }
            guard let reference else { continue }
            compared += 1
            if reference.date > (search.slots.map(\.deliveryDate).min() ?? reference.date) { later += 1 }
            #expect(fast?.allocations == reference.allocations, "\(c.request.items[0]) over \(search.slots.count) slots")
            #expect(fast?.date == reference.date)
            #expect(fast?.deliveryGross == reference.deliveryGross)
        }
        // Most random cases have a fastest plan, and in some the earliest slot cannot supply the line
        // alone, so the answer comes from a later date (on this seed: 1,669 compared, 253 later).
        #expect(compared > 1_000)
        #expect(later > 100)
    }
}
