/// One request's sourcing inputs: the catalog, the drafted lines, the destination and the dates;
/// it builds the slots (source × truck kind) and each line's options.
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
        // Room for a slot per offer at most, so neither grows while it is filled.
        let most = lines.reduce(0) { $0 + $1.offers.count }
        var slots: [ShipmentSlot] = []
        slots.reserveCapacity(most)
        var slotIndex = [SlotKey: Int](minimumCapacity: most)
        var options: [LineOptions] = []
        options.reserveCapacity(lines.count)
        for line in lines {
            var offers: [StockOffer] = []
            var slotIDs: [Int] = []
            offers.reserveCapacity(line.offers.count)
            slotIDs.reserveCapacity(line.offers.count)
            for offer in line.offers where offer.stock.milli > 0 {
                guard let source = catalog.sources[offer.source],
                    !pickup || (pickupSource.map { $0 == source.id } ?? source.allowsPickup)
                else { continue }
                let key = SlotKey(source: source.id, body: line.product.body)
                let slot = slotIndex[key] ?? slots.count
                if slot == slots.count {
                    slots.append(makeSlot(source, line.product.body))
                    slotIndex[key] = slot
                }
                offers.append(offer)
                slotIDs.append(slot)
            }
            options.append(LineOptions(offers: offers, slots: slotIDs, allocations: [], supplied: line.sold, truncated: false))
        }
        return (slots, options)
    }

    /// A slot's identity: one source, one truck body.
    struct SlotKey: Hashable {
        var source: SourceID
        var body: VehicleBody
    }

    func rate(on date: CivilDate) -> Rate { vat.rate(on: date) ?? fallbackRate }

    func makeSlot(_ source: Source, _ body: VehicleBody) -> ShipmentSlot {
        let ready = catalog.calendar.adding(businessDays: source.leadDays, to: orderDay)
        if pickup {
            // The customer drives to it: how far it is from their city ranks the pickup points.
            let km =
                city.map { catalog.routes[RouteKey(zone: source.zone, city: $0.id)]?.distanceKm ?? SourcingContext.unknownDistanceKm } ?? 0
            return ShipmentSlot(
                source: source, body: body, readyDate: ready, deliveryDate: ready, distanceKm: km, vehicles: [], problem: nil,
                weekend: false,
                vatRate: rate(on: ready))
        }
        guard let city, let route = catalog.routes[RouteKey(zone: source.zone, city: city.id)] else {
            return ShipmentSlot(
                source: source, body: body, readyDate: ready, deliveryDate: ready, distanceKm: 0, vehicles: [],
                problem: .noRoute(source: source), weekend: false, vatRate: rate(on: ready))
        }
        let vehicles = trucks(body, zone: source.zone, city: city.id, distanceKm: route.distanceKm)
        let delivery = firstDeliveryDay(onOrAfter: ready.adding(days: Int32(route.transitDays)), city: city)
        return ShipmentSlot(
            source: source, body: body, readyDate: ready, deliveryDate: delivery, distanceKm: route.distanceKm, vehicles: vehicles,
            problem: vehicles.isEmpty ? .noVehicle(source: source, body: body) : nil, weekend: delivery.weekday.isWeekend,
            vatRate: rate(on: delivery))
    }

    /// The truck classes of `body` that have a tariff from `zone` to `city` (the city's own row, else
    /// the zone's rule), with the price of one trip (the crane surcharge included when asked for).
    func trucks(_ body: VehicleBody, zone: ZoneID, city: CityID, distanceKm: Int64) -> [(vehicle: Vehicle, tripPrice: Money)] {
        // The route's rows, read once: found by vehicle id below, not looked up per truck class.
        let own = catalog.tariffs.rows(zone: zone, city: city)
        let rule = catalog.tariffs.rows(zone: zone, city: nil)
        var vehicles: [(vehicle: Vehicle, tripPrice: Money)] = []
        vehicles.reserveCapacity(catalog.vehicles.count)
        // By index: the classes passed over are read in place, not copied with their strings.
        for v in catalog.vehicles.indices where catalog.vehicles[v].body == body && (!crane || catalog.vehicles[v].crane) {
            let id = catalog.vehicles[v].id
            let price: Money?
            if let i = own.firstIndex(where: { $0.key.vehicle == id }) {
                price = own[i].tripPrice(distanceKm: distanceKm)
            } else if let i = rule.firstIndex(where: { $0.key.vehicle == id }) {
                price = rule[i].tripPrice(distanceKm: distanceKm)
            } else {
                price = nil
            }
            guard var price else { continue }
            if crane { price = price.adding(catalog.settings.craneSurcharge) ?? price }
            vehicles.append((catalog.vehicles[v], price))
        }
        return vehicles
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

    /// Every way to split `line` over `offers` (`LineSplitter`); when none supplies the whole line,
    /// the most its sources can supply, as one partial split.
    ///
    /// - Parameter skip: whether a combination of offers (indices, two or more) can be left out
    ///   unexplored because a single source is sure to beat it.
    func allocations(for line: LineDraft, offers: [StockOffer], slots: [Int], skip: @escaping ([Int]) -> Bool = { _ in false })
        -> LineOptions
    {
        var splitter = LineSplitter(sold: line.sold, unit: splitUnit(line.product), offers: offers, skip: skip)
        splitter.run()
        var result = splitter.splits
        var supplied = line.sold
        if result.isEmpty {
            let partial = LineSplitter.partialSupply(of: line, offers: offers)
            supplied = partial.supplied
            if !partial.split.isEmpty { result.append(partial.split) }
        }
        return LineOptions(offers: offers, slots: slots, allocations: result, supplied: supplied, truncated: splitter.truncated)
    }

    /// The unit a line is split in: a pallet, or a tonne (at least the sale multiple) for bulk goods.
    func splitUnit(_ product: Product) -> Quantity {
        if let pallet = product.perPallet, pallet.milli > 0 { return pallet }
        return Quantity(milli: max(product.saleMultiple.milli, Quantity.scaleFactor))
    }
}
