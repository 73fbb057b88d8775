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
        // The messages as the Russian offer words them, and the names the customer is told for each source
        // (the JSON gives the sources' own names only), so a saved quote shows in either language as issued.
        w.raw("quoteRu", json(includeInternal: true, language: .ru))
        w.beginArray("allocationNames")
        for l in lines {
            w.beginArray()
            for a in l.allocations { Self.writeBoth(a.customerSourceName, into: &w) }
            w.endArray()
        }
        w.endArray()
        // The company the printable offer is headed by, as the catalog named it then.
        w.beginObject("seller")
        w.string("name", seller.name)
        w.string("inn", seller.inn)
        w.string("address", seller.address)
        w.string("phone", seller.phone)
        w.endObject()
        w.beginArray("shipmentNames")
        for s in shipments { Self.writeBoth(s.customerSourceName, into: &w) }
        w.endArray()
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

    /// `[english, russian]` of a name told to the customer.
    static func writeBoth(_ name: MessageArg, into w: inout JSONWriter) {
        w.beginArray()
        for language in [Language.en, .ru] { w.string(nil, MessageRenderer(language).render(Message(.plain, name))) }
        w.endArray()
    }

    /// A message as it was issued in each language.
    static func bilingual(_ en: String, _ ru: String?) -> Message { Message(.plain, .bilingual(en: en, ru: ru ?? en)) }

    /// Reads a saved form back.
    /// - Throws: `JSONFields.Failure` naming the member that is missing or malformed.
    public static func decodeSaved(_ bytes: [UInt8]) throws(JSONFields.Failure) -> Quote {
        guard case .success(let value) = JSONParser.parse(bytes) else { throw JSONFields.Failure(path: "", expected: "JSON") }
        let saved = try JSONFields(value, path: "")
        let q = try saved.object("quote")
        let ru = saved.value("quoteRu") == nil ? q : try saved.object("quoteRu")
        let names = try saved.strings("requestedNames")
        let told = saved.value("allocationNames") == nil ? [] : try saved.array("allocationNames")
        var lines: [Line] = []
        let ruLines = try ru.objects("lines")
        for (i, l) in try q.objects("lines").enumerated() {
            var decoded = try line(l, requestedName: i < names.count ? names[i] : "")
            if let c = decoded.conversion.map({ MessageRenderer(.en).render($0) }) {
                decoded.conversion = bilingual(c, i < ruLines.count ? try ruLines[i].optionalString("conversion") : nil)
            }
            if i < told.count { tellSources(told[i], to: &decoded.allocations) }
            lines.append(decoded)
        }
        var warnings = try notices(q.objects("warnings"), ru.objects("warnings"))
        let internalCount = min(Int(clamping: try saved.int("internalWarnings")), warnings.count)
        let internalWarnings = Array(warnings.suffix(internalCount))
        warnings.removeLast(internalCount)
        var city: City?
        if let name = try q.optionalString("city") {
            city = City(
                id: CityID(try saved.optionalString("cityId") ?? ""), name: name, aliases: [], region: "", deliveryDays: WeekdaySet(mask: 0)
            )
        }
        var customer: Customer?
        if let c = try q.optionalObject("customer") {
            customer = Customer(
                id: CustomerID(try c.string("id")), name: try c.string("name"), group: "", creditDays: 0, creditLimit: .zero, balance: .zero
            )
        }
        guard let strategy = Strategy(rawValue: try q.string("strategy")) else {
            throw JSONFields.Failure(path: "quote.strategy", expected: "a strategy")
        }
        var quote = Quote(
            quoteId: try q.string("quoteId"), asOf: try q.moment("asOf"), validUntil: try q.moment("validUntil"),
            currency: try q.string("currency"),
            catalogName: try saved.string("catalogName"), city: city, customer: customer, payment: try payment(q.object("payment")),
            pickup: try q.bool("pickup"), strategy: strategy, vatRate: try q.rate("vatRate"), lines: lines,
            shipments: try q.objects("shipments").map(shipment), deliveryDate: try q.date("deliveryDate"), by: try saved.optionalDate("by"),
            totals: try totals(q.object("totals")), warnings: warnings, alternatives: try q.objects("alternatives").map(alternative),
            hints: try notices(q.objects("hints"), ru.objects("hints")), explanation: try explanation(q, ru),
            internalWarnings: internalWarnings)
        if saved.value("seller") != nil {
            let seller = try saved.object("seller")
            quote.seller = Seller(
                name: try seller.optionalString("name"), inn: try seller.optionalString("inn"),
                address: try seller.optionalString("address"),
                phone: try seller.optionalString("phone"))
        }
        if case .array(let told)? = saved.value("shipmentNames") {
            for (k, pair) in told.enumerated() where k < quote.shipments.count {
                if let name = toldName(pair) { quote.shipments[k].customerSourceName = name }
            }
        }
        return quote
    }

    static func explanation(_ q: JSONFields, _ ru: JSONFields) throws(JSONFields.Failure) -> [Message] {
        let en = try q.strings("explanation"), russian = try ru.strings("explanation")
        return en.enumerated().map { bilingual($0.element, $0.offset < russian.count ? russian[$0.offset] : nil) }
    }

    /// The names the customer was told for a line's sources (`[[english, russian], …]`).
    static func tellSources(_ names: JSONValue, to allocations: inout [Allocation]) {
        guard case .array(let pairs) = names else { return }
        for (i, pair) in pairs.enumerated() where i < allocations.count {
            if let name = toldName(pair) { allocations[i].customerSourceName = name }
        }
    }

    static func toldName(_ pair: JSONValue) -> MessageArg? {
        guard case .array(let both) = pair, both.count == 2, case .string(let en) = both[0], case .string(let ru) = both[1] else {
            return nil
        }
        return .bilingual(en: en, ru: ru)
    }

    static func line(_ l: JSONFields, requestedName: String) throws(JSONFields.Failure) -> Line {
        guard let kind = LineKind(rawValue: try l.string("kind")) else {
            throw JSONFields.Failure(path: l.sub("kind"), expected: "goods or deposit")
        }
        guard let requestedUnit = OrderUnit(rawValue: try l.string("requestedUnit")) else {
            throw JSONFields.Failure(path: l.sub("requestedUnit"), expected: "a unit")
        }
        guard let unit = SellingUnit(rawValue: try l.string("unit")) else {
            throw JSONFields.Failure(path: l.sub("unit"), expected: "a selling unit")
        }
        var allocations: [Allocation] = []
        for a in try l.objects("allocations") {
            allocations.append(
                Allocation(
                    source: SourceID(try a.string("source")), sourceName: try a.string("sourceName"), quantity: try a.quantity("quantity"),
                    readyDate: try a.date("readyDate")))
        }
        return Line(
            kind: kind, sku: SKU(try l.string("sku")), name: try l.string("name"), nameEn: try l.string("nameEn"),
            requestedName: requestedName,
            otherSKUs: try l.strings("otherSkus").map { SKU($0) }, requestedQuantity: try l.quantity("requestedQuantity"),
            requestedUnit: requestedUnit,
            computedQuantity: try l.quantity("computedQuantity"), conversion: try l.optionalString("conversion").map { bilingual($0, nil) },
            quantity: try l.quantity("quantity"),
            unit: unit, unitPrice: try l.unitPrice("unitPrice", stated: "unitPriceStated"),
            listPrice: try l.unitPrice("listPrice", stated: "listPriceStated"),
            discount: try l.rate("discountPercent"), cost: try l.optionalMoney("cost") ?? .zero,
            margin: try l.optionalMoney("margin") ?? .zero,
            tierMinQuantity: try l.quantity("priceTierFrom"), priceRegion: try l.optionalString("priceRegion").map { RegionID($0) },
            net: try l.money("net"),
            vatRate: try l.rate("vatRate"), vat: try l.money("vat"), gross: try l.money("gross"), pallets: try l.int("pallets"),
            weightGrams: try l.grams("weightKg"), allocations: allocations,
            shortQuantity: l.value("shortQuantity") == nil ? .zero : try l.quantity("shortQuantity"))
    }

    static func shipment(_ s: JSONFields) throws(JSONFields.Failure) -> Shipment {
        var vehicles: [VehicleUse] = []
        for v in try s.objects("vehicles") {
            vehicles.append(
                VehicleUse(
                    vehicle: VehicleID(try v.string("vehicle")), name: try v.string("name"), count: try v.int("count"),
                    tripPrice: try v.money("tripPrice")))
        }
        var surcharges: [Surcharge] = []
        for x in try s.objects("surcharges") { surcharges.append(Surcharge(kind: try x.string("kind"), amount: try x.money("amount"))) }
        return Shipment(
            source: SourceID(try s.string("source")), sourceName: try s.string("sourceName"), vehicles: vehicles,
            weightGrams: try s.grams("weightKg"),
            pallets: try s.int("pallets"), distanceKm: try s.int("distanceKm"), readyDate: try s.date("readyDate"),
            deliveryDate: try s.date("deliveryDate"),
            cost: try s.money("cost"), vatRate: try s.rate("vatRate"), vat: try s.money("vat"), gross: try s.money("gross"),
            surcharges: surcharges)
    }

    static func totals(_ t: JSONFields) throws(JSONFields.Failure) -> Totals {
        Totals(
            net: try t.money("net"), vat: try t.money("vat"), gross: try t.money("gross"), weightGrams: try t.grams("weightKg"),
            pallets: try t.int("pallets"))
    }

    static func payment(_ p: JSONFields) throws(JSONFields.Failure) -> Payment {
        Payment(
            creditDays: Int(clamping: try p.int("creditDays")), dueDate: try p.optionalDate("dueDate"),
            creditLimit: try p.optionalMoney("creditLimit"),
            creditAvailableAfter: try p.optionalMoney("creditAvailableAfter"))
    }

    static func alternative(_ a: JSONFields) throws(JSONFields.Failure) -> Alternative {
        guard let strategy = Strategy(rawValue: try a.string("strategy")) else {
            throw JSONFields.Failure(path: a.sub("strategy"), expected: "a strategy")
        }
        return Alternative(
            strategy: strategy, gross: try a.money("gross"), deliveryDate: try a.date("deliveryDate"),
            sources: try a.strings("sources").map { SourceID($0) })
    }

    static func notices(_ list: [JSONFields], _ russian: [JSONFields]) throws(JSONFields.Failure) -> [Notice] {
        var out: [Notice] = []
        for (i, n) in list.enumerated() {
            let ru = i < russian.count ? try russian[i].optionalString("message") : nil
            let managerOnly = n.value("managerOnly") == nil ? false : try n.bool("managerOnly")
            out.append(Notice(code: try n.string("code"), bilingual(try n.string("message"), ru), managerOnly: managerOnly))
        }
        return out
    }
}
