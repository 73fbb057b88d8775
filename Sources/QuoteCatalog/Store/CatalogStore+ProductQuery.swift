import QuoteCore

extension CatalogStore {
    /// Loads what `ProductFinder` needs to read `text` as a family name with attributes (`кирпич м150`,
    /// `полуторный кирпич`): the names of its readings (`ProductQuery.phrases`, one indexed query) and the
    /// product rows of the families they name (by primary key). Offers and prices are left to the caller,
    /// for the one product found.
    ///
    /// - Returns: the product found, if one is; `named`: whether any reading is a name in the catalog (if
    ///   none is, the caller loads every name, for did-you-mean).
    /// - Complexity: one query for the names, one per 500 members; nothing in proportion to the catalog.
    func loadReadings(of text: String, into c: inout Catalog) throws(SQLiteError) -> (found: SKU?, named: Bool) {
        let query = ProductQuery(text)
        let keys = query.phrases.map(\.key)
        guard !keys.isEmpty else { return (nil, false) }
        var found: [String: [ProductName]] = [:]
        try rows(
            "product_names", "key, sku, is_default, label", types: "TTIT",
            where: "key IN (\(CatalogStore.placeholders(keys.count))) ORDER BY key, sku",
            keys.map { .text($0) }
        ) {
            found[$0.text(0), default: []].append(ProductName(sku: SKU($0.text(1)), isDefault: $0.int(2) != 0, label: $0.text(3)))
            return ValueRule.flag($0.int(2), "is_default")
        }
        guard !found.isEmpty else { return (nil, false) }
        for (key, names) in found { c.productNames[key] = names }
        let members = Set(found.values.flatMap { $0.map(\.sku) }).filter { c.products[$0] == nil }.sorted()
        var start = 0
        while start < members.count {
            let chunk = members[start..<min(start + 500, members.count)]
            try loadProducts(into: &c, where: "sku IN (\(CatalogStore.placeholders(chunk.count)))", chunk.map { .text($0.rawValue) })
            start += chunk.count
        }
        try CatalogStore.expectFound(members.filter { c.products[$0] == nil }.map(\.rawValue), "product")
        // The profiles read here stay in the snapshot, so the engine does not read the names again.
        var profiles = c.productProfiles
        let result = ProductFinder.find(query, in: c, field: "", profiles: &profiles)
        c.productProfiles = profiles
        guard case .success(let product)? = result else { return (nil, true) }
        return (product.sku, true)
    }

    /// `?, ?, ?` for an `IN (…)` list of `n` bound values.
    static func placeholders(_ n: Int) -> String {
        Array(repeating: "?", count: n).joined(separator: ", ")
    }
}
