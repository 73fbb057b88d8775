/// Price rules that turn a list price into what the customer pays per unit.
public enum Pricing {
    /// The unit price after a customer-group discount and then a manual discount, rounded half-up
    /// once to the decimals the list price is stated with (list × (1 − group) × (1 − manual)), and the
    /// combined discount for display.
    ///
    /// The discount applies to the unit price, not to the line, so the line is `unit price × quantity`
    /// as printed and a person can re-multiply it.
    public static func discounted(_ list: UnitPrice, group: Rate, manual: Rate) -> (price: UnitPrice, discount: Rate) {
        let g = Int64(10_000 - group.basisPoints)
        let m = Int64(10_000 - manual.basisPoints)
        guard g != 10_000 || m != 10_000 else { return (list, Rate(basisPoints: 0)) }
        let price = list.discounted(keeping: g, m) ?? list
        // 1 − (1 − g)(1 − m), in basis points, rounded
        let combined = 10_000 - (FixedPoint.mulDivRounded(g, m, 10_000) ?? 10_000)
        return (price, Rate(basisPoints: Int32(combined)))
    }

    /// The price tier a quantity takes: the whole quantity at the price of the highest tier it reaches.
    public static func tier(for quantity: Quantity, in tiers: [PriceTier]) -> PriceTier? {
        tiers.last { $0.minQuantity <= quantity }
    }
}
