/// The pricing engine: catalog snapshot + request + clock in, quote out.
///
/// Pure and synchronous: it reads only its arguments (the request carries the clock as `asOf`), does
/// no I/O and keeps no state, so the same inputs always give the same quote.
public enum QuoteEngine {
    /// Prices `request` against `catalog`.
    ///
    /// - Parameters:
    ///   - explain: also fill `Quote.explanation` with the reasons for each choice.
    ///   - solver: an integer-programming solver for requests too large for the engine's own search
    ///     to prove its plan the cheapest (`SourcingProgram`); without one such a plan carries the
    ///     search's proven bound (`search_limited`). One-line requests never need it.
    /// - Throws: `QuoteError` for a request that cannot be quoted: bad input (exit 2), nothing
    ///   available or deliverable (exit 1), a catalog that contradicts itself (exit 3).
    public static func quote(
        _ request: QuoteRequest, catalog: Catalog, explain: Bool = false, solver: (any IntegerProgramSolver)? = nil
    ) throws(QuoteError) -> Quote {
        guard !request.items.isEmpty else {
            throw QuoteError(.emptyRequest, Message("request.no_products"), field: "items")
        }
        let settings = catalog.settings
        let asOf = request.asOf
        let localDate = asOf.at(offsetSeconds: settings.utcOffsetSeconds).local.date
        let vatRate = try vatRate(on: localDate, in: catalog)
        var mistakes: [QuoteError] = []
        let (city, customer) = resolveParties(request, catalog: catalog, localDate: localDate, mistakes: &mistakes)
        var lines = draftLines(request, city: city, customer: customer, catalog: catalog, vatRate: vatRate, mistakes: &mistakes)
        // Every bad line and term of the request in one answer: the first as the error, all of them
        // listed with it. A catalog that contradicts itself is reported alone.
        if var first = mistakes.first {
            if let catalogError = mistakes.first(where: { $0.code.exitStatus == 3 }) { throw catalogError }
            first.others = Array(mistakes.dropFirst())
            throw first
        }

        let orderDay = catalog.calendar.orderDay(for: asOf, offsetSeconds: settings.utcOffsetSeconds, cutoffHour: settings.cutoffHour)
        var context = SourcingContext(
            catalog: catalog, lines: lines, city: city, pickup: request.pickup, crane: request.crane, orderDay: orderDay,
            vat: catalog.vat, fallbackRate: vatRate)
        if request.pickup, let named = request.pickupSource {
            context.pickupSource = try resolvePickupSource(named, lines: lines, catalog: catalog)
        }
        let (slots, prepared) = context.prepare()
        let search = SourcingSearch(context: context, slots: slots, options: prepared, solver: solver)
        let options = search.options
        if options.allSatisfy(\.allocations.isEmpty) {
            throw unavailableError(lines: lines, catalog: catalog)
        }
        // A line only part of which can be supplied is priced for what can be.
        for i in lines.indices where options[i].supplied < lines[i].sold && options[i].supplied.milli > 0 {
            try price(&lines[i], quantity: options[i].supplied, city: city, catalog: catalog, vatRate: vatRate)
        }
        // A needed-by date is a constraint: the best plan that arrives by it; only when none can, the
        // plan that arrives earliest (and the quote says it is late).
        let inTime = search.best(for: request.strategy, by: request.by)
        guard let plan = inTime ?? search.best(for: .fastest) else {
            throw deliveryError(slots.compactMap(\.problem).first, city: city)
        }
        let other: Strategy = request.strategy == .fastest ? .cheapest : .fastest
        let alternative =
            inTime == nil ? nil : search.best(for: other, by: request.by, cheapest: request.strategy == .cheapest ? inTime : nil)
        let chosen = Chosen(
            plan: plan, late: inTime == nil && request.by != nil, alternative: alternative, alternativeStrategy: other)
        return try assemble(
            request: request, catalog: catalog, lines: lines, options: options, chosen: chosen, city: city, customer: customer,
            orderDay: orderDay, explain: explain)
    }

    /// Each request line resolved and priced; a bad line's error is collected and the others go on.
    static func draftLines(
        _ request: QuoteRequest, city: City?, customer: Customer?, catalog: Catalog, vatRate: Rate, mistakes: inout [QuoteError]
    ) -> [LineDraft] {
        var lines: [LineDraft] = []
        lines.reserveCapacity(request.items.count)
        for (index, item) in request.items.enumerated() {
            do {
                lines.append(
                    try draftLine(
                        item, field: "items[\(index)]", city: city, customer: customer, manualDiscount: request.discount, catalog: catalog,
                        vatRate: vatRate))
            } catch {
                mistakes.append(error)
            }
        }
        return lines
    }

    /// The plan chosen for the request and what the quote says beside it.
    struct Chosen {
        var plan: SourcingPlan
        /// The request's `by` date cannot be met: `plan` is the earliest one.
        var late: Bool
        var alternative: SourcingPlan?
        var alternativeStrategy: Strategy
    }

    /// The VAT rate on the quote's own date: the fallback for a shipment date the schedule misses, and
    /// the check that the catalog covers the quote's date at all.
    static func vatRate(on localDate: CivilDate, in catalog: Catalog) throws(QuoteError) -> Rate {
        if let rate = catalog.vat.rate(on: localDate) { return rate }
        if let first = catalog.vat.rates.first?.from, localDate < first {
            throw QuoteError(.invalidDate, Message("as_of.before_vat", .date(localDate), .date(first)), field: "asOf")
        }
        throw QuoteError(.catalogInvalid, Message("catalog.no_vat_rate", .date(localDate)))
    }

    /// The delivery city and the customer, and the checks on the request's own terms (discount,
    /// date): each checked on its own, every mistake collected.
    static func resolveParties(_ request: QuoteRequest, catalog: Catalog, localDate: CivilDate, mistakes: inout [QuoteError]) -> (
        City?, Customer?
    ) {
        var city: City?
        if let text = request.city, !text.allSatisfy(\.isWhitespace) {
            do { city = try resolveCity(text, field: "city", in: catalog) } catch { mistakes.append(error) }
        } else if !request.pickup {
            mistakes.append(QuoteError(.missingCity, Message("city.missing"), field: "city"))
        }
        var customer: Customer?
        do { customer = try resolveCustomer(request.customer, in: catalog) } catch { mistakes.append(error) }
        if let d = request.discount, d.basisPoints < 0 || d.basisPoints > 10_000 {
            mistakes.append(QuoteError(.invalidQuantity, Message("discount.range", .percent(d)), field: "discount"))
        }
        if let by = request.by, by < localDate {
            mistakes.append(QuoteError(.invalidDate, Message("by.past", .date(by), .date(localDate)), field: "by"))
        }
        return (city, customer)
    }

    /// The source a pickup request names, by id or name; it must stock the request's products and
    /// allow pickup.
    static func resolvePickupSource(_ text: String, lines: [LineDraft], catalog: Catalog) throws(QuoteError) -> SourceID {
        let key = NameKey.normalize(text)
        let candidates = Set(lines.flatMap { $0.offers.map(\.source) }).sorted().compactMap { catalog.sources[$0] }
        guard let source = candidates.first(where: { NameKey.normalize($0.id.rawValue) == key || NameKey.normalize($0.name) == key }) else {
            throw QuoteError(
                .unknownSource, Message("pickup.unknown", .text(text)),
                field: "pickup", candidates: candidates.filter(\.allowsPickup).map(\.id.rawValue))
        }
        guard source.allowsPickup else {
            throw QuoteError(
                .pickupNotAllowed, Message("pickup.not_allowed", .text(source.name), .verbatim(source.id.rawValue)),
                field: "pickup", candidates: candidates.filter(\.allowsPickup).map(\.id.rawValue))
        }
        return source.id
    }

    static func deliveryError(_ problem: DeliveryProblem?, city: City?) -> QuoteError {
        let cityName = MessageArg.text(city?.name ?? "—")
        switch problem {
        case .noRoute(let source):
            return QuoteError(
                .noDelivery, Message("delivery.no_route", .text(source.name), cityName, .verbatim(source.zone.rawValue)), field: "city")
        case .noVehicle(let source, let body):
            return QuoteError(.noDelivery, Message("delivery.no_vehicle", .body(body), .text(source.name), cityName), field: "city")
        case nil:
            return QuoteError(.noDelivery, Message("delivery.none", cityName), field: "city")
        }
    }
}

/// One request line, resolved and priced, before its source is chosen.
struct LineDraft {
    var field: String
    var product: Product
    var otherSKUs: [SKU]
    var requestedName: String
    var requested: Quantity
    var unit: OrderUnit
    var computed: Quantity
    var sold: Quantity
    var weightGrams: Int64
    var unitPrice: UnitPrice
    var listPrice: UnitPrice
    var discount: Rate
    /// The two discounts behind `discount`, to price other quantities the same way.
    var groupDiscount: Rate
    var manualDiscount: Rate
    var tierMin: Quantity
    /// The next price tier up, if there is one: for the "buy a little more" hint.
    var nextTier: PriceTier?
    var region: RegionID?
    var net: Money
    /// The rate `vat` was computed at (the quote day's; the quote applies its shipment date's).
    var vatRate: Rate = Rate(basisPoints: 0)
    var vat: Money
    /// How a wall or a volume became pieces.
    var conversion: Message?
    /// The wall the line was asked as, if it was.
    var wall: Wall?
    /// The price tiers that apply (base or regional list).
    var tiers: [PriceTier]
    /// Every offer of the product, in source-id order.
    var offers: [StockOffer]
    /// What was asked for before a partial answer cut `sold` down (nil: supplied in full).
    var asked: Quantity?
}

extension QuoteEngine {
    static func draftLine(
        _ item: QuoteRequest.Item, field: String, city: City?, customer: Customer?, manualDiscount: Rate?, catalog: Catalog, vatRate: Rate
    ) throws(QuoteError) -> LineDraft {
        let resolved = try resolveProduct(item.product, field: field + ".product", in: catalog)
        let product = resolved.product
        let converted = try soldQuantity(item, of: product, catalogJoint: catalog.settings.jointMM, field: field)
        let (unit, computed, sold) = (converted.unit, converted.computed, converted.sold)

        guard let prices = catalog.prices[product.sku] else {
            throw QuoteError(.catalogInvalid, Message("catalog.no_price", .verbatim(product.sku.rawValue)), field: field + ".product")
        }
        let (tiers, region) = prices.tiers(region: city?.region)
        let group = catalog.productGroups[product.group]
        if let manual = manualDiscount, manual.basisPoints > 0 {
            let cap = group?.maxDiscount ?? Rate(basisPoints: 0)
            guard manual <= cap else {
                throw QuoteError(
                    .discountTooLarge,
                    Message(
                        "discount.over_cap", .percent(manual), .verbatim(product.sku.rawValue), .percent(cap),
                        .text(group?.name ?? product.group.rawValue)),
                    field: "discount", candidates: [cap.percentString])
            }
        }
        let groupDiscount =
            customer.flatMap { catalog.discounts[DiscountKey(customerGroup: $0.group, productGroup: product.group)] }
            ?? Rate(basisPoints: 0)
        var line = LineDraft(
            field: field, product: product, otherSKUs: resolved.otherSKUs, requestedName: item.product,
            requested: item.quantity, unit: unit, computed: computed, sold: sold, weightGrams: 0,
            unitPrice: .zero, listPrice: .zero, discount: Rate(basisPoints: 0), groupDiscount: groupDiscount,
            manualDiscount: manualDiscount ?? Rate(basisPoints: 0), tierMin: .zero, nextTier: nil, region: region, net: .zero, vat: .zero,
            conversion: converted.conversion, wall: item.wall, tiers: tiers, offers: catalog.offers[product.sku] ?? [], asked: nil)
        try price(&line, quantity: sold, city: city, catalog: catalog, vatRate: vatRate)
        return line
    }

    /// Prices `line` for `quantity` (the whole line, or what can be supplied of it): the tier, the
    /// discounts, net, VAT and weight.
    static func price(_ line: inout LineDraft, quantity: Quantity, city: City?, catalog: Catalog, vatRate: Rate) throws(QuoteError) {
        let product = line.product
        guard let tier = Pricing.tier(for: quantity, in: line.tiers) else {
            throw QuoteError(
                .catalogInvalid, Message("catalog.no_tier", .verbatim(product.sku.rawValue), .quantity(quantity, product.unit.orderUnit)),
                field: line.field + ".product")
        }
        let (unitPrice, discount) = Pricing.discounted(tier.price, group: line.groupDiscount, manual: line.manualDiscount)
        guard let net = unitPrice.amount(for: quantity), let vat = net.times(vatRate), net.adding(vat) != nil,
            let grams = FixedPoint.mulDivCeiling(quantity.milli, product.unitWeightGrams, Quantity.scaleFactor)
        else {
            throw QuoteError(
                .amountTooLarge,
                Message("amount.too_large_line", .quantity(quantity, product.unit.orderUnit), .verbatim(product.sku.rawValue)),
                field: line.field + ".quantity")
        }
        if quantity != line.sold { line.asked = line.asked ?? line.sold }
        line.sold = quantity
        line.unitPrice = unitPrice
        line.listPrice = tier.price
        line.discount = discount
        line.tierMin = tier.minQuantity
        line.nextTier = line.tiers.first { $0.minQuantity > quantity }
        line.net = net
        line.vat = vat
        line.vatRate = vatRate
        line.weightGrams = grams
    }
}
