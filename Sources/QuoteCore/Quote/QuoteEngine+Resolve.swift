/// Turning what was typed into catalog rows: product and city names, quantities and units.
extension QuoteEngine {
    struct ResolvedProduct {
        var product: Product
        var otherSKUs: [SKU]
    }

    static func resolveProduct(_ text: String, field: String, in catalog: Catalog) throws(QuoteError) -> ResolvedProduct {
        let key = NameKey.normalize(text)
        guard !key.isEmpty else {
            throw QuoteError(.unknownProduct, "No product given: name a SKU or a product such as `brick`.", field: field)
        }
        guard let names = catalog.productNames[key], let chosen = ProductName.chosen(from: names) else {
            let labels = catalog.productNames.values.flatMap { $0.map(\.label) }
            throw QuoteError(
                .unknownProduct, "Unknown product \u{201C}\(text)\u{201D}: no SKU, name or alias matches it.",
                field: field, candidates: NameKey.suggestions(for: text, among: labels))
        }
        if names.count > 1 && !names.contains(where: \.isDefault) {
            throw QuoteError(
                .unknownProduct, "\u{201C}\(text)\u{201D} names several products; name one of them.",
                field: field, candidates: names.map(\.sku.rawValue).sorted())
        }
        guard let product = catalog.products[chosen.sku] else {
            throw QuoteError(.catalogInvalid, "The catalog names \(chosen.sku) for \u{201C}\(text)\u{201D} but has no such product; rebuild it with `quote catalog build`.")
        }
        var others = Set(names.map(\.sku))
        others.remove(product.sku)
        return ResolvedProduct(product: product, otherSKUs: others.sorted())
    }

    static func resolveCity(_ text: String, field: String, in catalog: Catalog) throws(QuoteError) -> City {
        let key = NameKey.normalize(text)
        guard !key.isEmpty, let id = catalog.cityNames[key], let city = catalog.cities[id] else {
            var labels: [String] = []
            for c in catalog.cities.values {
                labels.append(c.name)
                labels += c.aliases
            }
            throw QuoteError(
                .unknownCity, "Unknown city \u{201C}\(text)\u{201D}: it is not among the cities the catalog delivers to.",
                field: field, candidates: NameKey.suggestions(for: text, among: labels))
        }
        return city
    }

    /// The requested amount in selling units (`computed`, possibly fractional) and what is sold:
    /// whole units rounded up to the product's sale multiple.
    static func soldQuantity(
        _ item: QuoteRequest.Item, of product: Product, field: String
    ) throws(QuoteError) -> (unit: OrderUnit, computed: Quantity, sold: Quantity) {
        let accepted = OrderUnit.accepted(by: product)
        let unit: OrderUnit
        if let text = item.unit, !text.isEmpty {
            guard let parsed = OrderUnit(parsing: text) else {
                throw QuoteError(
                    .invalidUnit, "Unknown unit \u{201C}\(text)\u{201D} for \(product.sku).", field: field,
                    candidates: accepted.map(\.rawValue))
            }
            unit = parsed
        } else {
            unit = OrderUnit(rawValue: product.unit.rawValue) ?? .pieces
        }
        guard accepted.contains(unit) else {
            throw QuoteError(
                .invalidUnit, "\(product.sku) cannot be ordered in \(unit.rawValue); it is sold in \(product.unit.rawValue).",
                field: field, candidates: accepted.map(\.rawValue))
        }
        guard item.quantity.milli > 0 else {
            throw QuoteError(.invalidQuantity, "The quantity must be more than zero (got \(item.quantity.decimalString)).", field: field)
        }
        guard item.quantity <= Quantity.maximum, let computed = unit.toSellingUnits(item.quantity, of: product),
            computed <= Quantity.maximum
        else {
            throw QuoteError(
                .quantityTooLarge,
                "\(item.quantity.decimalString) \(unit.rawValue) is more than any order can be (at most \(Quantity.maximum.decimalString) \(product.unit.rawValue)).",
                field: field)
        }
        if (unit == .pieces || unit == .bags) && !item.quantity.isWhole {
            throw QuoteError(
                .invalidQuantity, "\(product.sku) is sold in whole \(unit == .bags ? "bags" : "pieces"); \(item.quantity.decimalString) is not whole.",
                field: field)
        }
        var sold = computed
        if product.unit != .tonnes, let whole = computed.roundedUp(toMultipleOf: Quantity(whole: 1)) { sold = whole }
        guard let rounded = sold.roundedUp(toMultipleOf: product.saleMultiple), rounded <= Quantity.maximum else {
            throw QuoteError(.quantityTooLarge, "\(item.quantity.decimalString) \(unit.rawValue) is more than any order can be.", field: field)
        }
        return (unit, computed, rounded)
    }
}
