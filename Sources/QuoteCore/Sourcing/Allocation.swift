/// Choosing where each line comes from, and what that costs in delivery and time.
///
/// Every line is taken whole from one source that can supply it. Lines from the same source that
/// travel on the same kind of truck share one shipment: their pallets and weights add up and one set
/// of trucks carries them. Each combination of sources is priced in full (trucks, tariffs, dates), and
/// the best one for the strategy wins.
struct SourcingPlan {
    /// For each line, the index of its source among the line's candidates.
    var choice: [Int]
    var shipments: [PlannedShipment]
    /// Customer's delivery total, VAT included (each shipment's VAT rounded on its own).
    var deliveryGross: Int64
    /// Our purchase cost of the goods: the tie-breaker (the company's margin).
    var purchaseCost: Int64
    /// When the last shipment arrives (or is ready for pickup).
    var date: CivilDate
}

struct PlannedShipment {
    var source: Source
    var body: VehicleBody
    var lines: [Int]
    var readyDate: CivilDate
    var deliveryDate: CivilDate
    var distanceKm: Int64
    var pallets: Int64
    var weightGrams: Int64
    var mix: VehicleMix.Choice?
    var cost: Money
    var vat: Money
}

/// Why a combination of sources cannot be delivered.
enum DeliveryProblem: Error {
    case noRoute(source: Source)
    case noVehicle(source: Source, body: VehicleBody)
}

struct SourcingContext {
    let catalog: Catalog
    let lines: [LineDraft]
    let city: City?
    let pickup: Bool
    let orderDay: CivilDate
    let vatRate: Rate

    /// Combinations priced exhaustively; beyond this many, each line keeps only its own best sources.
    static let exhaustiveLimit = 4_096

    /// The best plan for each strategy that has one, and the first delivery problem met (for the
    /// error when no combination can be delivered).
    func search() -> (plans: [Strategy: SourcingPlan], problem: DeliveryProblem?) {
        var best: [Strategy: SourcingPlan] = [:]
        var problem: DeliveryProblem?
        var combinations = 1
        for line in lines { combinations = min(combinations * max(1, line.candidates.count), Int.max / 64) }
        var candidateLists = lines.map { Array($0.candidates.indices) }
        if combinations > SourcingContext.exhaustiveLimit {
            // Keep each line's cheapest-to-deliver sources on their own, so the product stays small.
            candidateLists = lines.indices.map { i in
                let ranked = lines[i].candidates.indices.sorted { a, b in
                    let pa = evaluate(single: i, candidate: a)
                    let pb = evaluate(single: i, candidate: b)
                    return (pa ?? Int64.max) < (pb ?? Int64.max)
                }
                return Array(ranked.prefix(2))
            }
        }
        var choice = [Int](repeating: 0, count: lines.count)
        func visit(_ i: Int) {
            if i == lines.count {
                switch plan(choice) {
                case .success(let p):
                    for strategy in Strategy.allCases where better(p, than: best[strategy], for: strategy) {
                        best[strategy] = p
                    }
                case .failure(let why):
                    if problem == nil { problem = why }
                }
                return
            }
            for c in candidateLists[i] {
                choice[i] = c
                visit(i + 1)
            }
        }
        visit(0)
        return (best, problem)
    }

    private func evaluate(single line: Int, candidate: Int) -> Int64? {
        var choice = [Int](repeating: 0, count: lines.count)
        choice[line] = candidate
        guard case .success(let p) = plan(choice) else { return nil }
        return p.deliveryGross
    }

    /// Whether `a` beats `b` for `strategy`. Cheapest: delivery total (goods are priced the same from
    /// every source), then our cost, then date. Fastest: date first. Ties keep the earlier plan, whose
    /// sources come first by id, so answers are deterministic.
    func better(_ a: SourcingPlan, than b: SourcingPlan?, for strategy: Strategy) -> Bool {
        guard let b else { return true }
        switch strategy {
        case .cheapest, .single:
            if a.deliveryGross != b.deliveryGross { return a.deliveryGross < b.deliveryGross }
            if a.purchaseCost != b.purchaseCost { return a.purchaseCost < b.purchaseCost }
            return a.date < b.date
        case .fastest:
            if a.date != b.date { return a.date < b.date }
            if a.deliveryGross != b.deliveryGross { return a.deliveryGross < b.deliveryGross }
            return a.purchaseCost < b.purchaseCost
        }
    }

    /// Prices one combination: groups lines into shipments, picks trucks, dates each shipment.
    func plan(_ choice: [Int]) -> Result<SourcingPlan, DeliveryProblem> {
        // Group lines by (source, body), in a stable order.
        var groups: [(source: SourceID, body: VehicleBody, lines: [Int])] = []
        var purchase: Int64 = 0
        for (i, line) in lines.enumerated() {
            let offer = line.candidates[choice[i]]
            purchase &+= offer.cost.times(line.sold)?.kopecks ?? 0
            if let g = groups.firstIndex(where: { $0.source == offer.source && $0.body == line.product.body }) {
                groups[g].lines.append(i)
            } else {
                groups.append((offer.source, line.product.body, [i]))
            }
        }
        groups.sort { $0.source != $1.source ? $0.source < $1.source : $0.body.rawValue < $1.body.rawValue }
        var shipments: [PlannedShipment] = []
        var deliveryGross: Int64 = 0
        var lastDate = orderDay
        for group in groups {
            guard let source = catalog.sources[group.source] else { continue }
            switch shipment(from: source, body: group.body, lines: group.lines) {
            case .success(let s):
                shipments.append(s)
                deliveryGross &+= s.cost.kopecks &+ s.vat.kopecks
                lastDate = max(lastDate, s.deliveryDate)
            case .failure(let problem):
                return .failure(problem)
            }
        }
        return .success(
            SourcingPlan(choice: choice, shipments: shipments, deliveryGross: deliveryGross, purchaseCost: purchase, date: lastDate))
    }

    func shipment(from source: Source, body: VehicleBody, lines indices: [Int]) -> Result<PlannedShipment, DeliveryProblem> {
        let ready = catalog.calendar.adding(businessDays: source.leadDays, to: orderDay)
        var pallets: Int64 = 0
        var grams: Int64 = 0
        var heaviestPallet: Int64 = 1
        for i in indices {
            let line = lines[i]
            pallets += line.pallets
            grams += line.weightGrams
            if let perPallet = line.product.perPallet {
                let full = FixedPoint.mulDivCeiling(perPallet.milli, line.product.unitWeightGrams, Quantity.scaleFactor) ?? 0
                heaviestPallet = max(heaviestPallet, full)
            }
        }
        var planned = PlannedShipment(
            source: source, body: body, lines: indices, readyDate: ready, deliveryDate: ready, distanceKm: 0,
            pallets: pallets, weightGrams: grams, mix: nil, cost: .zero, vat: .zero)
        guard !pickup, let city else { return .success(planned) }

        guard let route = catalog.routes[RouteKey(zone: source.zone, city: city.id)] else {
            return .failure(.noRoute(source: source))
        }
        var options: [VehicleMix.Option] = []
        for vehicle in catalog.vehicles where vehicle.body == body {
            guard let tariff = catalog.tariff(zone: source.zone, city: city.id, vehicle: vehicle.id),
                let price = tariff.tripPrice(distanceKm: route.distanceKm)
            else { continue }
            let capacity: Int64
            switch body {
            case .flatbed: capacity = min(vehicle.palletPlaces, vehicle.payloadKg * 1000 / heaviestPallet)
            case .tipper: capacity = vehicle.payloadKg
            }
            options.append(VehicleMix.Option(vehicle: vehicle, capacity: capacity, tripPrice: price))
        }
        let demand = body == .flatbed ? pallets : (grams + 999) / 1000
        guard let mix = VehicleMix.cheapest(demand: demand, options: options) else {
            return .failure(.noVehicle(source: source, body: body))
        }
        let arrival = ready.adding(days: Int32(route.transitDays))
        planned.deliveryDate = firstDeliveryDay(onOrAfter: arrival, city: city)
        planned.distanceKm = route.distanceKm
        planned.mix = mix
        planned.cost = mix.cost
        planned.vat = mix.cost.times(vatRate) ?? .zero
        return .success(planned)
    }

    /// The first day on or after `date` on which `city` is served and which is not a public holiday.
    func firstDeliveryDay(onOrAfter date: CivilDate, city: City) -> CivilDate {
        guard !city.deliveryDays.isEmpty else { return date }
        var d = date
        for _ in 0..<60 {
            if city.deliveryDays.contains(d.weekday) && !catalog.calendar.holidays.contains(d) { return d }
            d = d.adding(days: 1)
        }
        return d
    }
}
