/// The search proper: a first answer by local search, then exact branch and bound from it.
///
/// **Ranking.** Plans compare first by how many lines they leave out (a plan that supplies every line
/// always beats one that drops a line, however cheap), then by the objective (the customer's delivery
/// cost with VAT; for pickup, the distance to the pickup points), then our purchase cost and the date
/// (for pickup: the date, then the purchase cost).
///
/// **The bound.** A slot's trucks never cost less than its load at its cheapest rate per unit of a
/// full truck (`rate`), so the lines still to place add at least `Σ min over their allocations of
/// units × rate` to the total, less the room the loads placed so far have already paid for (their
/// cost above their load × rate, `slack`). The bound is valid whatever the remaining lines do, so a
/// branch whose bound is no better than the best plan found is cut without losing the optimum.
///
/// **Budget.** Past `nodeBudget` nodes the search stops; the plan is the best found, and the least
/// bound of every branch left unexplored is a proven lower bound on the optimum (`SourcingPlan.bound`).
extension SourcingSearch {
    /// Plans in the order the search prefers them.
    struct Rank: Comparable {
        var dropped: Int64
        var objective: Int64
        var second: Int64
        var third: Int64

        static func < (a: Rank, b: Rank) -> Bool {
            (a.dropped, a.objective, a.second, a.third) < (b.dropped, b.objective, b.second, b.third)
        }
    }

    func rank(dropped: Int, objective: Int64, purchase: Int64, date: CivilDate) -> Rank {
        context.pickup
            ? Rank(dropped: Int64(dropped), objective: objective, second: Int64(date.day), third: purchase)
            : Rank(dropped: Int64(dropped), objective: objective, second: purchase, third: Int64(date.day))
    }

    /// Search nodes per strategy at most; with a solver to settle what the search leaves open, fewer:
    /// past a few thousand nodes the integer program proves the plan sooner than more nodes would.
    static let nodeBudget = 20_000
    static let nodeBudgetWithSolver = 2_000
    var nodeBudget: Int { solver == nil || context.pickup ? SourcingSearch.nodeBudget : SourcingSearch.nodeBudgetWithSolver }
    /// Allocations per line the local search tries at most (the cheapest-looking first).
    static let localCandidates = 48

    /// The best plan using only slots `allowed` admits (single sources only, where a line has one,
    /// with `singleOnly`), or nil when no combination can be delivered. `known`: the candidates for
    /// these, when the caller has them already.
    func search(allowed: (Int) -> Bool, singleOnly: Bool, candidates known: [[Int]]? = nil) -> SourcingPlan? {
        guard let candidates = known ?? candidates(allowed: allowed, singleOnly: singleOnly) else { return nil }
        if let a = bestOfOneLine(candidates) { return plan([a], exhaustive: true) }
        guard let start = firstAnswer(candidates) else { return nil }
        var state = BranchAndBound(search: self, candidates: candidates, incumbent: start)
        state.run()
        let truncated = options.contains(where: \.truncated)
        var result = plan(state.incumbent.choice, exhaustive: !state.exhausted && !truncated)
        if state.exhausted, let bound = state.openBound, bound.dropped == state.incumbent.rank.dropped {
            result.bound = min(bound.objective, state.incumbent.rank.objective)
        }
        guard !result.exhaustive else { return result }
        return settle(result, rank: state.incumbent.rank, candidates: candidates, allowed: allowed, singleOnly: singleOnly) ?? result
    }

    /// The allocations each line may use, cheapest-looking first (single sources before splits); nil
    /// when a line that has allocations may use none of them here.
    func candidates(allowed: (Int) -> Bool, singleOnly: Bool) -> [[Int]]? {
        var out: [[Int]] = []
        for i in options.indices {
            var list = options[i].allocations.indices.filter { a in
                options[i].allocations[a].allSatisfy { allowed(options[i].slots[$0.offer]) }
            }
            if singleOnly, list.contains(where: { options[i].allocations[$0].count == 1 }) {
                list = list.filter { options[i].allocations[$0].count == 1 }
            }
            if list.isEmpty && !options[i].allocations.isEmpty { return nil }
            let alone = list.map { (a: $0, cost: standalone(line: i, $0), parts: options[i].allocations[$0].count) }
            out.append(alone.sorted { ($0.parts > 1 ? 1 : 0, $0.cost, $0.a) < ($1.parts > 1 ? 1 : 0, $1.cost, $1.a) }.map(\.a))
        }
        return out
    }

    /// What allocation `a` of line `i` costs on its own: each part's slot carrying just that part.
    func standalone(line i: Int, _ a: Int) -> Int64 {
        options[i].allocations[a].reduce(Int64(0)) { sum, part in
            sum + (cost(slot: options[i].slots[part.offer], load(line: i, quantity: part.quantity))?.objective ?? Int64.max / 64)
        }
    }

    /// A slot's cheapest rate per unit of load (pallet place, or kg for tippers) with full trucks, as a
    /// fraction `price / capacity`: no load travels for less.
    func rate(slot index: Int) -> (price: Int64, capacity: Int64)? {
        let slot = slots[index]
        guard !context.pickup, slot.problem == nil else { return nil }
        var best: (price: Int64, capacity: Int64)?
        for v in slot.vehicles {
            let capacity = slot.body == .flatbed ? v.vehicle.palletPlaces : v.vehicle.payloadKg
            guard capacity > 0 else { continue }
            let gross = v.tripPrice.kopecks + (v.tripPrice.times(slot.vatRate)?.kopecks ?? 0)
            if let b = best, gross.multipliedFullWidth(by: b.capacity) >= b.price.multipliedFullWidth(by: capacity) { continue }
            best = (gross, capacity)
        }
        return best
    }

    /// The units a load counts in for its slot's rate: pallets on flatbeds, kg in tippers.
    func units(_ load: Load, slot index: Int) -> Int64 {
        slots[index].body == .flatbed ? load.pallets : (load.grams + 999) / 1000
    }

    /// `units × rate`, rounded down (a lower bound stays one).
    func atRate(_ units: Int64, slot index: Int, rates: [(price: Int64, capacity: Int64)?]) -> Int64 {
        guard let r = rates[index], units > 0 else { return 0 }
        return FixedPoint.mulDivRounded(units, r.price, r.capacity).map { max(0, $0 - 1) } ?? 0
    }

    /// Combinations few enough for the branch and bound to weigh them all from the greedy answer: the
    /// local search would only cost time (and allocations) there.
    static let smallSpace = 512

    /// The answer the branch and bound starts from: the greedy one for a small space, else the local
    /// search's.
    func firstAnswer(_ candidates: [[Int]]) -> (choice: [Int], rank: Rank)? {
        var space = 1
        for c in candidates where !c.isEmpty {
            let (p, o) = space.multipliedReportingOverflow(by: c.count)
            space = o ? Int.max : p
        }
        guard space <= SourcingSearch.smallSpace else { return improve(candidates) }
        guard let choice = greedy(candidates), let rank = evaluateRank(choice) else { return nil }
        return (choice, rank)
    }

    // MARK: - Local search

    /// A first answer: line by line the first allocation that still fits, then moves that lower the
    /// cost until none does — one line to the best of all its allocations given where the others are
    /// (weighed by what it adds to the slots it touches, so a split that fills the room on a truck
    /// already going is found), or every line that can onto one slot at once (consolidating a source).
    /// Nil when no plan can be delivered.
    /// - Complexity: O(passes × Σ allocations × parts) truck-cost look-ups, most of them cached.
    func improve(_ candidates: [[Int]]) -> (choice: [Int], rank: Rank)? {
        guard var choice = greedy(candidates) else { return nil }
        var moves = LocalMoves(search: self, choice: choice)
        for _ in 0..<8 {
            var improved = false
            for i in candidates.indices where !candidates[i].isEmpty {
                if moves.moveToBest(line: i, candidates[i]) { improved = true }
            }
            choice = moves.choice
            guard var current = evaluateRank(choice) else { return nil }
            if consolidate(candidates, &choice, &current) {
                improved = true
                moves = LocalMoves(search: self, choice: choice)
            }
            if moves.repairDropped(candidates) {
                improved = true
                choice = moves.choice
            }
            if !improved { break }
        }
        guard let rank = evaluateRank(choice) else { return nil }
        return (choice, rank)
    }

    /// Line by line, the first candidate that fits the stock the earlier lines left; a line none fits
    /// is left out (-1). Nil when some line cannot be delivered at all.
    func greedy(_ candidates: [[Int]]) -> [Int]? {
        var choice = [Int](repeating: -1, count: candidates.count)
        var drawn = [Int64](repeating: 0, count: poolStock.count)
        for i in candidates.indices where !candidates[i].isEmpty {
            var blockedByStock = false
            let fits = candidates[i].first { a in
                guard
                    options[i].allocations[a].allSatisfy({ drawn[pools[i][$0.offer]] + $0.quantity.milli <= poolStock[pools[i][$0.offer]] })
                else {
                    blockedByStock = true
                    return false
                }
                choice[i] = a
                return evaluate(choice) != nil
            }
            // Not deliverable at all (no trucks can take it), rather than short of stock: no plan.
            if fits == nil && !blockedByStock { return nil }
            choice[i] = fits ?? -1
            for part in fits.map({ options[i].allocations[$0] }) ?? [] { drawn[pools[i][part.offer]] += part.quantity.milli }
        }
        return evaluate(choice) == nil ? nil : choice
    }

    /// Opens each slot to every line at once: each line that can use slot `s` is moved to its best
    /// allocation that does (given the others), then every line is moved to its best again; the result
    /// is kept if the plan ranks better. This finds what one line at a time cannot: several lines
    /// moving together onto a source whose first truck only pays when they share it.
    func consolidate(_ candidates: [[Int]], _ choice: inout [Int], _ current: inout Rank) -> Bool {
        var improved = false
        for s in slots.indices {
            var trial = LocalMoves(search: self, choice: choice)
            var moved = false
            for i in candidates.indices {
                let touching = candidates[i].filter { a in options[i].allocations[a].contains { options[i].slots[$0.offer] == s } }
                guard !touching.isEmpty, !touching.contains(trial.choice[i]) else { continue }
                if trial.moveToBest(line: i, touching, keepCurrent: false) { moved = true }
            }
            guard moved else { continue }
            for i in candidates.indices where !candidates[i].isEmpty { _ = trial.moveToBest(line: i, candidates[i]) }
            if let r = evaluateRank(trial.choice), r < current {
                choice = trial.choice
                current = r
                improved = true
            }
        }
        return improved
    }

    /// The rank of a complete choice (-1: the line left out), or nil if it cannot be delivered or
    /// overdraws a stock.
    func evaluateRank(_ choice: [Int]) -> Rank? {
        guard let t = evaluate(choice) else { return nil }
        let dropped = choice.indices.filter { choice[$0] < 0 && !options[$0].allocations.isEmpty }.count
        return rank(dropped: dropped, objective: t.gross, purchase: t.purchase, date: t.date)
    }
}

/// The exact search's state: loads placed so far, the stock drawn, the best plan found, and what is
/// left unexplored when the budget runs out.
struct BranchAndBound {
    let search: SourcingSearch
    let candidates: [[Int]]
    /// Lines in the order they are placed: the largest first, so the bound bites early.
    let order: [Int]
    /// Per slot, its cheapest rate per unit of load.
    let rates: [(price: Int64, capacity: Int64)?]
    /// From depth d on: Σ of each line's least load × rate, and its least purchase cost.
    let remainingLoad: [Int64]
    let remainingPurchase: [Int64]

    var incumbent: (choice: [Int], rank: SourcingSearch.Rank)
    var loads: [SourcingSearch.Load]
    var slotObjective: [Int64]
    /// Per slot, what its trucks cost above its load at the full-truck rate; and their sum.
    var slack: [Int64]
    var slackSum: Int64 = 0
    var drawn: [Int64]
    var choice: [Int]
    var nodes = 0
    var exhausted = false
    /// The least bound of the branches left unexplored when the budget ran out.
    var openBound: SourcingSearch.Rank?

    init(search: SourcingSearch, candidates: [[Int]], incumbent: (choice: [Int], rank: SourcingSearch.Rank)) {
        self.search = search
        self.candidates = candidates
        self.incumbent = incumbent
        let slotCount = search.slots.count
        let rates = search.slots.indices.map { search.rate(slot: $0) }
        self.rates = rates
        let least: [Int64] = candidates.indices.map { i in
            candidates[i].map { a in
                search.options[i].allocations[a].reduce(Int64(0)) { sum, part in
                    let s = search.options[i].slots[part.offer]
                    return sum + search.atRate(search.units(search.load(line: i, quantity: part.quantity), slot: s), slot: s, rates: rates)
                }
            }.min() ?? 0
        }
        order = candidates.indices.sorted { (least[$0], candidates[$1].count) > (least[$1], candidates[$0].count) }
        var load = [Int64](repeating: 0, count: order.count + 1)
        var purchase = [Int64](repeating: 0, count: order.count + 1)
        for d in stride(from: order.count - 1, through: 0, by: -1) {
            let i = order[d]
            load[d] = load[d + 1] + least[i]
            purchase[d] = purchase[d + 1] + (candidates[i].isEmpty ? 0 : search.minimumPurchase[i])
        }
        remainingLoad = load
        remainingPurchase = purchase
        loads = [SourcingSearch.Load](repeating: SourcingSearch.Load(), count: slotCount)
        slotObjective = [Int64](repeating: 0, count: slotCount)
        slack = [Int64](repeating: 0, count: slotCount)
        drawn = [Int64](repeating: 0, count: search.poolStock.count)
        choice = [Int](repeating: -1, count: candidates.count)
    }

    mutating func run() {
        visit(0, objective: 0, purchase: 0, date: search.context.orderDay, dropped: 0)
    }

    /// The least rank any completion of the current node can have.
    func bound(_ depth: Int, objective: Int64, purchase: Int64, date: CivilDate, dropped: Int) -> SourcingSearch.Rank {
        let more = max(0, remainingLoad[depth] - slackSum)
        return search.rank(dropped: dropped, objective: objective + more, purchase: purchase + remainingPurchase[depth], date: date)
    }

    mutating func visit(_ depth: Int, objective: Int64, purchase: Int64, date: CivilDate, dropped: Int) {
        nodes += 1
        let here = bound(depth, objective: objective, purchase: purchase, date: date, dropped: dropped)
        if here >= incumbent.rank { return }
        if nodes > search.nodeBudget {
            exhausted = true
            openBound = min(openBound ?? here, here)
            return
        }
        if depth == order.count {
            incumbent = (choice, here)
            return
        }
        let i = order[depth]
        guard !candidates[i].isEmpty else {
            visit(depth + 1, objective: objective, purchase: purchase, date: date, dropped: dropped)
            return
        }
        var blockedByStock = false
        for a in candidates[i] {
            guard let placed = place(line: i, allocation: a, blockedByStock: &blockedByStock) else { continue }
            choice[i] = a
            visit(
                depth + 1, objective: objective + placed.added,
                purchase: purchase + search.purchase(line: i, search.options[i].allocations[a]),
                date: max(date, placed.date), dropped: dropped)
            unplace(line: i, allocation: a, saved: placed.saved)
            choice[i] = -1
        }
        // Earlier lines of the same product took the stock this one needs: leaving it out is a plan
        // too, ranked below every plan that supplies it.
        if blockedByStock {
            visit(depth + 1, objective: objective, purchase: purchase, date: date, dropped: dropped + 1)
        }
    }

    /// A slot's state before a part was placed on it, to restore.
    struct Saved {
        var slot: Int
        var load: SourcingSearch.Load
        var objective: Int64
    }

    /// Up to three slots' states (an allocation has at most three parts), without an array.
    struct SavedSlots {
        var count = 0
        var a = Saved(slot: 0, load: SourcingSearch.Load(), objective: 0)
        var b = Saved(slot: 0, load: SourcingSearch.Load(), objective: 0)
        var c = Saved(slot: 0, load: SourcingSearch.Load(), objective: 0)

        mutating func append(_ x: Saved) {
            switch count {
            case 0: a = x
            case 1: b = x
            default: c = x
            }
            count += 1
        }

        func at(_ k: Int) -> Saved { k == 0 ? a : (k == 1 ? b : c) }
    }

    /// Sets slot `s`'s load and objective, keeping the slack sum current.
    mutating func set(slot s: Int, load: SourcingSearch.Load, objective: Int64) {
        loads[s] = load
        slotObjective[s] = objective
        let newSlack = objective > 0 ? max(0, objective - search.atRate(search.units(load, slot: s), slot: s, rates: rates)) : 0
        slackSum += newSlack - slack[s]
        slack[s] = newSlack
    }

    mutating func restore(_ saved: SavedSlots) {
        var k = saved.count - 1
        while k >= 0 {
            let x = saved.at(k)
            set(slot: x.slot, load: x.load, objective: x.objective)
            k -= 1
        }
    }

    /// Puts allocation `a` of line `i` on its slots: what it adds to the objective, the latest date,
    /// and the slots' state before, to restore; nil if the stock or the trucks cannot take it.
    mutating func place(line i: Int, allocation a: Int, blockedByStock: inout Bool) -> (added: Int64, date: CivilDate, saved: SavedSlots)? {
        let allocation = search.options[i].allocations[a]
        let pools = search.pools[i]
        for part in allocation where drawn[pools[part.offer]] + part.quantity.milli > search.poolStock[pools[part.offer]] {
            blockedByStock = true
            return nil
        }
        var saved = SavedSlots()
        var added: Int64 = 0
        var date = search.context.orderDay
        for part in allocation {
            let s = search.options[i].slots[part.offer]
            let add = search.load(line: i, quantity: part.quantity)
            var l = loads[s]
            saved.append(Saved(slot: s, load: l, objective: slotObjective[s]))
            l.add(add)
            guard let c = search.cost(slot: s, l) else {
                restore(saved)
                return nil
            }
            added += c.objective - slotObjective[s]
            set(slot: s, load: l, objective: c.objective)
            date = max(date, search.slots[s].deliveryDate)
        }
        for part in allocation { drawn[pools[part.offer]] += part.quantity.milli }
        return (added, date, saved)
    }

    mutating func unplace(line i: Int, allocation a: Int, saved: SavedSlots) {
        let pools = search.pools[i]
        for part in search.options[i].allocations[a] { drawn[pools[part.offer]] -= part.quantity.milli }
        restore(saved)
    }
}

/// The local search's state: the loads each slot carries for the current choice, so that moving one
/// line is weighed on the slots it leaves and joins only.
struct LocalMoves {
    let search: SourcingSearch
    var choice: [Int]
    var loads: [SourcingSearch.Load]
    var drawn: [Int64]

    init(search: SourcingSearch, choice: [Int]) {
        self.search = search
        self.choice = choice
        loads = [SourcingSearch.Load](repeating: SourcingSearch.Load(), count: search.slots.count)
        drawn = [Int64](repeating: 0, count: search.poolStock.count)
        for (i, a) in choice.enumerated() where a >= 0 { apply(line: i, allocation: a, sign: 1) }
    }

    mutating func apply(line i: Int, allocation a: Int, sign: Int64) {
        for part in search.options[i].allocations[a] {
            let s = search.options[i].slots[part.offer]
            let add = search.load(line: i, quantity: part.quantity)
            loads[s].pallets += sign * add.pallets
            loads[s].grams += sign * add.grams
            if sign > 0 { loads[s].heaviest = max(loads[s].heaviest, add.heaviest) }
            drawn[search.pools[i][part.offer]] += sign * part.quantity.milli
        }
    }

    /// What putting allocation `a` of line `i` on the current loads adds (objective, purchase), or nil
    /// if stock or trucks cannot take it. The heaviest pallet of a slot is kept as it was (a line
    /// leaving does not lighten it): the cost is then an upper bound, checked again by `evaluate`.
    func added(line i: Int, allocation a: Int) -> (objective: Int64, purchase: Int64)? {
        let parts = search.options[i].allocations[a]
        var objective: Int64 = 0
        var touched: [Int] = []
        for part in parts {
            let pool = search.pools[i][part.offer]
            guard drawn[pool] + part.quantity.milli <= search.poolStock[pool] else { return nil }
            let s = search.options[i].slots[part.offer]
            guard !touched.contains(s) else { return nil }  // two parts on one slot: not a real split
            touched.append(s)
            let add = search.load(line: i, quantity: part.quantity)
            var l = loads[s]
            let before = l.isEmpty ? 0 : (search.cost(slot: s, l)?.objective ?? Int64.max / 8)
            l.add(add)
            guard let after = search.cost(slot: s, l) else { return nil }
            objective += after.objective - before
        }
        return (objective, search.purchase(line: i, parts))
    }

    /// Moves line `i` to its best allocation among `candidates` given the others (with
    /// `keepCurrent`, only if it beats the one it has); true if that changed the choice.
    mutating func moveToBest(line i: Int, _ candidates: [Int], keepCurrent: Bool = true) -> Bool {
        let current = choice[i]
        if current >= 0 { apply(line: i, allocation: current, sign: -1) }
        var best: (a: Int, objective: Int64, purchase: Int64)?
        if keepCurrent, current >= 0, let c = added(line: i, allocation: current) { best = (current, c.objective, c.purchase) }
        for a in candidates where a != current {
            guard let c = added(line: i, allocation: a) else { continue }
            if let b = best, (b.objective, b.purchase) <= (c.objective, c.purchase) { continue }
            best = (a, c.objective, c.purchase)
        }
        let chosen = best?.a ?? current
        choice[i] = chosen
        if chosen >= 0 { apply(line: i, allocation: chosen, sign: 1) }
        return chosen != current
    }

    /// A line left out because other lines of its product took the stock: moves one of those lines to
    /// another of its allocations so the stock it frees lets the left-out line in. True if any line
    /// was put back.
    /// - Complexity: O(left-out lines × sharing lines × their allocations × allocations).
    mutating func repairDropped(_ candidates: [[Int]]) -> Bool {
        var repaired = false
        for i in candidates.indices where choice[i] < 0 && !candidates[i].isEmpty {
            let mine = Set(search.pools[i])
            for j in candidates.indices where j != i && choice[j] >= 0 && !mine.isDisjoint(with: search.pools[j]) {
                let before = choice[j]
                apply(line: j, allocation: before, sign: -1)
                var fixed = false
                for b in candidates[j] where b != before {
                    guard added(line: j, allocation: b) != nil else { continue }
                    apply(line: j, allocation: b, sign: 1)
                    if let a = candidates[i].first(where: { added(line: i, allocation: $0) != nil }) {
                        apply(line: i, allocation: a, sign: 1)
                        choice[j] = b
                        choice[i] = a
                        fixed = true
                        break
                    }
                    apply(line: j, allocation: b, sign: -1)
                }
                if fixed {
                    repaired = true
                    break
                }
                apply(line: j, allocation: before, sign: 1)
            }
        }
        return repaired
    }
}
