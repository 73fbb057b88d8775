/// What one line may be split into.
struct LineOptions {
    /// Offers that can take part, in source order.
    var offers: [StockOffer]
    /// The slot each offer ships from.
    var slots: [Int]
    /// Allocations to try: for each, the (offer index, quantity) parts. Single sources first.
    var allocations: [[(offer: Int, quantity: Quantity)]]
    /// How much of the line can be supplied at most (less than sold: a partial answer).
    var supplied: Quantity
    var truncated: Bool
}
