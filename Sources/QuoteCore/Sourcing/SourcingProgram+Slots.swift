/// The shipments of `SourcingProgram`: each slot's trips and what they carry, and the plan read back
/// from a solution.
extension SourcingProgram {
    /// A truck kind's trips at one level: its index in the slot, its capacity and trip cost.
    struct Trip {
        var vehicle: Int
        var capacity: Int64
        var cost: Double
    }

    /// One trip's delivery cost with the weekend surcharge and VAT, in kopecks (the search's objective).
    func tripCost(slot s: Int, vehicle v: Int) -> Double {
        let slot = search.slots[s]
        let weekend = slot.weekend ? Double(search.context.catalog.settings.weekendSurcharge.basisPoints) / 10_000 : 0
        return Double(slot.vehicles[v].tripPrice.kopecks) * (1 + weekend) * (1 + Double(slot.vatRate.basisPoints) / 10_000)
    }

    /// The trucks a cheapest mix may need, given each one's capacity: one carrying no more than
    /// another that costs no less is never needed.
    func undominated(slot s: Int, capacities: [Int64]) -> [Trip] {
        let trips = capacities.indices.filter { capacities[$0] > 0 }.map {
            Trip(vehicle: $0, capacity: capacities[$0], cost: tripCost(slot: s, vehicle: $0))
        }
        return trips.enumerated().filter { a, t in
            !trips.enumerated().contains { b, o in
                b != a && o.capacity >= t.capacity && o.cost <= t.cost && (o.capacity > t.capacity || o.cost < t.cost || b < a)
            }
        }.map(\.element)
    }

    /// A flatbed slot: pallets within the places its trips offer at the level its heaviest pallet
    /// sets. Levels are the distinct vectors of usable places over its trucks, lightest pallets first.
    mutating func addFlatbed(_ s: Int) -> Bool {
        let slot = search.slots[s]
        let here = onSlot[s]
        let palletGrams = here.map {
            search.load(line: $0.line, quantity: search.context.lines[$0.line].product.perPallet ?? .zero).heaviest
        }
        var levels: [(places: [Int64], heaviest: [Int64])] = []
        for h in Set(palletGrams).sorted() {
            let places = slot.vehicles.map { min($0.vehicle.palletPlaces, $0.vehicle.payloadKg * 1000 / max(1, h)) }
            if levels.last?.places == places { levels[levels.count - 1].heaviest.append(h) } else { levels.append((places, [h])) }
        }
        let y = program.column(upper: 1)
        let z = levels.count > 1 ? levels.map { _ in program.column(upper: 1) } : []
        if !z.isEmpty { program.row(lower: 0, upper: 0, z.map { ($0, 1.0) } + [(y, -1)]) }
        var capacity: [(Int, Double)] = []
        var mostPallets: Int64 = 0
        for (k, p) in here.enumerated() {
            guard let part = parts[p.line][p.offer] else { continue }
            program.row(upper: 0, [(part.used, 1), (y, -1)])
            let pallets = [part.units, part.rest].compactMap { $0.map { ($0, 1.0) } }
            capacity += pallets
            let units = search.context.lines[p.line].sold.milli / max(1, part.unitMilli)
            mostPallets += units + 1
            // Every level carries the lightest pallets; a heavier one needs its level or a heavier.
            guard let level = levels.firstIndex(where: { $0.heaviest.contains(palletGrams[k]) }), level > 0, !z.isEmpty else { continue }
            program.row(upper: 0, pallets + z[level...].map { ($0, -Double(units + 1)) })
        }
        var anyTrip: [(Int, Double)] = [(y, -1)]
        for (l, level) in levels.enumerated() {
            for trip in undominated(slot: s, capacities: level.places) {
                let most = (mostPallets + trip.capacity - 1) / trip.capacity
                let n = program.column(upper: Double(most), cost: trip.cost)
                capacity.append((n, -Double(trip.capacity)))
                anyTrip.append((n, 1))
                if !z.isEmpty { program.row(upper: 0, [(n, 1), (z[l], -Double(most))]) }
                tripCostBound += Double(most) * trip.cost
            }
        }
        program.row(upper: 0, capacity)
        program.row(lower: 0, anyTrip)
        return true
    }

    /// A tipper slot: the parts' weight within the payload of its trips.
    mutating func addTipper(_ s: Int) -> Bool {
        var load: [(Int, Double)] = []
        var mostKg: Double = 0
        let y = program.column(upper: 1)
        for p in onSlot[s] {
            guard let part = parts[p.line][p.offer] else { continue }
            program.row(upper: 0, [(part.used, 1), (y, -1)])
            let line = search.context.lines[p.line]
            let grams = Double(line.product.unitWeightGrams)
            if let c = part.units { load.append((c, Double(part.unitMilli) * grams / 1_000_000)) }
            if let h = part.rest { load.append((h, Double(part.restMilli) * grams / 1_000_000)) }
            mostKg += Double(line.sold.milli) * grams / 1_000_000
        }
        var anyTrip: [(Int, Double)] = [(y, -1)]
        let payloads = search.slots[s].vehicles.map(\.vehicle.payloadKg)
        for trip in undominated(slot: s, capacities: payloads) {
            let most = (mostKg / Double(trip.capacity)).rounded(.up) + 1
            guard most.isFinite, most < 1e9 else { return false }
            let n = program.column(upper: most, cost: trip.cost)
            load.append((n, -Double(trip.capacity)))
            anyTrip.append((n, 1))
            tripCostBound += most * trip.cost
        }
        program.row(upper: 0, load)
        program.row(lower: 0, anyTrip)
        return true
    }

    // MARK: - Reading a solution

    /// Each line's parts in a solution (none: left out), or nil when the solution breaks a rule the
    /// engine checks (it is then not used).
    func decode(_ x: [Double]) -> [[(offer: Int, quantity: Quantity)]]? {
        guard x.count == program.columns.count, x.allSatisfy({ $0.isFinite && abs($0) < 1e15 }) else { return nil }
        var out: [[(offer: Int, quantity: Quantity)]] = []
        for (i, row) in parts.enumerated() {
            if let d = drops[i], x[d] > 0.5 {
                out.append([])
                continue
            }
            var line: [(offer: Int, quantity: Quantity)] = []
            for (j, part) in row.enumerated() {
                guard let part else { continue }
                let c = part.units.map { Int64(x[$0].rounded()) } ?? 0
                let h = part.rest.map { Int64(x[$0].rounded()) } ?? 0
                let (q, overflow) = c.multipliedReportingOverflow(by: part.unitMilli)
                guard !overflow, let total = q.addingReportingOverflowCheck(h * part.restMilli) else { return nil }
                if total > 0 { line.append((j, Quantity(milli: total))) }
            }
            let offers = search.options[i].offers
            let sum = line.reduce(Int64(0)) { $0 + $1.quantity.milli }
            guard
                search.options[i].allocations.isEmpty
                    || (sum == search.context.lines[i].sold.milli && line.count <= SourcingContext.maximumParts),
                line.allSatisfy({ offers[$0.offer].canSupply($0.quantity) })
            else { return nil }
            out.append(line)
        }
        return out
    }
}

extension Int64 {
    /// `self + other`, nil on overflow.
    fileprivate func addingReportingOverflowCheck(_ other: Int64) -> Int64? {
        let (r, o) = addingReportingOverflow(other)
        return o ? nil : r
    }
}
