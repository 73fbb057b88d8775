import QuoteCore

extension CatalogCompiler {
    /// Reads aliases.csv into `names`: each alias a name no product's own (`owners`) takes, naming each SKU
    /// once, with exactly one default among the SKUs of an alias that names several.
    static func readAliases(_ b: Build, owners: [String: String], into names: inout [String: [ProductName]]) {
        var aliasRows: [String: [(ProductName, TableReader.Row)]] = [:]
        for row in b.reader("aliases.csv", ["alias", "sku", "default"]).rows {
            guard let alias = row.text("alias"), let sku = row.text("sku"), let isDefault = row.bool("default") else { continue }
            guard b.refs.check(sku, in: "products.csv", what: "SKU", row: row, column: "sku") else { continue }
            let key = NameKey.normalize(alias)
            guard !key.isEmpty else {
                row.fail("alias", Message("aliases.no_letters", .text(alias)))
                continue
            }
            if let owner = owners[key] {
                row.fail("alias", Message("aliases.taken", .text(alias), .text("\(owner)")))
                continue
            }
            if aliasRows[key, default: []].contains(where: { $0.0.sku.rawValue == sku }) {
                row.fail("alias", Message("aliases.twice", .text(alias), .text(sku)))
                continue
            }
            aliasRows[key, default: []].append((ProductName(sku: SKU(sku), isDefault: isDefault, label: alias), row))
        }
        for (key, entries) in aliasRows {
            let defaults = entries.filter { $0.0.isDefault }.count
            if entries.count > 1 && defaults != 1, let first = entries.first {
                first.1.fail("default", Message("aliases.defaults", .text(first.0.label), .count(Int64(entries.count), .product), .verbatim(String(defaults))))
            }
            names[key] = entries.map {
                ProductName(sku: $0.0.sku, isDefault: entries.count == 1 || $0.0.isDefault, label: $0.0.label)
            }
        }
    }
}
