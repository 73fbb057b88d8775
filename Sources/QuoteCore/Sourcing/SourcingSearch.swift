/// The branch and bound over the lines' allocations (see `SourcingPlan` for the option space).
final class SourcingSearch {
    let context: SourcingContext
    let slots: [ShipmentSlot]
    private(set) var options: [LineOptions]
    private var cache: [Int64: SlotCost] = [:]
    /// For each line, the least purchase cost any of its allocations has: part of the lower bound.
    private var minimumPurchase: [Int64] = []
    /// For each line and offer, its stock pool; and each pool's stock.
    private var pools: [[Int]] = []
    private var poolStock: [Int64] = []

    /// What a slot's shipment costs for a load: trips and surcharges, net and with VAT.
    struct SlotCost {
        var net: Int64
        var gross: Int64
        var mix: VehicleMix.Choice?
        var surcharges: [(kind: String, amount: Money)]
        /// What the search minimises for the slot: the delivery gross; for pickup, the distance the
        /// customer drives to it (plus one, so fewer pickup points win at equal distance).
        var objective: Int64
    }

    /// A slot's load: pallets and weight placed on it so far, and its heaviest pallet.
    struct Load {
        var pallets: Int64 = 0
        var grams: Int64 = 0
        var heaviest: Int64 = 1
        var isEmpty: Bool { pallets == 0 && grams == 0 }
    }

    init(context: SourcingContext, slots: [ShipmentSlot], options lineOptions: [LineOptions]) {
        self.context = context
        self.slots = slots
        self.options = lineOptions
        // Each line's allocations. A split over sources that no other line uses costs at least one
        // trip from each of them; when a single source that arrives no later is already cheaper than
        // that, the split can never be best (for cheapest or fastest) and is not generated at all.
        var linesPerSlot = [Int](repeating: 0, count: slots.count)
        for o in lineOptions { for s in Set(o.slots) { linesPerSlot[s] += 1 } }
        let minimumTrip: [Int64] = slots.map { slot in
            slot.vehicles.map { $0.tripPrice.kopecks + ($0.tripPrice.times(slot.vatRate)?.kopecks ?? 0) }.min() ?? 0
        }
        for i in lineOptions.indices {
            let line = context.lines[i]
            let o = lineOptions[i]
            var singles: [(gross: Int64, date: CivilDate)] = []
            if !context.pickup {
                for (j, offer) in o.offers.enumerated() where offer.canSupply(line.sold) {
                    if let c = cost(slot: o.slots[j], load(line: i, quantity: line.sold)) {
                        singles.append((c.gross, slots[o.slots[j]].deliveryDate))
                    }
                }
            }
            let skip: ([Int]) -> Bool = { combination in
                guard !singles.isEmpty, combination.allSatisfy({ linesPerSlot[o.slots[$0]] == 1 }) else { return false }
                let bound = combination.reduce(Int64(0)) { $0 + minimumTrip[o.slots[$1]] }
                let latest = combination.map { slots[o.slots[$0]].deliveryDate }.max() ?? context.orderDay
                return singles.contains { $0.gross < bound && $0.date <= latest }
            }
            options[i] = context.allocations(for: line, offers: o.offers, slots: o.slots, skip: skip)
        }
        // Lines of the same product draw on the same stock: one pool per (source, product).
        var poolIndex: [String: Int] = [:]
        for o in options {
            pools.append(
                o.offers.map { offer in
                    let key = offer.source.rawValue + "|" + offer.sku.rawValue
                    if let p = poolIndex[key] { return p }
                    poolIndex[key] = poolStock.count
                    poolStock.append(offer.stock.milli)
                    return poolStock.count - 1
                })
        }
        minimumPurchase = options.indices.map { i in
            options[i].allocations.map { purchase(line: i, $0) }.min() ?? 0
        }
    }

    // MARK: - Costs

    func purchase(line: Int, _ allocation: [(offer: Int, quantity: Quantity)]) -> Int64 {
        allocation.reduce(Int64(0)) { $0 + (options[line].offers[$1.offer].cost.times($1.quantity)?.kopecks ?? 0) }
    }

    /// The load one part adds to its slot.
    func load(line: Int, quantity: Quantity) -> Load {
        let product = context.lines[line].product
        var l = Load()
        l.grams = FixedPoint.mulDivCeiling(quantity.milli, product.unitWeightGrams, Quantity.scaleFactor) ?? Int64.max / 4
        if let perPallet = product.perPallet, perPallet.milli > 0 {
            l.pallets = quantity.count(of: perPallet)
            l.heaviest = max(1, FixedPoint.mulDivCeiling(perPallet.milli, product.unitWeightGrams, Quantity.scaleFactor) ?? 1)
        }
        return l
    }

    /// The shipment cost of `load` from `slot`, or nil if no trucks can carry it.
    func cost(slot index: Int, _ load: Load) -> SlotCost? {
        if load.isEmpty { return SlotCost(net: 0, gross: 0, mix: nil, surcharges: [], objective: 0) }
        let slot = slots[index]
        if context.pickup { return SlotCost(net: 0, gross: 0, mix: nil, surcharges: [], objective: slot.distanceKm + 1) }
        guard slot.problem == nil else { return nil }
        let demand = slot.body == .flatbed ? load.pallets : (load.grams + 999) / 1000
        // slot (12 bits) | heaviest pallet in grams (28 bits) | demand (24 bits): one integer to hash.
        let heaviest = slot.body == .flatbed ? load.heaviest : 0
        let exact = index < 1 << 12 && heaviest < 1 << 28 && demand >= 0 && demand < 1 << 24
        let key = Int64(index) << 52 | heaviest << 24 | demand
        if exact, let c = cache[key] { return c }
        let options = slot.vehicles.map { v in
            VehicleMix.Option(
                vehicle: v.vehicle,
                capacity: slot.body == .flatbed
                    ? min(v.vehicle.palletPlaces, v.vehicle.payloadKg * 1000 / load.heaviest) : v.vehicle.payloadKg,
                tripPrice: v.tripPrice)
        }
        guard let mix = VehicleMix.cheapest(demand: demand, options: options) else { return nil }
        var net = mix.cost.kopecks
        var surcharges: [(kind: String, amount: Money)] = []
        if context.crane {
            let crane = context.catalog.settings.craneSurcharge.times(mix.trips) ?? .zero
            if crane.kopecks > 0 { surcharges.append(("crane", crane)) }
        }
        if slot.weekend, let weekend = mix.cost.times(context.catalog.settings.weekendSurcharge), weekend.kopecks > 0 {
            surcharges.append(("weekend", weekend))
            net += weekend.kopecks
        }
        let vat = Money(kopecks: net).times(slot.vatRate)?.kopecks ?? 0
        let c = SlotCost(net: net, gross: net + vat, mix: mix, surcharges: surcharges, objective: net + vat)
        if exact { cache[key] = c }
        return c
    }

    // MARK: - Search

    /// The best plan for `strategy` among those that arrive by `by` (any date when nil), or nil when
    /// no combination can be delivered in time.
    func best(for strategy: Strategy, by: CivilDate? = nil) -> SourcingPlan? {
        let limit = by ?? CivilDate(day: Int32.max)
        let inTime: (Int) -> Bool = { self.slots[$0].deliveryDate <= limit }
        switch strategy {
        case .cheapest:
            return search(allowed: inTime, singleOnly: false)
        case .single:
            return search(allowed: inTime, singleOnly: true)
        case .fastest:
            // The earliest date any feasible plan can have: try the slots' dates in order, each time
            // allowing only the slots that arrive by then; the cheapest plan of the first date that works.
            let dates = Set(slots.map(\.deliveryDate)).filter { $0 <= limit }.sorted()
            for date in dates {
                if let plan = search(allowed: { self.slots[$0].deliveryDate <= date }, singleOnly: false) { return plan }
            }
            return nil
        }
    }

    /// The order plans are ranked in: the objective (delivery cost, or the pickup distance), then
    /// for delivery our purchase cost and the date, for pickup the date and then the purchase cost.
    func rank(_ objective: Int64, _ purchase: Int64, _ date: CivilDate) -> (Int64, Int64, Int64) {
        context.pickup ? (objective, Int64(date.day), purchase) : (objective, purchase, Int64(date.day))
    }

    private struct Best {
        var choice: [Int]
        var gross: Int64
        var purchase: Int64
        var date: CivilDate
    }

    func search(allowed: (Int) -> Bool, singleOnly: Bool) -> SourcingPlan? {
        let lineCount = options.count
        // The allocations each line may use here, cheapest-looking first.
        var candidates: [[Int]] = []
        for i in 0..<lineCount {
            var list = options[i].allocations.indices.filter { a in
                options[i].allocations[a].allSatisfy { allowed(options[i].slots[$0.offer]) }
            }
            if singleOnly, list.contains(where: { options[i].allocations[$0].count == 1 }) {
                list = list.filter { options[i].allocations[$0].count == 1 }
            }
            // Single sources first, cheapest alone first, for a good first answer to bound the rest
            // by; splits after them in the order they were generated (they are pruned by the bound).
            let singles = list.filter { options[i].allocations[$0].count == 1 }
            let splits = list.filter { options[i].allocations[$0].count > 1 }
            let standalone = singles.map { a -> Int64 in
                let part = options[i].allocations[a][0]
                return cost(slot: options[i].slots[part.offer], load(line: i, quantity: part.quantity))?.objective ?? Int64.max / 8
            }
            list = zip(singles, standalone).sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0) + splits
            // A line nothing can supply is left out of the plan (reported by the caller), not a dead end.
            if list.isEmpty && !options[i].allocations.isEmpty { return nil }
            candidates.append(list)
        }

        // Exact search while the combinations are few enough to weigh quickly; past that, local search.
        var space = 1
        for c in candidates where !c.isEmpty {
            space = space.multipliedReportingOverflow(by: c.count).overflow ? Int.max : space * c.count
        }
        if space > SourcingSearch.exactLimit {
            return improve(candidates)
        }

        var loads = [Load](repeating: Load(), count: slots.count)
        var drawn = [Int64](repeating: 0, count: poolStock.count)
        var slotCosts = [Int64](repeating: 0, count: slots.count)  // gross per slot for the current loads
        var choice = [Int](repeating: -1, count: lineCount)
        var best: Best?
        var nodes = 0
        var exhausted = false
        var remainingMinPurchase = [Int64](repeating: 0, count: lineCount + 1)
        for i in stride(from: lineCount - 1, through: 0, by: -1) {
            remainingMinPurchase[i] = remainingMinPurchase[i + 1] + (candidates[i].isEmpty ? 0 : minimumPurchase[i])
        }

        func visit(_ i: Int, gross: Int64, purchase spent: Int64, date: CivilDate) {
            nodes += 1
            if nodes > SourcingContext.nodeBudget {
                exhausted = true
                return
            }
            // Bound: what is placed can only cost more as more is added.
            if let b = best {
                if rank(gross, spent + remainingMinPurchase[i], date) >= rank(b.gross, b.purchase, b.date) { return }
            }
            if i == lineCount {
                best = Best(choice: choice, gross: gross, purchase: spent, date: date)
                return
            }
            if candidates[i].isEmpty {
                visit(i + 1, gross: gross, purchase: spent, date: date)
                return
            }
            var placed = false
            var blockedByStock = false
            for a in candidates[i] {
                let allocation = options[i].allocations[a]
                var saved: [(slot: Int, load: Load, cost: Int64)] = []
                var newGross = gross
                var newDate = date
                var feasible = true
                for part in allocation where drawn[pools[i][part.offer]] + part.quantity.milli > poolStock[pools[i][part.offer]] {
                    feasible = false
                    blockedByStock = true
                }
                for part in allocation where feasible {
                    let s = options[i].slots[part.offer]
                    let add = load(line: i, quantity: part.quantity)
                    var l = loads[s]
                    saved.append((s, l, slotCosts[s]))
                    l.pallets += add.pallets
                    l.grams += add.grams
                    l.heaviest = max(l.heaviest, add.heaviest)
                    guard let c = cost(slot: s, l) else {
                        feasible = false
                        break
                    }
                    newGross += c.objective - slotCosts[s]
                    loads[s] = l
                    slotCosts[s] = c.objective
                    newDate = max(newDate, slots[s].deliveryDate)
                }
                if feasible {
                    placed = true
                    choice[i] = a
                    for part in allocation { drawn[pools[i][part.offer]] += part.quantity.milli }
                    visit(i + 1, gross: newGross, purchase: spent + purchase(line: i, allocation), date: newDate)
                    for part in allocation { drawn[pools[i][part.offer]] -= part.quantity.milli }
                }
                for s in saved.reversed() {
                    loads[s.slot] = s.load
                    slotCosts[s.slot] = s.cost
                }
                if exhausted { return }
            }
            // Earlier lines of the same product took the stock this one needed: it is left out of the
            // plan (and reported as not available) rather than sinking the whole quote.
            if !placed && blockedByStock && !exhausted {
                choice[i] = -1
                visit(i + 1, gross: gross, purchase: spent, date: date)
            }
        }
        visit(0, gross: 0, purchase: 0, date: context.orderDay)
        guard let found = best else { return nil }
        return plan(found.choice, exhaustive: !exhausted && !options.contains(where: \.truncated))
    }

    /// Combinations of allocations (the product over the lines) searched exactly; more are improved
    /// locally instead, and the answer is flagged as not proven optimal.
    static let exactLimit = 20_000

    /// Local search for requests too large to search exactly: start from each line's cheapest single
    /// source, then move one line at a time to whichever of its allocations lowers the total (shared
    /// trucks included), until no move helps.
    /// - Complexity: O(passes × lines × allocations × lines); at most 4 passes over 16 allocations a line.
    func improve(_ candidates: [[Int]]) -> SourcingPlan? {
        // First answer: line by line, the first allocation (cheapest single source first) that still fits.
        var choice = [Int](repeating: -1, count: candidates.count)
        var drawn = [Int64](repeating: 0, count: poolStock.count)
        for i in candidates.indices where !candidates[i].isEmpty {
            var blockedByStock = false
            let fits = candidates[i].first { a in
                let allocation = options[i].allocations[a]
                guard allocation.allSatisfy({ drawn[pools[i][$0.offer]] + $0.quantity.milli <= poolStock[pools[i][$0.offer]] }) else {
                    blockedByStock = true
                    return false
                }
                choice[i] = a
                return evaluate(choice) != nil
            }
            if let a = fits {
                choice[i] = a
                for part in options[i].allocations[a] { drawn[pools[i][part.offer]] += part.quantity.milli }
            } else if blockedByStock {
                choice[i] = -1  // the stock went to earlier lines of the same product: left out
            } else {
                return nil  // cannot be delivered at all
            }
        }
        guard var current = evaluate(choice) else { return nil }
        for _ in 0..<4 {
            var improved = false
            for i in candidates.indices where candidates[i].count > 1 {
                for a in candidates[i].prefix(16) where a != choice[i] && choice[i] >= 0 {
                    let previous = choice[i]
                    choice[i] = a
                    if let t = evaluate(choice), rank(t.gross, t.purchase, t.date) < rank(current.gross, current.purchase, current.date) {
                        current = t
                        improved = true
                    } else {
                        choice[i] = previous
                    }
                }
            }
            if !improved { break }
        }
        return plan(choice, exhaustive: false)
    }

    /// The totals of one complete choice: delivery gross, purchase cost and date; nil if undeliverable.
    func evaluate(_ choice: [Int]) -> (gross: Int64, purchase: Int64, date: CivilDate)? {
        var loads = [Load](repeating: Load(), count: slots.count)
        var used = [Bool](repeating: false, count: slots.count)
        var drawn = [Int64](repeating: 0, count: poolStock.count)
        var spent: Int64 = 0
        for (i, a) in choice.enumerated() where a >= 0 {
            let allocation = options[i].allocations[a]
            spent += purchase(line: i, allocation)
            for part in allocation {
                drawn[pools[i][part.offer]] += part.quantity.milli
                if drawn[pools[i][part.offer]] > poolStock[pools[i][part.offer]] { return nil }
                let s = options[i].slots[part.offer]
                let add = load(line: i, quantity: part.quantity)
                loads[s].pallets += add.pallets
                loads[s].grams += add.grams
                loads[s].heaviest = max(loads[s].heaviest, add.heaviest)
                used[s] = true
            }
        }
        var gross: Int64 = 0
        var date = context.orderDay
        for s in slots.indices where used[s] {
            guard let c = cost(slot: s, loads[s]) else { return nil }
            gross += c.objective
            date = max(date, slots[s].deliveryDate)
        }
        return (gross, spent, date)
    }

    /// The plan for one choice of allocations: shipments with their trucks, costs and dates.
    func plan(_ choice: [Int], exhaustive: Bool) -> SourcingPlan {
        var allocations: [[SourcingPlan.Part]] = []
        var perSlot: [Int: [(line: Int, quantity: Quantity)]] = [:]
        var purchaseTotal: Int64 = 0
        for (i, a) in choice.enumerated() {
            guard a >= 0 else {
                allocations.append([])
                continue
            }
            let allocation = options[i].allocations[a]
            allocations.append(allocation.map { SourcingPlan.Part(offer: options[i].offers[$0.offer], quantity: $0.quantity) })
            purchaseTotal += purchase(line: i, allocation)
            for part in allocation { perSlot[options[i].slots[part.offer], default: []].append((i, part.quantity)) }
        }
        var shipments: [PlannedShipment] = []
        var gross: Int64 = 0
        var vehiclesLimited = false
        var date = context.orderDay
        for s in perSlot.keys.sorted(by: { (slots[$0].source.id, slots[$0].body.rawValue) < (slots[$1].source.id, slots[$1].body.rawValue) }
        ) {
            let parts = perSlot[s] ?? []
            var l = Load()
            for p in parts {
                let add = load(line: p.line, quantity: p.quantity)
                l.pallets += add.pallets
                l.grams += add.grams
                l.heaviest = max(l.heaviest, add.heaviest)
            }
            let c = cost(slot: s, l) ?? SlotCost(net: 0, gross: 0, mix: nil, surcharges: [], objective: 0)
            let slot = slots[s]
            if let mix = c.mix, !mix.proven { vehiclesLimited = true }
            shipments.append(
                PlannedShipment(
                    source: slot.source, body: slot.body, parts: parts, readyDate: slot.readyDate, deliveryDate: slot.deliveryDate,
                    distanceKm: slot.distanceKm, pallets: l.pallets, weightGrams: l.grams, mix: c.mix, cost: Money(kopecks: c.net),
                    surcharges: c.surcharges, vat: Money(kopecks: c.gross - c.net), vatRate: slot.vatRate))
            gross += c.gross
            date = max(date, slot.deliveryDate)
        }
        return SourcingPlan(
            allocations: allocations, shipments: shipments, deliveryGross: gross, purchaseCost: purchaseTotal, date: date,
            exhaustive: exhaustive, vehiclesLimited: vehiclesLimited)
    }
}
