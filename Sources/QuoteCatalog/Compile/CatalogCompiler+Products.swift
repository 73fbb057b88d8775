import QuoteCore

extension CatalogCompiler {
    /// products.csv read: the products, the names that find them, and which SKU each name key is taken by.
    struct ProductsTable {
        var products: [SKU: Product] = [:]
        var names: [String: [ProductName]] = [:]
        /// Name key → the SKU it names, for collision messages (aliases.csv may not take one).
        var owners: [String: String] = [:]
    }

    static let productColumns = [
        "sku", "name", "name_en", "group", "kind", "unit", "length_mm", "width_mm", "height_mm", "weight_kg",
        "per_pallet", "sale_multiple", "density_kg_m3", "pallet_deposit", "joint_mm", "per_m3", "per_m2",
    ]

    /// Reads products.csv: each SKU once, its cells as its kind and unit need them, its SKU and names (Russian,
    /// English) finding it and no other product.
    static func readProducts(_ b: Build) -> ProductsTable {
        var table = ProductsTable()
        let productsReader = b.reader("products.csv", productColumns)
        let rows = productsReader.rows
        let keys = nameKeys(rows)
        for (i, row) in rows.enumerated() {
            guard let sku = row.text("sku") else { continue }
            if table.products[SKU(sku)] != nil {
                row.fail("sku", Message("duplicate.sku", .text(sku)))
                continue
            }
            guard let product = readProduct(row, sku: sku, refs: b.refs) else { continue }
            table.products[product.sku] = product
            for (n, (label, column)) in [(sku, "sku"), (product.name, "name"), (product.nameEn, "name_en")].enumerated() {
                let known = keys[i][n]
                let key = known.label == label ? known.key : NameKey.normalize(label)
                if let other = table.owners[key], other != sku {
                    row.fail(column, Message("products.name_taken", .text(label), .text("\(other)")))
                    continue
                }
                if table.owners[key] == nil {
                    table.owners[key] = sku
                    table.names[key] = [ProductName(sku: product.sku, isDefault: true, label: label)]
                }
            }
        }
        b.refs.note("products.csv", reader: productsReader, column: "sku", defined: table.products.keys.lazy.map(\.rawValue))
        return table
    }

    /// Each row's SKU, name and English name (the name when it has none) with its `NameKey`, the rows' two halves
    /// on two threads: normalising 300,000 names was a third of reading a 100k catalog's products. The labels are
    /// the cells as `readProducts` reads them; it normalises again any label that is not (an empty cell).
    static func nameKeys(_ rows: [TableReader.Row]) -> [[(label: String, key: String)]] {
        func keys(_ part: ArraySlice<TableReader.Row>) -> [[(label: String, key: String)]] {
            part.map { row in
                let sku = row.cell("sku").text, name = row.cell("name").text, english = row.cell("name_en").text
                return [sku, name, english.isEmpty ? name : english].map { ($0, NameKey.normalize($0)) }
            }
        }
        let half = rows.count / 2
        let (first, second) = Concurrently.run({ keys(rows[..<half]) }, { keys(rows[half...]) })
        return first + second
    }

    /// The product of `row` (SKU `sku`), or nil when a cell it needs is wrong (reported).
    static func readProduct(_ row: TableReader.Row, sku: String, refs: References) -> Product? {
        // Every cell that does not depend on another is read first, so one run reports all of a row's mistakes.
        let name = row.text("name"), kind = row.choice("kind", ProductKind.self), unit = row.choice("unit", SellingUnit.self)
        let group = row.text("group") ?? ""
        if !group.isEmpty { refs.check(group, in: "product_groups.csv", what: "product group", row: row, column: "group") }
        guard let name, let kind, let unit else { return nil }
        let nameEn = row.optionalText("name_en") ?? name
        let masonry = kind == .brick || kind == .block
        var dims: (Int, Int, Int)?
        let l = row.integer("length_mm", required: masonry, range: 1...10_000)
        let w = row.integer("width_mm", required: masonry, range: 1...10_000)
        let h = row.integer("height_mm", required: masonry, range: 1...10_000)
        if let l, let w, let h { dims = (Int(l), Int(w), Int(h)) }
        var grams: Int64 = 1_000_000
        if unit != .tonnes {
            guard let kg = row.quantity("weight_kg", positive: true) else { return nil }
            grams = kg.milli  // thousandths of a kg are grams
        }
        let perPallet = row.quantity("per_pallet", required: kind != .bulk, positive: true)
        if kind != .bulk && perPallet == nil { return nil }
        guard let multiple = row.quantity("sale_multiple", positive: true) else { return nil }
        if unit != .tonnes && !multiple.isWhole { row.fail("sale_multiple", Message("products.multiple_whole", .verbatim(unit.rawValue))) }
        let density = row.integer("density_kg_m3", required: kind == .bulk, range: 1...10_000)
        let deposit = row.money("pallet_deposit", required: false) ?? .zero
        if kind == .bulk && unit != .tonnes { row.fail("unit", Message("products.bulk_unit")) }
        let joint = row.integer("joint_mm", required: false, range: 0...50)
        let perM3 = row.quantity("per_m3", required: false, positive: true)
        let perM2 = row.quantity("per_m2", required: false, positive: true)
        if (perM3 != nil || perM2 != nil || joint != nil) && !masonry {
            row.fail("joint_mm", Message("products.masonry_only"))
        }
        return Product(
            sku: SKU(sku), name: name, nameEn: nameEn, group: ProductGroupID(group), kind: kind, unit: unit, dimensionsMM: dims,
            unitWeightGrams: grams, perPallet: perPallet, saleMultiple: multiple, densityKgM3: density.map(Int.init),
            palletDeposit: deposit, jointMM: joint.map { Int($0) }, perM3Override: perM3, perM2Override: perM2)
    }
}
