/// The JSON form of quotes and errors: the SPEC's fixed fields first, in a fixed order.
/// Money and quantities are decimal strings, dates ISO-8601, amounts net of VAT unless named `vat`
/// or `gross`.
extension Quote {
    /// The response object; `id` (a request's own id) is echoed first when given. Costs, margins and
    /// internal warnings appear only with `internal`: customer-facing output never shows them.
    /// - Parameter language: the language of the messages (`message` of warnings and hints, `conversion`,
    ///   `explanation`); codes and figures are the same in every language.
    public func json(id: JSONValue? = nil, includeInternal: Bool = false, language: Language = .en) -> String {
        let renderer = MessageRenderer(language)
        var w = JSONWriter()
        w.beginObject()
        if let id { w.value("id", id) }
        writeHeader(&w)
        w.beginArray("lines")
        for l in lines { Quote.write(l, includeInternal: includeInternal, renderer, &w) }
        w.endArray()
        w.beginArray("shipments")
        for s in shipments { Quote.write(s, &w) }
        w.endArray()
        w.string("deliveryDate", deliveryDate.description)
        writeTotalsAndPayment(&w)
        Quote.notices("warnings", warnings + (includeInternal ? internalWarnings : []), renderer, &w)
        writeAlternatives(&w)
        Quote.notices("hints", hints, renderer, &w)
        if !explanation.isEmpty {
            w.beginArray("explanation")
            for e in explanation { w.string(nil, renderer.render(e)) }
            w.endArray()
        }
        w.endObject()
        return w.text
    }

    /// The quote's id, engine, dates, currency, strategy, destination, customer and VAT rate.
    func writeHeader(_ w: inout JSONWriter) {
        w.string("quoteId", quoteId)
        w.string("engineVersion", EngineVersion.current)
        w.string("asOf", asOf.description)
        w.string("validUntil", validUntil.description)
        w.string("currency", currency)
        w.string("strategy", strategy.rawValue)
        w.string("city", city?.name)
        if let customer {
            w.beginObject("customer")
            w.string("id", customer.id.rawValue)
            w.string("name", customer.name)
            w.endObject()
        } else {
            w.null("customer")
        }
        w.bool("pickup", pickup)
        w.string("vatRate", vatRate.percentString)
    }

    /// One line: what was asked and sold, its price, amounts and VAT, weight, and where it comes from.
    static func write(_ l: Line, includeInternal: Bool, _ renderer: MessageRenderer, _ w: inout JSONWriter) {
        w.beginObject()
        w.string("kind", l.kind.rawValue)
        w.string("sku", l.sku.rawValue)
        w.string("name", l.name)
        w.string("nameEn", l.nameEn)
        w.string("requestedQuantity", l.requestedQuantity.decimalString)
        w.string("requestedUnit", l.requestedUnit.rawValue)
        w.string("computedQuantity", l.computedQuantity.decimalString)
        if let c = l.conversion { w.string("conversion", renderer.render(c)) }
        w.string("quantity", l.quantity.decimalString)
        w.string("unit", l.unit.rawValue)
        writePrices(l, &w)
        w.string("net", l.net.decimalString)
        w.string("vatRate", l.vatRate.percentString)
        w.string("vat", l.vat.decimalString)
        w.string("gross", l.gross.decimalString)
        w.int("pallets", l.pallets)
        w.string("weightKg", Quote.kilograms(l.weightGrams))
        w.string("priceTierFrom", l.tierMinQuantity.decimalString)
        w.string("priceRegion", l.priceRegion?.rawValue)
        if includeInternal {
            w.string("cost", l.cost.decimalString)
            w.string("margin", l.margin.decimalString)
            w.string("marginPercent", l.marginPercent)
        }
        w.beginArray("allocations")
        for a in l.allocations {
            w.beginObject()
            w.string("source", a.source.rawValue)
            w.string("sourceName", a.sourceName)
            w.string("quantity", a.quantity.decimalString)
            w.string("readyDate", a.readyDate.description)
            w.endObject()
        }
        w.endArray()
        if l.shortQuantity.milli > 0 { w.string("shortQuantity", l.shortQuantity.decimalString) }
        w.beginArray("otherSkus")
        for s in l.otherSKUs { w.string(nil, s.rawValue) }
        w.endArray()
        w.endObject()
    }

    /// A line's unit and list prices, with the price as the list states it when it is per 10, 100 or 1000.
    static func writePrices(_ l: Line, _ w: inout JSONWriter) {
        w.string("unitPrice", l.unitPrice.decimalString)
        w.string("listPrice", l.listPrice.decimalString)
        if !l.listPrice.isPlain {
            // The price as the list states it: "17575.00" per "1000".
            w.string("pricePer", String(l.listPrice.per))
            w.string("listPriceStated", l.listPrice.statedString)
            w.string("unitPriceStated", l.unitPrice.statedString)
        }
        w.string("discountPercent", l.discount.percentString)
    }

    /// One shipment: its source, trucks, load, price with surcharges and VAT, and dates.
    static func write(_ s: Shipment, _ w: inout JSONWriter) {
        w.beginObject()
        w.string("source", s.source.rawValue)
        w.string("sourceName", s.sourceName)
        w.beginArray("vehicles")
        for v in s.vehicles {
            w.beginObject()
            w.string("vehicle", v.vehicle.rawValue)
            w.string("name", v.name)
            w.int("count", v.count)
            w.string("tripPrice", v.tripPrice.decimalString)
            w.endObject()
        }
        w.endArray()
        w.string("weightKg", Quote.kilograms(s.weightGrams))
        w.int("pallets", s.pallets)
        w.int("distanceKm", s.distanceKm)
        w.string("cost", s.cost.decimalString)
        if !s.surcharges.isEmpty {
            w.beginArray("surcharges")
            for x in s.surcharges {
                w.beginObject()
                w.string("kind", x.kind)
                w.string("amount", x.amount.decimalString)
                w.endObject()
            }
            w.endArray()
        }
        w.string("vatRate", s.vatRate.percentString)
        w.string("vat", s.vat.decimalString)
        w.string("gross", s.gross.decimalString)
        w.string("readyDate", s.readyDate.description)
        w.string("deliveryDate", s.deliveryDate.description)
        w.endObject()
    }

    func writeTotalsAndPayment(_ w: inout JSONWriter) {
        w.beginObject("totals")
        w.string("net", totals.net.decimalString)
        w.string("vat", totals.vat.decimalString)
        w.string("gross", totals.gross.decimalString)
        w.string("weightKg", Quote.kilograms(totals.weightGrams))
        w.int("pallets", totals.pallets)
        w.endObject()
        w.beginObject("payment")
        w.string("terms", payment.isPrepayment ? "prepayment" : "credit")
        w.int("creditDays", Int64(payment.creditDays))
        w.string("dueDate", payment.dueDate?.description)
        w.string("creditLimit", payment.creditLimit?.decimalString)
        w.string("creditAvailableAfter", payment.creditAvailableAfter?.decimalString)
        w.endObject()
    }

    func writeAlternatives(_ w: inout JSONWriter) {
        w.beginArray("alternatives")
        for a in alternatives {
            w.beginObject()
            w.string("strategy", a.strategy.rawValue)
            w.string("gross", a.gross.decimalString)
            w.string("deliveryDate", a.deliveryDate.description)
            w.beginArray("sources")
            for s in a.sources { w.string(nil, s.rawValue) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    static func notices(_ key: String, _ list: [Notice], _ renderer: MessageRenderer, _ w: inout JSONWriter) {
        w.beginArray(key)
        for n in list {
            w.beginObject()
            w.string("code", n.code)
            w.string("message", renderer.render(n.text))
            if n.managerOnly { w.bool("managerOnly", true) }
            w.endObject()
        }
        w.endArray()
    }

    /// Grams as a kilogram decimal string ("17600", "12.5").
    public static func kilograms(_ grams: Int64) -> String { FixedPoint.format(grams, scale: 3, trim: true) }
}

extension QuoteError {
    /// `{"error":{"code":…,"message":…,"field":…,"candidates":[…]}}`, with the request's `id` first when given.
    /// - Parameter renderer: the language of `message` (English by default) and a front end's own templates.
    public func json(id: JSONValue? = nil, renderer: MessageRenderer = MessageRenderer(.en)) -> String {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        if let id { w.value("id", id) }
        w.beginObject("error")
        writeMembers(&w, renderer)
        w.endObject()
        if !others.isEmpty {
            // Every mistake of the request, the first included, so a client can show them all.
            w.beginArray("errors")
            for e in [self] + others {
                w.beginObject()
                e.writeMembers(&w, renderer)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.text
    }

    func writeMembers(_ w: inout JSONWriter, _ renderer: MessageRenderer) {
        w.string("code", code.rawValue)
        w.string("message", renderer.render(text))
        w.string("field", field)
        if !candidates.isEmpty {
            w.beginArray("candidates")
            for c in candidates { w.string(nil, c) }
            w.endArray()
        }
    }
}
