/// Requests of one line, the most common quote: each allocation of the line is a whole plan, so
/// the search needs neither its placing arrays nor its branch and bound to find the best one.
extension SourcingSearch {
    /// The allocation the branch and bound would return for a one-line request, found by weighing
    /// each candidate in turn: the first of least rank in the candidates' order. The branch and
    /// bound starts from the greedy answer (the first candidate that can be delivered) and replaces
    /// it only by a strictly better plan, so it returns that same allocation.
    ///
    /// Nil when the general search must decide: more than one line, a truncated or long list of
    /// allocations (the node budget could then bind), an allocation the stock cannot take, or none
    /// that can be delivered.
    func bestOfOneLine(_ candidates: [[Int]]) -> Int? {
        guard options.count == 1, candidates.count == 1, let list = candidates.first, !list.isEmpty,
            list.count <= SourcingSearch.smallSpace, !options[0].truncated
        else { return nil }
        var best: (allocation: Int, rank: Rank)?
        for a in list {
            let allocation = options[0].allocations[a]
            guard withinStock(allocation) else { return nil }
            guard let t = evaluateOneLine(allocation) else { continue }
            let r = rank(dropped: 0, objective: t.gross, purchase: t.purchase, date: t.date)
            if best.map({ r < $0.rank }) ?? true { best = (a, r) }
        }
        return best?.allocation
    }

    /// Whether the parts of one line's allocation, summed per stock pool, fit the pools' stock.
    func withinStock(_ allocation: [(offer: Int, quantity: Quantity)]) -> Bool {
        allocation.allSatisfy { part in
            let pool = pools[0][part.offer]
            let drawn = allocation.reduce(Int64(0)) { pools[0][$1.offer] == pool ? $0 + $1.quantity.milli : $0 }
            return drawn <= poolStock[pool]
        }
    }

    /// `evaluate` for a one-line request: the parts' slots costed directly (parts that share a slot
    /// travel together, costed once with their joint load); nil when the stock or the trucks cannot
    /// take it.
    func evaluateOneLine(_ allocation: [(offer: Int, quantity: Quantity)]) -> (gross: Int64, purchase: Int64, date: CivilDate)? {
        guard withinStock(allocation) else { return nil }
        let slotOf = options[0].slots
        var gross: Int64 = 0
        var date = context.orderDay
        for (k, part) in allocation.enumerated() {
            let s = slotOf[part.offer]
            guard !allocation[..<k].contains(where: { slotOf[$0.offer] == s }) else { continue }
            var l = Load()
            for other in allocation[k...] where slotOf[other.offer] == s { l.add(load(line: 0, quantity: other.quantity)) }
            guard let c = cost(slot: s, l) else { return nil }
            gross += c.objective
            date = max(date, slots[s].deliveryDate)
        }
        return (gross, purchase(line: 0, allocation), date)
    }
}
