/// Turning what was typed into catalog rows: product and city names, quantities and units.
extension QuoteEngine {
    struct ResolvedProduct {
        var product: Product
        var otherSKUs: [SKU]
    }

    static func resolveProduct(_ text: String, field: String, in catalog: Catalog) throws(QuoteError) -> ResolvedProduct {
        let key = NameKey.normalize(text)
        guard !key.isEmpty else {
            throw QuoteError(.unknownProduct, Message("product.empty"), field: field)
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
                .unknownProduct, Message("product.unknown", .text(text)),
                field: field, candidates: NameKey.suggestions(for: text, among: labels))
        }
        if names.count > 1 && !names.contains(where: \.isDefault) {
            throw QuoteError(
                .ambiguousProduct, Message("product.several", .text(text)),
                field: field, candidates: names.map(\.sku.rawValue).sorted())
        }
        guard let product = catalog.products[chosen.sku] else {
            throw QuoteError(.catalogInvalid, Message("catalog.missing_product", .verbatim(chosen.sku.rawValue), .text(text)))
        }
        // The other SKUs the name gives, in order, each once: sorted, then the repeats (a SKU under
        // the name by two labels) dropped — no set to hash them into. The catalog's lists usually come
        // in order already: checked in one pass, sorted only when they do not.
        var others: [SKU] = []
        others.reserveCapacity(names.count)
        for name in names where name.sku != product.sku { others.append(name.sku) }
        if others.indices.dropFirst().contains(where: { others[$0] < others[$0 - 1] }) { others.sort() }
        var kept = 0
        for i in others.indices where kept == 0 || others[kept - 1] != others[i] {
            others[kept] = others[i]
            kept += 1
        }
        others.removeLast(others.count - kept)
        return ResolvedProduct(product: product, otherSKUs: others)
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
                .unknownCity, Message("city.unknown", .text(text)),
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
        var conversion: Message?
    }

    static func soldQuantity(_ item: QuoteRequest.Item, of product: Product, catalogJoint: Int, field: String) throws(QuoteError)
        -> Converted
    {
        let unit = try orderUnit(item, of: product, field: field)
        let computed: Quantity
        let conversion: Message?
        if let wall = item.wall {
            (computed, conversion) = try wallNeed(wall, of: product, catalogJoint: catalogJoint, field: field + ".wall")
        } else {
            (computed, conversion) = try quantityNeed(item, unit: unit, of: product, catalogJoint: catalogJoint, field: field)
        }
        var sold = computed
        if product.unit != .tonnes, let whole = computed.roundedUp(toMultipleOf: Quantity(whole: 1)) { sold = whole }
        guard let rounded = sold.roundedUp(toMultipleOf: product.saleMultiple), rounded <= Quantity.maximum else {
            throw QuoteError(
                .quantityTooLarge, Message("quantity.too_large_rounded", .quantity(item.quantity, unit)), field: field + ".quantity")
        }
        return Converted(unit: unit, computed: computed, sold: rounded, conversion: conversion)
    }

    /// The unit a line is asked in (m² for a wall, the typed one, else the product's), if the product takes it.
    static func orderUnit(_ item: QuoteRequest.Item, of product: Product, field: String) throws(QuoteError) -> OrderUnit {
        let accepted = OrderUnit.accepted(by: product)
        var unit: OrderUnit
        if item.wall != nil {
            unit = .squareMetres
        } else if let text = item.unit, !text.isEmpty {
            guard let parsed = OrderUnit(parsing: text) else {
                throw QuoteError(
                    .invalidUnit, Message("unit.unknown", .text(text), .verbatim(product.sku.rawValue)), field: field + ".unit",
                    candidates: accepted.map(\.rawValue))
            }
            unit = parsed
        } else {
            unit = OrderUnit(rawValue: product.unit.rawValue) ?? .pieces
        }
        guard accepted.contains(unit) else {
            throw QuoteError(
                .invalidUnit,
                Message(
                    "unit.not_accepted", .verbatim(product.sku.rawValue), .bilingual(en: product.nameEn, ru: product.name), .unitName(unit),
                    .unitNames(accepted)),
                field: field + (unit == .squareMetres ? ".wall" : ".unit"), candidates: accepted.map(\.rawValue))
        }
        if unit == .squareMetres && item.wall == nil {
            throw QuoteError(.invalidUnit, Message("unit.area_needs_wall"), field: field + ".unit")
        }
        return unit
    }

    /// The need in selling units of a quantity typed in `unit`, checked (positive, within the maximum, whole
    /// pieces and bags), and how a volume was converted.
    static func quantityNeed(
        _ item: QuoteRequest.Item, unit: OrderUnit, of product: Product, catalogJoint: Int, field: String
    ) throws(QuoteError) -> (Quantity, Message?) {
        try refuseAmbiguity(item, unit: unit, field: field)
        guard item.quantity.milli > 0 else {
            throw QuoteError(.invalidQuantity, Message("quantity.not_positive", .number(item.quantity)), field: field + ".quantity")
        }
        let joint = Masonry.joint(for: product, requested: nil, catalogJoint: catalogJoint)
        guard item.quantity <= Quantity.maximum, let c = unit.toSellingUnits(item.quantity, of: product, jointMM: joint),
            c <= Quantity.maximum
        else {
            throw QuoteError(
                .quantityTooLarge,
                Message("quantity.over_max", .quantity(item.quantity, unit), .quantity(Quantity.maximum, product.unit.orderUnit)),
                field: field + ".quantity")
        }
        if (unit == .pieces || unit == .bags) && !item.quantity.isWhole {
            throw QuoteError(
                .invalidQuantity,
                Message(
                    unit == .bags ? "quantity.not_whole_bags" : "quantity.not_whole_pieces", .verbatim(product.sku.rawValue),
                    .number(item.quantity)),
                field: field + ".quantity")
        }
        guard unit == .cubicMetres else { return (c, nil) }
        if product.kind == .bulk {
            return (c, Message("conversion.bulk", .number(item.quantity), .integer(Int64(product.densityKgM3 ?? 0)), .number(c)))
        }
        guard let rate = Masonry.cubicMetreRate(product, joint: joint)?.approximate else { return (c, nil) }
        return (
            c,
            product.kind == .brick
                ? Message("conversion.masonry_volume", .number(item.quantity), .integer(Int64(joint)), .number(rate), .number(c))
                : Message("conversion.block_volume", .number(item.quantity), .number(rate), .number(c))
        )
    }

    /// Pieces for a wall: net area (area − openings) × pieces per m² (× half-brick layers for bricks),
    /// plus the waste allowance.
    static func wallNeed(_ wall: Wall, of product: Product, catalogJoint: Int, field: String) throws(QuoteError) -> (Quantity, Message) {
        guard wall.area.milli > 0, wall.area <= Quantity(whole: 10_000_000) else {
            throw QuoteError(.invalidQuantity, Message("wall.area_range", .number(wall.area)), field: field + ".area")
        }
        guard wall.openings.milli >= 0, wall.openings < wall.area else {
            throw QuoteError(
                .invalidQuantity, Message("wall.openings", .quantity(wall.openings, .squareMetres), .quantity(wall.area, .squareMetres)),
                field: field + ".openings")
        }
        guard wall.waste.milli >= 0, wall.waste <= Quantity(whole: 100) else {
            throw QuoteError(.invalidQuantity, Message("wall.waste", .number(wall.waste)), field: field + ".waste")
        }
        if let j = wall.jointMM, !(0...50).contains(j) {
            throw QuoteError(.invalidQuantity, Message("wall.joint", .integer(Int64(j))), field: field + ".joint")
        }
        let joint = Masonry.joint(for: product, requested: wall.jointMM, catalogJoint: catalogJoint)
        guard let rate = Masonry.squareMetreRate(product, joint: joint) else {
            throw QuoteError(.invalidUnit, Message("wall.no_dimensions", .verbatim(product.sku.rawValue)), field: field)
        }
        let net = Quantity(milli: wall.area.milli - wall.openings.milli)
        var halfBricks: Int64 = 1
        var layers: (halfBricks: Int64, mm: Int, rate: Quantity)?
        if product.kind == .brick {
            let allowed = Masonry.thicknesses.map(\.bricks)
            guard let thickness = wall.thickness else {
                throw QuoteError(
                    .missingField, Message("wall.thickness_missing", .list(allowed)), field: field + ".thickness", candidates: allowed)
            }
            guard let t = Masonry.thicknesses.first(where: { Quantity(milli: $0.halfBricks * 500) == thickness }) else {
                throw QuoteError(
                    .invalidQuantity, Message("wall.thickness_invalid", .number(thickness), .list(allowed)), field: field + ".thickness",
                    candidates: allowed)
            }
            halfBricks = t.halfBricks
            layers = (t.halfBricks, t.mm, rate.approximate)
        } else if let thickness = wall.thickness, thickness != Quantity(whole: 1) {
            throw QuoteError(.invalidQuantity, Message("wall.blocks_thickness"), field: field + ".thickness")
        }
        // net m² × pieces/m² × layers, and × (100 + waste) / 100: each exact, each rounded up once.
        guard let bare = rate.pieces(for: net, times: halfBricks),
            let withWaste = rate.pieces(for: net, times: halfBricks * (100_000 + wall.waste.milli), over: 100_000)
        else {
            throw QuoteError(.quantityTooLarge, Message("wall.too_large"), field: field + ".area")
        }
        let perSquareMetre = Masonry.Rate(numerator: rate.numerator * halfBricks, denominator: rate.denominator).approximate
        let area =
            wall.openings.milli > 0
            ? Message("conversion.wall_net", .number(wall.area), .number(wall.openings), .number(net))
            : Message("conversion.wall_area", .number(wall.area))
        let jointText =
            layers.map {
                Message(
                    "conversion.joint_layers", .integer(Int64(joint)), .count(Quantity(milli: $0.halfBricks * 500), .brick),
                    .integer(Int64($0.mm)),
                    .integer($0.halfBricks), .number($0.rate))
            } ?? Message("conversion.joint", .integer(Int64(joint)))
        let waste = wall.waste.milli > 0 ? Message("conversion.waste", .number(wall.waste), .number(withWaste)) : Message.empty
        let text = Message("conversion.wall", .message(area), .number(perSquareMetre), .message(jointText), .number(bare), .message(waste))
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
            Message("quantity.ambiguous", .text(other.text), .verbatim(thousands), .verbatim(five), .verbatim(grouped(other.thousands))),
            field: field + ".quantity", candidates: [thousands, five])
    }
}
