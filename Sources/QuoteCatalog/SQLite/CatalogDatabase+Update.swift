import QuoteCore

extension CatalogDatabase {
    /// Writes into `db`'s open transaction what changed from `old` to `new`, two slices of its catalog read in
    /// that transaction (`CatalogStore.importSlice`): each slice holds its products whole (every stock and price
    /// row of each) and its sources. Rows that are the same in both are not touched; a changed row is deleted
    /// and inserted again with its checksum; a product whose stock or price rows changed gets its new `rows_h`;
    /// `meta` gets `version`, the content checksum moved by what was deleted and inserted, and no source
    /// fingerprint (the database is no longer its CSV folder's compilation, as when an import rewrote it whole).
    ///
    /// - Complexity: O(rows of the slices), with one indexed look-up per row written.
    static func update(_ db: SQLiteDatabase, from old: Catalog, to new: Catalog, version: String) throws(SQLiteError) {
        var u = RowUpdater(db: db)
        for sku in Set(old.products.keys).union(new.products.keys).sorted() {
            try u.replace(
                "stock", keys: ["sku", "source"], (old.offers[sku] ?? []).map(stockValues), (new.offers[sku] ?? []).map(stockValues))
            try u.replace(
                "prices", keys: ["sku", "region", "min_qty"], old.prices[sku].map { priceValues(sku, $0) } ?? [],
                new.prices[sku].map { priceValues(sku, $0) } ?? [])
            try u.replace(
                "products", keys: ["sku"],
                old.products[sku].map { [productValues($0, rowsChecksum: rowsChecksum(of: sku, in: old))] } ?? [],
                new.products[sku].map { [productValues($0, rowsChecksum: rowsChecksum(of: sku, in: new))] } ?? [])
        }
        for id in Set(old.sources.keys).union(new.sources.keys).sorted() {
            try u.replace(
                "sources", keys: ["id"], old.sources[id].map { [sourceValues($0)] } ?? [], new.sources[id].map { [sourceValues($0)] } ?? [])
        }
        var recorded: UInt64?
        try db.query("SELECT value FROM meta WHERE key = 'content_checksum'") { recorded = UInt64($0.text(0)) }
        guard let recorded else {
            throw SQLiteError(code: 0, message: "the database has no content checksum: rebuild it with `quote catalog build`")
        }
        let content = recorded &- u.removed &+ u.writer.contentSum
        for (key, value) in [("catalog_version", version), ("content_checksum", String(content)), ("source_fingerprint", "")] {
            let h = RowChecksum.of(table: "meta", [.text(key), .text(value)])
            try db.insert("UPDATE meta SET value = ?, h = ? WHERE key = ?", [.text(value), .int(h), .text(key)])
        }
    }
}

/// Replaces rows of a catalog table by their keys, keeping the content checksum's account: `removed` sums the
/// checksums of the rows deleted (as stored), `writer.contentSum` those of the rows inserted.
struct RowUpdater {
    var writer: RowWriter
    private(set) var removed: UInt64 = 0

    init(db: SQLiteDatabase) { writer = RowWriter(db: db) }

    /// `before`'s rows that `after` lacks are deleted (by their first `keys.count` values, the table's primary
    /// key), then `after`'s rows that `before` lacks are inserted.
    mutating func replace(_ table: String, keys: [String], _ before: [[SQLiteValue]], _ after: [[SQLiteValue]]) throws(SQLiteError) {
        guard before != after else { return }
        let kept = Set(before).intersection(after)
        let condition = keys.map { "\($0) = ?" }.joined(separator: " AND ")
        for row in before where !kept.contains(row) {
            var h: Int64?
            try writer.db.query("DELETE FROM \(table) WHERE \(condition) RETURNING h", Array(row.prefix(keys.count))) { h = $0.int(0) }
            guard let h else {
                throw SQLiteError(code: 0, message: "the database is damaged: a \(table) row read a moment ago is not found")
            }
            removed &+= UInt64(bitPattern: h)
        }
        for row in after where !kept.contains(row) { try writer.insert(table, row) }
    }
}
