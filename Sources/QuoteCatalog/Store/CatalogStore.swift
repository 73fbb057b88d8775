import QuoteCore

/// A compiled catalog database, opened read-only, that hands the engine snapshots.
///
/// `snapshot(for:)` reads only the rows one request needs (its products, their offers, sources and
/// prices, the city and its routes and tariffs), so answering one quote does not load the catalog;
/// `loadAll()` reads everything (benchmarks, scale tests, `--jsonl` warm-up).
public final class CatalogStore {
    let db: SQLiteDatabase
    public let path: String
    let base: Catalog
    /// The file this store opened, to tell when a build has replaced it.
    private let identity: (UInt64, UInt64)?

    /// Opens the database at `path` and checks that it is a catalog of this program's schema.
    /// - Throws: `catalog_unavailable` (missing, unreadable, not a catalog, another schema version).
    public init(path: String) throws(QuoteError) {
        self.path = path
        identity = FileIO.identity(path)
        guard FileIO.exists(path) else {
            throw QuoteError(.catalogUnavailable, "No catalog database at \(path): build one with `quote catalog build DIR --out \(path)`.")
        }
        do {
            db = try SQLiteDatabase(path: path, readOnly: true)
            var meta: [String: String] = [:]
            try db.query("SELECT key, value FROM meta") { meta[$0.text(0)] = $0.text(1) }
            guard let version = meta["schema_version"].flatMap(Int.init) else {
                throw QuoteError(.catalogUnavailable, "\(path) is not a quote catalog (no schema version): rebuild it with `quote catalog build`.")
            }
            guard version == CatalogSchema.version else {
                throw QuoteError(
                    .catalogUnavailable,
                    "\(path) is a catalog of schema version \(version); this quote reads version \(CatalogSchema.version). It was built by "
                        + "\(version < CatalogSchema.version ? "an older" : "a newer") quote: rebuild it from its CSV folder with `quote catalog build`.")
            }
            // Every table, checked once at open: a damaged or hand-edited file is refused here (exit 3), not by
            // each request that happens to need the missing table.
            var tables = Set<String>()
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table'") { tables.insert($0.text(0)) }
            let missing = CatalogSchema.tables.filter { !tables.contains($0) }
            guard missing.isEmpty else {
                throw QuoteError(
                    .catalogUnavailable,
                    "\(path) is missing the table\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")): it is damaged; rebuild it with `quote catalog build`.")
            }
            base = try CatalogStore.loadBase(db, meta: meta)
        } catch let e as QuoteError {
            throw e
        } catch {
            throw QuoteError(.catalogUnavailable, "\(path) cannot be read as a catalog (\(error)): rebuild it with `quote catalog build`.")
        }
    }

    /// The rows `request` needs. Names that match nothing bring every name of their kind, so the
    /// engine can suggest the closest ones.
    public func snapshot(for request: QuoteRequest) throws(QuoteError) -> Catalog {
        do {
            var c = base
            var skus: [SKU] = []
            for item in request.items {
                let key = NameKey.normalize(item.product)
                var names: [ProductName] = []
                try db.query("SELECT sku, is_default, label FROM product_names WHERE key = ? ORDER BY sku", [.text(key)]) {
                    names.append(ProductName(sku: SKU($0.text(0)), isDefault: $0.int(1) != 0, label: $0.text(2)))
                }
                if names.isEmpty {
                    try loadAllNames(into: &c)
                    continue
                }
                c.productNames[key] = names
                if let chosen = ProductName.chosen(from: names), !skus.contains(chosen.sku) { skus.append(chosen.sku) }
            }
            for sku in skus {
                try loadProducts(into: &c, where: "sku = ?", [.text(sku.rawValue)])
                try loadOffers(into: &c, where: "sku = ?", [.text(sku.rawValue)])
                try loadPrices(into: &c, where: "sku = ?", [.text(sku.rawValue)])
            }
            var sourceIDs = Set<SourceID>()
            for list in c.offers.values { for o in list { sourceIDs.insert(o.source) } }
            for id in sourceIDs.sorted() { try loadSources(into: &c, where: "id = ?", [.text(id.rawValue)]) }

            if let customerText = request.customer, !customerText.isEmpty {
                try loadCustomers(into: &c, where: "id = ?", [.text(customerText)])
                if c.customers.isEmpty { try loadCustomers(into: &c, where: "1", []) }  // by name, or for did-you-mean
                for group in Set(c.customers.values.map(\.group)) { try loadDiscounts(into: &c, where: "customer_group = ?", [.text(group)]) }
            }
            if let cityText = request.city {
                let key = NameKey.normalize(cityText)
                var id: String?
                try db.query("SELECT city FROM city_names WHERE key = ?", [.text(key)]) { id = $0.text(0) }
                if let id {
                    c.cityNames[key] = CityID(id)
                    try loadCities(into: &c, where: "id = ?", [.text(id)])
                    for zone in Set(c.sources.values.map(\.zone)).sorted() {
                        try loadRoutes(into: &c, where: "city = ? AND zone = ?", [.text(id), .text(zone.rawValue)])
                        try loadTariffs(into: &c, where: "zone = ? AND city IN ('', ?)", [.text(zone.rawValue), .text(id)])
                    }
                } else {
                    try loadCities(into: &c, where: "1", [])
                }
            }
            return c
        } catch {
            throw QuoteError(.catalogUnavailable, "\(path) cannot be read (\(error)): rebuild it with `quote catalog build`.")
        }
    }

    /// The whole catalog in memory.
    public func loadAll() throws(QuoteError) -> Catalog {
        do {
            var c = base
            try loadAllNames(into: &c)
            try loadProducts(into: &c, where: "1", [])
            try loadOffers(into: &c, where: "1", [])
            try loadPrices(into: &c, where: "1", [])
            try loadSources(into: &c, where: "1", [])
            try loadCities(into: &c, where: "1", [])
            try db.query("SELECT key, city FROM city_names") { c.cityNames[$0.text(0)] = CityID($0.text(1)) }
            try loadRoutes(into: &c, where: "1", [])
            try loadTariffs(into: &c, where: "1", [])
            try loadCustomers(into: &c, where: "1", [])
            try loadDiscounts(into: &c, where: "1", [])
            return c
        } catch {
            throw QuoteError(.catalogUnavailable, "\(path) cannot be read (\(error)): rebuild it with `quote catalog build`.")
        }
    }

    // MARK: - Rows

    /// Settings, VAT, the calendar and the vehicles: small, and needed by every quote.
    static func loadBase(_ db: SQLiteDatabase, meta: [String: String]) throws -> Catalog {
        func int(_ key: String) -> Int { meta[key].flatMap(Int.init) ?? 0 }
        let settings = CatalogSettings(
            name: meta["name"] ?? "", currency: meta["currency"] ?? "RUB", timeZone: meta["time_zone"] ?? "",
            utcOffsetSeconds: Int32(clamping: int("utc_offset")), cutoffHour: int("cutoff_hour"),
            quoteValidityDays: int("quote_validity_days"), stockFreshnessHours: int("stock_freshness_hours"), jointMM: int("joint_mm"),
            priceListValidUntil: meta["price_list_valid_until"].flatMap(Int32.init).map(CivilDate.init(day:)))
        var rates: [(from: CivilDate, rate: Rate)] = []
        try db.query("SELECT effective_from, rate_bp FROM vat") {
            rates.append((CivilDate(day: Int32(clamping: $0.int(0))), Rate(basisPoints: Int32(clamping: $0.int(1)))))
        }
        // Collected first and indexed once: the calendar rebuilds its bitmaps on every change.
        var holidays = Set<CivilDate>()
        var workingWeekends = Set<CivilDate>()
        try db.query("SELECT day, working FROM holidays") {
            let d = CivilDate(day: Int32(clamping: $0.int(0)))
            if $0.int(1) != 0 { workingWeekends.insert(d) } else { holidays.insert(d) }
        }
        let calendar = BusinessCalendar(holidays: holidays, workingWeekends: workingWeekends)
        var vehicles: [Vehicle] = []
        var bad: String?
        try db.query("SELECT id, name, body, payload_kg, pallet_places, crane FROM vehicles ORDER BY id") {
            guard let body = VehicleBody(rawValue: $0.text(2)) else {
                bad = "vehicle \($0.text(0)) has body \($0.text(2))"
                return
            }
            vehicles.append(Vehicle(id: VehicleID($0.text(0)), name: $0.text(1), body: body, payloadKg: $0.int(3), palletPlaces: $0.int(4), crane: $0.int(5) != 0))
        }
        if let bad { throw QuoteError(.catalogInvalid, "The catalog database is damaged (\(bad)): rebuild it with `quote catalog build`.") }
        var settingsWithSurcharges = settings
        settingsWithSurcharges.craneSurcharge = Money(kopecks: Int64(meta["crane_surcharge"] ?? "") ?? 0)
        settingsWithSurcharges.weekendSurcharge = Rate(basisPoints: Int32(meta["weekend_surcharge_bp"] ?? "") ?? 0)
        var catalog = Catalog(version: meta["catalog_version"] ?? "", settings: settingsWithSurcharges, vat: VATSchedule(rates), calendar: calendar, vehicles: vehicles)
        try db.query("SELECT id, name, max_discount_bp, min_margin_bp FROM product_groups") {
            catalog.productGroups[$0.text(0)] = ProductGroup(
                id: $0.text(0), name: $0.text(1), maxDiscount: Rate(basisPoints: Int32(clamping: $0.int(2))), minMargin: Rate(basisPoints: Int32(clamping: $0.int(3))))
        }
        return catalog
    }

    private func loadAllNames(into c: inout Catalog) throws(SQLiteError) {
        try db.query("SELECT key, sku, is_default, label FROM product_names ORDER BY key, sku") {
            c.productNames[$0.text(0), default: []].append(ProductName(sku: SKU($0.text(1)), isDefault: $0.int(2) != 0, label: $0.text(3)))
        }
    }

    private func loadProducts(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query(
            "SELECT sku, name, name_en, grp, kind, unit, length_mm, width_mm, height_mm, weight_g, per_pallet, sale_multiple, density, deposit, joint_mm, per_m3, per_m2 FROM products WHERE \(condition)",
            values
        ) { r in
            guard let kind = ProductKind(rawValue: r.text(4)), let unit = SellingUnit(rawValue: r.text(5)) else { return }
            var dims: (length: Int, width: Int, height: Int)?
            if let l = r.optionalInt(6), let w = r.optionalInt(7), let h = r.optionalInt(8) { dims = (Int(l), Int(w), Int(h)) }
            let p = Product(
                sku: SKU(r.text(0)), name: r.text(1), nameEn: r.text(2), group: r.text(3), kind: kind, unit: unit, dimensionsMM: dims,
                unitWeightGrams: r.int(9), perPallet: r.optionalInt(10).map(Quantity.init(milli:)), saleMultiple: Quantity(milli: r.int(11)),
                densityKgM3: r.optionalInt(12).map { Int($0) }, palletDeposit: Money(kopecks: r.int(13)),
                jointMM: r.optionalInt(14).map { Int(clamping: $0) }, perM3Override: r.optionalInt(15).map(Quantity.init(milli:)),
                perM2Override: r.optionalInt(16).map(Quantity.init(milli:)))
            c.products[p.sku] = p
        }
    }

    private func loadOffers(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query("SELECT sku, source, stock, cost, min_order, order_multiple FROM stock WHERE \(condition) ORDER BY sku, source", values) { r in
            let o = StockOffer(
                source: SourceID(r.text(1)), sku: SKU(r.text(0)), stock: Quantity(milli: r.int(2)), cost: Money(kopecks: r.int(3)),
                minOrder: Quantity(milli: r.int(4)), orderMultiple: Quantity(milli: r.int(5)))
            c.offers[o.sku, default: []].append(o)
        }
    }

    private func loadPrices(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        var base: [SKU: [PriceTier]] = [:]
        var regional: [SKU: [String: [PriceTier]]] = [:]
        try db.query("SELECT sku, region, min_qty, price, per, decimals FROM prices WHERE \(condition)", values) { r in
            let price = UnitPrice(units: r.int(3), per: r.int(4), decimals: Int(clamping: r.int(5)))
            let tier = PriceTier(minQuantity: Quantity(milli: r.int(2)), price: price)
            let region = r.text(1)
            if region.isEmpty { base[SKU(r.text(0)), default: []].append(tier) } else { regional[SKU(r.text(0)), default: [:]][region, default: []].append(tier) }
        }
        for sku in Set(base.keys).union(regional.keys) { c.prices[sku] = PriceList(base: base[sku] ?? [], regional: regional[sku] ?? [:]) }
    }

    private func loadSources(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query("SELECT id, name, kind, zone, city, lead_days, stock_as_of, stock_as_of_offset, pickup FROM sources WHERE \(condition)", values) { r in
            guard let kind = SourceKind(rawValue: r.text(2)) else { return }
            let s = Source(
                id: SourceID(r.text(0)), name: r.text(1), kind: kind, zone: ZoneID(r.text(3)), city: CityID(r.text(4)),
                leadDays: Int(clamping: r.int(5)), stockAsOf: Moment(secondsSinceEpoch: r.int(6), offsetSeconds: Int32(clamping: r.int(7))),
                allowsPickup: r.int(8) != 0)
            c.sources[s.id] = s
        }
    }

    private func loadCities(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query("SELECT id, name, aliases, region, delivery_mask FROM cities WHERE \(condition)", values) { r in
            let aliases = r.text(2).split(separator: "|").map(String.init)
            let city = City(id: CityID(r.text(0)), name: r.text(1), aliases: aliases, region: r.text(3), deliveryDays: WeekdaySet(mask: UInt8(truncatingIfNeeded: r.int(4))))
            c.cities[city.id] = city
        }
    }

    private func loadRoutes(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query("SELECT city, zone, distance_km, transit_days FROM routes WHERE \(condition)", values) { r in
            let route = Route(zone: ZoneID(r.text(1)), city: CityID(r.text(0)), distanceKm: r.int(2), transitDays: Int(clamping: r.int(3)))
            c.routes[RouteKey(zone: route.zone, city: route.city)] = route
        }
    }

    private func loadCustomers(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query("SELECT id, name, grp, credit_days, credit_limit, balance, inn FROM customers WHERE \(condition)", values) { r in
            c.customers[r.text(0)] = Customer(
                id: r.text(0), name: r.text(1), group: r.text(2), creditDays: Int(clamping: r.int(3)), creditLimit: Money(kopecks: r.int(4)),
                balance: Money(kopecks: r.int(5)), inn: r.text(6).isEmpty ? nil : r.text(6))
        }
    }

    private func loadDiscounts(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query("SELECT customer_group, product_group, rate_bp FROM discounts WHERE \(condition)", values) { r in
            c.discounts[DiscountKey(customerGroup: r.text(0), productGroup: r.text(1))] = Rate(basisPoints: Int32(clamping: r.int(2)))
        }
    }

    private func loadTariffs(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try db.query("SELECT zone, city, vehicle, base_price, included_km, per_km, min_charge FROM tariffs WHERE \(condition)", values) { r in
            let city = r.text(1)
            let key = TariffKey(zone: ZoneID(r.text(0)), city: city.isEmpty ? nil : CityID(city), vehicle: VehicleID(r.text(2)))
            c.tariffs[key] = Tariff(
                key: key, basePrice: Money(kopecks: r.int(3)), includedKm: r.int(4), perKm: Money(kopecks: r.int(5)), minCharge: Money(kopecks: r.int(6)))
        }
    }
}

extension CatalogStore {
    /// The catalog's UTC offset, for reading local times in requests.
    public var utcOffsetSeconds: Int32 { base.settings.utcOffsetSeconds }

    /// The database file's size in bytes (0 if it cannot be read).
    public var fileSize: Int64 { FileIO.size(path) ?? 0 }

    /// Whether the database file has been replaced (by `quote catalog build`) since this store opened
    /// it: a long-running reader then opens the new one. A store keeps reading the file it opened, so
    /// every quote sees one whole catalog, old or new.
    public var isReplaced: Bool {
        guard let now = FileIO.identity(path), let then = identity else { return false }
        return now != then
    }
}
