/// A quote kept whole, to be shown again later (`quote show`): its internal JSON (costs and margins
/// included) with what the response leaves out but the offer prints — the catalog's name, the city's
/// id, the name each line was asked by. `Quote.decodeSaved` reads it back into the same `Quote`, so
/// every format renders a saved quote exactly as it rendered the issued one.
extension Quote {
    /// The saved form: `{"quote":<json(includeInternal: true)>,"catalogName":…,"cityId":…,"requestedNames":[…],…}`.
    public func savedForm() -> String {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.raw("quote", json(includeInternal: true))
        w.string("catalogName", catalogName)
        w.string("cityId", city?.id.rawValue)
        w.beginArray("requestedNames")
        for l in lines { w.string(nil, l.requestedName) }
        w.endArray()
        // The internal JSON lists internal warnings after the customer's: how many of the last they are.
        w.int("internalWarnings", Int64(internalWarnings.count))
        w.string("by", by?.description)
        w.endObject()
        return w.text
    }

    /// Reads a saved form back.
    /// - Throws: `JSONFields.Failure` naming the member that is missing or malformed.
    public static func decodeSaved(_ bytes: [UInt8]) throws(JSONFields.Failure) -> Quote {
        guard case .success(let value) = JSONParser.parse(bytes) else { throw JSONFields.Failure(path: "", expected: "JSON") }
        let saved = try JSONFields(value, path: "")
        let q = try saved.object("quote")
        let names = try saved.strings("requestedNames")
        var lines: [Line] = []
        for (i, l) in try q.objects("lines").enumerated() {
            lines.append(try line(l, requestedName: i < names.count ? names[i] : ""))
        }
        var warnings = try notices(q.objects("warnings"))
        let internalCount = min(Int(clamping: try saved.int("internalWarnings")), warnings.count)
        let internalWarnings = Array(warnings.suffix(internalCount))
        warnings.removeLast(internalCount)
        var city: City?
        if let name = try q.optionalString("city") {
            city = City(id: CityID(try saved.optionalString("cityId") ?? ""), name: name, aliases: [], region: "", deliveryDays: WeekdaySet(mask: 0))
        }
        var customer: Customer?
        if let c = try q.optionalObject("customer") {
            customer = Customer(id: try c.string("id"), name: try c.string("name"), group: "", creditDays: 0, creditLimit: .zero, balance: .zero)
        }
        guard let strategy = Strategy(rawValue: try q.string("strategy")) else { throw JSONFields.Failure(path: "quote.strategy", expected: "a strategy") }
        return Quote(
            quoteId: try q.string("quoteId"), asOf: try q.moment("asOf"), validUntil: try q.moment("validUntil"), currency: try q.string("currency"),
            catalogName: try saved.string("catalogName"), city: city, customer: customer, payment: try payment(q.object("payment")),
            pickup: try q.bool("pickup"), strategy: strategy, vatRate: try q.rate("vatRate"), lines: lines,
            shipments: try q.objects("shipments").map(shipment), deliveryDate: try q.date("deliveryDate"), by: try saved.optionalDate("by"),
            totals: try totals(q.object("totals")), warnings: warnings, alternatives: try q.objects("alternatives").map(alternative),
            hints: try notices(q.objects("hints")), explanation: try q.strings("explanation"), internalWarnings: internalWarnings)
    }

    static func line(_ l: JSONFields, requestedName: String) throws(JSONFields.Failure) -> Line {
        guard let kind = LineKind(rawValue: try l.string("kind")) else { throw JSONFields.Failure(path: l.sub("kind"), expected: "goods or deposit") }
        guard let requestedUnit = OrderUnit(rawValue: try l.string("requestedUnit")) else { throw JSONFields.Failure(path: l.sub("requestedUnit"), expected: "a unit") }
        guard let unit = SellingUnit(rawValue: try l.string("unit")) else { throw JSONFields.Failure(path: l.sub("unit"), expected: "a selling unit") }
        var allocations: [Allocation] = []
        for a in try l.objects("allocations") {
            allocations.append(
                Allocation(source: SourceID(try a.string("source")), sourceName: try a.string("sourceName"), quantity: try a.quantity("quantity"), readyDate: try a.date("readyDate")))
        }
        return Line(
            kind: kind, sku: SKU(try l.string("sku")), name: try l.string("name"), nameEn: try l.string("nameEn"), requestedName: requestedName,
            otherSKUs: try l.strings("otherSkus").map { SKU($0) }, requestedQuantity: try l.quantity("requestedQuantity"), requestedUnit: requestedUnit,
            computedQuantity: try l.quantity("computedQuantity"), conversion: try l.optionalString("conversion"), quantity: try l.quantity("quantity"),
            unit: unit, unitPrice: try l.unitPrice("unitPrice", stated: "unitPriceStated"), listPrice: try l.unitPrice("listPrice", stated: "listPriceStated"),
            discount: try l.rate("discountPercent"), cost: try l.optionalMoney("cost") ?? .zero, margin: try l.optionalMoney("margin") ?? .zero,
            tierMinQuantity: try l.quantity("priceTierFrom"), priceRegion: try l.optionalString("priceRegion"), net: try l.money("net"),
            vatRate: try l.rate("vatRate"), vat: try l.money("vat"), gross: try l.money("gross"), pallets: try l.int("pallets"),
            weightGrams: try l.grams("weightKg"), allocations: allocations,
            shortQuantity: l.value("shortQuantity") == nil ? .zero : try l.quantity("shortQuantity"))
    }

    static func shipment(_ s: JSONFields) throws(JSONFields.Failure) -> Shipment {
        var vehicles: [VehicleUse] = []
        for v in try s.objects("vehicles") {
            vehicles.append(VehicleUse(vehicle: VehicleID(try v.string("vehicle")), name: try v.string("name"), count: try v.int("count"), tripPrice: try v.money("tripPrice")))
        }
        var surcharges: [Surcharge] = []
        for x in try s.objects("surcharges") { surcharges.append(Surcharge(kind: try x.string("kind"), amount: try x.money("amount"))) }
        return Shipment(
            source: SourceID(try s.string("source")), sourceName: try s.string("sourceName"), vehicles: vehicles, weightGrams: try s.grams("weightKg"),
            pallets: try s.int("pallets"), distanceKm: try s.int("distanceKm"), readyDate: try s.date("readyDate"), deliveryDate: try s.date("deliveryDate"),
            cost: try s.money("cost"), vatRate: try s.rate("vatRate"), vat: try s.money("vat"), gross: try s.money("gross"), surcharges: surcharges)
    }

    static func totals(_ t: JSONFields) throws(JSONFields.Failure) -> Totals {
        Totals(net: try t.money("net"), vat: try t.money("vat"), gross: try t.money("gross"), weightGrams: try t.grams("weightKg"), pallets: try t.int("pallets"))
    }

    static func payment(_ p: JSONFields) throws(JSONFields.Failure) -> Payment {
        Payment(
            creditDays: Int(clamping: try p.int("creditDays")), dueDate: try p.optionalDate("dueDate"), creditLimit: try p.optionalMoney("creditLimit"),
            creditAvailableAfter: try p.optionalMoney("creditAvailableAfter"))
    }

    static func alternative(_ a: JSONFields) throws(JSONFields.Failure) -> Alternative {
        guard let strategy = Strategy(rawValue: try a.string("strategy")) else { throw JSONFields.Failure(path: a.sub("strategy"), expected: "a strategy") }
        return Alternative(strategy: strategy, gross: try a.money("gross"), deliveryDate: try a.date("deliveryDate"), sources: try a.strings("sources").map { SourceID($0) })
    }

    static func notices(_ list: [JSONFields]) throws(JSONFields.Failure) -> [Notice] {
        var out: [Notice] = []
        for n in list { out.append(Notice(code: try n.string("code"), message: try n.string("message"))) }
        return out
    }
}
