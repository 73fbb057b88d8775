import QuoteCore

extension CatalogImport {
    /// What to do with the SKUs a source had and an import file with a `stock` column does not list.
    public enum MissingSKUs: String, Sendable, CaseIterable {
        /// Left as they were: a partial file changes only what it lists.
        case keep
        /// Kept with stock 0 (their cost, minimum order and multiple kept): the default, since a quote must not
        /// promise stock the supplier's latest file does not confirm, and no row is lost.
        case zero
        /// No longer offered by the source (their rows are removed).
        case remove
    }

    /// How an import runs.
    public struct Options: Sendable {
        /// Compute and report the changes, write nothing.
        public var dryRun: Bool
        public var missing: MissingSKUs
        /// The supplier's mapping file; nil: `suppliers/SOURCE.csv` in the catalog folder, if there is one.
        public var mapping: String?
        /// The sheet to read when the file is a workbook; nil: its first visible sheet.
        public var sheet: String?

        public init(dryRun: Bool = false, missing: MissingSKUs = .zero, mapping: String? = nil, sheet: String? = nil) {
            self.dryRun = dryRun
            self.missing = missing
            self.mapping = mapping
            self.sheet = sheet
        }
    }

    /// One row of an import file, read and checked. nil: the file has no such column (the earlier value stays).
    struct Row {
        var sku: SKU
        var stock: Quantity?
        var cost: Money?
        var price: UnitPrice?
        var minOrder: Quantity?
        var orderMultiple: Quantity?
        var line: Int
    }

    static let optionalColumns = ["stock", "cost", "price", "min_order", "order_multiple", "source", "name"]

    /// `catalog` with the import file's rows applied to `source` and its `stock_as_of` set to `asOf`; the rows
    /// read, and the warnings (columns ignored, and what the change brings in).
    /// - Throws: `invalid_request` for an unknown source, `catalog_invalid` with every problem of the file.
    static func apply(
        _ bytes: [UInt8], file: String, source: String, to catalog: Catalog, asOf: Moment, otherRows: CatalogRows,
        options: Options = Options(), mapping: SupplierMapping = SupplierMapping()
    ) throws(QuoteError) -> (Catalog, [Row], [CatalogIssue]) {
        let id = SourceID(source)
        guard var src = catalog.sources[id] else {
            throw QuoteError(
                .invalidRequest, Message("import.unknown_source", .text(source)),
                field: "--source",
                candidates: catalog.sources.keys.sorted().map(\.rawValue))
        }
        if let sheet = options.sheet, !CSVTable.isWorkbook(file: file, bytes: bytes) {
            throw QuoteError(
                .invalidRequest, Message("import.sheet_not_workbook", .text(sheet), .text(file)),
                field: "--sheet")
        }
        let parsed: CSVTable
        switch CSVTable.parse(file: file, bytes: bytes, sheet: options.sheet) {
        case .success(let t): parsed = t
        case .failure(let issue): throw invalid(file, [issue])
        }
        let table = supplierTable(parsed, mapping: mapping)
        let log = IssueLog()
        let reader = TableReader(table, columns: ["sku"], optional: optionalColumns, log: log)
        let rows = readRows(reader, source: source, catalog: catalog, mapping: mapping)
        let present = Set(optionalColumns.filter(reader.readsColumn))
        if log.issues.isEmpty && present.isDisjoint(with: ["stock", "cost", "price"]) {
            log.add(file, table.header.first?.line ?? 1, 1, Message("import.nothing"))
        } else if log.issues.isEmpty && rows.isEmpty {
            log.add(file, table.header.first?.line ?? 1, 1, Message("import.no_rows"))
        }
        var new = catalog
        if log.issues.isEmpty {
            applyOffers(rows, source: id, to: &new, missing: present.contains("stock") ? options.missing : .keep, reader: reader)
            applyPrices(rows, to: &new)
        }
        guard log.issues.isEmpty else { throw invalid(file, log.issues) }
        // A file without stock (prices only) says nothing of how fresh the stock is.
        if present.contains("stock") {
            src.stockAsOf = asOf
            new.sources[id] = src
        }

        // The rules, before and after: what the import brings in. Its own rows are located in its file.
        let rowsAfter = otherRows.adding(table, kind: "stock", keyColumns: ["source", "sku"], fixed: ["source": source])
        let before = Set(CatalogRules.check(catalog, rows: otherRows, asOf: asOf).map { $0.issue.message })
        let after = CatalogRules.check(new, rows: rowsAfter, asOf: asOf).filter { !before.contains($0.issue.message) }
        let errors = after.filter { $0.severity == .error }.map(\.issue)
        if !errors.isEmpty { throw invalid(file, errors) }
        return (new, rows, log.warnings + CatalogRules.sorted(after.map(\.issue)))
    }

    /// Every row of the file, checked; problems go to the reader's log.
    static func readRows(_ reader: TableReader, source: String, catalog: Catalog, mapping: SupplierMapping) -> [Row] {
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        let has = { (c: String) in reader.readsColumn(c) }
        for row in reader.rows {
            if has("source"), let s = row.text("source"), s != source {
                row.fail("source", Message("import.other_source", .text(s), .text(source)))
                continue
            }
            // Every cell is read, so one run reports every problem of a row.
            let sku = row.text("sku")
            let minOrder = has("min_order") ? (row.quantity("min_order", required: false) ?? .zero) : nil
            let multiple = has("order_multiple") ? (row.quantity("order_multiple", required: false) ?? .zero) : nil
            let stock = has("stock") ? row.quantity("stock") : nil
            let cost = has("cost") ? row.money("cost") : nil
            let price = has("price") ? row.unitPrice("price", perColumn: "") : nil
            guard let sku else { continue }
            guard catalog.products[SKU(sku)] != nil else {
                let close = References.closest(to: sku, among: catalog.products.keys.map(\.rawValue).sorted())
                let map = mapping.file.isEmpty ? Message.empty : Message("import.nor_article", .text(mapping.file))
                row.fail("sku", Message("import.unknown_sku", .text(sku), .message(map), .message(References.didYouMean(close))))
                continue
            }
            if let first = seen[sku] {
                row.fail("sku", Message("import.sku_twice", .text(sku), .verbatim(String(first))))
                continue
            }
            seen[sku] = row.line
            if (has("stock") && stock == nil) || (has("cost") && cost == nil) || (has("price") && price == nil) { continue }
            rows.append(
                Row(sku: SKU(sku), stock: stock, cost: cost, price: price, minOrder: minOrder, orderMultiple: multiple, line: row.line))
        }
        return rows
    }

    /// The source's offers after the import: each row's figures over the earlier offer (a SKU new to the source
    /// needs its stock and cost), and the SKUs the file does not list as `missing` says.
    static func applyOffers(_ rows: [Row], source id: SourceID, to catalog: inout Catalog, missing: MissingSKUs, reader: TableReader) {
        let touchesOffers = rows.contains { $0.stock != nil || $0.cost != nil || $0.minOrder != nil || $0.orderMultiple != nil }
        guard touchesOffers else { return }
        var previous: [SKU: StockOffer] = [:]
        for (sku, offers) in catalog.offers {
            if let o = offers.first(where: { $0.source == id }) { previous[sku] = o }
        }
        let listed = Set(rows.map(\.sku))
        for (sku, offer) in previous where !listed.contains(sku) {
            switch missing {
            case .keep: break
            case .zero:
                replace(
                    sku, source: id,
                    with: StockOffer(
                        source: id, sku: sku, stock: .zero, cost: offer.cost, minOrder: offer.minOrder, orderMultiple: offer.orderMultiple),
                    in: &catalog)
            case .remove: replace(sku, source: id, with: nil, in: &catalog)
            }
        }
        for r in rows {
            let before = previous[r.sku]
            guard let stock = r.stock ?? before?.stock, let cost = r.cost ?? before?.cost else {
                let lacking = [r.stock ?? before?.stock == nil ? "stock" : nil, r.cost ?? before?.cost == nil ? "cost" : nil].compactMap {
                    $0
                }
                reader.log.add(
                    reader.table.file, r.line, 1,
                    Message(
                        "catalog.cell", .verbatim("sku"),
                        .message(
                            Message(
                                lacking.count == 1 ? "import.new_sku_lacks" : "import.new_sku_lacks_both", .text(r.sku.rawValue),
                                .text(id.rawValue), .verbatim(lacking[0])))))
                continue
            }
            let offer = StockOffer(
                source: id, sku: r.sku, stock: stock, cost: cost, minOrder: r.minOrder ?? before?.minOrder ?? .zero,
                orderMultiple: r.orderMultiple ?? before?.orderMultiple ?? .zero)
            replace(r.sku, source: id, with: offer, in: &catalog)
        }
    }

    /// `sku`'s offers with the one of `source` replaced by `offer` (removed when nil), in source order.
    static func replace(_ sku: SKU, source: SourceID, with offer: StockOffer?, in catalog: inout Catalog) {
        var list = (catalog.offers[sku] ?? []).filter { $0.source != source }
        if let offer { list.append(offer) }
        list.sort { $0.source < $1.source }
        catalog.offers[sku] = list.isEmpty ? nil : list
    }

    /// The base list price from 0 of each row with a `price`, stated per the unit count the tier is stated for
    /// (a price per piece into a list kept per 1000 is multiplied by 1000, exactly).
    static func applyPrices(_ rows: [Row], to catalog: inout Catalog) {
        for r in rows {
            guard let price = r.price, var list = catalog.prices[r.sku], let first = list.base.first, first.minQuantity == .zero else {
                continue
            }
            let per = first.price.per
            let (units, overflow) = price.units.multipliedReportingOverflow(by: per)
            guard !overflow else { continue }
            list.base[0] = PriceTier(minQuantity: .zero, price: UnitPrice(units: units, per: per, decimals: price.decimals))
            catalog.prices[r.sku] = list
        }
    }

    /// The file's table with its header found (title rows above it skipped) and named in import columns — by
    /// the supplier's mapping, or the Russian names `SupplierColumns` knows — and its articles mapped to SKUs.
    static func supplierTable(_ parsed: CSVTable, mapping: SupplierMapping) -> CSVTable {
        var table = parsed
        let isHeader = { (fields: [CSVTable.Field]) in fields.contains { SupplierColumns.column(of: $0.text, mapping: mapping) == "sku" } }
        if !isHeader(table.header), let i = table.records.prefix(20).firstIndex(where: { isHeader($0.fields) }) {
            table.header = table.records[i].fields.map { CSVTable.Field(text: $0.text.trimmingSpaces, line: $0.line, column: $0.column) }
            table.records = Array(table.records[(i + 1)...])
            table.titleLines = i + 1
        }
        for i in table.header.indices {
            let original = table.header[i].text
            guard let column = SupplierColumns.column(of: original, mapping: mapping), column != original else { continue }
            table.header[i].text = column
            table.labels[column] = original
        }
        guard !mapping.articles.isEmpty, let skuColumn = table.header.firstIndex(where: { $0.text == "sku" }) else { return table }
        for r in table.records.indices where skuColumn < table.records[r].fields.count {
            let article = table.records[r].fields[skuColumn].text.trimmingSpaces
            if let sku = mapping.articles[article] { table.records[r].fields[skuColumn].text = sku }
        }
        return table
    }
}
