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
    /// `PRAGMA data_version` when the store opened: another connection's commit (an import's in-place update)
    /// changes it.
    private var openedDataVersion: Int64?
    /// The CSV folder's fingerprint when this database was compiled from it ("" when unknown).
    public private(set) var sourceFingerprint = ""
    /// `meta.content_checksum`: the sum of every row's checksum but meta's, recorded by the build (and kept up
    /// to date by each import).
    private var contentChecksum: UInt64?
    /// The checksums of the rows `loadBase` read (vat, holidays, vehicles, product groups).
    private let baseSum: UInt64
    /// The checksums of the rows read since `loadAll` began.
    private var loadedSum: UInt64 = 0
    /// `products.rows_h` of the products read: the sum of the checksums of each one's stock and price rows.
    private var expectedRows: [SKU: UInt64] = [:]

    /// Opens the database at `path` and checks that it is a catalog of this program's schema.
    /// - Throws: `catalog_unavailable` (missing, unreadable, not a catalog, another schema version).
    public convenience init(path: String) throws(QuoteError) { try self.init(path: path, writable: false) }

    /// `init(path:)`, read-write for an import (`CatalogImport`), which updates the file in place.
    init(path: String, writable: Bool) throws(QuoteError) {
        self.path = path
        identity = FileIO.identity(path)
        guard FileIO.exists(path) else {
            throw QuoteError(.catalogUnavailable, Message("store.no_database", .text(path)))
        }
        // SQLite would block opening a FIFO and read a device as if it were a file.
        if let kind = FileIO.nonRegularKind(path) {
            throw QuoteError(.catalogUnavailable, Message("store.not_regular", .text(path), .fileKind(kind)))
        }
        // An import killed mid-commit leaves a hot journal that a read-only connection cannot roll back.
        if !writable { CatalogStore.rollBackInterruptedImport(path) }
        do {
            db = try SQLiteDatabase(path: path, readOnly: !writable)
            var meta: [String: String] = [:]
            try db.query("SELECT key, value FROM meta WHERE key = 'schema_version'") { meta[$0.text(0)] = $0.text(1) }
            guard let version = meta["schema_version"].flatMap(Int.init) else {
                throw QuoteError(.catalogUnavailable, Message("store.no_schema", .text(path)))
            }
            guard version == CatalogSchema.version else {
                throw QuoteError(
                    .catalogUnavailable,
                    Message(
                        version < CatalogSchema.version ? "store.schema_older" : "store.schema_newer", .text(path),
                        .verbatim(String(version)),
                        .verbatim(String(CatalogSchema.version))))
            }
            // Every table, checked once at open: a damaged or hand-edited file is refused here (exit 3), not by
            // each request that happens to need the missing table.
            var tables = Set<String>()
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table'") { tables.insert($0.text(0)) }
            let missing = CatalogSchema.tables.filter { !tables.contains($0) }
            guard missing.isEmpty else {
                throw QuoteError(
                    .catalogUnavailable,
                    Message(missing.count == 1 ? "store.missing_table" : "store.missing_tables", .text(path), .list(missing)))
            }
            // The settings, each row checked (any version before 5 was refused above, so every row has its `h`).
            var metaSum: UInt64 = 0
            try CheckedRows.read(db, "meta", "key, value", types: "TT", where: "1", [], sum: &metaSum) {
                meta[$0.text(0)] = $0.text(1)
                return nil
            }
            guard let recorded = meta["content_checksum"].flatMap(UInt64.init) else {
                throw SQLiteError(code: 0, Message("db.no_checksum"))
            }
            contentChecksum = recorded
            sourceFingerprint = meta["source_fingerprint"] ?? ""
            var sum: UInt64 = 0
            base = try CatalogStore.loadBase(db, meta: meta, sum: &sum)
            baseSum = sum
            openedDataVersion = db.dataVersion()
        } catch let e as QuoteError {
            throw e
        } catch {
            throw QuoteError(.catalogUnavailable, Message("store.not_a_catalog", .text(path), CatalogStore.reason(error)))
        }
    }

    /// The rows `request` needs. Names that match nothing bring every name of their kind, so the
    /// engine can suggest the closest ones.
    public func snapshot(for request: QuoteRequest) throws(QuoteError) -> Catalog {
        // One read transaction: an import committing meanwhile is seen whole or not at all.
        try db.reading { () throws(QuoteError) -> Catalog in try readSnapshot(for: request) }
    }

    private func readSnapshot(for request: QuoteRequest) throws(QuoteError) -> Catalog {
        do {
            var c = base
            c.version = try committedVersion()
            var skus: [SKU] = []
            for item in request.items {
                let key = NameKey.normalize(item.product)
                var names: [ProductName] = []
                try rows("product_names", "key, sku, is_default, label", types: "TTIT", where: "key = ? ORDER BY sku", [.text(key)]) {
                    names.append(ProductName(sku: SKU($0.text(1)), isDefault: $0.int(2) != 0, label: $0.text(3)))
                    return ValueRule.flag($0.int(2), "is_default")
                }
                if names.isEmpty {
                    // A family name with attributes (`кирпич м150`): the rows its readings need; else every
                    // name, for did-you-mean.
                    let reading = try loadReadings(of: item.product, into: &c)
                    if let sku = reading.found {
                        if !skus.contains(sku) { skus.append(sku) }
                    } else if !reading.named {
                        try loadNames(near: key, into: &c)
                    }
                    continue
                }
                c.productNames[key] = names
                if let chosen = ProductName.chosen(from: names), !skus.contains(chosen.sku) { skus.append(chosen.sku) }
            }
            for sku in skus { try loadProduct(sku, into: &c) }
            var sourceIDs = Set<SourceID>()
            for list in c.offers.values { for o in list { sourceIDs.insert(o.source) } }
            for id in sourceIDs.sorted() { try loadSources(into: &c, where: "id = ?", [.text(id.rawValue)]) }
            // The build checked every reference: one that finds nothing means a damaged row or index.
            try CatalogStore.expectFound(skus.filter { c.products[$0] == nil }.map(\.rawValue), "product")
            try CatalogStore.expectFound(sourceIDs.filter { c.sources[$0] == nil }.map(\.rawValue).sorted(), "source")

            if let customerText = request.customer, !customerText.isEmpty {
                try loadCustomers(into: &c, where: "id = ?", [.text(customerText)])
                if c.customers.isEmpty { try loadCustomers(into: &c, where: "1", []) }  // by name, or for did-you-mean
                for group in Set(c.customers.values.map(\.group)) {
                    try loadDiscounts(into: &c, where: "customer_group = ?", [.text(group.rawValue)])
                }
            }
            if let cityText = request.city {
                let key = NameKey.normalize(cityText)
                if let id = try loadCityNames(into: &c, where: "key = ?", [.text(key)])?.rawValue {
                    try loadCities(into: &c, where: "id = ?", [.text(id)])
                    try CatalogStore.expectFound(c.cities[CityID(id)] == nil ? [id] : [], "city")
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
            throw QuoteError(.catalogUnavailable, Message("store.unreadable", .text(path), CatalogStore.reason(error)))
        }
    }

    /// The whole catalog in memory.
    public func loadAll() throws(QuoteError) -> Catalog {
        try db.reading { () throws(QuoteError) -> Catalog in try readAll() }
    }

    private func readAll() throws(QuoteError) -> Catalog {
        do {
            // An import since the store opened recorded a new content checksum with its rows.
            var metaSum: UInt64 = 0
            try CheckedRows.read(db, "meta", "key, value", types: "TT", where: "key = 'content_checksum'", [], sum: &metaSum) {
                contentChecksum = UInt64($0.text(1))
                return nil
            }
            loadedSum = 0
            var c = base
            c.version = try committedVersion()
            try loadAllNames(into: &c)
            try loadProducts(into: &c, where: "1", [])
            try loadOffers(into: &c, where: "1", [])
            try loadPrices(into: &c, where: "1", [])
            try loadSources(into: &c, where: "1", [])
            try loadCities(into: &c, where: "1", [])
            _ = try loadCityNames(into: &c, where: "1", [])
            try loadRoutes(into: &c, where: "1", [])
            try loadTariffs(into: &c, where: "1", [])
            try loadCustomers(into: &c, where: "1", [])
            try loadDiscounts(into: &c, where: "1", [])
            // Every row was read: their checksums must add up to the one the build recorded (a row lost or
            // added, which no row's own checksum can tell, shows here).
            guard baseSum &+ loadedSum == contentChecksum else {
                throw SQLiteError(code: 0, Message("db.sum_mismatch"))
            }
            return c
        } catch {
            throw QuoteError(.catalogUnavailable, Message("store.unreadable", .text(path), CatalogStore.reason(error)))
        }
    }

    /// `meta.catalog_version` as committed now (in a read transaction: as the rows read with it). An import since
    /// the store opened has moved it, and a quote's id must name the catalog its rows come from.
    func committedVersion() throws(SQLiteError) -> String {
        var version = base.version
        var sum: UInt64 = 0
        try CheckedRows.read(db, "meta", "key, value", types: "TT", where: "key = 'catalog_version'", [], sum: &sum) {
            version = $0.text(1)
            return nil
        }
        return version
    }

    // MARK: - Rows

    /// Reads rows of `table` with their checks (`CheckedRows`), adding their checksums to `loadedSum`.
    func rows(
        _ table: String, _ columns: String, types: StaticString, where condition: String, _ values: [SQLiteValue],
        _ body: (SQLiteStatement) -> Message?
    ) throws(SQLiteError) {
        try CheckedRows.read(db, table, columns, types: types, where: condition, values, sum: &loadedSum, body)
    }

    /// Settings, VAT, the calendar and the vehicles: small, and needed by every quote.
    static func loadBase(_ db: SQLiteDatabase, meta: [String: String], sum: inout UInt64) throws -> Catalog {
        let settings = try CatalogStore.settings(meta)
        var rates: [(from: CivilDate, rate: Rate)] = []
        try CheckedRows.read(db, "vat", "effective_from, rate_bp", types: "II", where: "1", [], sum: &sum) {
            rates.append((CivilDate(day: Int32(clamping: $0.int(0))), Rate(basisPoints: Int32(clamping: $0.int(1)))))
            return (ValueRule.range($0.int(0), "effective_from", dayRange) ?? ValueRule.rate($0.int(1), "rate_bp"))
        }
        // Collected first and indexed once: the calendar rebuilds its bitmaps on every change.
        var holidays = Set<CivilDate>()
        var workingWeekends = Set<CivilDate>()
        try CheckedRows.read(db, "holidays", "day, working", types: "II", where: "1", [], sum: &sum) {
            let d = CivilDate(day: Int32(clamping: $0.int(0)))
            if $0.int(1) != 0 { workingWeekends.insert(d) } else { holidays.insert(d) }
            return (ValueRule.range($0.int(0), "day", dayRange) ?? ValueRule.flag($0.int(1), "working"))
        }
        let calendar = BusinessCalendar(holidays: holidays, workingWeekends: workingWeekends)
        var vehicles: [Vehicle] = []
        try CheckedRows.read(
            db, "vehicles", "id, name, body, payload_kg, pallet_places, crane", types: "TTTIII", where: "1 ORDER BY id", [], sum: &sum
        ) {
            guard let body = VehicleBody(rawValue: $0.text(2)) else { return Message("db.not_a_body", .text($0.text(2))) }
            vehicles.append(
                Vehicle(
                    id: VehicleID($0.text(0)), name: $0.text(1), body: body, payloadKg: $0.int(3), palletPlaces: $0.int(4),
                    crane: $0.int(5) != 0))
            return
                (ValueRule.range($0.int(3), "payload_kg", 1...100_000) ?? ValueRule.range($0.int(4), "pallet_places", 0...100)
                ?? ValueRule.flag($0.int(5), "crane"))
        }
        var catalog = Catalog(
            version: meta["catalog_version"] ?? "", settings: settings, vat: VATSchedule(rates), calendar: calendar, vehicles: vehicles)
        try CheckedRows.read(db, "product_groups", "id, name, max_discount_bp, min_margin_bp", types: "TTII", where: "1", [], sum: &sum) {
            catalog.productGroups[ProductGroupID($0.text(0))] = ProductGroup(
                id: ProductGroupID($0.text(0)), name: $0.text(1), maxDiscount: Rate(basisPoints: Int32(clamping: $0.int(2))),
                minMargin: Rate(basisPoints: Int32(clamping: $0.int(3))))
            return (ValueRule.rate($0.int(2), "max_discount_bp") ?? ValueRule.rate($0.int(3), "min_margin_bp"))
        }
        return catalog
    }

    /// Days from 1900 to 2200 (days since 1970-01-01): the calendar's dates are in this century.
    static let dayRange: ClosedRange<Int64> = -25_567...84_006

    /// The settings from the meta table, each checked as the compiler checks settings.csv.
    static func settings(_ meta: [String: String]) throws(SQLiteError) -> CatalogSettings {
        var wrong: Message?
        func int(_ key: String, _ range: ClosedRange<Int64>, required: Bool = true) -> Int64 {
            let text = meta[key] ?? ""
            if text.isEmpty && !required { return 0 }
            guard let v = Int64(text), range.contains(v) else {
                if wrong == nil {
                    wrong = Message(
                        "db.setting", .verbatim(key), .text(text), .verbatim(String(range.lowerBound)), .verbatim(String(range.upperBound)))
                }
                return range.lowerBound
            }
            return v
        }
        var s = CatalogSettings(
            name: meta["name"] ?? "", currency: meta["currency"] ?? "RUB", timeZone: meta["time_zone"] ?? "",
            utcOffsetSeconds: Int32(int("utc_offset", -64_800...64_800)), cutoffHour: Int(int("cutoff_hour", 0...24)),
            quoteValidityDays: Int(int("quote_validity_days", 0...365)), stockFreshnessHours: Int(int("stock_freshness_hours", 1...8_760)),
            jointMM: Int(int("joint_mm", 0...50)),
            priceListValidUntil: (meta["price_list_valid_until"] ?? "").isEmpty
                ? nil : CivilDate(day: Int32(int("price_list_valid_until", dayRange))))
        s.craneSurcharge = Money(kopecks: int("crane_surcharge", 0...ValueRule.largestMoney))
        s.weekendSurcharge = Rate(basisPoints: Int32(int("weekend_surcharge_bp", 0...100_000)))
        func text(_ key: String) -> String? { (meta[key] ?? "").isEmpty ? nil : meta[key] }
        s.seller = Seller(
            name: text("company_name"), inn: text("company_inn"), address: text("company_address"), phone: text("company_phone"))
        // Databases built before saved quotes have no follow-up setting: the default holds for them.
        if let days = Int(meta["follow_up_business_days"] ?? ""), (1...60).contains(days) { s.followUpBusinessDays = days }
        if let wrong { throw SQLiteError(code: 0, Message("db.table_damaged", .verbatim("meta"), .message(wrong))) }
        return s
    }

    /// The names did-you-mean can suggest for the unknown name `key` (`NameKey.suggestions`: a key within its edit
    /// budget, so of a length within it, or one that starts with it): read by SQLite's scan of the keys, not all
    /// 300,000 names of a 100k catalog brought into the process (4 s for a typo on the command line).
    func loadNames(near key: String, into c: inout Catalog) throws(SQLiteError) {
        let budget = NameKey.suggestionBudget(key)
        let length = Int64(key.utf8.count)
        let condition = "(length(CAST(key AS BLOB)) BETWEEN ? AND ? OR (? AND substr(key, 1, length(?)) = ?)) ORDER BY key, sku"
        let values: [SQLiteValue] = [
            .int(length - Int64(budget)), .int(length + Int64(budget)), .int(key.count >= 3 ? 1 : 0), .text(key), .text(key),
        ]
        try rows("product_names", "key, sku, is_default, label", types: "TTIT", where: condition, values) {
            c.productNames[$0.text(0), default: []].append(ProductName(sku: SKU($0.text(1)), isDefault: $0.int(2) != 0, label: $0.text(3)))
            return ValueRule.flag($0.int(2), "is_default")
        }
    }

    private func loadAllNames(into c: inout Catalog) throws(SQLiteError) {
        try rows("product_names", "key, sku, is_default, label", types: "TTIT", where: "1 ORDER BY key, sku", []) {
            c.productNames[$0.text(0), default: []].append(ProductName(sku: SKU($0.text(1)), isDefault: $0.int(2) != 0, label: $0.text(3)))
            return ValueRule.flag($0.int(2), "is_default")
        }
    }

    func loadProducts(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows(
            "products",
            "sku, name, name_en, grp, kind, unit, length_mm, width_mm, height_mm, weight_g, per_pallet, sale_multiple, density, deposit, joint_mm, per_m3, per_m2, rows_h",
            types: "TTTTTTiiiIiIiIiiiI", where: condition, values
        ) { r in
            guard let kind = ProductKind(rawValue: r.text(4)), let unit = SellingUnit(rawValue: r.text(5)) else {
                return Message("db.kind_or_unit")
            }
            var dims: (length: Int, width: Int, height: Int)?
            if let l = r.optionalInt(6), let w = r.optionalInt(7), let h = r.optionalInt(8) { dims = (Int(l), Int(w), Int(h)) }
            let p = Product(
                sku: SKU(r.text(0)), name: r.text(1), nameEn: r.text(2), group: ProductGroupID(r.text(3)), kind: kind, unit: unit,
                dimensionsMM: dims,
                unitWeightGrams: r.int(9), perPallet: r.optionalInt(10).map(Quantity.init(milli:)),
                saleMultiple: Quantity(milli: r.int(11)),
                densityKgM3: r.optionalInt(12).map { Int($0) }, palletDeposit: Money(kopecks: r.int(13)),
                jointMM: r.optionalInt(14).map { Int(clamping: $0) }, perM3Override: r.optionalInt(15).map(Quantity.init(milli:)),
                perM2Override: r.optionalInt(16).map(Quantity.init(milli:)))
            c.products[p.sku] = p
            expectedRows[p.sku] = UInt64(bitPattern: r.int(17))
            return CatalogStore.productProblem(r)
        }
    }

    /// What is wrong with a products row's numbers, as the compiler checks products.csv, or nil.
    static func productProblem(_ r: SQLiteStatement) -> Message? {
        for (column, name) in [(Int32(6), "length_mm"), (7, "width_mm"), (8, "height_mm"), (12, "density")] {
            if let p = ValueRule.optionalRange(r.optionalInt(column), name, 1...10_000) { return p }
        }
        for (column, name) in [(Int32(10), "per_pallet"), (15, "per_m3"), (16, "per_m2")] {
            if let p = ValueRule.optionalQuantity(r.optionalInt(column), name) { return p }
        }
        return ValueRule.quantity(r.int(9), "weight_g", positive: true) ?? ValueRule.quantity(r.int(11), "sale_multiple", positive: true)
            ?? ValueRule.money(r.int(13), "deposit") ?? ValueRule.optionalRange(r.optionalInt(14), "joint_mm", 0...50)
    }

    /// Throws when `missing` names anything: a `kind` that another row refers to was not found.
    static func expectFound(_ missing: [String], _ kind: String) throws(SQLiteError) {
        guard let first = missing.first else { return }
        throw SQLiteError(code: 0, Message("db.missing_row", .verbatim(kind), .text(first)))
    }

    /// One product with its stock and price rows, all of them: their checksums must add up to the product's
    /// `rows_h` (a damaged index can hide rows from `WHERE sku = ?`, and a quote would price without them).
    func loadProduct(_ sku: SKU, into c: inout Catalog) throws(SQLiteError) {
        try loadProducts(into: &c, where: "sku = ?", [.text(sku.rawValue)])
        let before = loadedSum
        try loadOffers(into: &c, where: "sku = ?", [.text(sku.rawValue)])
        try loadPrices(into: &c, where: "sku = ?", [.text(sku.rawValue)])
        if let expected = expectedRows[sku], loadedSum &- before != expected {
            throw SQLiteError(code: 0, Message("db.rows_incomplete", .text(sku.rawValue)))
        }
    }

    func loadOffers(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows(
            "stock", "sku, source, stock, cost, min_order, order_multiple", types: "TTIIII", where: condition + " ORDER BY sku, source",
            values
        ) { r in
            let o = StockOffer(
                source: SourceID(r.text(1)), sku: SKU(r.text(0)), stock: Quantity(milli: r.int(2)), cost: Money(kopecks: r.int(3)),
                minOrder: Quantity(milli: r.int(4)), orderMultiple: Quantity(milli: r.int(5)))
            c.offers[o.sku, default: []].append(o)
            return
                (ValueRule.quantity(r.int(2), "stock") ?? ValueRule.money(r.int(3), "cost") ?? ValueRule.quantity(r.int(4), "min_order")
                ?? ValueRule.quantity(r.int(5), "order_multiple"))
        }
    }

    func loadPrices(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        var base: [SKU: [PriceTier]] = [:]
        var regional: [SKU: [RegionID: [PriceTier]]] = [:]
        try rows(
            "prices", "sku, region, min_qty, price, per, decimals", types: "TTIIII", where: condition + " ORDER BY sku, region, min_qty",
            values
        ) { r in
            let price = UnitPrice(units: r.int(3), per: r.int(4), decimals: Int(clamping: r.int(5)))
            let tier = PriceTier(minQuantity: Quantity(milli: r.int(2)), price: price)
            let region = r.text(1)
            if region.isEmpty {
                base[SKU(r.text(0)), default: []].append(tier)
            } else {
                regional[SKU(r.text(0)), default: [:]][RegionID(region), default: []].append(tier)
            }
            // The price in ten-thousandths (up to 10 000 000 000.0000), for 1, 10, 100 or 1000 units, stated to 2–4 decimals.
            return
                (ValueRule.quantity(r.int(2), "min_qty") ?? ValueRule.unitPrice(price)
                ?? (UnitPrice.allowedPer.contains(r.int(4)) ? nil : Message("db.per", .verbatim(String(r.int(4)))))
                    ?? ValueRule.range(r.int(5), "decimals", 2...4))
        }
        for sku in Set(base.keys).union(regional.keys) { c.prices[sku] = PriceList(base: base[sku] ?? [], regional: regional[sku] ?? [:]) }
    }

    func loadSources(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows(
            "sources", "id, name, kind, zone, city, lead_days, stock_as_of, stock_as_of_offset, pickup, public_name", types: "TTTTTIIIIT",
            where: condition, values
        ) { r in
            guard let kind = SourceKind(rawValue: r.text(2)) else { return Message("db.not_a_source_kind", .text(r.text(2))) }
            var s = Source(
                id: SourceID(r.text(0)), name: r.text(1), kind: kind, zone: ZoneID(r.text(3)), city: CityID(r.text(4)),
                leadDays: Int(clamping: r.int(5)), stockAsOf: Moment(secondsSinceEpoch: r.int(6), offsetSeconds: Int32(clamping: r.int(7))),
                allowsPickup: r.int(8) != 0)
            s.publicName = r.text(9).isEmpty ? nil : r.text(9)
            c.sources[s.id] = s
            return
                (ValueRule.range(r.int(5), "lead_days", 0...365) ?? ValueRule.range(r.int(6), "stock_as_of", -2_208_988_800...7_258_118_400)
                ?? ValueRule.range(r.int(7), "stock_as_of_offset", -64_800...64_800) ?? ValueRule.flag(r.int(8), "pickup"))
        }
    }

    private func loadCities(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows("cities", "id, name, aliases, region, delivery_mask", types: "TTTTI", where: condition, values) { r in
            let aliases = r.text(2).split(separator: "|").map(String.init)
            let city = City(
                id: CityID(r.text(0)), name: r.text(1), aliases: aliases, region: RegionID(r.text(3)),
                deliveryDays: WeekdaySet(mask: UInt8(truncatingIfNeeded: r.int(4))))
            c.cities[city.id] = city
            return ValueRule.range(r.int(4), "delivery_mask", 0...127)
        }
    }

    private func loadCityNames(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) -> CityID? {
        var found: CityID?
        try rows("city_names", "key, city", types: "TT", where: condition, values) { r in
            found = CityID(r.text(1))
            c.cityNames[r.text(0)] = found
            return nil
        }
        return found
    }

    func loadRoutes(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows("routes", "city, zone, distance_km, transit_days", types: "TTII", where: condition, values) { r in
            let route = Route(zone: ZoneID(r.text(1)), city: CityID(r.text(0)), distanceKm: r.int(2), transitDays: Int(clamping: r.int(3)))
            c.routes[RouteKey(zone: route.zone, city: route.city)] = route
            return (ValueRule.range(r.int(2), "distance_km", 0...20_000) ?? ValueRule.range(r.int(3), "transit_days", 0...60))
        }
    }

    private func loadCustomers(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows("customers", "id, name, grp, credit_days, credit_limit, balance, inn", types: "TTTIIIT", where: condition, values) { r in
            c.customers[CustomerID(r.text(0))] = Customer(
                id: CustomerID(r.text(0)), name: r.text(1), group: CustomerGroupID(r.text(2)), creditDays: Int(clamping: r.int(3)),
                creditLimit: Money(kopecks: r.int(4)),
                balance: Money(kopecks: r.int(5)), inn: r.text(6).isEmpty ? nil : r.text(6))
            return
                (ValueRule.range(r.int(3), "credit_days", 0...365) ?? ValueRule.money(r.int(4), "credit_limit")
                ?? ValueRule.money(r.int(5), "balance"))
        }
    }

    private func loadDiscounts(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows("discounts", "customer_group, product_group, rate_bp", types: "TTI", where: condition, values) { r in
            c.discounts[DiscountKey(customerGroup: CustomerGroupID(r.text(0)), productGroup: ProductGroupID(r.text(1)))] = Rate(
                basisPoints: Int32(clamping: r.int(2)))
            return ValueRule.rate(r.int(2), "rate_bp")
        }
    }

    func loadTariffs(into c: inout Catalog, where condition: String, _ values: [SQLiteValue]) throws(SQLiteError) {
        try rows("tariffs", "zone, city, vehicle, base_price, included_km, per_km, min_charge", types: "TTTIIII", where: condition, values)
        { r in
            let city = r.text(1)
            let key = TariffKey(zone: ZoneID(r.text(0)), city: city.isEmpty ? nil : CityID(city), vehicle: VehicleID(r.text(2)))
            c.tariffs[key] = Tariff(
                key: key, basePrice: Money(kopecks: r.int(3)), includedKm: r.int(4), perKm: Money(kopecks: r.int(5)),
                minCharge: Money(kopecks: r.int(6)))
            return
                (ValueRule.money(r.int(3), "base_price") ?? ValueRule.range(r.int(4), "included_km", 0...20_000) ?? ValueRule.money(
                    r.int(5), "per_km") ?? ValueRule.money(r.int(6), "min_charge"))
        }
    }
}

extension CatalogStore {
    /// The catalog's UTC offset, for reading local times in requests.
    public var utcOffsetSeconds: Int32 { base.settings.utcOffsetSeconds }

    /// The database file's size in bytes (0 if it cannot be read).
    public var fileSize: Int64 { FileIO.size(path) ?? 0 }

    /// Whether the database file has been replaced (by `quote catalog build`, a rename) or updated in place (by
    /// `quote catalog import`, which commits one transaction) since this store opened it: a long-running reader
    /// then opens it again, so what it holds in memory is the new catalog. Each snapshot is read in one read
    /// transaction, so every quote sees one whole catalog, old or new.
    public var isReplaced: Bool {
        guard let now = FileIO.identity(path), let then = identity else { return false }
        return now != then || db.dataVersion() != openedDataVersion
    }

    /// Rolls back what an import killed mid-commit left (a hot `-journal`), as SQLite does on a read-write open,
    /// so that read-only connections can read the file again; nothing when there is no journal, or when the
    /// file cannot be opened for writing (the read then fails with SQLite's message).
    static func rollBackInterruptedImport(_ path: String) {
        guard FileIO.exists(path + "-journal"), let db = try? SQLiteDatabase(path: path, readOnly: false) else { return }
        try? db.query("SELECT count(*) FROM sqlite_master") { _ in }
    }

    /// Reads every row and checks that their checksums add up to the content checksum the build recorded: the
    /// whole file's worth of reading (see `loadAll`), for a database that is not trusted by where it lies.
    public func verifyContent() throws(QuoteError) { _ = try loadAll() }
}
