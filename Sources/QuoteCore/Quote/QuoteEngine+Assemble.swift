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
        return Quote(
            quoteId: QuoteID.make(catalogVersion: catalog.version, request: request, lines: drafts, city: city, customer: customer),
            asOf: request.asOf, validUntil: validUntil, currency: settings.currency, catalogName: settings.name,
            city: city, customer: customer, payment: payment, pickup: request.pickup, strategy: request.strategy,
            vatRate: catalog.vat.rate(on: plan.date) ?? vatRateOrZero(catalog, request), lines: lines,
            shipments: shipments, deliveryDate: plan.date, by: request.by, totals: totals, warnings: notes.warnings,
            alternatives: alternatives, hints: notes.hints,
            explanation: explain ? explanation(catalog: catalog, drafts: drafts, plan: plan, city: city, pickup: request.pickup) : [],
            internalWarnings: notes.internalWarnings)
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
    static func goodsLines(_ drafts: [LineDraft], plan: SourcingPlan, catalog: Catalog, orderDay: CivilDate, notes: inout Notices) -> [Quote.Line] {
        var readyBySource: [SourceID: CivilDate] = [:]
        for s in plan.shipments { readyBySource[s.source.id] = s.readyDate }
        let dates = shipmentDates(plan, lineCount: drafts.count, orderDay: orderDay)
        var lines: [Quote.Line] = []
        for (i, d) in drafts.enumerated() {
            let parts = plan.allocations[i]
            if parts.isEmpty {
                notes.warnings.append(
                    Quote.Notice(
                        code: "not_available",
                        message: "\(d.product.sku): \(d.sold.decimalString) \(d.product.unit.rawValue) cannot be supplied (\(obstacles(d, catalog: catalog))); it is left out of this quote."))
                continue
            }
            if let asked = d.asked {
                notes.warnings.append(
                    Quote.Notice(
                        code: "partial",
                        message: "\(d.product.sku): only \(d.sold.decimalString) of \(asked.decimalString) \(d.product.unit.rawValue) can be supplied now; \(Quantity(milli: asked.milli - d.sold.milli).decimalString) short."))
            }
            let line = goodsLine(d, parts: parts, catalog: catalog, vatRate: catalog.vat.rate(on: dates[i]), readyBySource: readyBySource, orderDay: orderDay)
            if let group = catalog.productGroups[d.product.group], d.net.kopecks > 0,
                line.margin.kopecks * 10_000 < d.net.kopecks * Int64(group.minMargin.basisPoints)
            {
                notes.internalWarnings.append(
                    Quote.Notice(
                        code: "low_margin",
                        message: "\(d.product.sku): margin \(line.margin.decimalString) (\(percent(line.margin, of: d.net)) %) is under the \(group.minMargin.percentString) % floor for \(group.name)."))
            }
            lines.append(line)
            notes.hints += lineHints(d)
        }
        return lines
    }

    static func goodsLine(
        _ d: LineDraft, parts: [SourcingPlan.Part], catalog: Catalog, vatRate: Rate?, readyBySource: [SourceID: CivilDate], orderDay: CivilDate
    ) -> Quote.Line {
        let allocations = parts.map {
            Quote.Allocation(
                source: $0.offer.source, sourceName: catalog.sources[$0.offer.source]?.name ?? $0.offer.source.rawValue, quantity: $0.quantity,
                readyDate: readyBySource[$0.offer.source] ?? orderDay)
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
                unitPrice: UnitPrice(dep.price), listPrice: UnitPrice(dep.price), discount: Rate(basisPoints: 0), cost: .zero, margin: .zero,
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
            shipments.append(
                Quote.Shipment(
                    source: s.source.id, sourceName: s.source.name, vehicles: vehicles, weightGrams: s.weightGrams,
                    pallets: s.pallets, distanceKm: s.distanceKm, readyDate: s.readyDate, deliveryDate: s.deliveryDate,
                    cost: s.cost, vatRate: s.vatRate, vat: s.vat, gross: s.cost.adding(s.vat) ?? s.cost,
                    surcharges: s.surcharges.map { Quote.Surcharge(kind: $0.kind, amount: $0.amount) }))
            if let mix = s.mix, s.body == .flatbed {
                let places = mix.counts.reduce(Int64(0)) { $0 + $1.option.capacity * $1.count }
                let room = places - s.pallets
                if room > 0 {
                    notes.hints.append(
                        Quote.Notice(
                            code: "truck_room",
                            message: "The truck\(mix.trips > 1 ? "s" : "") from \(s.source.name) \(mix.trips > 1 ? "have" : "has") room for \(room) more pallet\(room == 1 ? "" : "s") at no extra delivery cost."))
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
            throw QuoteError(.amountTooLarge, "The order's total is too large to price.", field: "items")
        }
        return Quote.Totals(net: Money(kopecks: net), vat: Money(kopecks: vat), gross: Money(kopecks: net + vat), weightGrams: grams, pallets: pallets)
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
                    Quote.Notice(
                        code: "price_list_expired",
                        message: "The price list expired on \(expiry) (its last day): these prices are not confirmed. Update the catalog's price list before sending this quote."))
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
                        message: "Stock at \(s.source.name) was last updated \(hours) h ago (\(s.source.stockAsOf)), more than the \(settings.stockFreshnessHours) h limit: confirm it before promising."))
            } else if staleAt < validUntil {
                validUntil = staleAt
            }
        }
        // A quote is never valid before it was made: at worst it holds for the moment it is given.
        return validUntil < request.asOf ? request.asOf.at(offsetSeconds: offset) : validUntil
    }

    /// Warnings about the plan itself: late against `by`, searches that stopped at their budget, dates
    /// the catalog's calendar does not cover.
    static func planNotices(request: QuoteRequest, chosen: Chosen, catalog: Catalog, orderDay: CivilDate, validUntil: Moment, notes: inout Notices) {
        let plan = chosen.plan
        if let by = request.by, chosen.late {
            notes.warnings.append(
                Quote.Notice(
                    code: "late",
                    message: "Cannot arrive by \(by): the earliest possible date is \(plan.date), and this quote is the plan that arrives then."))
        }
        if !plan.exhaustive {
            notes.warnings.append(Quote.Notice(code: "search_limited", message: searchLimitedMessage(plan)))
        }
        if plan.vehiclesLimited {
            notes.warnings.append(
                Quote.Notice(
                    code: "search_limited",
                    message: "Choosing the trucks for a shipment stopped at its search budget: the trucks are the best mix found, not proven the cheapest."))
        }
        let calendar = catalog.calendar
        var needed = [orderDay, validUntil.at(offsetSeconds: catalog.settings.utcOffsetSeconds).local.date]
        for s in plan.shipments { needed += [s.readyDate, s.deliveryDate] }
        if calendar.coveredYears != nil, let outside = needed.filter({ !calendar.covers($0) }).min() {
            let years = calendar.coveredYears.map { "\($0.lowerBound)–\($0.upperBound)" } ?? ""
            notes.warnings.append(
                Quote.Notice(
                    code: "calendar_not_covered",
                    message: "The catalog's production calendar covers \(years), and this quote needs \(outside): holidays after that are not known, so its dates count weekends only. Confirm the dates."))
        }
    }

    /// What a search stopped at its budget proved: how far the plan can be from the best delivery cost.
    static func searchLimitedMessage(_ plan: SourcingPlan) -> String {
        guard let bound = plan.bound, plan.deliveryGross > 0 else {
            return "The request is too large to weigh every split across sources: this is the best plan found, not proven the cheapest."
        }
        let gap = max(0, plan.deliveryGross - bound)
        // The gap as a share of the delivery cost, in hundredths of a per cent, rounded up.
        let hundredths = FixedPoint.mulDivCeiling(gap, 10_000, plan.deliveryGross) ?? 10_000
        return "The search stopped at its budget: this plan's delivery cost is within \(FixedPoint.format(hundredths, scale: 2, trim: true)) % "
            + "(\(Money(kopecks: gap).decimalString) with VAT) of the best possible."
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
                    message: "This order would take \(customer.name) over its credit limit of \(customer.creditLimit.decimalString) (owes \(customer.balance.decimalString); over by \(Money(kopecks: -available).decimalString)): ship only against prepayment or a manager's approval."))
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
        let unit = d.product.unit.rawValue
        if let perPallet = d.product.perPallet, d.sold.milli % perPallet.milli != 0 {
            let missing = Quantity(milli: perPallet.milli - d.sold.milli % perPallet.milli)
            out.append(
                Quote.Notice(code: "complete_pallet", message: "\(d.product.sku): +\(missing.decimalString) \(unit) completes the last pallet."))
        }
        if let next = d.nextTier, let target = next.minQuantity.roundedUp(toMultipleOf: d.product.saleMultiple),
            target.milli * 4 <= d.sold.milli * 5
        {
            let (newPrice, _) = Pricing.discounted(next.price, group: d.groupDiscount, manual: d.manualDiscount)
            if let total = newPrice.amount(for: target) {
                let delta = total.kopecks - d.net.kopecks
                let extra = Quantity(milli: target.milli - d.sold.milli)
                let effect = delta <= 0
                    ? "\(Money(kopecks: -delta).decimalString) less than now"
                    : "only \(Money(kopecks: delta).decimalString) more"
                out.append(
                    Quote.Notice(
                        code: "price_tier",
                        message: "\(d.product.sku): from \(next.minQuantity.decimalString) \(unit) the price drops to \(newPrice.decimalString); \(target.decimalString) \(unit) (+\(extra.decimalString)) would cost \(effect) (net)."))
            }
        }
        return out
    }

    static func percent(_ part: Money, of whole: Money) -> String {
        guard whole.kopecks != 0 else { return "0" }
        return FixedPoint.format(FixedPoint.mulDivRounded(part.kopecks, 1_000, whole.kopecks) ?? 0, scale: 1)
    }

    /// Sentences saying why each line comes from where it does and why these trucks.
    static func explanation(catalog: Catalog, drafts: [LineDraft], plan: SourcingPlan, city: City?, pickup: Bool) -> [String] {
        var out: [String] = []
        for (i, d) in drafts.enumerated() {
            let p = d.product
            let unit = p.unit.rawValue
            var s = "\(p.sku): \(d.requested.decimalString) \(d.unit.rawValue) asked"
            if let c = d.conversion { s += " (\(c))" }
            s += ", \(d.sold.decimalString) \(unit) sold (sale multiple \(p.saleMultiple.decimalString))"
            s += "; price \(d.unitPrice.decimalString) from the \(d.tierMin.decimalString)+ tier of the \(d.region.map { "\($0) regional" } ?? "base") list."
            out.append(s)
            let parts = plan.allocations[i]
            if parts.count > 1 {
                out.append("  Split: " + parts.map { "\($0.quantity.decimalString) \(unit) from \($0.offer.source)" }.joined(separator: " + ") + ", cheaper together than any single source.")
            }
            for offer in d.offers {
                let name = catalog.sources[offer.source]?.name ?? offer.source.rawValue
                let why: String
                if let part = parts.first(where: { $0.offer.source == offer.source }) {
                    why = "taken: \(part.quantity.decimalString) \(unit)"
                } else if offer.stock.milli == 0 {
                    why = "left: out of stock"
                } else if offer.stock < d.sold && parts.count == 1 {
                    why = "left: only \(offer.stock.decimalString) in stock, and a split costs more"
                } else if d.sold < offer.minOrder {
                    why = "left: minimum order \(offer.minOrder.decimalString)"
                } else {
                    why = "left: its delivery makes the total dearer or later"
                }
                out.append("  \(name) (\(offer.source)): stock \(offer.stock.decimalString) — \(why).")
            }
        }
        for s in plan.shipments {
            guard let mix = s.mix, !pickup else {
                out.append("\(s.source.name): pickup, ready \(s.readyDate).")
                continue
            }
            let trucks = mix.counts.map { "\($0.count) × \($0.option.vehicle.name) at \($0.option.tripPrice.decimalString)" }
            let load = s.body == .flatbed ? "\(s.pallets) pallets, \(Quote.kilograms(s.weightGrams)) kg" : "\(Quote.kilograms(s.weightGrams)) kg"
            var text = "\(s.source.name) → \(city?.name ?? ""): \(load), \(s.distanceKm) km; cheapest trucks: \(trucks.joined(separator: " + ")) = \(mix.cost.decimalString)"
            for x in s.surcharges where x.kind == "weekend" { text += " + weekend \(x.amount.decimalString)" }
            text += "; ready \(s.readyDate), delivered \(s.deliveryDate)."
            out.append(text)
        }
        if !plan.exhaustive { out.append("The search stopped at its budget: the plan is the best found.") }
        return out
    }
}
