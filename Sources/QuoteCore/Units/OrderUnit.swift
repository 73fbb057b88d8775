/// The units a quantity may be asked in. Which of them fit a product depends on its data.
public enum OrderUnit: String, Sendable, CaseIterable {
    case pieces = "pcs"
    case bags = "bag"
    case pallets = "pal"
    case tonnes = "t"
    case kilograms = "kg"

    /// Reads a unit as people write it: `pcs`, `шт`, `pal`, `поддон`, `t`, `т`, `kg`, `кг`, `bag`, `мешок`.
    public init?(parsing text: some StringProtocol) {
        switch text.lowercased() {
        case "pcs", "pc", "piece", "pieces", "шт", "штук", "штука", "штуки": self = .pieces
        case "bag", "bags", "меш", "мешок", "мешка", "мешков": self = .bags
        case "pal", "pallet", "pallets", "под", "поддон", "поддона", "поддонов": self = .pallets
        case "t", "tonne", "tonnes", "ton", "tons", "т", "тонна", "тонны", "тонн": self = .tonnes
        case "kg", "кг": self = .kilograms
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
        return units
    }

    /// `quantity` of this unit in `product`'s selling units, before any rounding; nil if the unit does
    /// not fit the product or the result is out of range.
    public func toSellingUnits(_ quantity: Quantity, of product: Product) -> Quantity? {
        guard OrderUnit.accepted(by: product).contains(self) else { return nil }
        switch self {
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
