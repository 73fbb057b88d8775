extension Tariff {
    /// What one trip costs over `distanceKm`: the base price, plus `perKm` for every km beyond
    /// `includedKm`, and never less than the minimum charge. Nil only if the amount overflows.
    public func tripPrice(distanceKm: Int64) -> Money? {
        let extraKm = max(0, distanceKm - includedKm)
        guard let extra = perKm.times(extraKm), let price = basePrice.adding(extra) else { return nil }
        return max(price, minCharge)
    }
}
