import QuoteCore

/// How one supplier's file maps onto the catalog: its column names and its own article numbers.
///
/// Kept in the catalog folder as `suppliers/SOURCE.csv` (or given with `--map FILE`), a CSV file like every
/// catalog table, with the columns `kind,supplier,catalog`:
///
/// ```
/// kind,supplier,catalog
/// column,Код,sku
/// column,Своб. остаток,stock
/// sku,ТЗ-00017,BR-NF-M150-SOL
/// ```
///
/// A `column` row names a header of the supplier's file and the import column it is (`sku`, `stock`, `cost`,
/// `price`, `min_order`, `order_multiple`, `name`); a `sku` row maps the supplier's article number to the
/// catalog's SKU. An article the mapping does not name is taken as the catalog's SKU itself. Russian headers
/// are recognised without a mapping (`SupplierColumns`).
public struct SupplierMapping: Sendable {
    /// The supplier's header, normalised (`SupplierColumns.key`) → the import column.
    var columns: [String: String] = [:]
    /// The supplier's article → the catalog's SKU.
    var articles: [String: String] = [:]
    /// Where it was read from, for messages ("" when there is none).
    var file: String = ""

    static let kinds = ["column", "sku"]

    /// The mapping in `bytes` (the contents of `file`), every value checked against `catalog`; or every
    /// problem, located `file:line:column`.
    static func parse(_ bytes: [UInt8], file: String, catalog: Catalog) -> Result<SupplierMapping, CatalogProblems> {
        let table: CSVTable
        switch CSVTable.parse(file: file, bytes: bytes) {
        case .success(let t): table = t
        case .failure(let issue): return .failure(CatalogProblems(issues: [issue]))
        }
        let log = IssueLog()
        var mapping = SupplierMapping(file: file)
        var lines: [String: Int] = [:]
        let skus = catalog.products.keys.map(\.rawValue).sorted()
        for row in TableReader(table, columns: ["kind", "supplier", "catalog"], log: log).rows {
            guard let kind = row.text("kind"), let supplier = row.text("supplier"), let target = row.text("catalog") else { continue }
            let key = kind == "column" ? SupplierColumns.key(supplier) : supplier
            if let first = lines[kind + "\u{1F}" + key] {
                row.fail("supplier", Message("mapping.twice", .text(supplier), .verbatim(String(first))))
                continue
            }
            lines[kind + "\u{1F}" + key] = row.line
            switch kind {
            case "column":
                guard SupplierColumns.all.contains(target) else {
                    row.fail("catalog", Message("mapping.not_a_column", .text(target), .list(SupplierColumns.all)))
                    continue
                }
                mapping.columns[key] = target
            case "sku":
                guard catalog.products[SKU(target)] != nil else {
                    let close = References.closest(to: target, among: skus)
                    row.fail("catalog", Message("mapping.unknown_sku", .text(target), .message(References.didYouMean(close))))
                    continue
                }
                mapping.articles[supplier] = target
            default:
                row.fail("kind", Message("cell.not_one_of", .text(kind), .list(kinds)))
            }
        }
        return log.issues.isEmpty ? .success(mapping) : .failure(CatalogProblems(issues: log.issues))
    }
}

/// The columns of an import file, and the names suppliers' files and 1C give them.
enum SupplierColumns {
    static let all = ["sku", "stock", "cost", "price", "min_order", "order_multiple", "source", "name"]

    /// Header names recognised without a mapping, normalised (`key`). In a supplier's file its "Цена" is what
    /// it charges us: our `cost`; our own list price is `price` ("Цена продажи", "Розничная цена").
    static let known: [String: String] = {
        let names: [String: [String]] = [
            "sku": ["sku", "артикул", "арт", "код", "код товара", "артикул поставщика"],
            "name": ["name", "наименование", "номенклатура", "товар", "наименование товара"],
            "stock": ["stock", "остаток", "остатки", "количество", "кол-во", "свободный остаток", "в наличии", "наличие"],
            "cost": ["cost", "цена", "цена закупки", "закупочная цена", "цена поставщика", "цена опт", "оптовая цена"],
            "price": ["price", "list_price", "цена продажи", "розничная цена", "цена реализации"],
            "min_order": ["min_order", "мин. партия", "минимальная партия", "мин партия", "мин. заказ", "минимальный заказ"],
            "order_multiple": ["order_multiple", "кратность", "кратность заказа", "кратность отгрузки"],
            "source": ["source"],
        ]
        var out: [String: String] = [:]
        for (column, list) in names { for n in list { out[key(n)] = column } }
        return out
    }()

    /// A header as compared: lower case, `ё` as `е`, spaces collapsed, a trailing dot or colon dropped.
    static func key(_ header: String) -> String {
        var words = header.lowercased().replacingAll("ё", with: "е").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        while let last = words.last, last == "." || last == ":" { words.removeLast() }
        return words
    }

    /// The import column `header` is, by `mapping` first, then by the names above; nil if neither knows it.
    static func column(of header: String, mapping: SupplierMapping) -> String? {
        let k = key(header)
        return mapping.columns[k] ?? known[k]
    }
}

extension String {
    func replacingAll(_ old: Character, with new: Character) -> String { String(map { $0 == old ? new : $0 }) }
}
