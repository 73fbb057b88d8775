import QuoteCore

extension CatalogCompiler {
    /// Reads aliases.csv into `names`: each alias a name no product's own (`owners`) takes, naming each SKU
    /// once, with exactly one default among the SKUs of an alias that names several.
    static func readAliases(_ b: Build, owners: [String: String], into names: inout [String: [ProductName]]) {
        // Each alias with where its `default` cell is (not its row: a streamed table's rows are let go as read).
        var aliasRows: [String: [(ProductName, TableReader.Place)]] = [:]
        let reader = b.reader("aliases.csv", ["alias", "sku", "default"], streaming: true)
        reader.forEachRow { row in
            guard let alias = row.text("alias"), let typed = row.text("sku"), let isDefault = row.bool("default") else { return }
            guard let sku = b.refs.checked(typed, in: "products.csv", what: "SKU", row: row, column: "sku") else { return }
            let key = NameKey.normalize(alias)
            guard !key.isEmpty else {
                row.fail("alias", Message("aliases.no_letters", .text(alias)))
                return
            }
            if let owner = owners[key] {
                row.fail("alias", Message("aliases.taken", .text(alias), .text("\(owner)")))
                return
            }
            if aliasRows[key, default: []].contains(where: { $0.0.sku.rawValue == sku }) {
                row.fail("alias", Message("aliases.twice", .text(alias), .text(sku)))
                return
            }
            aliasRows[key, default: []].append((ProductName(sku: SKU(sku), isDefault: isDefault, label: alias), row.place("default")))
        }
        for (key, entries) in aliasRows {
            let defaults = entries.filter { $0.0.isDefault }.count
            if entries.count > 1 && defaults != 1, let first = entries.first {
                reader.fail(
                    "default", at: first.1,
                    Message("aliases.defaults", .text(first.0.label), .count(Int64(entries.count), .product), .verbatim(String(defaults))))
            }
            // In SKU order, as the database gives them back (its key is the name and the SKU), so a
            // compiled catalog and a loaded one list a name's products alike.
            names[key] = entries.map {
                ProductName(sku: $0.0.sku, isDefault: entries.count == 1 || $0.0.isDefault, label: $0.0.label)
            }.sorted { $0.sku < $1.sku }
        }
    }
}
