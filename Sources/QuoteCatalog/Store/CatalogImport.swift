import QuoteCore

/// `quote catalog import`: one source's stock, purchase costs and list prices from a supplier's file,
/// atomically, while quoting goes on.
///
/// The file names its columns as the supplier does: `sku`, `stock`, `cost`, `price` (our list price),
/// `min_order`, `order_multiple` (and `source`, which must then name the imported source on every row) — or
/// the Russian names 1C and suppliers use (Артикул, Остаток, Цена…), or the supplier's own through its
/// mapping file (`SupplierMapping`), which also maps its article numbers to our SKUs. Like every catalog file
/// it may be Windows-1251, have a byte-order mark, title rows and columns of its own, and be `;`-separated
/// with decimal commas and `6 300`. Each listed SKU takes the file's figures over its earlier ones (a column
/// the file lacks keeps the earlier value; a SKU new to the source needs its stock and cost); the SKUs the
/// source had and a file with a `stock` column does not list are kept, set to 0 (the default) or removed, as
/// `Options.missing` says. The source's `stock_as_of` becomes the import's moment.
///
/// - Into a database: in place, in one transaction, under the folder's writer lock so an import and a build
///   never interleave: only the rows the import needs are read (the source's and the listed SKUs', by their
///   indexes) and only the rows that change are written, with the catalog's version and content checksum
///   (`importIntoDatabase`). A quote, which reads its rows in one read transaction, sees the old catalog or
///   the new one; long-running readers notice the commit (`CatalogStore.isReplaced`, `LiveCatalog`).
/// - Into a CSV folder: its `stock.csv` rows of the source, the source's `stock_as_of` in `sources.csv` and,
///   for a file with prices, the base prices from 0 in `prices.csv` are rewritten (together, through the
///   folder's journal; every other line kept as it was), so the next build keeps the import; then
///   `FOLDER.sqlite` is rebuilt from the folder.
/// - A dry run does all of it but the writing, and reports the same changes.
public enum CatalogImport {
    /// What an import did (or, for a dry run, would do).
    public struct Outcome: Sendable {
        /// The database written.
        public var database: String
        /// The CSV folder rewritten, when the catalog is one.
        public var folder: String?
        public var source: SourceID
        public var stockAsOf: Moment
        /// The source's stock rows now, and how they changed.
        public var rows: Int
        public var added: [SKU]
        public var removed: [SKU]
        public var changed: [SKU]
        /// Each SKU whose offer or base price changed, with its figures before and after.
        public var changes: [Change]
        /// The SKUs the source had that the file does not list, and what was done with them.
        public var missing: [SKU]
        public var missingPolicy: MissingSKUs
        /// The mapping file used, if any.
        public var mapping: String?
        public var dryRun: Bool
        /// Doubtful things the import brings in (a cost above the list price, a product now stocked nowhere…).
        public var warnings: [CatalogIssue]
        public var version: String
    }

    /// One SKU's offer by the source and base list price from 0, before and after (nil: none).
    public struct Change: Sendable {
        public var sku: SKU
        public var before: StockOffer?
        public var after: StockOffer?
        public var priceBefore: UnitPrice?
        public var priceAfter: UnitPrice?
    }

    /// `run(file:source:catalog:asOf:now:options:)` with the default options.
    public static func run(file: String, source: String, catalog path: String, asOf: String?, now: Moment) throws(QuoteError) -> Outcome {
        try run(file: file, source: source, catalog: path, asOf: asOf, now: now, options: Options())
    }

    /// Imports `file` as the stock of `source` into the catalog at `path` (a database or a CSV folder), the
    /// figures taken at `asOf` (ISO-8601; without an offset, in the catalog's zone), else `now`.
    /// - Throws: `invalid_request` (exit 2) for an unreadable file or an unknown source, `invalid_date` for a
    ///   malformed `asOf`; `catalog_invalid`
    ///   (exit 3) with every `file:line:column` problem, and then nothing is written; `catalog_unavailable`
    ///   (exit 3) when the catalog cannot be read or written.
    public static func run(
        file: String, source: String, catalog path: String, asOf: String?, now: Moment, options: Options
    ) throws(QuoteError) -> Outcome {
        if let asOf, Moment.parse(Substring(asOf), defaultOffset: 0) == nil {
            throw QuoteError(
                .invalidDate, Message("catalog.bad_as_of", .text(asOf)),
                field: "--as-of")
        }
        let bytes: [UInt8]
        switch FileIO.readRegular(file) {
        case .success(let b): bytes = b
        case .failure(let why):
            throw QuoteError(
                .invalidRequest, Message("import.file_unreadable", .text(file), .message(why.text)),
                field: "FILE")
        }
        var target = path
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        let request = Request(
            bytes: bytes, name: String(file.split(separator: "/").last ?? Substring(file)), source: source, asOf: asOf, now: now,
            options: options)
        if FileIO.isDirectory(target) {
            return try FileIO.withExclusiveLock(of: target) { () throws(QuoteError) in try importIntoFolder(request, folder: target) }
        }
        return try FileIO.withExclusiveLock(of: target) { () throws(QuoteError) in try importIntoDatabase(request, database: target) }
    }

    /// What is imported, from where, how.
    struct Request {
        var bytes: [UInt8]
        var name: String
        var source: String
        var asOf: String?
        var now: Moment
        var options: Options
    }

    // MARK: - Database

    // In place, in one transaction: CatalogImport+Database.swift.

    /// The mapping of `r.options.mapping`, else `FOLDER/suppliers/SOURCE.csv` if the catalog has a folder and
    /// the file is there, else none.
    static func supplierMapping(_ r: Request, folder: String?, catalog: Catalog) throws(QuoteError) -> SupplierMapping {
        guard let path = mappingPath(r, folder: folder) else { return SupplierMapping() }
        let bytes: [UInt8]
        switch FileIO.readRegular(path) {
        case .success(let b): bytes = b
        case .failure(let why):
            throw QuoteError(.invalidRequest, Message("import.mapping_unreadable", .text(path), .message(why.text)), field: "--map")
        }
        let name = path.split(separator: "/").suffix(2).joined(separator: "/")
        switch SupplierMapping.parse(bytes, file: name, catalog: catalog) {
        case .success(let m): return m
        case .failure(let problems): throw invalid(name, problems.issues)
        }
    }

    /// The mapping file `supplierMapping` reads, if any.
    static func mappingPath(_ r: Request, folder: String?) -> String? {
        if let given = r.options.mapping { return given }
        guard let folder, !r.source.contains("/"), !r.source.hasPrefix("."), FileIO.exists(folder + "/suppliers/" + r.source + ".csv")
        else {
            return nil
        }
        return folder + "/suppliers/" + r.source + ".csv"
    }

    // MARK: - CSV folder

    static func importIntoFolder(_ r: Request, folder: String) throws(QuoteError) -> Outcome {
        FolderJournal.recover(folder)  // an import killed after its commit is completed before this one reads the files
        // The folder's tables an import rewrites must be CSV: a workbook is the person's, not ours to rewrite.
        for name in ["stock.csv", "sources.csv", "prices.csv"] where FileIO.exists(folder + "/" + CatalogFileName.workbook(name)) {
            throw QuoteError(
                .catalogUnavailable,
                Message("import.folder_workbook", .text(folder + "/" + CatalogFileName.workbook(name)), .text(name), .text(folder))
            )
        }
        let old: Catalog
        switch CatalogRules.compile(directory: folder, asOf: nil) {
        case .success(let checked): old = checked.catalog
        case .failure(let problems):
            throw QuoteError(.catalogInvalid, Message("import.catalog_has_errors", .text(folder), .message(problems.list)))
        }
        var files: [String: [UInt8]] = [:]
        for name in CatalogRows.keys.keys {
            if case .success(let found) = CatalogCompiler.readTable(folder, name) { files[found.file] = found.bytes }
        }
        let moment = moment(r.asOf, now: r.now, offset: old.settings.utcOffsetSeconds)
        let mapping = try supplierMapping(r, folder: folder, catalog: old)
        let (new, rows, warnings) = try apply(
            r.bytes, file: r.name, source: r.source, to: old, asOf: moment, otherRows: CatalogRows(files: files), options: r.options,
            mapping: mapping)
        // A file without stock leaves stock_as_of, and so sources.csv, as they were.
        let stamp = new.sources[SourceID(r.source)]?.stockAsOf ?? moment
        let (rebuilt, rewritten) = try rewrittenFolder(
            folder, files: files, new: new, rows: rows, source: r.source, moment: stamp,
            restamp: stamp != old.sources[SourceID(r.source)]?.stockAsOf)
        let database = folder + ".sqlite"
        if !r.options.dryRun {
            try write(rewritten, rebuilt, folder: folder, database: database)
        }
        return outcome(
            old: old, new: rebuilt, rows: rows, request: r, mapping: mapping, warnings: warnings, database: database, folder: folder)
    }

    /// The folder's rewritten `stock.csv`, `sources.csv` (and `prices.csv` when prices change), and the catalog
    /// they compile into, checked to be the one the import means.
    static func rewrittenFolder(
        _ folder: String, files: [String: [UInt8]], new: Catalog, rows: [Row], source: String, moment: Moment, restamp: Bool = true
    ) throws(QuoteError) -> (Catalog, [(name: String, bytes: [UInt8])]) {
        guard let stockBytes = files["stock.csv"], let sourcesBytes = files["sources.csv"], let pricesBytes = files["prices.csv"],
            let stock = rewriteStock(stockBytes, source: source, offers: new.offers, order: rows.map(\.sku)),
            let sources = restamp ? rewriteStockAsOf(sourcesBytes, source: source, moment: moment) : sourcesBytes,
            let prices = rewriteBasePrices(pricesBytes, prices: new.prices, skus: rows.filter { $0.price != nil }.map(\.sku))
        else {
            throw QuoteError(.catalogUnavailable, Message("import.cannot_rewrite", .text(folder)))
        }
        var rewritten = [("stock.csv", stock), ("sources.csv", sources)]
        if prices != pricesBytes { rewritten.append(("prices.csv", prices)) }
        var all: [String: [UInt8]] = [:]
        for name in CatalogCompiler.files {
            if case .success(let found) = CatalogCompiler.readTable(folder, name) { all[found.file] = found.bytes }
        }
        for (name, bytes) in rewritten { all[name] = bytes }
        switch CatalogCompiler.compile(files: all) {
        case .success(let c)
        where sameStock(c, new, source: SourceID(source)) && c.sources[SourceID(source)]?.stockAsOf == moment
            && samePrices(c, new, skus: rows.map(\.sku)):
            return (c, rewritten)
        case .success:
            throw QuoteError(.catalogUnavailable, Message("import.rewrite_mismatch", .text(folder)))
        case .failure(let problems):
            throw QuoteError(.catalogUnavailable, Message("import.rewrite_invalid", .text(folder), .message(problems.list)))
        }
    }

    /// The rewritten files together (a killed import leaves all old or, once committed, all new), then the
    /// database with the folder's new fingerprint, all under the lock.
    static func write(_ rewritten: [(name: String, bytes: [UInt8])], _ catalog: Catalog, folder: String, database: String)
        throws(QuoteError)
    {
        guard FolderJournal.replace(rewritten, in: folder) else {
            throw QuoteError(.catalogUnavailable, Message("import.folder_not_writable", .text(folder)))
        }
        do {
            try CatalogDatabase.writeLocked(catalog, to: database, fingerprint: FolderCatalog.fingerprint(folder))
        } catch {
            throw QuoteError(
                .catalogUnavailable, Message("import.db_after_folder", .text(folder), .text(database), CatalogStore.reason(error)))
        }
    }

    /// Whether `a` and `b` give `source` the same stock rows.
    static func sameStock(_ a: Catalog, _ b: Catalog, source: SourceID) -> Bool {
        func rows(_ c: Catalog) -> [String] {
            c.offers.values.flatMap { $0 }.filter { $0.source == source }
                .map { "\($0.sku) \($0.stock.milli) \($0.cost.kopecks) \($0.minOrder.milli) \($0.orderMultiple.milli)" }.sorted()
        }
        return rows(a) == rows(b)
    }

    /// `stock.csv` with the rows of `source` replaced by its offers in `offers`, at the place of its first
    /// row (or at the end), every other line as it was; in the file's separator and decimal mark.
    /// The new rows follow `order` (the import file's).
    static func rewriteStock(_ bytes: [UInt8], source: String, offers: [SKU: [StockOffer]], order: [SKU]) -> [UInt8]? {
        guard case .success(let parsed) = CSVTable.parse(file: "stock.csv", bytes: bytes) else { return nil }
        let table = parsed.locatingHeader(known: ["source", "sku", "stock"])
        let (bom, lines, lineEnd) = physicalLines(bytes)
        var index: [String: Int] = [:]
        for (i, f) in table.header.enumerated() { index[f.text] = i }
        guard let sourceColumn = index["source"] else { return nil }
        let separator: Character = table.decimalComma ? ";" : ","
        // The source's records and the physical lines they span (a quoted field may span several).
        var drop = Set<Int>()
        var firstLine: Int?
        for record in table.records where sourceColumn < record.fields.count && record.fields[sourceColumn].text.trimmingSpaces == source {
            let last = record.fields.map(\.line).max() ?? record.line
            let end = record.fields.last.map { $0.line + $0.text.filter { $0 == "\n" }.count } ?? last
            for l in record.line...max(last, end) { drop.insert(l) }
            if firstLine == nil { firstLine = record.line }
        }
        func number(_ text: String) -> String { table.decimalComma ? String(text.map { $0 == "." ? "," : $0 }) : text }
        var newLines: [String] = []
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let mine = offers.values.flatMap { $0 }.filter { $0.source.rawValue == source }
            .sorted { (position[$0.sku] ?? Int.max, $0.sku) < (position[$1.sku] ?? Int.max, $1.sku) }
        for o in mine {
            var fields: [String] = []
            for field in table.header {
                switch field.text {
                case "source": fields.append(o.source.rawValue)
                case "sku": fields.append(o.sku.rawValue)
                case "stock": fields.append(number(o.stock.decimalString))
                case "cost": fields.append(number(o.cost.decimalString))
                case "min_order": fields.append(o.minOrder == .zero ? "" : number(o.minOrder.decimalString))
                case "order_multiple": fields.append(o.orderMultiple == .zero ? "" : number(o.orderMultiple.decimalString))
                default: fields.append("")
                }
            }
            newLines.append(fields.map { quoted($0, separator: separator) }.joined(separator: String(separator)))
        }
        var out: [String] = []
        var inserted = false
        for (i, line) in lines.enumerated() {
            let number = i + 1
            if number == firstLine {
                out += newLines
                inserted = true
            }
            if !drop.contains(number) { out.append(line) }
        }
        if !inserted {
            while let last = out.last, last.trimmingSpaces.isEmpty { out.removeLast() }
            out += newLines
        }
        return table.encoding.encode(out.joined(separator: lineEnd) + lineEnd).map { bom + $0 }
    }

    /// `sources.csv` with the `stock_as_of` of `source` set to `moment`.
    static func rewriteStockAsOf(_ bytes: [UInt8], source: String, moment: Moment) -> [UInt8]? {
        guard case .success(let parsed) = CSVTable.parse(file: "sources.csv", bytes: bytes) else { return nil }
        let table = parsed.locatingHeader(known: ["id", "stock_as_of"])
        var index: [String: Int] = [:]
        for (i, f) in table.header.enumerated() { index[f.text] = i }
        guard let idColumn = index["id"], let asOfColumn = index["stock_as_of"] else { return nil }
        let (bom, lines, lineEnd) = physicalLines(bytes)
        var out = lines
        let separator: Character = table.decimalComma ? ";" : ","
        for record in table.records where idColumn < record.fields.count && record.fields[idColumn].text.trimmingSpaces == source {
            // Only a record on one line is rewritten (a source's row has no reason to span lines).
            guard record.fields.allSatisfy({ $0.line == record.line && !$0.text.contains(where: \.isNewline) }), record.line - 1 < out.count
            else { return nil }
            var fields = record.fields.map(\.text)
            while fields.count <= asOfColumn { fields.append("") }
            fields[asOfColumn] = moment.description
            out[record.line - 1] = fields.map { quoted($0, separator: separator) }.joined(separator: String(separator))
        }
        return table.encoding.encode(out.joined(separator: lineEnd) + (lines.isEmpty ? "" : lineEnd)).map { bom + $0 }
    }

    /// The file's byte-order mark, its lines without line ends (a last empty one dropped) and its line end; read
    /// in its encoding (a Windows-1251 file is written back in Windows-1251 by the callers).
    static func physicalLines(_ bytes: [UInt8]) -> (bom: [UInt8], lines: [String], lineEnd: String) {
        var body = bytes[...]
        var bom: [UInt8] = []
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            bom = [0xEF, 0xBB, 0xBF]
            body = body.dropFirst(3)
        }
        let text = TextEncoding.decode(body)?.text ?? String(decoding: body, as: UTF8.self)
        let crlf =
            text.utf8.firstIndex(of: 0x0A).map { i in i > text.utf8.startIndex && text.utf8[text.utf8.index(before: i)] == 0x0D } ?? false
        // "\r\n" is one Character: split on both.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line -> String in
            var s = String(line)
            if s.hasSuffix("\r") { s.removeLast() }
            return s
        }
        if lines.last == "" { lines.removeLast() }
        return (bom, lines, crlf ? "\r\n" : "\n")
    }

    static func quoted(_ field: String, separator: Character) -> String {
        guard field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        var out = "\""
        for c in field { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }

    /// `text` read in the catalog's zone, else `now`; at the catalog's offset either way.
    static func moment(_ text: String?, now: Moment, offset: Int32) -> Moment {
        (text.flatMap { Moment.parse(Substring($0), defaultOffset: offset) } ?? now).at(offsetSeconds: offset)
    }

    static func invalid(_ file: String, _ issues: [CatalogIssue]) -> QuoteError {
        let list = CatalogProblems(issues: CatalogRules.sorted(issues)).list
        return QuoteError(.catalogInvalid, Message("import.problems", .message(list), .count(Int64(issues.count), .problem), .text(file)))
    }

    static func outcome(
        old: Catalog, new: Catalog, rows: [Row], request r: Request, mapping: SupplierMapping, warnings: [CatalogIssue], database: String,
        folder: String?
    ) -> Outcome {
        let source = SourceID(r.source)
        func offers(_ c: Catalog) -> [SKU: StockOffer] {
            var out: [SKU: StockOffer] = [:]
            for (sku, list) in c.offers { if let o = list.first(where: { $0.source == source }) { out[sku] = o } }
            return out
        }
        let before = offers(old), after = offers(new)
        let added = after.keys.filter { before[$0] == nil }.sorted()
        let removed = before.keys.filter { after[$0] == nil }.sorted()
        let changed = after.keys.filter { sku in
            guard let a = after[sku], let b = before[sku] else { return false }
            return a.stock != b.stock || a.cost != b.cost || a.minOrder != b.minOrder || a.orderMultiple != b.orderMultiple
        }.sorted()
        let basePrice = { (c: Catalog, sku: SKU) in c.prices[sku]?.base.first.flatMap { $0.minQuantity == .zero ? $0.price : nil } }
        let priced = rows.map(\.sku).filter { basePrice(old, $0) != basePrice(new, $0) }
        let changes = Set(added + removed + changed + priced).sorted().map {
            Change(sku: $0, before: before[$0], after: after[$0], priceBefore: basePrice(old, $0), priceAfter: basePrice(new, $0))
        }
        let listed = Set(rows.map(\.sku))
        let hasStock = rows.contains { $0.stock != nil }
        return Outcome(
            database: database, folder: folder, source: source,
            stockAsOf: new.sources[source]?.stockAsOf ?? Moment(secondsSinceEpoch: 0, offsetSeconds: 0),
            rows: after.count, added: added, removed: removed, changed: changed, changes: changes,
            missing: before.keys.filter { !listed.contains($0) }.sorted(), missingPolicy: hasStock ? r.options.missing : .keep,
            mapping: mapping.file.isEmpty ? nil : mapping.file, dryRun: r.options.dryRun, warnings: warnings, version: new.version)
    }
}
