import CSQLite
import QuoteCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a compiled catalog into SQLite, atomically.
public enum CatalogDatabase {
    /// Writes `catalog` to `path`: into a temporary file beside it first, flushed to disk, then renamed
    /// over `path`. A reader sees the old database or the new one, never half of one; a build that
    /// fails or is killed leaves the old one as it was.
    ///
    /// Writers of the same folder take turns (see `FileIO.withExclusiveLock`), and temporary files left by
    /// writers that were killed are removed first.
    public static func write(_ catalog: Catalog, to path: String) throws(SQLiteError) {
        try FileIO.withExclusiveLock(of: path) { () throws(SQLiteError) in try writeLocked(catalog, to: path) }
    }

    /// `write` for a caller that already holds the folder's lock (`CatalogImport`).
    /// `fingerprint`: the CSV folder's `FolderCatalog.fingerprint` when it was read, recorded so a quote can tell
    /// whether the database is still the folder's.
    static func writeLocked(_ catalog: Catalog, to path: String, fingerprint: String = "") throws(SQLiteError) {
        let temporary = try writeTemporary(catalog, for: path, fingerprint: fingerprint)
        try replace(path, with: temporary)
    }

    /// The first half of `writeLocked`: the catalog written into a temporary file beside `path` (returned), not
    /// yet flushed nor renamed; nothing at `path` changes. A build writes it while its rules are checked, and
    /// renames it with `replace` only when they pass (`removeTemporary` otherwise).
    static func writeTemporary(_ catalog: Catalog, for path: String, fingerprint: String = "") throws(SQLiteError) -> String {
        try checkReplaceable(path)
        FileIO.removeStaleTemporaries(of: path)
        let temporary = path + ".tmp-\(FileIO.processID)"
        FileIO.remove(temporary)
        do {
            let db = try SQLiteDatabase(path: temporary, readOnly: false)
            // The temporary file is synced as a whole before the rename: no journal needed while filling it.
            try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA application_id=\(applicationID);")
            try db.execute("BEGIN")
            try db.execute(CatalogSchema.create)
            try fill(db, catalog, fingerprint: fingerprint)
            try db.execute(CatalogSchema.indexes)
            try db.execute("COMMIT")
        } catch {
            FileIO.remove(temporary)
            throw error
        }
        return temporary
    }

    /// The second half of `writeLocked`: `temporary` flushed to disk and renamed over `path`.
    static func replace(_ path: String, with temporary: String) throws(SQLiteError) {
        FileIO.sync(temporary)
        // A journal left by an import killed mid-commit belongs to the file being replaced: rolled back into it
        // now, it cannot be played into the new one.
        CatalogStore.rollBackInterruptedImport(path)
        guard FileIO.replace(temporary, with: path) else {
            FileIO.remove(temporary)
            throw SQLiteError(code: 0, Message("db.cannot_replace", .text(path)))
        }
    }

    /// A temporary file of `writeTemporary` not to be used (the build failed its rules).
    static func removeTemporary(_ temporary: String) { FileIO.remove(temporary) }

    /// "QUOT", in the SQLite header's application id (bytes 68–71): a file is a catalog by its first 100 bytes,
    /// even when the rest is damaged.
    static let applicationID: Int32 = 0x5155_4F54

    /// Refuses to replace what is at `path` unless it is nothing or a regular file that is a catalog: one whose
    /// SQLite header has `applicationID`, or (built before schema 5 set it) that has a schema version. A device,
    /// a FIFO, a link, a folder, a text file or another program's database is left alone.
    static func checkReplaceable(_ path: String) throws(SQLiteError) {
        func refuse(_ what: String) -> SQLiteError {
            SQLiteError(code: 0, Message("db.not_a_catalog", .text(path), .fileKind(what)))
        }
        guard let kind = FileIO.entryKind(path) else { return }
        guard kind.isEmpty else { throw refuse(kind) }
        let header = FileIO.prefix(path, 100) ?? []
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw refuse(header.isEmpty ? "an empty file" : "a file that is not an SQLite database")
        }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if id == UInt32(bitPattern: applicationID) { return }
        var version: String?
        if let db = try? SQLiteDatabase(path: path, readOnly: true) {
            try? db.query("SELECT value FROM meta WHERE key = 'schema_version'") { version = $0.text(0) }
        }
        guard version != nil else { throw refuse("an SQLite database of another program") }
    }

    /// The products, each with the sum of the checksums of its stock and price rows (`rows_h`), so a request that
    /// loads them can tell when a damaged index hides some of them (no row's own checksum can).
    ///
    /// The stock and price rows go in first, each checksummed once, in key order (as every table here: a
    /// WITHOUT ROWID table filled in key order grows at its right edge instead of splitting pages at random).
    private static func fillProducts(_ w: inout RowWriter, _ c: Catalog) throws(SQLiteError) {
        var skuRows: [SKU: UInt64] = [:]
        skuRows.reserveCapacity(c.products.count)
        // The SKUs sorted once: a compiled catalog's stock and prices name only its products, so their keys in
        // order are the products' that have them (100,000 strings sorted once instead of three times).
        let skus = c.products.keys.sorted()
        func sortedKeys<V>(_ table: [SKU: V]) -> [SKU] {
            guard table.keys.allSatisfy({ c.products[$0] != nil }) else { return table.keys.sorted() }
            return table.count == skus.count ? skus : skus.filter { table[$0] != nil }
        }
        for sku in sortedKeys(c.offers) {
            var sum: UInt64 = 0
            for o in c.offers[sku] ?? [] { sum &+= UInt64(bitPattern: try w.insert("stock", stockValues(o))) }
            skuRows[sku] = sum
        }
        for sku in sortedKeys(c.prices) {
            guard let list = c.prices[sku] else { continue }
            var sum: UInt64 = 0
            for v in priceValues(sku, list) { sum &+= UInt64(bitPattern: try w.insert("prices", v)) }
            skuRows[sku, default: 0] &+= sum
        }
        for sku in skus {
            guard let p = c.products[sku] else { continue }
            try w.insert("products", productValues(p, rowsChecksum: skuRows[sku] ?? 0))
        }
    }

    /// A products row: the product and `rowsChecksum`, its `rows_h`.
    static func productValues(_ p: Product, rowsChecksum: UInt64) -> [SQLiteValue] {
        let dims = p.dimensionsMM
        return [
            .text(p.sku.rawValue), .text(p.name), .text(p.nameEn), .text(p.group.rawValue), .text(p.kind.rawValue),
            .text(p.unit.rawValue), dims.map { .int(Int64($0.length)) } ?? .null,
            dims.map { .int(Int64($0.width)) } ?? .null, dims.map { .int(Int64($0.height)) } ?? .null,
            .int(p.unitWeightGrams), p.perPallet.map { .int($0.milli) } ?? .null, .int(p.saleMultiple.milli),
            p.densityKgM3.map { .int(Int64($0)) } ?? .null, .int(p.palletDeposit.kopecks),
            p.jointMM.map { .int(Int64($0)) } ?? .null, p.perM3Override.map { .int($0.milli) } ?? .null,
            p.perM2Override.map { .int($0.milli) } ?? .null, .int(Int64(bitPattern: rowsChecksum)),
        ]
    }

    /// `rows_h` of `sku`: the sum of the checksums of its stock and price rows in `c`.
    static func rowsChecksum(of sku: SKU, in c: Catalog) -> UInt64 {
        var sum: UInt64 = 0
        for o in c.offers[sku] ?? [] { sum &+= UInt64(bitPattern: RowChecksum.of(table: "stock", stockValues(o))) }
        if let list = c.prices[sku] {
            for v in priceValues(sku, list) { sum &+= UInt64(bitPattern: RowChecksum.of(table: "prices", v)) }
        }
        return sum
    }

    static func stockValues(_ o: StockOffer) -> [SQLiteValue] {
        [
            .text(o.sku.rawValue), .text(o.source.rawValue), .int(o.stock.milli), .int(o.cost.kopecks), .int(o.minOrder.milli),
            .int(o.orderMultiple.milli),
        ]
    }

    static func sourceValues(_ src: Source) -> [SQLiteValue] {
        [
            .text(src.id.rawValue), .text(src.name), .text(src.kind.rawValue), .text(src.zone.rawValue),
            .text(src.city.rawValue), .int(Int64(src.leadDays)), .int(src.stockAsOf.secondsSinceEpoch),
            .int(Int64(src.stockAsOf.offsetSeconds)), .int(src.allowsPickup ? 1 : 0), .text(src.publicName ?? ""),
        ]
    }

    static func priceValues(_ sku: SKU, _ list: PriceList) -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = []
        for (region, tiers) in [("", list.base)] + list.regional.sorted(by: { $0.key < $1.key }).map({ ($0.key.rawValue, $0.value) }) {
            for t in tiers {
                rows.append([
                    .text(sku.rawValue), .text(region), .int(t.minQuantity.milli), .int(t.price.units), .int(t.price.per),
                    .int(Int64(t.price.decimals)),
                ])
            }
        }
        return rows
    }

    private static func fill(_ db: SQLiteDatabase, _ c: Catalog, fingerprint: String) throws(SQLiteError) {
        var w = RowWriter(db: db)
        try fillRows(&w, c)
        let s = c.settings
        let meta: [(String, String)] = [
            ("schema_version", String(CatalogSchema.version)), ("catalog_version", c.version), ("name", s.name),
            ("currency", s.currency), ("time_zone", s.timeZone), ("utc_offset", String(s.utcOffsetSeconds)),
            ("cutoff_hour", String(s.cutoffHour)), ("quote_validity_days", String(s.quoteValidityDays)),
            ("stock_freshness_hours", String(s.stockFreshnessHours)), ("joint_mm", String(s.jointMM)),
            ("price_list_valid_until", s.priceListValidUntil.map { String($0.day) } ?? ""),
            ("crane_surcharge", String(s.craneSurcharge.kopecks)), ("weekend_surcharge_bp", String(s.weekendSurcharge.basisPoints)),
            ("follow_up_business_days", String(s.followUpBusinessDays)),
            ("content_checksum", String(w.contentSum)), ("source_fingerprint", fingerprint),
            ("company_name", s.seller.name ?? ""), ("company_inn", s.seller.inn ?? ""), ("company_address", s.seller.address ?? ""),
            ("company_phone", s.seller.phone ?? ""),
        ]
        for (k, v) in meta { try w.insert("meta", [.text(k), .text(v)]) }
    }

    /// Every table but `meta`.
    private static func fillRows(_ w: inout RowWriter, _ c: Catalog) throws(SQLiteError) {
        for r in c.vat.rates { try w.insert("vat", [.int(Int64(r.from.day)), .int(Int64(r.rate.basisPoints))]) }
        for d in c.calendar.holidays { try w.insert("holidays", [.int(Int64(d.day)), .int(0)]) }
        for d in c.calendar.workingWeekends { try w.insert("holidays", [.int(Int64(d.day)), .int(1)]) }
        try fillProducts(&w, c)
        for key in byteOrdered(c.productNames.keys) {
            for n in c.productNames[key] ?? [] {
                try w.insert("product_names", [.text(key), .text(n.sku.rawValue), .int(n.isDefault ? 1 : 0), .text(n.label)])
            }
        }
        for src in c.sources.values.sorted(by: { $0.id < $1.id }) { try w.insert("sources", sourceValues(src)) }
        for city in c.cities.values.sorted(by: { $0.id < $1.id }) {
            try w.insert(
                "cities",
                [
                    .text(city.id.rawValue), .text(city.name), .text(city.aliases.joined(separator: "|")), .text(city.region.rawValue),
                    .int(Int64(city.deliveryDays.mask)),
                ])
        }
        for (key, id) in c.cityNames.sorted(by: { $0.key < $1.key }) { try w.insert("city_names", [.text(key), .text(id.rawValue)]) }
        for v in c.vehicles {
            try w.insert(
                "vehicles",
                [
                    .text(v.id.rawValue), .text(v.name), .text(v.body.rawValue), .int(v.payloadKg), .int(v.palletPlaces),
                    .int(v.crane ? 1 : 0),
                ])
        }
        for r in c.routes.values.sorted(by: { ($0.city, $0.zone) < ($1.city, $1.zone) }) {
            try w.insert("routes", [.text(r.city.rawValue), .text(r.zone.rawValue), .int(r.distanceKm), .int(Int64(r.transitDays))])
        }
        for g in c.productGroups.values {
            try w.insert(
                "product_groups",
                [.text(g.id.rawValue), .text(g.name), .int(Int64(g.maxDiscount.basisPoints)), .int(Int64(g.minMargin.basisPoints))])
        }
        for cu in c.customers.values {
            try w.insert(
                "customers",
                [
                    .text(cu.id.rawValue), .text(cu.name), .text(cu.group.rawValue), .int(Int64(cu.creditDays)),
                    .int(cu.creditLimit.kopecks),
                    .int(cu.balance.kopecks),
                    .text(cu.inn ?? ""),
                ])
        }
        for (k, r) in c.discounts {
            try w.insert("discounts", [.text(k.customerGroup.rawValue), .text(k.productGroup.rawValue), .int(Int64(r.basisPoints))])
        }
        for t in c.tariffs.values {
            try w.insert(
                "tariffs",
                [
                    .text(t.key.zone.rawValue), .text(t.key.city?.rawValue ?? ""), .text(t.key.vehicle.rawValue), .int(t.basePrice.kopecks),
                    .int(t.includedKm), .int(t.perKm.kopecks), .int(t.minCharge.kopecks),
                ])
        }
    }
}

/// Inserts rows with their checksum (`RowChecksum`) as the last value, and sums the checksums of every table
/// but `meta` into the content checksum.
struct RowWriter {
    let db: SQLiteDatabase
    private(set) var contentSum: UInt64 = 0
    /// Each table's prepared INSERT, looked up by the table's name (not by the SQL text).
    private var statements: [String: SQLiteStatement] = [:]
    /// The table of the last row and its INSERT: rows come table by table, so the look-up is done once a table,
    /// not once a row (1.2 million of them in a 100k catalog).
    private var last: (table: String, statement: SQLiteStatement)?

    init(db: SQLiteDatabase) { self.db = db }

    /// Inserts the row and returns its checksum.
    @discardableResult
    mutating func insert(_ table: String, _ values: [SQLiteValue]) throws(SQLiteError) -> Int64 {
        let h = RowChecksum.of(table: table, values)
        if table != "meta" { contentSum &+= UInt64(bitPattern: h) }
        let statement = try self.statement(table, parameters: values.count + 1)
        // Every parameter is bound again below: no need to clear the last row's first.
        statement.rewind()
        try statement.bind(values)
        try statement.bind(h, at: Int32(values.count + 1))
        while try statement.step() {}
        return h
    }

    /// The INSERT of `table` with `parameters` values, prepared once.
    private mutating func statement(_ table: String, parameters: Int) throws(SQLiteError) -> SQLiteStatement {
        if let last, last.table == table { return last.statement }
        let statement: SQLiteStatement
        if let known = statements[table] {
            statement = known
        } else {
            statement = try db.statement(
                "INSERT INTO \(table) VALUES(" + Array(repeating: "?", count: parameters).joined(separator: ",") + ")")
            statements[table] = statement
        }
        last = (table, statement)
        return statement
    }
}

extension CatalogDatabase {
    /// Has every thread of the process allocate from one malloc arena (glibc; elsewhere nothing), for a build
    /// about to start: what one of its two threads lets go of (a table's parsed rows) is then reused by the other
    /// (the catalog it builds) instead of each growing a heap of its own: a 100k catalog's build peaks 20–37 MB
    /// lower (431 → 394–411 MB over five runs), at the same CPU within the noise. Call it before any thread starts
    /// (`quote catalog build`, `check`).
    public static func shareOneMallocArena() { quote_one_malloc_arena() }

    /// `keys` in the order of their UTF-8 bytes: SQLite's order of TEXT keys (BINARY), so a table filled in it
    /// grows at its right edge. Compared with `memcmp`, not as Swift compares `String`s (Unicode-aware, several
    /// times slower on the Russian names of `product_names`: 500,000 keys of a 100k catalog). The rows written
    /// are the same in any order; only the order they are inserted in follows this.
    static func byteOrdered(_ keys: some Sequence<String>) -> [String] {
        var keys = Array(keys)
        for i in keys.indices { keys[i].makeContiguousUTF8() }
        keys.sort(by: utf8Precedes)
        return keys
    }

    /// Whether `a`'s UTF-8 bytes come before `b`'s (a prefix first).
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                let common = min(pa.count, pb.count)
                guard common > 0, let x = pa.baseAddress, let y = pb.baseAddress else { return pa.count < pb.count }
                let order = memcmp(x, y, common)
                return order != 0 ? order < 0 : pa.count < pb.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
