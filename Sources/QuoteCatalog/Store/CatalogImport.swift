import QuoteCore

/// `quote catalog import`: replaces one source's stock rows and purchase prices with a supplier's CSV
/// file, atomically, while quoting goes on.
///
/// The file has the columns `sku`, `stock`, `cost`, and optionally `min_order`, `order_multiple` and
/// `source` (which must then name the imported source on every row); like every catalog file it may have a
/// byte-order mark and be `;`-separated with decimal commas. Its rows become the source's stock rows: a SKU
/// the source had and the file does not list is no longer offered by it. Without a `min_order` or
/// `order_multiple` column a SKU keeps the source's earlier value (none for a new SKU); an empty cell means
/// no constraint, as in `stock.csv`. The source's `stock_as_of` becomes the import's moment.
///
/// - Into a database: the whole catalog is read, the source's rows replaced and the database written again
///   with `CatalogDatabase` (temporary file, flushed, renamed), under the folder's writer lock so an import
///   and a build never interleave. A quote sees the old catalog or the new one.
/// - Into a CSV folder: its `stock.csv` rows of the source and the source's `stock_as_of` in `sources.csv`
///   are rewritten (each file atomically, every other line kept as it was), so the next build keeps the
///   import; then `FOLDER.sqlite` is rebuilt from the folder.
public enum CatalogImport {
    /// What an import did.
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
        /// Doubtful things the import brings in (a cost above the list price, a product now stocked nowhere…).
        public var warnings: [CatalogIssue]
        public var version: String
    }

    /// One row of an import file, read and checked.
    struct Row {
        var sku: SKU
        var stock: Quantity
        var cost: Money
        /// nil: the column is absent (keep the earlier value).
        var minOrder: Quantity?
        var orderMultiple: Quantity?
        var line: Int
    }

    static let requiredColumns = ["sku", "stock", "cost"]
    static let optionalColumns = ["min_order", "order_multiple", "source"]

    /// Imports `file` as the stock of `source` into the catalog at `path` (a database or a CSV folder), the
    /// figures taken at `asOf` (ISO-8601; without an offset, in the catalog's zone), else `now`.
    /// - Throws: `invalid_request` (exit 2) for an unreadable file or an unknown source, `invalid_date` for a
    ///   malformed `asOf`; `catalog_invalid`
    ///   (exit 3) with every `file:line:column` problem, and then nothing is written; `catalog_unavailable`
    ///   (exit 3) when the catalog cannot be read or written.
    public static func run(file: String, source: String, catalog path: String, asOf: String?, now: Moment) throws(QuoteError) -> Outcome {
        if let asOf, Moment.parse(Substring(asOf), defaultOffset: 0) == nil {
            throw QuoteError(
                .invalidDate, "--as-of \u{201C}\(Echo.short(asOf))\u{201D} is not a moment: write ISO-8601, e.g. 2026-12-01T10:00:00+03:00.",
                field: "--as-of")
        }
        let bytes: [UInt8]
        switch FileIO.readRegular(file) {
        case .success(let b): bytes = b
        case .failure(let why):
            throw QuoteError(
                .invalidRequest, "Cannot read the import file \(Echo.short(file)): \(why); give a CSV file with the columns sku, stock, cost.",
                field: "FILE")
        }
        var target = path
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        let name = String(file.split(separator: "/").last ?? Substring(file))
        if FileIO.isDirectory(target) {
            return try FileIO.withExclusiveLock(of: target) { () throws(QuoteError) in
                try importIntoFolder(bytes, name: name, source: source, folder: target, asOf: asOf, now: now)
            }
        }
        return try FileIO.withExclusiveLock(of: target) { () throws(QuoteError) in
            try importIntoDatabase(bytes, name: name, source: source, database: target, asOf: asOf, now: now)
        }
    }

    // MARK: - Database

    static func importIntoDatabase(_ bytes: [UInt8], name: String, source: String, database: String, asOf: String?, now: Moment)
        throws(QuoteError) -> Outcome
    {
        let old = try CatalogStore(path: database).loadAll()
        let moment = moment(asOf, now: now, offset: old.settings.utcOffsetSeconds)
        let (new, rows, warnings) = try apply(bytes, file: name, source: source, to: old, asOf: moment, otherRows: CatalogRows())
        var catalog = new
        var hash = FNV1a()
        hash.add(old.version)
        hash.add("import " + source + " " + moment.description)
        hash.add(bytes)
        catalog.version = String(hash.hex.prefix(12))
        do {
            try CatalogDatabase.writeLocked(catalog, to: database)
        } catch {
            throw QuoteError(.catalogUnavailable, "Cannot write \(database): \(error). The catalog is unchanged.")
        }
        return outcome(old: old, new: catalog, source: SourceID(source), rows: rows, warnings: warnings, database: database, folder: nil)
    }

    // MARK: - CSV folder

    static func importIntoFolder(_ bytes: [UInt8], name: String, source: String, folder: String, asOf: String?, now: Moment)
        throws(QuoteError) -> Outcome
    {
        FolderJournal.recover(folder)  // an import killed after its commit is completed before this one reads the files
        let old: Catalog
        switch CatalogRules.compile(directory: folder, asOf: nil) {
        case .success(let checked): old = checked.catalog
        case .failure(let problems):
            throw QuoteError(.catalogInvalid, "The catalog in \(folder) has errors; fix them first (nothing was imported):\n\(problems)")
        }
        var files: [String: [UInt8]] = [:]
        for file in CatalogRows.keys.keys { files[file] = FileIO.read(folder + "/" + file) }
        let moment = moment(asOf, now: now, offset: old.settings.utcOffsetSeconds)
        let (new, rows, warnings) = try apply(
            bytes, file: name, source: source, to: old, asOf: moment, otherRows: CatalogRows(files: files))

        // The rewritten stock.csv and sources.csv, compiled in memory first: they are written only if they give
        // the catalog the import means. Then each is written atomically, and the database from the same bytes.
        guard let stockBytes = files["stock.csv"], let sourcesBytes = files["sources.csv"],
            let stock = rewriteStock(stockBytes, source: source, offers: new.offers, order: rows.map(\.sku)),
            let sources = rewriteStockAsOf(sourcesBytes, source: source, moment: moment)
        else {
            throw QuoteError(
                .catalogUnavailable, "Cannot rewrite \(folder)/stock.csv and sources.csv (unusual quoting?): nothing was imported.")
        }
        var all: [String: [UInt8]] = [:]
        for file in CatalogCompiler.files { all[file] = FileIO.read(folder + "/" + file) }
        all["stock.csv"] = stock
        all["sources.csv"] = sources
        let rebuilt: Catalog
        switch CatalogCompiler.compile(files: all) {
        case .success(let c) where sameStock(c, new, source: SourceID(source)) && c.sources[SourceID(source)]?.stockAsOf == moment:
            rebuilt = c
        case .success:
            throw QuoteError(
                .catalogUnavailable,
                "Rewriting \(folder)/stock.csv would not give the imported figures (please report this): nothing was imported.")
        case .failure(let problems):
            throw QuoteError(
                .catalogUnavailable,
                "The rewritten \(folder)/stock.csv would not compile (please report this); nothing was imported:\n\(problems)")
        }
        // Both files together (a killed import leaves both old or, once committed, both new), then the database
        // with the folder's new fingerprint, all under the lock.
        guard FolderJournal.replace([("stock.csv", stock), ("sources.csv", sources)], in: folder) else {
            throw QuoteError(.catalogUnavailable, "Cannot write into \(folder) (is it writable?): its files are as they were.")
        }
        let database = folder + ".sqlite"
        do {
            try CatalogDatabase.writeLocked(rebuilt, to: database, fingerprint: FolderCatalog.fingerprint(folder))
        } catch {
            throw QuoteError(
                .catalogUnavailable,
                "\(folder)/stock.csv was updated but \(database) could not be written (\(error)): run `quote catalog build \(folder)`.")
        }
        return outcome(old: old, new: rebuilt, source: SourceID(source), rows: rows, warnings: warnings, database: database, folder: folder)
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
        guard case .success(let table) = CSVTable.parse(file: "stock.csv", bytes: bytes) else { return nil }
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
        return bom + Array((out.joined(separator: lineEnd) + lineEnd).utf8)
    }

    /// `sources.csv` with the `stock_as_of` of `source` set to `moment`.
    static func rewriteStockAsOf(_ bytes: [UInt8], source: String, moment: Moment) -> [UInt8]? {
        guard case .success(let table) = CSVTable.parse(file: "sources.csv", bytes: bytes) else { return nil }
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
        return bom + Array((out.joined(separator: lineEnd) + (lines.isEmpty ? "" : lineEnd)).utf8)
    }

    /// The file's byte-order mark, its lines without line ends (a last empty one dropped) and its line end.
    static func physicalLines(_ bytes: [UInt8]) -> (bom: [UInt8], lines: [String], lineEnd: String) {
        var body = bytes[...]
        var bom: [UInt8] = []
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            bom = [0xEF, 0xBB, 0xBF]
            body = body.dropFirst(3)
        }
        let text = String(decoding: body, as: UTF8.self)
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

    // MARK: - Reading and applying the file

    /// `catalog` with the stock of `source` replaced by the rows of the import file, its `stock_as_of` set
    /// to `asOf`; the rows read, and the warnings the change brings in.
    /// - Throws: `invalid_request` for an unknown source, `catalog_invalid` with every problem of the file.
    static func apply(
        _ bytes: [UInt8], file: String, source: String, to catalog: Catalog, asOf: Moment, otherRows: CatalogRows
    ) throws(QuoteError) -> (Catalog, [Row], [CatalogIssue]) {
        let id = SourceID(source)
        guard var src = catalog.sources[id] else {
            throw QuoteError(
                .invalidRequest, "Unknown source \u{201C}\(Echo.short(source))\u{201D}: it is not in the catalog's sources.", field: "--source",
                candidates: catalog.sources.keys.sorted().map(\.rawValue))
        }
        let table: CSVTable
        switch CSVTable.parse(file: file, bytes: bytes) {
        case .success(let t): table = t
        case .failure(let issue): throw invalid(file, [issue])
        }
        let log = IssueLog()
        let present = table.header.map(\.text)
        for field in table.header where !(requiredColumns + optionalColumns).contains(field.text) {
            log.add(
                file, field.line, field.column,
                "unknown column \u{201C}\(field.text)\u{201D} (an import file has: sku, stock, cost, and optionally min_order, order_multiple, source)"
            )
        }
        // Unknown columns are reported above, once: the reader takes every column the header has.
        let columns = requiredColumns + present.filter { !requiredColumns.contains($0) }
        let reader = TableReader(table, columns: columns, log: log)
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        for row in reader.rows {
            if present.contains("source"), let s = row.text("source"), s != source {
                row.fail("source", "this row is for \(s), not \(source): an import file holds one source's stock")
                continue
            }
            // Every cell is read, so one run reports every problem of a row.
            let sku = row.text("sku")
            let minOrder = present.contains("min_order") ? (row.quantity("min_order", required: false) ?? .zero) : nil
            let multiple = present.contains("order_multiple") ? (row.quantity("order_multiple", required: false) ?? .zero) : nil
            let stock = row.quantity("stock")
            let cost = row.money("cost")
            guard let sku else { continue }
            guard catalog.products[SKU(sku)] != nil else {
                let close = catalog.products.keys.map(\.rawValue).filter { NameKey.normalize($0) == NameKey.normalize(sku) }
                row.fail(
                    "sku",
                    "unknown SKU \(sku) (not in the catalog's products)\(close.isEmpty ? "" : "; did you mean \(close.sorted().joined(separator: ", "))?")"
                )
                continue
            }
            if let first = seen[sku] {
                row.fail("sku", "\(sku) is listed twice (first on line \(first)): each SKU has one row")
                continue
            }
            seen[sku] = row.line
            guard let stock, let cost else { continue }
            rows.append(Row(sku: SKU(sku), stock: stock, cost: cost, minOrder: minOrder, orderMultiple: multiple, line: row.line))
        }
        if log.issues.isEmpty && rows.isEmpty {
            log.add(
                file, table.header.first?.line ?? 1, 1,
                "no rows: an import replaces all of \(source)'s stock, so an empty file would remove it all; list the SKUs with stock 0 to empty it"
            )
        }
        guard log.issues.isEmpty else { throw invalid(file, log.issues) }

        var new = catalog
        var previous: [SKU: StockOffer] = [:]
        for (sku, offers) in catalog.offers {
            if let o = offers.first(where: { $0.source == id }) { previous[sku] = o }
            let others = offers.filter { $0.source != id }
            new.offers[sku] = others.isEmpty ? nil : others
        }
        for r in rows {
            let before = previous[r.sku]
            let offer = StockOffer(
                source: id, sku: r.sku, stock: r.stock, cost: r.cost, minOrder: r.minOrder ?? before?.minOrder ?? .zero,
                orderMultiple: r.orderMultiple ?? before?.orderMultiple ?? .zero)
            new.offers[r.sku, default: []].append(offer)
            new.offers[r.sku]?.sort { $0.source < $1.source }
        }
        src.stockAsOf = asOf
        new.sources[id] = src

        // The rules, before and after: what the import brings in. Its own rows are located in its file.
        let rowsAfter = otherRows.adding(table, kind: "stock", keyColumns: ["source", "sku"], fixed: ["source": source])
        let before = Set(CatalogRules.check(catalog, rows: otherRows, asOf: asOf).map { $0.issue.message })
        let after = CatalogRules.check(new, rows: rowsAfter, asOf: asOf).filter { !before.contains($0.issue.message) }
        let errors = after.filter { $0.severity == .error }.map(\.issue)
        if !errors.isEmpty { throw invalid(file, errors) }
        return (new, rows, CatalogRules.sorted(after.map(\.issue)))
    }

    /// `text` read in the catalog's zone, else `now`; at the catalog's offset either way.
    static func moment(_ text: String?, now: Moment, offset: Int32) -> Moment {
        (text.flatMap { Moment.parse(Substring($0), defaultOffset: offset) } ?? now).at(offsetSeconds: offset)
    }

    static func invalid(_ file: String, _ issues: [CatalogIssue]) -> QuoteError {
        let list = CatalogProblems(issues: CatalogRules.sorted(issues)).description
        return QuoteError(
            .catalogInvalid, "\(list)\n\(issues.count) problem\(issues.count == 1 ? "" : "s") in \(file); nothing was imported.")
    }

    static func outcome(
        old: Catalog, new: Catalog, source: SourceID, rows: [Row], warnings: [CatalogIssue], database: String, folder: String?
    ) -> Outcome {
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
        return Outcome(
            database: database, folder: folder, source: source,
            stockAsOf: new.sources[source]?.stockAsOf ?? Moment(secondsSinceEpoch: 0, offsetSeconds: 0),
            rows: after.count, added: added, removed: removed, changed: changed, warnings: warnings, version: new.version)
    }
}
