/// Choosing the cheapest set of trucks that carries a load.
///
/// A load is measured in one dimension: pallet places for palletised goods, kilograms for bulk.
/// For pallets, a vehicle's usable places are `min(placesOnBoard, ⌊payload / heaviest pallet⌋)`, so a
/// set of vehicles with enough usable places also carries the weight: the weight limit is folded into
/// the place count and never needs checking separately.
public enum VehicleMix {
    /// A vehicle class that can make the trip, with what one trip carries and costs.
    public struct Option: Sendable {
        public var vehicle: Vehicle
        /// Pallet places, or kilograms for bulk, that one trip carries.
        public var capacity: Int64
        public var tripPrice: Money
        public init(vehicle: Vehicle, capacity: Int64, tripPrice: Money) {
            self.vehicle = vehicle
            self.capacity = capacity
            self.tripPrice = tripPrice
        }
    }

    /// The chosen trucks: how many of each option, and the total price.
    public struct Choice: Sendable {
        public var counts: [(option: Option, count: Int64)]
        public var cost: Money
        /// False when the search stopped at its node budget: the mix is the best found, not proven.
        public var proven: Bool = true
        public var trips: Int64 { counts.reduce(0) { $0 + $1.count } }
    }

    /// The largest number of trips one shipment may need; beyond it the order is too large to
    /// deliver as one quote.
    public static let maximumTrips: Int64 = 500
    /// Search nodes at most; past them the best mix found is returned with `proven == false`.
    public static let nodeBudget = 200_000

    /// The cheapest multiset of `options` whose capacities add up to at least `demand`; among equally
    /// cheap ones, the one with fewer trips. Nil when no option has capacity or more than
    /// `maximumTrips` trips would be needed.
    ///
    /// Exact branch and bound: options in order of price per unit of capacity; at each option every
    /// count from "carries all that is left" down to zero, pruned by the bound "what is left at the
    /// best remaining price per unit".
    /// - Complexity: exponential in the number of options in the worst case, tiny in practice (a
    ///   handful of classes, a few dozen trips); see the benchmarks.
    /// - Note: the best mix so far is copied into `bestCounts` element by element: holding `counts` itself
    ///   would make the next `counts[index] = n` copy the whole array.
    public static func cheapest(demand: Int64, options: [Option], nodeBudget: Int = VehicleMix.nodeBudget) -> Choice? {
        guard demand > 0 else { return Choice(counts: [], cost: .zero) }
        // The options with capacity, by index, cheapest per unit first: p_a / c_a < p_b / c_b ⇔
        // p_a·c_b < p_b·c_a (exact in 128 bits). Indices, not options, are sorted and searched: an
        // option carries its vehicle's strings, and this runs for every slot a search prices.
        var sorted: [Int] = []
        sorted.reserveCapacity(options.count)
        var maxCapacity: Int64 = 1
        for (i, o) in options.enumerated() where o.capacity > 0 {
            sorted.append(i)
            maxCapacity = max(maxCapacity, o.capacity)
        }
        guard !sorted.isEmpty else { return nil }
        sorted.sort { i, j in
            let l = options[i].tripPrice.kopecks.multipliedFullWidth(by: options[j].capacity)
            let r = options[j].tripPrice.kopecks.multipliedFullWidth(by: options[i].capacity)
            if l != r { return l < r }
            return options[i].capacity > options[j].capacity
        }
        guard (demand + maxCapacity - 1) / maxCapacity <= maximumTrips else { return nil }

        var best: (cost: Int64, trips: Int64)?
        var bestCounts = [Int64](repeating: 0, count: sorted.count)
        var counts = [Int64](repeating: 0, count: sorted.count)
        var (nodes, limited) = (0, false)

        func search(_ index: Int, remaining: Int64, cost: Int64, trips: Int64) {
            nodes += 1
            if remaining <= 0 {
                if let b = best, b.cost < cost || (b.cost == cost && b.trips <= trips) { return }
                best = (cost, trips)
                for k in counts.indices { bestCounts[k] = counts[k] }
                return
            }
            guard index < sorted.count else { return }
            guard nodes < nodeBudget else {
                limited = true
                return
            }
            let capacity = options[sorted[index]].capacity
            let price = options[sorted[index]].tripPrice.kopecks
            // Lower bound: the rest carried at this option's price per unit (the best left).
            let bound = cost + ceilDiv(remaining * price, capacity)
            if let b = best, bound > b.cost { return }
            let most = ceilDiv(remaining, capacity)
            var n = most
            while n >= 0 {
                counts[index] = n
                search(index + 1, remaining: remaining - n * capacity, cost: cost + n * price, trips: trips + n)
                n -= 1
            }
            counts[index] = 0
        }
        search(0, remaining: demand, cost: 0, trips: 0)
        guard let found = best else { return nil }
        var chosen: [(option: Option, count: Int64)] = []
        chosen.reserveCapacity(sorted.count)
        for (i, count) in zip(sorted, bestCounts) where count > 0 { chosen.append((options[i], count)) }
        return Choice(counts: chosen, cost: Money(kopecks: found.cost), proven: !limited)
    }

    static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { (a + b - 1) / b }
}
