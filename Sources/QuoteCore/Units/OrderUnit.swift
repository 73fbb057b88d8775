/// The units a quantity may be asked in. Which of them fit a product depends on its data.
public enum OrderUnit: String, Sendable, CaseIterable {
    case pieces = "pcs"
    case bags = "bag"
    case pallets = "pal"
    case tonnes = "t"
    case kilograms = "kg"
    /// m³: of masonry for bricks, of blocks for blocks, of material for bulk goods.
    case cubicMetres = "m3"
    /// m² of wall (a request's `wall`).
    case squareMetres = "m2"

    /// Reads a unit as people write it: `pcs`, `шт`, `pal`, `поддон`, `t`, `т`, `kg`, `кг`, `bag`, `мешок`.
    public init?(parsing text: some StringProtocol) {
        switch text.lowercased() {
        case "pcs", "pc", "piece", "pieces", "шт", "штук", "штука", "штуки": self = .pieces
        case "bag", "bags", "меш", "мешок", "мешка", "мешков": self = .bags
        case "pal", "pallet", "pallets", "под", "поддон", "поддона", "поддонов": self = .pallets
        case "t", "tonne", "tonnes", "ton", "tons", "т", "тонна", "тонны", "тонн": self = .tonnes
        case "kg", "кг": self = .kilograms
        case "m3", "м3", "m³", "м³", "cbm", "cube", "cubes", "куб", "кубов", "куба": self = .cubicMetres
        case "m2", "м2", "m²", "м²": self = .squareMetres
        default: return nil
        }
    }

    /// Units that make sense for `product`.
    public static func accepted(by product: Product) -> [OrderUnit] {
        var units: [OrderUnit] = []
        switch product.unit {
        case .pieces: units.append(.pieces)
        case .bags: units += [.bags, .pieces]
        case .tonnes: units.append(.tonnes)
        }
        if product.perPallet != nil { units.append(.pallets) }
        if product.unit == .tonnes || product.unitWeightGrams > 0 {
            if product.unit != .tonnes { units.append(.tonnes) }
            units.append(.kilograms)
        }
        let masonry = (product.kind == .brick || product.kind == .block) && (product.dimensionsMM != nil || product.perM3Override != nil)
        if masonry || (product.kind == .bulk && product.densityKgM3 != nil) { units.append(.cubicMetres) }
        if (product.kind == .brick || product.kind == .block) && (product.dimensionsMM != nil || product.perM2Override != nil) {
            units.append(.squareMetres)
        }
        return units
    }

    /// `quantity` of this unit in `product`'s selling units, before any rounding; nil if the unit does
    /// not fit the product or the result is out of range. m² of wall goes through `Wall` instead.
    public func toSellingUnits(_ quantity: Quantity, of product: Product, jointMM: Int) -> Quantity? {
        guard OrderUnit.accepted(by: product).contains(self) else { return nil }
        switch self {
        case .squareMetres:
            return nil
        case .cubicMetres:
            if product.kind == .bulk {
                // m³ × density kg/m³ = kg; ÷ 1 000 = t
                guard let density = product.densityKgM3 else { return nil }
                return FixedPoint.mulDivCeiling(quantity.milli, Int64(density), 1_000).map(Quantity.init(milli:))
            }
            return Masonry.cubicMetreRate(product, joint: jointMM)?.pieces(for: quantity)
        case .pieces, .bags:
            return quantity
        case .pallets:
            guard let perPallet = product.perPallet else { return nil }
            return FixedPoint.mulDivCeiling(quantity.milli, perPallet.milli, Quantity.scaleFactor).map(Quantity.init(milli:))
        case .tonnes, .kilograms:
            let grams = self == .tonnes ? Int64(1_000_000) : 1_000
            if product.unit == .tonnes {
                // tonnes → tonnes, kg → tonnes
                return FixedPoint.mulDivCeiling(quantity.milli, grams, 1_000_000).map(Quantity.init(milli:))
            }
            guard product.unitWeightGrams > 0 else { return nil }
            return FixedPoint.mulDivCeiling(quantity.milli, grams, product.unitWeightGrams).map(Quantity.init(milli:))
        }
    }
}
