import QuoteCore

extension CatalogCompiler {
    /// Reads product_groups.csv: each group's name, its discount cap and its margin floor.
    static func readProductGroups(_ b: Build) -> [ProductGroupID: ProductGroup] {
        var productGroups: [ProductGroupID: ProductGroup] = [:]
        let groupsReader = b.reader("product_groups.csv", ["id", "name", "max_discount_percent", "min_margin_percent"])
        for row in groupsReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let cap = percentage(row, "max_discount_percent"),
                let floor = percentage(row, "min_margin_percent")
            else { continue }
            if productGroups[ProductGroupID(id)] != nil {
                row.fail("id", Message("duplicate.product_group", .text(id)))
                continue
            }
            productGroups[ProductGroupID(id)] = ProductGroup(id: ProductGroupID(id), name: name, maxDiscount: cap, minMargin: floor)
        }
        b.refs.note("product_groups.csv", reader: groupsReader, column: "id", defined: productGroups.keys.map(\.rawValue))
        return productGroups
    }
}
