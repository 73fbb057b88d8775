/// The branch and bound over the lines' allocations (see `SourcingPlan` for the option space).
final class SourcingSearch {
    let context: SourcingContext
    let slots: [ShipmentSlot]
    private(set) var options: [LineOptions]
    var cache: [Int64: SlotCost]
    /// For each line, the least purchase cost any of its allocations has: part of the lower bound.
    private(set) var minimumPurchase: [Int64] = []
    /// For each line and offer, its stock pool; and each pool's stock.
    private(set) var pools: [[Int]] = []
    private(set) var poolStock: [Int64] = []
    /// The solver that proves a plan the cheapest when the search alone cannot (none: the search's
    /// plan and bound stand).
    let solver: (any IntegerProgramSolver)?

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

        /// Puts `other` on the same trucks.
        mutating func add(_ other: Load) {
            pallets += other.pallets
            grams += other.grams
            heaviest = max(heaviest, other.heaviest)
        }
    }

    init(context: SourcingContext, slots: [ShipmentSlot], options lineOptions: [LineOptions], solver: (any IntegerProgramSolver)? = nil) {
        self.context = context
        self.solver = solver
        self.slots = slots
        self.options = lineOptions
        cache = [Int64: SlotCost](minimumCapacity: 2 * slots.count)
        // Each line's allocations. A split over sources that no other line uses costs at least one
        // trip from each of them; when a single source that arrives no later is already cheaper than
        // that, the split can never be best (for cheapest or fastest) and is not generated at all.
        var linesPerSlot = [Int](repeating: 0, count: slots.count)
        var lastLine = [Int](repeating: -1, count: slots.count)
        for (i, o) in lineOptions.enumerated() {
            for s in o.slots where lastLine[s] != i {
                lastLine[s] = i
                linesPerSlot[s] += 1
            }
        }
        let minimumTrip = slots.indices.map { SourcingSearch.minimumTrip(slots[$0]) }
        for i in lineOptions.indices {
            let line = context.lines[i]
            let o = SourcingSearch.deliverable(lineOptions[i], slots: slots)
            var singles: [(gross: Int64, date: CivilDate)] = []
            if !context.pickup {
                for (j, offer) in o.offers.enumerated() where offer.canSupply(line.sold) {
                    if let c = cost(slot: o.slots[j], load(line: i, quantity: line.sold)) {
                        singles.append((c.gross, slots[o.slots[j]].deliveryDate))
                    }
                }
            }
            let skip: ([Int]) -> Bool = { combination in
                guard !singles.isEmpty else { return false }
                var bound: Int64 = 0
                var latest: CivilDate?
                for k in combination {
                    let s = o.slots[k]
                    guard linesPerSlot[s] == 1 else { return false }
                    bound += minimumTrip[s]
                    latest = max(latest ?? slots[s].deliveryDate, slots[s].deliveryDate)
                }
                let by = latest ?? context.orderDay
                return singles.contains { $0.gross < bound && $0.date <= by }
            }
            options[i] = context.allocations(for: line, offers: o.offers, slots: o.slots, skip: skip)
        }
        // Lines of the same product draw on the same stock: one pool per (source, product).
        var poolIndex = [PoolKey: Int](minimumCapacity: options.reduce(0) { $0 + $1.offers.count })
        for o in options {
            pools.append(
                o.offers.map { offer in
                    let key = PoolKey(source: offer.source, sku: offer.sku)
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

    /// One source's stock of one product, which every line of that product draws on.
    struct PoolKey: Hashable {
        var source: SourceID
        var sku: SKU
    }

    /// The least a slot's one trip costs with VAT (0 for a slot without trucks).
    static func minimumTrip(_ slot: ShipmentSlot) -> Int64 {
        var least: Int64?
        for v in slot.vehicles {
            let gross = v.tripPrice.kopecks + (v.tripPrice.times(slot.vatRate)?.kopecks ?? 0)
            least = min(least ?? gross, gross)
        }
        return least ?? 0
    }

    /// A line's offers less those whose slot cannot deliver (no route, no truck): they could never
    /// be part of a plan, and would only crowd the allocations. When none can deliver, all are kept,
    /// so that the quote says why (`no_delivery`).
    static func deliverable(_ o: LineOptions, slots: [ShipmentSlot]) -> LineOptions {
        let keep = o.offers.indices.filter { slots[o.slots[$0]].problem == nil }
        guard !keep.isEmpty, keep.count < o.offers.count else { return o }
        var out = o
        out.offers = keep.map { o.offers[$0] }
        out.slots = keep.map { o.slots[$0] }
        return out
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
        // The slot's fields are read in place: a copy of the slot would retain its source's strings.
        if context.pickup { return SlotCost(net: 0, gross: 0, mix: nil, surcharges: [], objective: slots[index].distanceKm + 1) }
        guard slots[index].problem == nil else { return nil }
        let flatbed = slots[index].body == .flatbed
        let demand = flatbed ? load.pallets : (load.grams + 999) / 1000
        // slot (12 bits) | heaviest pallet in grams (28 bits) | demand (24 bits): one integer to hash.
        let heaviest = flatbed ? load.heaviest : 0
        let exact = index < 1 << 12 && heaviest < 1 << 28 && demand >= 0 && demand < 1 << 24
        let key = Int64(index) << 52 | heaviest << 24 | demand
        if exact, let c = cache[key] { return c }
        let c = priced(slot: index, load, demand: demand)
        if exact, let c { cache[key] = c }
        return c
    }

    /// `cost` worked out: the cheapest trucks for `demand` (pallets, or tonnes for tippers), the
    /// surcharges and VAT.
    private func priced(slot index: Int, _ load: Load, demand: Int64) -> SlotCost? {
        let flatbed = slots[index].body == .flatbed
        let options = slots[index].vehicles.map { v in
            VehicleMix.Option(
                vehicle: v.vehicle,
                capacity: flatbed ? min(v.vehicle.palletPlaces, v.vehicle.payloadKg * 1000 / load.heaviest) : v.vehicle.payloadKg,
                tripPrice: v.tripPrice)
        }
        guard let mix = VehicleMix.cheapest(demand: demand, options: options) else { return nil }
        var net = mix.cost.kopecks
        var surcharges: [(kind: String, amount: Money)] = []
        if context.crane {
            let crane = context.catalog.settings.craneSurcharge.times(mix.trips) ?? .zero
            if crane.kopecks > 0 { surcharges.append(("crane", crane)) }
        }
        if slots[index].weekend, let weekend = mix.cost.times(context.catalog.settings.weekendSurcharge), weekend.kopecks > 0 {
            surcharges.append(("weekend", weekend))
            net += weekend.kopecks
        }
        let vat = Money(kopecks: net).times(slots[index].vatRate)?.kopecks ?? 0
        return SlotCost(net: net, gross: net + vat, mix: mix, surcharges: surcharges, objective: net + vat)
    }

    // MARK: - Search

    /// The best plan for `strategy` among those that arrive by `by` (any date when nil), or nil when
    /// no combination can be delivered in time.
    ///
    /// - Parameter cheapest: the `cheapest` plan for the same `by`, when already found. The `fastest`
    ///   plan is the cheapest of those arriving by the earliest date that works; a cheapest plan proven
    ///   best over every slot that arrives by then is therefore the fastest one too (and one within the
    ///   program's gap of the best is within it of the fastest), and is returned without a second
    ///   search (nor a second integer program).
    func best(for strategy: Strategy, by: CivilDate? = nil, cheapest: SourcingPlan? = nil) -> SourcingPlan? {
        let limit = by ?? CivilDate(day: Int32.max)
        let inTime: (Int) -> Bool = { self.slots[$0].deliveryDate <= limit }
        switch strategy {
        case .cheapest:
            return search(allowed: inTime, singleOnly: false)
        case .single:
            return search(allowed: inTime, singleOnly: true)
        case .fastest:
            // The earliest date a plan supplying every line can have: the slots' dates in order, each
            // time allowing only the slots that arrive by then, checked by the quick first answer; the
            // full search runs once, at the first date that works. If no date lets every line in, the
            // best plan over all of them.
            let dates = Set(slots.map(\.deliveryDate)).filter { $0 <= limit }.sorted()
            for date in dates {
                let allowed: (Int) -> Bool = { self.slots[$0].deliveryDate <= date }
                guard let c = candidates(allowed: allowed, singleOnly: false) else { continue }
                // One line: its best deliverable allocation is a whole plan, the one the search would
                // return (and the quick first answer would have found one).
                let oneLine = bestOfOneLine(c)
                guard oneLine != nil || suppliesEveryLine(c) else { continue }
                if let cheapest, isSettled(cheapest), cheapest.date <= date { return cheapest }
                if let a = oneLine { return plan([a], exhaustive: true) }
                return search(allowed: allowed, singleOnly: false, candidates: c)
            }
            if let cheapest, isSettled(cheapest) { return cheapest }
            return search(allowed: inTime, singleOnly: false)
        }
    }

    /// Whether the quick first answer over `candidates` supplies every line that has any.
    func suppliesEveryLine(_ candidates: [[Int]]) -> Bool {
        guard let first = greedy(candidates) else { return false }
        return first.indices.allSatisfy { first[$0] >= 0 || candidates[$0].isEmpty }
    }

    /// The totals of one complete choice: delivery gross, purchase cost and date; nil if undeliverable.
    func evaluate(_ choice: [Int]) -> (gross: Int64, purchase: Int64, date: CivilDate)? {
        if options.count == 1, let a = choice.first {
            return a >= 0 ? evaluateOneLine(options[0].allocations[a]) : (0, 0, context.orderDay)
        }
        var state = Placing(slots: slots.count, pools: poolStock.count)
        for (i, a) in choice.enumerated() where a >= 0 {
            guard place(line: i, options[i].allocations[a], on: &state) else { return nil }
        }
        return totals(state)
    }

    /// Loads, stock drawn and purchase cost of the parts placed so far.
    struct Placing {
        var loads: [Load]
        var used: [Bool]
        var drawn: [Int64]
        var spent: Int64 = 0

        init(slots: Int, pools: Int) {
            loads = [Load](repeating: Load(), count: slots)
            used = [Bool](repeating: false, count: slots)
            drawn = [Int64](repeating: 0, count: pools)
        }
    }

    /// Places one line's parts on their slots; false when they overdraw a stock.
    func place(line i: Int, _ allocation: [(offer: Int, quantity: Quantity)], on state: inout Placing) -> Bool {
        state.spent += purchase(line: i, allocation)
        for part in allocation {
            let pool = pools[i][part.offer]
            state.drawn[pool] += part.quantity.milli
            if state.drawn[pool] > poolStock[pool] { return false }
            let s = options[i].slots[part.offer]
            state.loads[s].add(load(line: i, quantity: part.quantity))
            state.used[s] = true
        }
        return true
    }

    /// The delivery gross, purchase cost and date of what is placed; nil if some slot cannot carry its load.
    func totals(_ state: Placing) -> (gross: Int64, purchase: Int64, date: CivilDate)? {
        var gross: Int64 = 0
        var date = context.orderDay
        for s in slots.indices where state.used[s] {
            guard let c = cost(slot: s, state.loads[s]) else { return nil }
            gross += c.objective
            date = max(date, slots[s].deliveryDate)
        }
        return (gross, state.spent, date)
    }

    /// The plan for one choice of allocations: shipments with their trucks, costs and dates.
    func plan(_ choice: [Int], exhaustive: Bool) -> SourcingPlan {
        plan(parts: choice.enumerated().map { i, a in a >= 0 ? options[i].allocations[a] : [] }, exhaustive: exhaustive)
    }

    /// The plan for each line's parts (none: the line left out).
    func plan(parts: [[(offer: Int, quantity: Quantity)]], exhaustive: Bool) -> SourcingPlan {
        var allocations: [[SourcingPlan.Part]] = []
        var perSlot = [Int: [(line: Int, quantity: Quantity)]](minimumCapacity: slots.count)
        allocations.reserveCapacity(parts.count)
        var purchaseTotal: Int64 = 0
        for (i, allocation) in parts.enumerated() {
            guard !allocation.isEmpty else {
                allocations.append([])
                continue
            }
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
                l.add(load(line: p.line, quantity: p.quantity))
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
