/// Where the search's budget runs out, the integer program (`SourcingProgram`) settles the plan: the
/// solver's plan replaces the search's when it ranks better, and a solver that proves its optimum
/// makes the answer exact; one that stops at its node limit leaves its proven bound.
extension SourcingSearch {
    /// Branch-and-bound nodes the solver may weigh for one plan: deterministic, unlike a time limit.
    static let programNodeLimit = 3_000
    /// Requests of up to this many lines are solved to the proven optimum; larger ones to within
    /// `programGapMillionths` of it (0.1 %), and the answer states that bound. On the demo's 40-line requests a gap of
    /// 0.1 % halves GLPK's time (`glpsol` on their 90 programs: 9.9 s exact, 4.2 s within 0.1 %).
    static let provenLines = 20
    static let programGapMillionths: Int64 = 1_000

    /// Whether `plan` is proven the best (or, for a request past `provenLines`, within the program's
    /// gap of the best): what lets a `cheapest` plan stand for the `fastest` one as well.
    func isSettled(_ plan: SourcingPlan) -> Bool { plan.exhaustive || plan.withinGap }

    /// The plan `found` by the search, improved and proven by the solver where it can be; nil when
    /// there is no solver or the request is outside what the program states (pickup; a line only
    /// part of which can be supplied).
    func settle(
        _ found: SourcingPlan, rank: Rank, candidates: [[Int]], allowed: (Int) -> Bool, singleOnly: Bool
    ) -> SourcingPlan? {
        guard let solver, !context.pickup else { return nil }
        let single = candidates.indices.map { i in singleOnly && candidates[i].contains { options[i].allocations[$0].count == 1 } }
        guard var model = SourcingProgram(search: self, allowed: allowed, single: single, allowDrop: false) else { return nil }
        let gap = options.count > SourcingSearch.provenLines ? Double(SourcingSearch.programGapMillionths) / 1_000_000 : 0
        var solution = solver.minimise(model.program, nodeLimit: SourcingSearch.programNodeLimit, relativeGap: gap)
        if solution.status == .infeasible {
            // The lines cannot all be supplied together: fewest left out, then the cheapest (to the
            // optimum: a share of an objective holding the penalties could hide a line left out).
            guard let dropping = SourcingProgram(search: self, allowed: allowed, single: single, allowDrop: true) else { return nil }
            model = dropping
            solution = solver.minimise(model.program, nodeLimit: SourcingSearch.programNodeLimit)
        }
        var best = found
        var bestRank = rank
        var solvedDropped: Int?
        if let values = solution.values, let parts = model.decode(values), let r = evaluateRank(parts: parts) {
            solvedDropped = Int(r.dropped)
            if r < bestRank {
                best = plan(parts: parts, exhaustive: false)
                bestRank = r
            }
        }
        return proven(best, rank: bestRank, solution: solution, model: model, solvedDropped: solvedDropped)
    }

    /// `plan` marked exact when the solver's optimum shows nothing beats it (to a kopeck a shipment:
    /// the program's costs are not rounded per shipment as the quote's are), else with the better of
    /// the two proven bounds.
    func proven(_ plan: SourcingPlan, rank: Rank, solution: IntegerProgramSolution, model: SourcingProgram, solvedDropped: Int?)
        -> SourcingPlan
    {
        var out = plan
        guard let bound = solution.bound, bound.isFinite else { return out }
        let dropped = Int(rank.dropped)
        // With lines left out the objective holds their penalty: the delivery part of the bound.
        let delivery = bound - model.penalty * Double(dropped)
        let rounding = Double(2 * slots.count)
        switch solution.status {
        case .optimal where solvedDropped == dropped && Double(plan.deliveryGross) <= delivery + rounding + abs(delivery) * 1e-9:
            out.exhaustive = true
            out.bound = nil
        case .stopped where model.penalty == 0, .withinGap where model.penalty == 0:
            let lower = Int64(max(0, (delivery - rounding).rounded(.down)))
            out.bound = max(out.bound ?? 0, min(lower, plan.deliveryGross))
            // `plan` is the solver's or one ranked better: within the gap the solver proved for its own.
            out.withinGap = solution.status == .withinGap
        default:
            break
        }
        return out
    }

    /// The rank of a plan given as each line's parts (none: left out); nil if it cannot be delivered
    /// or overdraws a stock.
    func evaluateRank(parts: [[(offer: Int, quantity: Quantity)]]) -> Rank? {
        var state = Placing(slots: slots.count, pools: poolStock.count)
        var dropped = 0
        for (i, allocation) in parts.enumerated() {
            if allocation.isEmpty && !options[i].allocations.isEmpty { dropped += 1 }
            guard place(line: i, allocation, on: &state) else { return nil }
        }
        guard let t = totals(state) else { return nil }
        return rank(dropped: dropped, objective: t.gross, purchase: t.purchase, date: t.date)
    }
}
