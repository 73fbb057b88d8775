/// Putting the chosen plan into the shape of a quote: lines, shipments, totals, validity, notices.
extension QuoteEngine {
    static func assemble(
        request: QuoteRequest, catalog: Catalog, lines drafts: [LineDraft], options: [LineOptions], plan: SourcingPlan,
        alternative: SourcingPlan?, alternativeStrategy: Strategy, city: City?, customer: Customer?, vatRate: Rate, orderDay: CivilDate,
        explain: Bool
    ) throws(QuoteError) -> Quote {
        let settings = catalog.settings
        let offset = settings.utcOffsetSeconds
        var warnings: [Quote.Notice] = []
        var hints: [Quote.Notice] = []
        var internalWarnings: [Quote.Notice] = []

        // Lines, each from the sources chosen for it.
        var lines: [Quote.Line] = []
        var readyBySource: [SourceID: CivilDate] = [:]
        for s in plan.shipments { readyBySource[s.source.id] = s.readyDate }
        for (i, d) in drafts.enumerated() {
            let parts = plan.allocations[i]
            if parts.isEmpty {
                let stocked = d.offers.filter { $0.stock.milli > 0 }.map { "\(catalog.sources[$0.source]?.name ?? $0.source.rawValue) \($0.stock.decimalString)" }
                warnings.append(
                    Quote.Notice(
                        code: "not_available",
                        message: "\(d.product.sku): \(d.sold.decimalString) \(d.product.unit.rawValue) cannot be supplied"
                            + (stocked.isEmpty ? " (none in stock anywhere)" : " (in stock: \(stocked.joined(separator: "; ")))") + "; it is left out of this quote."))
                continue
            }
            if let asked = d.asked {
                warnings.append(
                    Quote.Notice(
                        code: "partial",
                        message: "\(d.product.sku): only \(d.sold.decimalString) of \(asked.decimalString) \(d.product.unit.rawValue) can be supplied now; \(Quantity(milli: asked.milli - d.sold.milli).decimalString) short."))
            }
            let allocations = parts.map {
                Quote.Allocation(
                    source: $0.offer.source, sourceName: catalog.sources[$0.offer.source]?.name ?? $0.offer.source.rawValue, quantity: $0.quantity,
                    readyDate: readyBySource[$0.offer.source] ?? orderDay)
            }
            var pallets: Int64 = 0
            var purchase: Int64 = 0
            for p in parts {
                pallets += d.product.perPallet.map { p.quantity.count(of: $0) } ?? 0
                purchase += p.offer.cost.times(p.quantity)?.kopecks ?? 0
            }
            let cost = Money(kopecks: purchase)
            let margin = Money(kopecks: d.net.kopecks - cost.kopecks)
            lines.append(
                Quote.Line(
                    sku: d.product.sku, name: d.product.name, nameEn: d.product.nameEn, requestedName: d.requestedName,
                    otherSKUs: d.otherSKUs, requestedQuantity: d.requested, requestedUnit: d.unit,
                    computedQuantity: d.computed, conversion: d.conversion, quantity: d.sold, unit: d.product.unit, unitPrice: d.unitPrice,
                    listPrice: d.listPrice, discount: d.discount, cost: cost, margin: margin,
                    tierMinQuantity: d.tierMin, priceRegion: d.region, net: d.net, vat: d.vat,
                    gross: Money(kopecks: d.net.kopecks + d.vat.kopecks), pallets: pallets, weightGrams: d.weightGrams,
                    allocations: allocations, shortQuantity: d.asked.map { Quantity(milli: $0.milli - d.sold.milli) } ?? .zero))
            if let group = catalog.productGroups[d.product.group], d.net.kopecks > 0,
                margin.kopecks * 10_000 < d.net.kopecks * Int64(group.minMargin.basisPoints)
            {
                internalWarnings.append(
                    Quote.Notice(
                        code: "low_margin",
                        message: "\(d.product.sku): margin \(margin.decimalString) (\(percent(margin, of: d.net)) %) is under the \(group.minMargin.percentString) % floor for \(group.name)."))
            }
            hints += lineHints(d)
        }

        // Returnable pallets: one deposit line per deposit rate, no VAT (the deposit is refunded).
        var deposits: [(price: Money, pallets: Int64)] = []
        for l in lines where l.pallets > 0 {
            guard let deposit = catalog.products[l.sku]?.palletDeposit, deposit.kopecks > 0 else { continue }
            if let i = deposits.firstIndex(where: { $0.price == deposit }) {
                deposits[i].pallets += l.pallets
            } else {
                deposits.append((deposit, l.pallets))
            }
        }
        for dep in deposits {
            let net = dep.price.times(dep.pallets) ?? .zero
            lines.append(
                Quote.Line(
                    kind: .deposit, sku: "PALLET-DEPOSIT", name: "Поддон возвратный (залог)", nameEn: "Returnable pallet (deposit)",
                    requestedName: "", otherSKUs: [], requestedQuantity: Quantity(whole: dep.pallets), requestedUnit: .pallets,
                    computedQuantity: Quantity(whole: dep.pallets), conversion: nil, quantity: Quantity(whole: dep.pallets), unit: .pieces,
                    unitPrice: dep.price, listPrice: dep.price, discount: Rate(basisPoints: 0), cost: .zero, margin: .zero,
                    tierMinQuantity: .zero, priceRegion: nil, net: net, vat: .zero, gross: net, pallets: 0, weightGrams: 0, allocations: [],
                    shortQuantity: .zero))
        }

        // Shipments.
        var shipments: [Quote.Shipment] = []
        let craneFee = request.crane ? settings.craneSurcharge : .zero
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
                    cost: s.cost, vat: s.vat, gross: Money(kopecks: s.cost.kopecks + s.vat.kopecks),
                    surcharges: s.surcharges.map { Quote.Surcharge(kind: $0.kind, amount: $0.amount) }))
            if let mix = s.mix, s.body == .flatbed {
                let places = mix.counts.reduce(Int64(0)) { $0 + $1.option.capacity * $1.count }
                let room = places - s.pallets
                if room > 0 {
                    hints.append(
                        Quote.Notice(
                            code: "truck_room",
                            message: "The truck\(mix.trips > 1 ? "s" : "") from \(s.source.name) \(mix.trips > 1 ? "have" : "has") room for \(room) more pallet\(room == 1 ? "" : "s") at no extra delivery cost."))
                }
            }
        }

        // Totals: the sums of the lines and shipments as listed, so they re-add exactly.
        var net: Int64 = 0, vat: Int64 = 0, grams: Int64 = 0, pallets: Int64 = 0
        for l in lines {
            net += l.net.kopecks
            vat += l.vat.kopecks
            grams += l.weightGrams
            pallets += l.pallets
        }
        for s in shipments {
            net += s.cost.kopecks
            vat += s.vat.kopecks
        }
        guard net < Int64.max / 4, vat < Int64.max / 4 else {
            throw QuoteError(.amountTooLarge, "The order's total is too large to price.", field: "items")
        }
        let totals = Quote.Totals(
            net: Money(kopecks: net), vat: Money(kopecks: vat), gross: Money(kopecks: net + vat), weightGrams: grams, pallets: pallets)

        // Validity: the catalog's validity in business days, cut short by the stock data going stale.
        let lastValidDay = catalog.calendar.adding(businessDays: settings.quoteValidityDays, to: orderDay)
        var validUntil = Moment(date: lastValidDay, secondOfDay: 86_399, offsetSeconds: offset)
        if let expiry = settings.priceListValidUntil {
            validUntil = min(validUntil, Moment(date: expiry, secondOfDay: 86_399, offsetSeconds: offset))
        }
        let freshness = Int64(settings.stockFreshnessHours) * 3600
        for s in plan.shipments {
            let staleAt = Moment(secondsSinceEpoch: s.source.stockAsOf.secondsSinceEpoch + freshness, offsetSeconds: offset)
            if staleAt <= request.asOf {
                let hours = (request.asOf.secondsSinceEpoch - s.source.stockAsOf.secondsSinceEpoch) / 3600
                warnings.append(
                    Quote.Notice(
                        code: "stale_stock",
                        message: "Stock at \(s.source.name) was last updated \(hours) h ago (\(s.source.stockAsOf)), more than the \(settings.stockFreshnessHours) h limit: confirm it before promising."))
            } else if staleAt < validUntil {
                validUntil = staleAt
            }
        }

        if let by = request.by, plan.date > by {
            let earliest = request.strategy == .fastest ? plan.date : (alternative?.date ?? plan.date)
            warnings.append(Quote.Notice(code: "late", message: "Cannot arrive by \(by): the earliest possible date is \(earliest)."))
        }
        if !plan.exhaustive {
            warnings.append(
                Quote.Notice(
                    code: "search_limited",
                    message: "The request is too large to weigh every split across sources: this is the best plan found, not proven the cheapest."))
        }

        // The other strategy's answer, where it differs.
        var alternatives: [Quote.Alternative] = []
        if let alt = alternative, alt.allocations != plan.allocations, alt.date != plan.date || alt.deliveryGross != plan.deliveryGross {
            let goodsGross = lines.reduce(Int64(0)) { $0 + $1.gross.kopecks }
            alternatives.append(
                Quote.Alternative(
                    strategy: alternativeStrategy, gross: Money(kopecks: goodsGross + alt.deliveryGross), deliveryDate: alt.date, sources: alt.sources))
        }

        // Payment: prepayment unless the customer has credit terms; credit never silently exceeded.
        var payment = Quote.Payment(creditDays: 0, dueDate: nil, creditLimit: nil, creditAvailableAfter: nil)
        if let customer, customer.creditDays > 0 {
            let available = customer.creditLimit.kopecks - customer.balance.kopecks - totals.gross.kopecks
            payment = Quote.Payment(
                creditDays: customer.creditDays, dueDate: plan.date.adding(days: Int32(customer.creditDays)),
                creditLimit: customer.creditLimit, creditAvailableAfter: Money(kopecks: available))
            if available < 0 {
                warnings.append(
                    Quote.Notice(
                        code: "credit_limit",
                        message: "This order would take \(customer.name) over its credit limit of \(customer.creditLimit.decimalString) (owes \(customer.balance.decimalString); over by \(Money(kopecks: -available).decimalString)): ship only against prepayment or a manager's approval."))
            }
        }

        return Quote(
            quoteId: QuoteID.make(catalogVersion: catalog.version, request: request, lines: drafts, city: city, customer: customer),
            asOf: request.asOf, validUntil: validUntil, currency: settings.currency, catalogName: settings.name,
            city: city, customer: customer, payment: payment, pickup: request.pickup, strategy: request.strategy, vatRate: vatRate, lines: lines,
            shipments: shipments, deliveryDate: plan.date, by: request.by, totals: totals, warnings: warnings,
            alternatives: alternatives, hints: hints,
            explanation: explain ? explanation(catalog: catalog, drafts: drafts, plan: plan, city: city, pickup: request.pickup) : [],
            internalWarnings: internalWarnings)
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
            if let total = newPrice.times(target) {
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
