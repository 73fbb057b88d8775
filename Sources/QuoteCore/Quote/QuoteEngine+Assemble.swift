/// Putting the chosen plan into the shape of a quote: lines, shipments, totals, validity, notices.
extension QuoteEngine {
    /// The notices a quote collects as it is assembled.
    struct Notices {
        var warnings: [Quote.Notice] = []
        var hints: [Quote.Notice] = []
        /// For the company's eyes only (margins under the floor).
        var internalWarnings: [Quote.Notice] = []
    }

    static func assemble(
        request: QuoteRequest, catalog: Catalog, lines drafts: [LineDraft], options: [LineOptions], chosen: Chosen, city: City?,
        customer: Customer?, orderDay: CivilDate, explain: Bool
    ) throws(QuoteError) -> Quote {
        let settings = catalog.settings
        let plan = chosen.plan
        var notes = Notices()
        var lines = goodsLines(drafts, plan: plan, catalog: catalog, orderDay: orderDay, notes: &notes)
        lines += depositLines(lines, catalog: catalog)
        let shipments = shipmentLines(plan, crane: request.crane, catalog: catalog, notes: &notes)
        let totals = try totalsOf(lines, shipments)
        let validUntil = validity(request: request, catalog: catalog, plan: plan, orderDay: orderDay, notes: &notes)
        planNotices(request: request, chosen: chosen, catalog: catalog, orderDay: orderDay, validUntil: validUntil, notes: &notes)
        let alternatives = alternativesOf(chosen, lines: lines, drafts: drafts, catalog: catalog)
        let payment = paymentTerms(customer: customer, totals: totals, date: plan.date, notes: &notes)
        var quote = Quote(
            quoteId: QuoteID.make(catalogVersion: catalog.version, request: request, lines: drafts, city: city, customer: customer),
            asOf: request.asOf, validUntil: validUntil, currency: settings.currency, catalogName: settings.name,
            city: city, customer: customer, payment: payment, pickup: request.pickup, strategy: request.strategy,
            vatRate: catalog.vat.rate(on: plan.date) ?? vatRateOrZero(catalog, request), lines: lines,
            shipments: shipments, deliveryDate: plan.date, by: request.by, totals: totals, warnings: notes.warnings,
            alternatives: alternatives, hints: notes.hints,
            explanation: explain ? explanation(catalog: catalog, drafts: drafts, plan: plan, city: city, pickup: request.pickup) : [],
            internalWarnings: notes.internalWarnings)
        quote.seller = settings.seller
        return quote
    }

    static func vatRateOrZero(_ catalog: Catalog, _ request: QuoteRequest) -> Rate {
        catalog.vat.rate(on: request.asOf.at(offsetSeconds: catalog.settings.utcOffsetSeconds).local.date) ?? Rate(basisPoints: 0)
    }

    /// The day each line is shipped: the last delivery (or pickup) date of its parts.
    static func shipmentDates(_ plan: SourcingPlan, lineCount: Int, orderDay: CivilDate) -> [CivilDate] {
        var dates = [CivilDate](repeating: orderDay, count: lineCount)
        for s in plan.shipments {
            for p in s.parts where p.line < lineCount { dates[p.line] = max(dates[p.line], s.deliveryDate) }
        }
        return dates
    }

    /// The goods lines, each from the sources chosen for it, with VAT at its shipment date's rate.
    static func goodsLines(_ drafts: [LineDraft], plan: SourcingPlan, catalog: Catalog, orderDay: CivilDate, notes: inout Notices) -> [Quote
        .Line]
    {
        var readyBySource = [SourceID: CivilDate](minimumCapacity: plan.shipments.count)
        for s in plan.shipments { readyBySource[s.source.id] = s.readyDate }
        let dates = shipmentDates(plan, lineCount: drafts.count, orderDay: orderDay)
        var lines: [Quote.Line] = []
        for (i, d) in drafts.enumerated() {
            let parts = plan.allocations[i]
            if parts.isEmpty {
                notes.warnings.append(
                    Quote.Notice(
                        code: "not_available",
                        Message(
                            "warning.not_available", .verbatim(d.product.sku.rawValue), .quantity(d.sold, d.product.unit.orderUnit),
                            .message(obstacles(d, catalog: catalog)))))
                continue
            }
            if let asked = d.asked {
                notes.warnings.append(
                    Quote.Notice(
                        code: "partial",
                        Message(
                            "warning.partial", .verbatim(d.product.sku.rawValue), .number(d.sold),
                            .quantity(asked, d.product.unit.orderUnit),
                            .number(Quantity(milli: asked.milli - d.sold.milli)))))
            }
            let line = goodsLine(
                d, parts: parts, catalog: catalog, vatRate: catalog.vat.rate(on: dates[i]), readyBySource: readyBySource, orderDay: orderDay
            )
            if let group = catalog.productGroups[d.product.group], d.net.kopecks > 0,
                line.margin.kopecks * 10_000 < d.net.kopecks * Int64(group.minMargin.basisPoints)
            {
                notes.internalWarnings.append(
                    Quote.Notice(
                        code: "low_margin",
                        Message(
                            "warning.low_margin", .verbatim(d.product.sku.rawValue), .money(line.margin),
                            .percent(marginRate(line.margin, of: d.net)),
                            .percent(group.minMargin), .text(group.name)),
                        managerOnly: true))
            }
            lines.append(line)
            notes.hints += lineHints(d)
        }
        return lines
    }

    static func goodsLine(
        _ d: LineDraft, parts: [SourcingPlan.Part], catalog: Catalog, vatRate: Rate?, readyBySource: [SourceID: CivilDate],
        orderDay: CivilDate
    ) -> Quote.Line {
        let allocations = parts.map {
            let source = catalog.sources[$0.offer.source]
            var a = Quote.Allocation(
                source: $0.offer.source, sourceName: source?.name ?? $0.offer.source.rawValue, quantity: $0.quantity,
                readyDate: readyBySource[$0.offer.source] ?? orderDay)
            a.customerSourceName = source?.customerName ?? .verbatim($0.offer.source.rawValue)
            return a
        }
        var pallets: Int64 = 0
        var purchase: Int64 = 0
        for p in parts {
            pallets += d.product.perPallet.map { p.quantity.count(of: $0) } ?? 0
            purchase = purchase.addingReportingOverflow(p.offer.cost.times(p.quantity)?.kopecks ?? 0).partialValue
        }
        let cost = Money(kopecks: purchase)
        let margin = d.net.subtracting(cost) ?? .zero
        // VAT at the rate of the day the line is shipped; the draft's (the quote day's) if the schedule
        // has none then. The draft's amount was checked to fit, and no rate is over 100 %.
        let rate = vatRate ?? d.vatRate
        let vat = d.net.times(rate) ?? d.vat
        return Quote.Line(
            sku: d.product.sku, name: d.product.name, nameEn: d.product.nameEn, requestedName: d.requestedName,
            otherSKUs: d.otherSKUs, requestedQuantity: d.requested, requestedUnit: d.unit,
            computedQuantity: d.computed, conversion: d.conversion, quantity: d.sold, unit: d.product.unit, unitPrice: d.unitPrice,
            listPrice: d.listPrice, discount: d.discount, cost: cost, margin: margin,
            tierMinQuantity: d.tierMin, priceRegion: d.region, net: d.net, vatRate: rate, vat: vat,
            gross: d.net.adding(vat) ?? d.net, pallets: pallets, weightGrams: d.weightGrams,
            allocations: allocations, shortQuantity: d.asked.map { Quantity(milli: $0.milli - d.sold.milli) } ?? .zero)
    }

    /// Returnable pallets: one deposit line per deposit rate, no VAT (the deposit is refunded).
    static func depositLines(_ lines: [Quote.Line], catalog: Catalog) -> [Quote.Line] {
        var deposits: [(price: Money, pallets: Int64)] = []
        for l in lines where l.pallets > 0 {
            guard let deposit = catalog.products[l.sku]?.palletDeposit, deposit.kopecks > 0 else { continue }
            if let i = deposits.firstIndex(where: { $0.price == deposit }) {
                deposits[i].pallets += l.pallets
            } else {
                deposits.append((deposit, l.pallets))
            }
        }
        return deposits.map { dep in
            let net = dep.price.times(dep.pallets) ?? .zero
            return Quote.Line(
                kind: .deposit, sku: "PALLET-DEPOSIT", name: "Поддон возвратный (залог)", nameEn: "Returnable pallet (deposit)",
                requestedName: "", otherSKUs: [], requestedQuantity: Quantity(whole: dep.pallets), requestedUnit: .pallets,
                computedQuantity: Quantity(whole: dep.pallets), conversion: nil, quantity: Quantity(whole: dep.pallets), unit: .pieces,
                unitPrice: UnitPrice(dep.price), listPrice: UnitPrice(dep.price), discount: Rate(basisPoints: 0), cost: .zero,
                margin: .zero,
                tierMinQuantity: .zero, priceRegion: nil, net: net, vatRate: Rate(basisPoints: 0), vat: .zero, gross: net, pallets: 0,
                weightGrams: 0, allocations: [], shortQuantity: .zero)
        }
    }

    /// The shipments with their trucks, and the "room for more pallets" hints.
    static func shipmentLines(_ plan: SourcingPlan, crane: Bool, catalog: Catalog, notes: inout Notices) -> [Quote.Shipment] {
        var shipments: [Quote.Shipment] = []
        let craneFee = crane ? catalog.settings.craneSurcharge : .zero
        for s in plan.shipments {
            // Trip prices as the tariff has them; the crane fee per trip is listed with the surcharges.
            let vehicles = (s.mix?.counts ?? []).map {
                Quote.VehicleUse(
                    vehicle: $0.option.vehicle.id, name: $0.option.vehicle.name, count: $0.count,
                    tripPrice: $0.option.tripPrice.subtracting(craneFee) ?? $0.option.tripPrice)
            }
            var shipment = Quote.Shipment(
                source: s.source.id, sourceName: s.source.name, vehicles: vehicles, weightGrams: s.weightGrams,
                pallets: s.pallets, distanceKm: s.distanceKm, readyDate: s.readyDate, deliveryDate: s.deliveryDate,
                cost: s.cost, vatRate: s.vatRate, vat: s.vat, gross: s.cost.adding(s.vat) ?? s.cost,
                surcharges: s.surcharges.map { Quote.Surcharge(kind: $0.kind, amount: $0.amount) })
            shipment.customerSourceName = s.source.customerName
            shipments.append(shipment)
            if let mix = s.mix, s.body == .flatbed {
                let places = mix.counts.reduce(Int64(0)) { $0 + $1.option.capacity * $1.count }
                let room = places - s.pallets
                if room > 0 {
                    let key: MessageKey = mix.trips > 1 ? "hint.truck_room.many" : "hint.truck_room.one"
                    notes.hints.append(Quote.Notice(code: "truck_room", Message(key, s.source.customerName, .count(room, .morePallet))))
                }
            }
        }
        return shipments
    }

    /// Totals: the sums of the lines and shipments as listed, so they re-add exactly.
    static func totalsOf(_ lines: [Quote.Line], _ shipments: [Quote.Shipment]) throws(QuoteError) -> Quote.Totals {
        var net: Int64 = 0, vat: Int64 = 0, grams: Int64 = 0, pallets: Int64 = 0
        var overflow = false
        func add(_ total: inout Int64, _ value: Int64) {
            let (sum, o) = total.addingReportingOverflow(value)
            overflow = overflow || o
            total = sum
        }
        for l in lines {
            add(&net, l.net.kopecks)
            add(&vat, l.vat.kopecks)
            add(&grams, l.weightGrams)
            add(&pallets, l.pallets)
        }
        for s in shipments {
            add(&net, s.cost.kopecks)
            add(&vat, s.vat.kopecks)
        }
        guard !overflow, net < Int64.max / 4, vat < Int64.max / 4 else {
            throw QuoteError(.amountTooLarge, Message("amount.total_too_large"), field: "items")
        }
        return Quote.Totals(
            net: Money(kopecks: net), vat: Money(kopecks: vat), gross: Money(kopecks: net + vat), weightGrams: grams, pallets: pallets)
    }

    /// How long the quote holds: the catalog's validity in business days, cut short by the price list's
    /// last day and by the stock data going stale, and never before the quote was made. An expired
    /// price list and stale stock are warnings.
    static func validity(request: QuoteRequest, catalog: Catalog, plan: SourcingPlan, orderDay: CivilDate, notes: inout Notices) -> Moment {
        let settings = catalog.settings
        let offset = settings.utcOffsetSeconds
        let lastValidDay = catalog.calendar.adding(businessDays: settings.quoteValidityDays, to: orderDay)
        var validUntil = Moment(date: lastValidDay, secondOfDay: 86_399, offsetSeconds: offset)
        if let expiry = settings.priceListValidUntil {
            let end = Moment(date: expiry, secondOfDay: 86_399, offsetSeconds: offset)
            if end < request.asOf {
                notes.warnings.append(
                    Quote.Notice(code: "price_list_expired", Message("warning.price_list_expired", .date(expiry)), managerOnly: true))
            }
            validUntil = min(validUntil, end)
        }
        let freshness = Int64(settings.stockFreshnessHours) * 3600
        for s in plan.shipments {
            let staleAt = Moment(secondsSinceEpoch: s.source.stockAsOf.secondsSinceEpoch + freshness, offsetSeconds: offset)
            if staleAt <= request.asOf {
                let hours = (request.asOf.secondsSinceEpoch - s.source.stockAsOf.secondsSinceEpoch) / 3600
                notes.warnings.append(
                    Quote.Notice(
                        code: "stale_stock",
                        Message(
                            "warning.stale_stock", .text(s.source.name), .count(hours, .hour), .moment(s.source.stockAsOf),
                            .count(Int64(settings.stockFreshnessHours), .hour)),
                        managerOnly: true))
            } else if staleAt < validUntil {
                validUntil = staleAt
            }
        }
        // A quote is never valid before it was made: at worst it holds for the moment it is given.
        return validUntil < request.asOf ? request.asOf.at(offsetSeconds: offset) : validUntil
    }

    /// Warnings about the plan itself: late against `by`, searches that stopped at their budget, dates
    /// the catalog's calendar does not cover.
    static func planNotices(
        request: QuoteRequest, chosen: Chosen, catalog: Catalog, orderDay: CivilDate, validUntil: Moment, notes: inout Notices
    ) {
        let plan = chosen.plan
        if let by = request.by, chosen.late {
            notes.warnings.append(
                Quote.Notice(code: "late", Message("warning.late", .date(by), .date(plan.date))))
        }
        if !plan.exhaustive {
            notes.warnings.append(Quote.Notice(code: "search_limited", searchLimitedMessage(plan), managerOnly: true))
        }
        if plan.vehiclesLimited {
            notes.warnings.append(
                Quote.Notice(code: "search_limited", Message("warning.search_limited_trucks"), managerOnly: true))
        }
        let calendar = catalog.calendar
        var needed = [orderDay, validUntil.at(offsetSeconds: catalog.settings.utcOffsetSeconds).local.date]
        for s in plan.shipments { needed += [s.readyDate, s.deliveryDate] }
        if calendar.coveredYears != nil, let outside = needed.filter({ !calendar.covers($0) }).min() {
            let years = calendar.coveredYears.map { (Int64($0.lowerBound), Int64($0.upperBound)) } ?? (0, 0)
            notes.warnings.append(
                Quote.Notice(
                    code: "calendar_not_covered",
                    Message("warning.calendar_not_covered", .verbatim(String(years.0)), .verbatim(String(years.1)), .date(outside)),
                    managerOnly: true))
        }
    }

    /// What a search stopped at its budget proved: how far the plan can be from the best delivery cost.
    static func searchLimitedMessage(_ plan: SourcingPlan) -> Message {
        guard let bound = plan.bound, plan.deliveryGross > 0 else { return Message("warning.search_limited") }
        let gap = max(0, plan.deliveryGross - bound)
        // The gap as a share of the delivery cost, in hundredths of a per cent, rounded up.
        let hundredths = FixedPoint.mulDivCeiling(gap, 10_000, plan.deliveryGross) ?? 10_000
        // A large request's plan proven within the gap asked for, or a search stopped at its budget.
        let key: MessageKey = plan.withinGap ? "warning.search_gap" : "warning.search_bound"
        return Message(key, .percent(Rate(basisPoints: Int32(clamping: hundredths))), .money(Money(kopecks: gap)))
    }

    /// The other strategy's answer, where it differs: its goods at the VAT of its own dates.
    static func alternativesOf(_ chosen: Chosen, lines: [Quote.Line], drafts: [LineDraft], catalog: Catalog) -> [Quote.Alternative] {
        guard let alt = chosen.alternative, alt.allocations != chosen.plan.allocations,
            alt.date != chosen.plan.date || alt.deliveryGross != chosen.plan.deliveryGross
        else { return [] }
        let dates = shipmentDates(alt, lineCount: drafts.count, orderDay: chosen.plan.date)
        var goodsGross: Int64 = 0
        for (i, d) in drafts.enumerated() where !alt.allocations[i].isEmpty {
            let vat = catalog.vat.rate(on: dates[i]).flatMap { d.net.times($0) } ?? d.vat
            goodsGross += d.net.kopecks + vat.kopecks
        }
        for l in lines where l.kind == .deposit { goodsGross += l.gross.kopecks }
        return [
            Quote.Alternative(
                strategy: chosen.alternativeStrategy, gross: Money(kopecks: goodsGross + alt.deliveryGross), deliveryDate: alt.date,
                sources: alt.sources)
        ]
    }

    /// Payment: prepayment unless the customer has credit terms; credit never silently exceeded.
    static func paymentTerms(customer: Customer?, totals: Quote.Totals, date: CivilDate, notes: inout Notices) -> Quote.Payment {
        guard let customer, customer.creditDays > 0 else {
            return Quote.Payment(creditDays: 0, dueDate: nil, creditLimit: nil, creditAvailableAfter: nil)
        }
        let available = customer.creditLimit.kopecks - customer.balance.kopecks - totals.gross.kopecks
        if available < 0 {
            notes.warnings.append(
                Quote.Notice(
                    code: "credit_limit",
                    Message(
                        "warning.credit_limit", .text(customer.name), .money(customer.creditLimit), .money(customer.balance),
                        .money(Money(kopecks: -available))),
                    managerOnly: true))
        }
        return Quote.Payment(
            creditDays: customer.creditDays, dueDate: date.adding(days: Int32(customer.creditDays)),
            creditLimit: customer.creditLimit, creditAvailableAfter: Money(kopecks: available))
    }

    /// "+40 pcs completes the pallet" and "from 10 000 pcs the price drops to …", when true and worth
    /// saying: the pallet hint when a part pallet is sold, the tier hint when the next tier is within
    /// a quarter more than what is sold.
    static func lineHints(_ d: LineDraft) -> [Quote.Notice] {
        var out: [Quote.Notice] = []
        let unit = d.product.unit.orderUnit
        let sku = MessageArg.verbatim(d.product.sku.rawValue)
        if let perPallet = d.product.perPallet, d.sold.milli % perPallet.milli != 0 {
            let missing = Quantity(milli: perPallet.milli - d.sold.milli % perPallet.milli)
            out.append(
                Quote.Notice(code: "complete_pallet", Message("hint.complete_pallet", sku, .quantity(missing, unit))))
        }
        if let next = d.nextTier, let target = next.minQuantity.roundedUp(toMultipleOf: d.product.saleMultiple),
            target.milli * 4 <= d.sold.milli * 5
        {
            let (newPrice, _) = Pricing.discounted(next.price, group: d.groupDiscount, manual: d.manualDiscount)
            if let total = newPrice.amount(for: target) {
                let delta = total.kopecks - d.net.kopecks
                let extra = Quantity(milli: target.milli - d.sold.milli)
                out.append(
                    Quote.Notice(
                        code: "price_tier",
                        Message(
                            delta <= 0 ? "hint.price_tier_less" : "hint.price_tier_more", sku, .quantity(next.minQuantity, unit),
                            .unitPrice(newPrice),
                            .quantity(target, unit), .number(extra), .money(Money(kopecks: abs(delta))))))
            }
        }
        return out
    }

    static func percent(_ part: Money, of whole: Money) -> String {
        guard whole.kopecks != 0 else { return "0" }
        return FixedPoint.format(FixedPoint.mulDivRounded(part.kopecks, 1_000, whole.kopecks) ?? 0, scale: 1)
    }

    /// The margin as a rate of the net amount, to a tenth of a per cent.
    static func marginRate(_ part: Money, of whole: Money) -> Rate {
        guard whole.kopecks != 0 else { return Rate(basisPoints: 0) }
        let tenths = FixedPoint.mulDivRounded(part.kopecks, 1_000, whole.kopecks) ?? 0
        return Rate(basisPoints: Int32(clamping: tenths * 10))
    }
}
