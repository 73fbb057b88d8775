/// The sourcing rules of `SourcingPlan` as an integer program, for a request the search cannot
/// settle within its budget: the solver weighs every split of every line, not only those the
/// search enumerated, and proves its answer the cheapest (or bounds how far it can be).
///
/// Quantities count in a product's *grain*: the greatest common divisor of its split unit, its
/// lines' part-unit leftovers and its sources' order multiples, so every part is a whole number of
/// grains. Per line `i` and offer `j` (a source whose shipment slot the strategy allows):
///
///     c_ij ∈ ℤ₊  whole units (pallets; tonnes for bulk) from j     h_ij ∈ {0,1}  j takes the leftover
///     u_ij ∈ {0,1}  j takes part                                   k_ij ∈ ℤ₊     the part / order multiple
///     part q_ij = U·c_ij + rest·h_ij
///
///     Σ_j c_ij = units_i, Σ_j h_ij = 1             the line in full (with the leftover whole to one source)
///     Σ_j u_ij ≤ 3 (1 for `single`)                at most three sources
///     c_ij ≤ units·u_ij, h_ij ≤ u_ij, u_ij ≤ c_ij + h_ij, q_ij ≥ min order·u_ij, q_ij = multiple·k_ij
///     Σ_{lines of one product} q_ij ≤ stock_j      lines of one product share its stock
///
/// Per slot `s` (a source and truck body): `y_s` (it ships), trips `n_sv` per truck kind `v` priced
/// at its trip cost with the weekend surcharge and VAT, at least one trip if it ships; a flatbed slot
/// carries Σ (c + h) pallets within Σ places × trips, where a truck's places are
/// `min(places, payload / heaviest pallet)`: the heaviest pallet on the slot picks one of its
/// *levels* (`z_sl`), and only the trips of that level count. A tipper slot carries the parts' kg
/// within Σ payload × trips. Trucks carrying no more than another one that costs no less are left out
/// (a cheapest mix never needs them). The objective is the delivery cost with VAT, the search's own.
///
/// When the lines cannot all be supplied together, `allowDrop` lets a line be left out at a penalty
/// above any delivery cost: fewest lines left out first, then the cheapest, as the search ranks.
struct SourcingProgram {
    var program = IntegerProgram()
    /// Per line and offer: its columns, when the offer can take part.
    private(set) var parts: [[Part?]] = []
    /// Per line: its drop column (with `allowDrop`).
    private(set) var drops: [Int?] = []
    /// The cost of leaving one line out (with `allowDrop`; 0 otherwise).
    private(set) var penalty: Double = 0

    struct Part {
        var units: Int?
        var rest: Int?
        var used: Int
        /// Milli-units per whole unit and per leftover.
        var unitMilli: Int64
        var restMilli: Int64
    }

    let search: SourcingSearch
    /// Per slot: the (line, offer) parts that may ship from it.
    var onSlot: [[(line: Int, offer: Int)]]
    /// What every trip the program allows would cost together: above any plan's delivery.
    var tripCostBound: Double = 0

    /// The program for lines placed on the slots `allowed` admits; nil when a line is outside what
    /// the program states (only part of it can be supplied, or goods on flatbeds without pallets).
    init?(search: SourcingSearch, allowed: (Int) -> Bool, single: [Bool], allowDrop: Bool) {
        self.search = search
        onSlot = Array(repeating: [], count: search.slots.count)
        let grains = SourcingProgram.grains(search)
        for i in search.options.indices {
            guard
                addLine(
                    i, grain: grains[search.context.lines[i].product.sku.rawValue] ?? 1, allowed: allowed, single: single[i],
                    allowDrop: allowDrop)
            else { return nil }
        }
        addPools(grains)
        for s in onSlot.indices where !onSlot[s].isEmpty {
            guard search.slots[s].body == .flatbed ? addFlatbed(s) : addTipper(s) else { return nil }
        }
        if allowDrop {
            penalty = max(1, tripCostBound) * 10
            for d in drops.compactMap({ $0 }) { program.setCost(penalty, of: d) }
        }
    }

    // MARK: - Lines

    /// Each product's grain in milli-units: the gcd of its split unit, its lines' leftovers and its
    /// offers' order multiples.
    static func grains(_ search: SourcingSearch) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for (i, line) in search.context.lines.enumerated() {
            let unit = search.context.splitUnit(line.product).milli
            var g = gcd(out[line.product.sku.rawValue] ?? 0, unit)
            g = gcd(g, line.sold.milli % unit)
            for offer in search.options[i].offers where offer.orderMultiple.milli > 0 { g = gcd(g, offer.orderMultiple.milli) }
            out[line.product.sku.rawValue] = max(1, g)
        }
        return out
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// A line's part columns and its rows; false when the line is outside the program.
    private mutating func addLine(_ i: Int, grain g: Int64, allowed: (Int) -> Bool, single: Bool, allowDrop: Bool) -> Bool {
        let line = search.context.lines[i]
        let o = search.options[i]
        var row: [Part?] = Array(repeating: nil, count: o.offers.count)
        defer { parts.append(row) }
        guard !o.allocations.isEmpty else {
            drops.append(nil)
            return true
        }
        guard o.supplied == line.sold else { return false }
        if line.product.body == .flatbed && (line.product.perPallet?.milli ?? 0) <= 0 { return false }
        let unit = search.context.splitUnit(line.product).milli
        let units = line.sold.milli / unit
        let rest = line.sold.milli - units * unit
        for j in o.offers.indices where allowed(o.slots[j]) && search.slots[o.slots[j]].problem == nil {
            row[j] = addPart(
                offer: o.offers[j], stock: search.poolStock[search.pools[i][j]], grain: g, unit: unit, units: units, rest: rest)
            if row[j] != nil { onSlot[o.slots[j]].append((i, j)) }
        }
        let drop = allowDrop ? program.column(upper: 1) : nil
        drops.append(drop)
        let present = row.compactMap { $0 }
        if units > 0 {
            program.row(
                lower: Double(units), upper: Double(units),
                present.compactMap { $0.units.map { ($0, 1.0) } } + (drop.map { [($0, Double(units))] } ?? []))
        }
        if rest > 0 {
            program.row(lower: 1, upper: 1, present.compactMap { $0.rest.map { ($0, 1.0) } } + (drop.map { [($0, 1.0)] } ?? []))
        }
        program.row(upper: single ? 1 : Double(SourcingContext.maximumParts), present.map { ($0.used, 1.0) })
        return true
    }

    /// One offer's columns in a line: whole units, the leftover, whether it takes part, and the rows
    /// tying them to its minimum order and multiple. Nil when the offer could take nothing.
    private mutating func addPart(offer: StockOffer, stock: Int64, grain g: Int64, unit: Int64, units: Int64, rest: Int64) -> Part? {
        let stockGrains = stock / g
        let unitGrains = unit / g
        let restGrains = rest / g
        let most = min(units, stockGrains / max(1, unitGrains))
        let c = most > 0 ? program.column(upper: Double(most)) : nil
        let h = rest > 0 && restGrains <= stockGrains ? program.column(upper: 1) : nil
        guard c != nil || h != nil else { return nil }
        let u = program.column(upper: 1)
        var q: [(Int, Double)] = []
        if let c {
            q.append((c, Double(unitGrains)))
            program.row(upper: 0, [(c, 1), (u, -Double(most))])
        }
        if let h {
            q.append((h, Double(restGrains)))
            program.row(upper: 0, [(h, 1), (u, -1)])
        }
        program.row(upper: 0, [(u, 1)] + [c, h].compactMap { $0.map { ($0, -1.0) } })
        let minimum = (offer.minOrder.milli + g - 1) / g
        if minimum > 1 { program.row(lower: 0, q + [(u, -Double(minimum))]) }
        let multiple = offer.orderMultiple.milli / g
        if offer.orderMultiple.milli > 0 && multiple > 1 && !(unitGrains % multiple == 0 && restGrains % multiple == 0) {
            let k = program.column(upper: Double(stockGrains / multiple))
            program.row(lower: 0, upper: 0, q + [(k, -Double(multiple))])
        }
        return Part(units: c, rest: h, used: u, unitMilli: unit, restMilli: rest)
    }

    /// Lines of one product from one source draw on one stock.
    private mutating func addPools(_ grains: [String: Int64]) {
        var terms = [[(Int, Double)]](repeating: [], count: search.poolStock.count)
        var grainOf = [Int64](repeating: 1, count: search.poolStock.count)
        for (i, row) in parts.enumerated() {
            let g = grains[search.context.lines[i].product.sku.rawValue] ?? 1
            for (j, part) in row.enumerated() {
                guard let part else { continue }
                let pool = search.pools[i][j]
                grainOf[pool] = g
                if let c = part.units { terms[pool].append((c, Double(part.unitMilli / g))) }
                if let h = part.rest { terms[pool].append((h, Double(part.restMilli / g))) }
            }
        }
        for p in terms.indices where !terms[p].isEmpty {
            program.row(upper: Double(search.poolStock[p] / grainOf[p]), terms[p])
        }
    }
}
