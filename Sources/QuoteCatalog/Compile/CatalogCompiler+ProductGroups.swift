import QuoteCore

extension CatalogCompiler {
    /// Reads product_groups.csv: each group's name, its discount cap and its margin floor.
    static func readProductGroups(_ b: Build) -> [String: ProductGroup] {
        var productGroups: [String: ProductGroup] = [:]
        let groupsReader = b.reader("product_groups.csv", ["id", "name", "max_discount_percent", "min_margin_percent"])
        for row in groupsReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let cap = percentage(row, "max_discount_percent"),
                let floor = percentage(row, "min_margin_percent")
            else { continue }
            if productGroups[id] != nil {
                row.fail("id", Message("duplicate.product_group", .text(id)))
                continue
            }
            productGroups[id] = ProductGroup(id: id, name: name, maxDiscount: cap, minMargin: floor)
        }
        b.refs.note("product_groups.csv", reader: groupsReader, column: "id", defined: productGroups.keys)
        return productGroups
    }
}
