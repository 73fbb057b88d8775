import QuoteCore

extension CatalogCompiler {
    /// Reads discounts.csv: one percentage per customer group and known product group.
    static func readDiscounts(_ b: Build) -> [DiscountKey: Rate] {
        var discounts: [DiscountKey: Rate] = [:]
        for row in b.reader("discounts.csv", ["customer_group", "product_group", "percent"]).rows {
            guard let customerGroup = row.text("customer_group"), let productGroup = row.text("product_group"),
                let rate = percentage(row, "percent")
            else { continue }
            guard b.refs.check(productGroup, in: "product_groups.csv", what: "product group", row: row, column: "product_group") else {
                continue
            }
            let key = DiscountKey(customerGroup: CustomerGroupID(customerGroup), productGroup: ProductGroupID(productGroup))
            if discounts[key] != nil {
                row.fail("percent", Message("discounts.twice", .text(customerGroup), .text(productGroup)))
                continue
            }
            discounts[key] = rate
        }
        return discounts
    }
}
