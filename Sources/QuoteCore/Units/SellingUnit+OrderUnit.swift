extension SellingUnit {
    /// The same unit as an order unit, for messages that write a quantity with its unit.
    public var orderUnit: OrderUnit {
        switch self {
        case .pieces: return .pieces
        case .bags: return .bags
        case .tonnes: return .tonnes
        }
    }
}
