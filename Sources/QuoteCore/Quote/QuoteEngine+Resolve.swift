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
            // Not a name as a whole: a family name with attributes (`кирпич м150`), else did-you-mean.
            switch ProductFinder.find(ProductQuery(text), in: catalog, field: field) {
            case .success(let found)?:
                guard let product = catalog.products[found.sku] else { break }
                return ResolvedProduct(product: product, otherSKUs: found.others)
            case .failure(let error)?:
                throw error
            case nil:
                break
            }
            let labels = catalog.productNames.values.flatMap { $0.map(\.label) }
            throw QuoteError(
                .unknownProduct, "Unknown product \u{201C}\(text)\u{201D}: no SKU, name or alias matches it.",
                field: field, candidates: NameKey.suggestions(for: text, among: labels))
        }
        if names.count > 1 && !names.contains(where: \.isDefault) {
            throw QuoteError(
                .ambiguousProduct, "\u{201C}\(text)\u{201D} names several products; name one of them.",
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

    /// What a request line asks for, converted: the need in selling units (`computed`, possibly
    /// fractional), what is sold (whole units rounded up to the product's sale multiple), and how the
    /// conversion went, in words, when it was more than a unit change.
    struct Converted {
        var unit: OrderUnit
        var computed: Quantity
        var sold: Quantity
        var conversion: String?
    }

    static func soldQuantity(_ item: QuoteRequest.Item, of product: Product, catalogJoint: Int, field: String) throws(QuoteError) -> Converted {
        let accepted = OrderUnit.accepted(by: product)
        var unit: OrderUnit
        if item.wall != nil {
            unit = .squareMetres
        } else if let text = item.unit, !text.isEmpty {
            guard let parsed = OrderUnit(parsing: text) else {
                throw QuoteError(
                    .invalidUnit, "Unknown unit \u{201C}\(text)\u{201D} for \(product.sku).", field: field + ".unit",
                    candidates: accepted.map(\.rawValue))
            }
            unit = parsed
        } else {
            unit = OrderUnit(rawValue: product.unit.rawValue) ?? .pieces
        }
        guard accepted.contains(unit) else {
            let what = unit == .squareMetres ? "m² of wall" : unit.rawValue
            throw QuoteError(
                .invalidUnit, "\(product.sku) (\(product.nameEn)) cannot be ordered in \(what); it takes: \(accepted.map(\.rawValue).joined(separator: ", ")).",
                field: field + (unit == .squareMetres ? ".wall" : ".unit"), candidates: accepted.map(\.rawValue))
        }
        if unit == .squareMetres && item.wall == nil {
            throw QuoteError(.invalidUnit, "m² needs a wall: give the area with --wall (JSON: \"wall\":{\"area\":\"100\",\"thickness\":\"1.5\"}).", field: field + ".unit")
        }

        let computed: Quantity
        var conversion: String?
        if let wall = item.wall {
            (computed, conversion) = try wallNeed(wall, of: product, catalogJoint: catalogJoint, field: field + ".wall")
        } else {
            try refuseAmbiguity(item, unit: unit, field: field)
            guard item.quantity.milli > 0 else {
                throw QuoteError(.invalidQuantity, "The quantity must be more than zero (got \(item.quantity.decimalString)).", field: field + ".quantity")
            }
            let joint = Masonry.joint(for: product, requested: nil, catalogJoint: catalogJoint)
            guard item.quantity <= Quantity.maximum, let c = unit.toSellingUnits(item.quantity, of: product, jointMM: joint), c <= Quantity.maximum else {
                throw QuoteError(
                    .quantityTooLarge,
                    "\(item.quantity.decimalString) \(unit.rawValue) is more than any order can be (at most \(Quantity.maximum.decimalString) \(product.unit.rawValue)).",
                    field: field + ".quantity")
            }
            if (unit == .pieces || unit == .bags) && !item.quantity.isWhole {
                throw QuoteError(
                    .invalidQuantity, "\(product.sku) is sold in whole \(unit == .bags ? "bags" : "pieces"); \(item.quantity.decimalString) is not whole.",
                    field: field + ".quantity")
            }
            computed = c
            if unit == .cubicMetres {
                if product.kind == .bulk {
                    conversion = "\(item.quantity.decimalString) m³ × \(product.densityKgM3 ?? 0) kg/m³ = \(c.decimalString) t"
                } else if let rate = Masonry.cubicMetreRate(product, joint: joint)?.approximate {
                    let what = product.kind == .brick ? "m³ of masonry (\(joint) mm joint)" : "m³ of blocks"
                    conversion = "\(item.quantity.decimalString) \(what) × \(rate.decimalString) pcs/m³ = \(c.decimalString) pcs"
                }
            }
        }
        var sold = computed
        if product.unit != .tonnes, let whole = computed.roundedUp(toMultipleOf: Quantity(whole: 1)) { sold = whole }
        guard let rounded = sold.roundedUp(toMultipleOf: product.saleMultiple), rounded <= Quantity.maximum else {
            throw QuoteError(.quantityTooLarge, "\(item.quantity.decimalString) \(unit.rawValue) is more than any order can be.", field: field + ".quantity")
        }
        return Converted(unit: unit, computed: computed, sold: rounded, conversion: conversion)
    }

    /// Pieces for a wall: net area (area − openings) × pieces per m² (× half-brick layers for bricks),
    /// plus the waste allowance.
    static func wallNeed(_ wall: Wall, of product: Product, catalogJoint: Int, field: String) throws(QuoteError) -> (Quantity, String) {
        guard wall.area.milli > 0, wall.area <= Quantity(whole: 10_000_000) else {
            throw QuoteError(.invalidQuantity, "The wall area must be more than zero and at most 10 000 000 m² (got \(wall.area.decimalString)).", field: field + ".area")
        }
        guard wall.openings.milli >= 0, wall.openings < wall.area else {
            throw QuoteError(
                .invalidQuantity, "Openings (\(wall.openings.decimalString) m²) must be less than the wall (\(wall.area.decimalString) m²).", field: field + ".openings")
        }
        guard wall.waste.milli >= 0, wall.waste <= Quantity(whole: 100) else {
            throw QuoteError(.invalidQuantity, "Waste is a percentage from 0 to 100 (got \(wall.waste.decimalString)).", field: field + ".waste")
        }
        if let j = wall.jointMM, !(0...50).contains(j) {
            throw QuoteError(.invalidQuantity, "The joint is 0 to 50 mm (got \(j)).", field: field + ".joint")
        }
        let joint = Masonry.joint(for: product, requested: wall.jointMM, catalogJoint: catalogJoint)
        guard let rate = Masonry.squareMetreRate(product, joint: joint) else {
            throw QuoteError(.invalidUnit, "\(product.sku) has no dimensions in the catalog, so a wall cannot be converted.", field: field)
        }
        let net = Quantity(milli: wall.area.milli - wall.openings.milli)
        var halfBricks: Int64 = 1
        var layers = ""
        if product.kind == .brick {
            let allowed = Masonry.thicknesses.map(\.bricks)
            guard let thickness = wall.thickness else {
                throw QuoteError(.missingField, "A brick wall needs its thickness in bricks (--thickness): one of \(allowed.joined(separator: ", ")).", field: field + ".thickness", candidates: allowed)
            }
            guard let t = Masonry.thicknesses.first(where: { Quantity(milli: $0.halfBricks * 500) == thickness }) else {
                throw QuoteError(.invalidQuantity, "A wall \(thickness.decimalString) bricks thick is not a brick wall: use one of \(allowed.joined(separator: ", ")).", field: field + ".thickness", candidates: allowed)
            }
            halfBricks = t.halfBricks
            layers = ", \(t.bricks) brick\(t.halfBricks == 2 ? "" : "s") (\(t.mm) mm) = \(t.halfBricks) × \(rate.approximate.decimalString)"
        } else if let thickness = wall.thickness, thickness != Quantity(whole: 1) {
            throw QuoteError(.invalidQuantity, "Blocks are laid one block thick (the wall is the block's width); leave the thickness out.", field: field + ".thickness")
        }
        // net m² × pieces/m² × layers, and × (100 + waste) / 100: each exact, each rounded up once.
        guard let bare = rate.pieces(for: net, times: halfBricks),
            let withWaste = rate.pieces(for: net, times: halfBricks * (100_000 + wall.waste.milli), over: 100_000)
        else {
            throw QuoteError(.quantityTooLarge, "The wall is too large to convert.", field: field + ".area")
        }
        let perSquareMetre = Masonry.Rate(numerator: rate.numerator * halfBricks, denominator: rate.denominator).approximate
        var text = "\(wall.area.decimalString) m²"
        if wall.openings.milli > 0 { text += " − \(wall.openings.decimalString) m² openings = \(net.decimalString) m²" }
        text += " × \(perSquareMetre.decimalString) pcs/m² (\(joint) mm joint\(layers))"
        text += " = \(bare.decimalString) pcs"
        if wall.waste.milli > 0 { text += " + \(wall.waste.decimalString) % waste = \(withWaste.decimalString) pcs" }
        return (withWaste, text)
    }

    /// "5 000": thousands grouped with a space, as Russian writes them.
    static func grouped(_ q: Quantity) -> String {
        FixedPoint.format(q.milli, scale: 3, trim: true, grouping: " ")
    }

    /// "5,000" of goods counted in whole units: five (a decimal comma) or five thousand (a thousands
    /// comma)? Never guessed: refused with both readings.
    static func refuseAmbiguity(_ item: QuoteRequest.Item, unit: OrderUnit, field: String) throws(QuoteError) {
        guard let other = item.ambiguity, [.pieces, .bags, .pallets].contains(unit) else { return }
        let five = item.quantity.decimalString
        let thousands = other.thousands.decimalString
        throw QuoteError(
            .ambiguousQuantity,
            "\u{201C}\(other.text)\u{201D} can be read as \(thousands) or as \(five): write \(thousands) (or with a space, \(grouped(other.thousands))) for the larger, \(five) for the smaller.",
            field: field + ".quantity", candidates: [thousands, five])
    }
}
