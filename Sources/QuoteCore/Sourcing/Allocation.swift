/// Choosing where each line comes from: possibly split across sources, consolidated into shipments,
/// each shipment carried by the cheapest trucks, and the combination best for the customer.
///
/// **The option space.** A line may be split across sources at whole pallets (bulk goods: at whole
/// tonnes); the part pallet left over, if any, goes whole to one of the sources. Every part must be
/// a quantity its source can supply (stock, minimum order, order multiple). Lines from the same
/// source on the same kind of truck share one shipment: their pallets and weights add up.
///
/// **The search** (`SourcingSearch+BranchAndBound.swift`) starts from a local search's answer and
/// then is exact branch and bound over the lines, cutting every branch whose lower bound cannot beat
/// the best plan found. Within the budgets below the answer is the optimum of the whole option space,
/// which the brute-force test checks; past them the best found so far is returned, flagged
/// (`SourcingPlan.exhaustive == false`) with a proven lower bound on the optimum (`bound`).
struct SourcingPlan {
    /// For each line, its parts: which offer, how much.
    var allocations: [[Part]]
    var shipments: [PlannedShipment]
    /// Customer's delivery total with VAT (each shipment's VAT rounded on its own).
    var deliveryGross: Int64
    /// Our purchase cost of the goods: the tie-breaker (the company's margin).
    var purchaseCost: Int64
    /// When the last shipment arrives (or is ready for pickup).
    var date: CivilDate
    /// False when a search budget ran out before every option was weighed.
    var exhaustive: Bool
    /// True when choosing the trucks of some shipment hit its search budget (the trucks are the best
    /// found, not proven the cheapest).
    var vehiclesLimited = false
    /// When the search stopped at its budget: a proven lower bound on the delivery cost (with VAT) of
    /// any plan that supplies as many lines, so the plan is within `deliveryGross − bound` of the best.
    var bound: Int64?

    struct Part: Equatable {
        var offer: StockOffer
        var quantity: Quantity

        static func == (a: Part, b: Part) -> Bool { a.offer.source == b.offer.source && a.quantity == b.quantity }
    }

    /// The sources used, in order of first use.
    var sources: [SourceID] {
        var out: [SourceID] = []
        for s in shipments where !out.contains(s.source.id) { out.append(s.source.id) }
        return out
    }
}

struct PlannedShipment {
    var source: Source
    var body: VehicleBody
    /// The lines it carries and how much of each.
    var parts: [(line: Int, quantity: Quantity)]
    var readyDate: CivilDate
    var deliveryDate: CivilDate
    var distanceKm: Int64
    var pallets: Int64
    var weightGrams: Int64
    var mix: VehicleMix.Choice?
    /// Delivery price before VAT: trips, plus surcharges.
    var cost: Money
    var surcharges: [(kind: String, amount: Money)]
    var vat: Money
    var vatRate: Rate
}

/// Why no combination could be delivered.
enum DeliveryProblem: Error {
    case noRoute(source: Source)
    case noVehicle(source: Source, body: VehicleBody)
}

/// A place goods can leave from for one request: a source and a kind of truck, with its dates and
/// the trucks that can make the trip.
struct ShipmentSlot {
    let source: Source
    let body: VehicleBody
    let readyDate: CivilDate
    let deliveryDate: CivilDate
    let distanceKm: Int64
    /// Trucks that can make the trip and the price of one trip (surcharges per trip included).
    let vehicles: [(vehicle: Vehicle, tripPrice: Money)]
    /// Why it cannot deliver, if it cannot.
    let problem: DeliveryProblem?
    let weekend: Bool
    /// VAT in force on the day the goods are shipped (delivered; ready, for pickup).
    let vatRate: Rate
}

/// What one line may be split into.
struct LineOptions {
    /// Offers that can take part, in source order.
    var offers: [StockOffer]
    /// The slot each offer ships from.
    var slots: [Int]
    /// Allocations to try: for each, the (offer index, quantity) parts. Single sources first.
    var allocations: [[(offer: Int, quantity: Quantity)]]
    /// How much of the line can be supplied at most (less than sold: a partial answer).
    var supplied: Quantity
    var truncated: Bool
}

struct SourcingContext {
    let catalog: Catalog
    let lines: [LineDraft]
    let city: City?
    let pickup: Bool
    let crane: Bool
    let orderDay: CivilDate
    /// VAT rates by date: each slot is taxed at the rate of its own shipment date.
    let vat: VATSchedule
    /// The rate on the quote's own date, for a date before the schedule's first row (never in a
    /// valid catalog, whose first rate precedes `asOf`).
    let fallbackRate: Rate
    /// With pickup: the one source the customer named, if any.
    var pickupSource: SourceID? = nil

    /// Distance ranked for a pickup point the catalog has no route for from the customer's city:
    /// after every point it has one for.
    static let unknownDistanceKm: Int64 = 1_000_000

    /// Allocations generated per line at most, and search nodes per strategy at most.
    static let allocationBudget = 4_000
    /// Steps of the enumeration per line at most (it is quadratic in pallets for a triple of sources).
    static let enumerationBudget = 100_000
    static let nodeBudget = 200_000
    /// A line is split across at most this many sources.
    static let maximumParts = 3

    // MARK: - Setting up

    /// The slots (source × truck kind) the request can use, and each line's options.
    func prepare() -> (slots: [ShipmentSlot], options: [LineOptions]) {
        var slots: [ShipmentSlot] = []
        var slotIndex: [String: Int] = [:]
        func slot(for source: Source, body: VehicleBody) -> Int {
            let key = source.id.rawValue + "|" + body.rawValue
            if let i = slotIndex[key] { return i }
            slots.append(makeSlot(source, body))
            slotIndex[key] = slots.count - 1
            return slots.count - 1
        }
        var options: [LineOptions] = []
        for line in lines {
            let offers = line.offers.filter { offer in
                guard let source = catalog.sources[offer.source], offer.stock.milli > 0 else { return false }
                return !pickup || (pickupSource.map { $0 == source.id } ?? source.allowsPickup)
            }
            let slotIDs = offers.compactMap { catalog.sources[$0.source] }.map { slot(for: $0, body: line.product.body) }
            options.append(LineOptions(offers: offers, slots: slotIDs, allocations: [], supplied: line.sold, truncated: false))
        }
        return (slots, options)
    }

    func rate(on date: CivilDate) -> Rate { vat.rate(on: date) ?? fallbackRate }

    func makeSlot(_ source: Source, _ body: VehicleBody) -> ShipmentSlot {
        let ready = catalog.calendar.adding(businessDays: source.leadDays, to: orderDay)
        if pickup {
            // The customer drives to it: how far it is from their city ranks the pickup points.
            let km = city.map { catalog.routes[RouteKey(zone: source.zone, city: $0.id)]?.distanceKm ?? SourcingContext.unknownDistanceKm } ?? 0
            return ShipmentSlot(
                source: source, body: body, readyDate: ready, deliveryDate: ready, distanceKm: km, vehicles: [], problem: nil, weekend: false,
                vatRate: rate(on: ready))
        }
        guard let city, let route = catalog.routes[RouteKey(zone: source.zone, city: city.id)] else {
            return ShipmentSlot(
                source: source, body: body, readyDate: ready, deliveryDate: ready, distanceKm: 0, vehicles: [],
                problem: .noRoute(source: source), weekend: false, vatRate: rate(on: ready))
        }
        var vehicles: [(Vehicle, Money)] = []
        for vehicle in catalog.vehicles where vehicle.body == body && (!crane || vehicle.crane) {
            guard let tariff = catalog.tariff(zone: source.zone, city: city.id, vehicle: vehicle.id),
                var price = tariff.tripPrice(distanceKm: route.distanceKm)
            else { continue }
            if crane { price = price.adding(catalog.settings.craneSurcharge) ?? price }
            vehicles.append((vehicle, price))
        }
        let delivery = firstDeliveryDay(onOrAfter: ready.adding(days: Int32(route.transitDays)), city: city)
        return ShipmentSlot(
            source: source, body: body, readyDate: ready, deliveryDate: delivery, distanceKm: route.distanceKm, vehicles: vehicles,
            problem: vehicles.isEmpty ? .noVehicle(source: source, body: body) : nil, weekend: delivery.weekday.isWeekend,
            vatRate: rate(on: delivery))
    }

    /// The first day on or after `date` on which `city` is served and which is not a public holiday.
    func firstDeliveryDay(onOrAfter date: CivilDate, city: City) -> CivilDate {
        guard !city.deliveryDays.isEmpty else { return date }
        var d = date
        for _ in 0..<60 {
            if city.deliveryDays.contains(d.weekday) && !catalog.calendar.isHoliday(d) { return d }
            d = d.adding(days: 1)
        }
        return d
    }

    /// Every way to split `line` over `offers`: whole units (pallets, or tonnes for bulk) shared out,
    /// the leftover part unit going whole to one source, each part a quantity its source can supply.
    ///
    /// - Parameter skip: whether a combination of offers (indices, two or more) can be left out
    ///   unexplored because a single source is sure to beat it.
    func allocations(for line: LineDraft, offers: [StockOffer], slots: [Int], skip: ([Int]) -> Bool = { _ in false }) -> LineOptions {
        let unit = splitUnit(line.product)
        let units = line.sold.milli / unit.milli
        let rest = Quantity(milli: line.sold.milli - units * unit.milli)
        var result: [[(offer: Int, quantity: Quantity)]] = []
        var truncated = false
        var steps = 0

        // Single sources first, then pairs, then triples (in source order), while within budget.
        let n = offers.count
        for size in 1...max(1, min(SourcingContext.maximumParts, n)) where n > 0 {
            var combination = Array(0..<size)
            while true {
                if size == 1 || !skip(combination) {
                    // Share `units` over the chosen offers, each ≥ 0 (a part of 0 units is allowed only if it
                    // takes the leftover), and give `rest` to one of them.
                    var counts = [Int64](repeating: 0, count: size)
                    // The most whole units each chosen offer can take (its stock, at most what is left
                    // after the others' minimum of one unit), so the enumeration never wanders past stock.
                    let most = combination.map { offers[$0].stock.milli / unit.milli }
                    var suffixMost = [Int64](repeating: 0, count: size + 1)
                    for j in stride(from: size - 1, through: 0, by: -1) { suffixMost[j] = suffixMost[j + 1] + most[j] }
                    func distribute(_ k: Int, _ left: Int64) {
                        if truncated { return }
                        steps += 1
                        if steps > SourcingContext.enumerationBudget {
                            truncated = true
                            return
                        }
                        // What is left must fit in the remaining offers' stock (one part unit of slack for the rest).
                        if left > suffixMost[k] + 1 { return }
                        if k == size - 1 {
                            counts[k] = left
                            for restHolder in (rest.milli > 0 ? Array(0..<size) : [-1]) {
                                var parts: [(offer: Int, quantity: Quantity)] = []
                                var valid = true
                                for j in 0..<size {
                                    let q = Quantity(milli: counts[j] * unit.milli + (j == restHolder ? rest.milli : 0))
                                    if q.milli == 0 || !offers[combination[j]].canSupply(q) {
                                        valid = false
                                        break
                                    }
                                    parts.append((combination[j], q))
                                }
                                if valid {
                                    if result.count >= SourcingContext.allocationBudget {
                                        truncated = true
                                        return
                                    }
                                    result.append(parts)
                                }
                            }
                            return
                        }
                        // At least what the later offers cannot take, at most what this one can.
                        var c = max(0, left - suffixMost[k + 1] - 1)
                        while c <= min(left, most[k] + 1) {
                            counts[k] = c
                            distribute(k + 1, left - c)
                            c += 1
                        }
                    }
                    distribute(0, units)
                    if truncated { break }
                }
                // next combination
                var i = size - 1
                while i >= 0 && combination[i] == n - size + i { i -= 1 }
                if i < 0 { break }
                combination[i] += 1
                for j in (i + 1)..<size { combination[j] = combination[j - 1] + 1 }
            }
            if truncated { break }
        }

        var supplied = line.sold
        if result.isEmpty {
            // Not enough anywhere (or no quantities fit the sources' steps): take what each source can
            // supply, largest first, up to what was asked.
            var parts: [(offer: Int, quantity: Quantity)] = []
            var left = line.sold.milli
            for (i, offer) in offers.enumerated().sorted(by: { $0.element.stock > $1.element.stock }) where left > 0 {
                var q = min(offer.stock.milli, left)
                if offer.orderMultiple.milli > 0 { q -= q % offer.orderMultiple.milli }
                if line.product.unit != .tonnes { q -= q % Quantity.scaleFactor }
                guard q > 0, offer.canSupply(Quantity(milli: q)) else { continue }
                parts.append((i, Quantity(milli: q)))
                left -= q
            }
            supplied = Quantity(milli: line.sold.milli - left)
            if !parts.isEmpty { result.append(parts.sorted { $0.offer < $1.offer }) }
        }
        return LineOptions(offers: offers, slots: slots, allocations: result, supplied: supplied, truncated: truncated)
    }

    /// The unit a line is split in: a pallet, or a tonne (at least the sale multiple) for bulk goods.
    func splitUnit(_ product: Product) -> Quantity {
        if let pallet = product.perPallet, pallet.milli > 0 { return pallet }
        return Quantity(milli: max(product.saleMultiple.milli, Quantity.scaleFactor))
    }
}
