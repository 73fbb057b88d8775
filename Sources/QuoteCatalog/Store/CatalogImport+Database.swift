import QuoteCore

extension CatalogImport {
    /// An import into a database, in place and in one transaction (`BEGIN IMMEDIATE` … `COMMIT`, SQLite's rollback
    /// journal): the slice of the catalog the import concerns is read by indexed look-ups (`importSlice`), the
    /// import applied and checked on it as on a whole catalog (`apply`: the same messages, warnings and report),
    /// and only the rows that changed are written (`CatalogDatabase.update`). Any failure before the commit rolls
    /// everything back; a process killed mid-commit leaves a journal that the next reader or writer rolls back.
    /// A dry run reads the same slice in a read transaction and writes nothing.
    ///
    /// - Complexity: O(the source's rows + the file's rows), each an indexed look-up: independent of the size of
    ///   the catalog, but for a file naming an unknown SKU (then every product is read, for did-you-mean).
    static func importIntoDatabase(_ r: Request, database: String) throws(QuoteError) -> Outcome {
        let store = try CatalogStore(path: database, writable: !r.options.dryRun)
        do {
            try store.db.execute(r.options.dryRun ? "BEGIN" : "BEGIN IMMEDIATE")
        } catch {
            throw QuoteError(.catalogUnavailable, Message("import.cannot_write_db", .text(database), CatalogStore.reason(error)))
        }
        var committed = false
        defer { if !committed { try? store.db.execute("ROLLBACK") } }
        let folder = database.hasSuffix(".sqlite") ? String(database.dropLast(7)) : nil
        let (old, mapping) = try slice(r, store: store, folder: folder.flatMap { FileIO.isDirectory($0) ? $0 : nil })
        let moment = moment(r.asOf, now: r.now, offset: old.settings.utcOffsetSeconds)
        let (new, rows, warnings) = try apply(
            r.bytes, file: r.name, source: r.source, to: old, asOf: moment, otherRows: CatalogRows(), options: r.options, mapping: mapping)
        var catalog = new
        var hash = FNV1a()
        hash.add(old.version)
        hash.add("import " + r.source + " " + moment.description)
        hash.add(r.bytes)
        catalog.version = String(hash.hex.prefix(12))
        if !r.options.dryRun {
            do {
                try CatalogDatabase.update(store.db, from: old, to: catalog, version: catalog.version)
                try store.db.execute("COMMIT")
                committed = true
            } catch {
                throw QuoteError(.catalogUnavailable, Message("import.cannot_write_db", .text(database), CatalogStore.reason(error)))
            }
        }
        return outcome(
            old: old, new: catalog, rows: rows, request: r, mapping: mapping, warnings: warnings, database: database, folder: nil)
    }

    /// The catalog an import of `r` needs, read in the store's open transaction: the source's SKUs, the SKUs the
    /// file and the mapping name (each product whole: its stock rows from every source and its prices), every
    /// source, and the routes and tariffs of the source's zone (a source that starts stocking bulk goods needs
    /// tippers on its routes). When the file or the mapping names a SKU the catalog lacks, every product is
    /// read too, so that the error's did-you-mean is the whole catalog's. And the mapping, checked against it.
    static func slice(_ r: Request, store: CatalogStore, folder: String?) throws(QuoteError) -> (Catalog, SupplierMapping) {
        let source = SourceID(r.source)
        var skus = mappingTargets(r, folder: folder)
        var c = try store.importSlice(source: source, skus: skus)
        if !skus.allSatisfy({ c.products[SKU($0)] != nil }) { try store.loadAllProducts(into: &c) }
        let mapping = try supplierMapping(r, folder: folder, catalog: c)
        guard case .success(let parsed) = CSVTable.parse(file: r.name, bytes: r.bytes) else { return (c, mapping) }  // apply reports it
        let table = supplierTable(parsed, mapping: mapping)
        skus = TableReader(table, columns: ["sku"], optional: optionalColumns, log: IssueLog()).values(of: "sku")
        try store.addProducts(skus.map { SKU($0) }.filter { c.products[$0] == nil }, into: &c)
        if !skus.allSatisfy({ c.products[SKU($0)] != nil }) { try store.loadAllProducts(into: &c) }
        return (c, mapping)
    }

    /// The catalog SKUs the mapping file names (unchecked: `supplierMapping` checks them).
    static func mappingTargets(_ r: Request, folder: String?) -> [String] {
        guard let path = mappingPath(r, folder: folder), case .success(let bytes) = FileIO.readRegular(path),
            case .success(let table) = CSVTable.parse(file: path, bytes: bytes)
        else { return [] }
        return TableReader(table, columns: ["kind", "supplier", "catalog"], log: IssueLog()).rows.compactMap {
            $0.optionalText("kind") == "sku" ? $0.optionalText("catalog") : nil
        }
    }
}

extension CatalogStore {
    /// The base catalog (settings, VAT, calendar, vehicles, groups), every source, the products `skus` names and
    /// those `source` stocks — each whole, with its stock and price rows checked against its `rows_h` — and the
    /// routes and tariffs of the source's zone.
    func importSlice(source: SourceID, skus: [String]) throws(QuoteError) -> Catalog {
        var c = base
        do {
            try loadSources(into: &c, where: "1", [])
            var stocked: [SKU] = []
            try db.query("SELECT sku FROM stock WHERE source = ?", [.text(source.rawValue)]) { stocked.append(SKU($0.text(0))) }
            try addProducts(stocked + skus.map { SKU($0) }, into: &c)
            if let zone = c.sources[source]?.zone {
                try loadRoutes(into: &c, where: "zone = ?", [.text(zone.rawValue)])
                try loadTariffs(into: &c, where: "zone = ?", [.text(zone.rawValue)])
            }
        } catch let e as QuoteError {
            throw e
        } catch {
            throw QuoteError(.catalogUnavailable, Message("store.unreadable", .text(path), CatalogStore.reason(error)))
        }
        return c
    }

    /// Each of `skus` not read yet, whole (see `loadProduct`); a SKU the catalog lacks adds nothing.
    func addProducts(_ skus: [SKU], into c: inout Catalog) throws(QuoteError) {
        do {
            for sku in skus where c.products[sku] == nil { try loadProduct(sku, into: &c) }
        } catch {
            throw QuoteError(.catalogUnavailable, Message("store.unreadable", .text(path), CatalogStore.reason(error)))
        }
    }

    /// Every product (without their stock and prices), beside those `c` has: for did-you-mean over the catalog.
    func loadAllProducts(into c: inout Catalog) throws(QuoteError) {
        var all = c
        do {
            try loadProducts(into: &all, where: "1", [])
        } catch {
            throw QuoteError(.catalogUnavailable, Message("store.unreadable", .text(path), CatalogStore.reason(error)))
        }
        for (sku, p) in all.products where c.products[sku] == nil { c.products[sku] = p }
    }
}
