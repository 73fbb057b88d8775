import QuoteCore

/// Where a catalog's rows are (file, line and each column's position), by their keys, so that a rule
/// about the compiled catalog can name the line to fix. A file is parsed only when a finding is in it.
public final class CatalogRows {
    struct Location {
        var file: String
        var line: Int
        var columns: [String: Int]
        /// The workbook sheet, when the table is a workbook's.
        var sheet: String? = nil
    }

    /// File name → contents, parsed on first use.
    private var files: [String: [UInt8]]
    /// Tables added over the files' rows (an import file over `stock.csv`), by kind.
    private var overlays: [String: [(table: CSVTable, keyColumns: [String], fixed: [String: String])]] = [:]
    /// Kind → "key" → where that row is. Kinds are the file names without `.csv`.
    private var cache: [String: [String: Location]] = [:]

    /// No rows known: findings name rows by their keys (a catalog read from a database).
    public convenience init() { self.init(files: [:]) }

    /// The rows of a catalog's files (name → contents), as `CatalogCompiler.compile(files:)` takes them.
    public init(files: [String: [UInt8]]) { self.files = files }

    /// The columns that identify a row of each file.
    static let keys: [String: [String]] = [
        "settings.csv": ["key"], "vat.csv": ["effective_from"], "products.csv": ["sku"], "sources.csv": ["id"],
        "stock.csv": ["source", "sku"], "prices.csv": ["sku", "region", "min_qty"], "cities.csv": ["id"],
        "vehicles.csv": ["id"], "routes.csv": ["zone", "city"], "tariffs.csv": ["zone", "city", "vehicle"],
    ]

    /// A copy that also knows `table`'s rows as rows of `kind`, over those of the files (an import file's
    /// rows over `stock.csv`'s). Key columns the table lacks read as `fixed`'s value (the import's source).
    func adding(_ table: CSVTable, kind: String, keyColumns: [String], fixed: [String: String]) -> CatalogRows {
        let copy = CatalogRows(files: files)
        copy.overlays = overlays
        copy.overlays[kind, default: []].append((table, keyColumns, fixed))
        return copy
    }

    private func rows(of kind: String) -> [String: Location] {
        if let known = cache[kind] { return known }
        var found: [String: Location] = [:]
        let name = kind + ".csv"
        // The table's CSV file, or its workbook in its place.
        let file = files[name] == nil && files[CatalogFileName.workbook(name)] != nil ? CatalogFileName.workbook(name) : name
        if let bytes = files[file], let keys = CatalogRows.keys[name], case .success(let table) = CSVTable.parse(file: file, bytes: bytes) {
            add(table, keyColumns: keys, fixed: [:], into: &found, replacing: false)
        }
        for overlay in overlays[kind] ?? [] {
            add(overlay.table, keyColumns: overlay.keyColumns, fixed: overlay.fixed, into: &found, replacing: true)
        }
        cache[kind] = found
        return found
    }

    private func add(
        _ table: CSVTable, keyColumns: [String], fixed: [String: String], into found: inout [String: Location], replacing: Bool
    ) {
        let table = table.locatingHeader(known: Set(keyColumns))
        var index: [String: Int] = [:]
        for (i, field) in table.header.enumerated() where index[field.text] == nil { index[field.text] = i }
        var seen = Set<String>()
        for record in table.records {
            var parts: [String] = []
            for column in keyColumns {
                if let value = fixed[column] {
                    parts.append(value)
                } else if let i = index[column], i < record.fields.count {
                    var text = record.fields[i].text.trimmingSpaces
                    if column == "min_qty",
                        case .success(let q) = Quantity.parse(Substring(NumberText.ungrouped(text)), decimalComma: table.decimalComma)
                    {
                        text = String(q.milli)
                    }
                    parts.append(text)
                } else {
                    parts.append("")
                }
            }
            let key = parts.joined(separator: "|")
            // A duplicate key is the compiler's error: point at the first.
            guard seen.insert(key).inserted, replacing || found[key] == nil else { continue }
            var columns: [String: Int] = [:]
            for (name, i) in index where i < record.fields.count { columns[name] = record.fields[i].column }
            found[key] = Location(file: table.file, line: record.line, columns: columns, sheet: table.sheet)
        }
    }

    /// The issue `message` at row `key` of `kind`, column `column` (`column: ` is prefixed to the message,
    /// as the compiler does). A row that is not known (a catalog read from a database) is named by its
    /// file alone, at line 0.
    func issue(_ kind: String, _ key: [String], column: String, _ message: Message) -> CatalogIssue {
        let text = Message("catalog.cell", .text(column), .message(message))
        guard let at = rows(of: kind)[key.joined(separator: "|")] else {
            return CatalogIssue(file: kind + ".csv", line: 0, column: 0, text)
        }
        return CatalogIssue(file: at.file, line: at.line, column: at.columns[column] ?? 1, text, sheet: at.sheet)
    }
}
