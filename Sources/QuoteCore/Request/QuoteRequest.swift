/// What a customer asks for: products and quantities, where, by when, and the clock.
public struct QuoteRequest: Sendable {
    public var items: [Item]
    /// The delivery city as typed (name or alias); nil only with `pickup`.
    public var city: String?
    public var pickup: Bool
    public var strategy: Strategy
    public var customer: String?
    /// The date the customer needs the goods by.
    public var by: CivilDate?
    /// The moment the quote is made: every date and rate is computed from it.
    public var asOf: Moment
    /// A manual discount in percent, on top of the customer's group discount; capped per product group.
    public var discount: Rate?
    /// The goods must be unloaded by crane: only crane trucks, with the catalog's crane surcharge.
    public var crane: Bool = false
    /// With `pickup`: the source the customer collects from, by id or name (nil: the nearest that
    /// allows pickup).
    public var pickupSource: String?

    public init(
        items: [Item], city: String?, pickup: Bool = false, strategy: Strategy = .cheapest, customer: String? = nil,
        by: CivilDate? = nil, asOf: Moment, discount: Rate? = nil
    ) {
        self.discount = discount
        self.items = items
        self.city = city
        self.pickup = pickup
        self.strategy = strategy
        self.customer = customer
        self.by = by
        self.asOf = asOf
    }

    public struct Item: Sendable {
        /// SKU, name or alias as typed.
        public var product: String
        /// The amount in `unit` (ignored when `wall` is given).
        public var quantity: Quantity
        /// The unit the quantity is in (`pcs`, `pal`, `bag`, `t`, `kg`, `m3`); nil: the product's selling unit.
        public var unit: String?
        /// A wall to build instead of a quantity (bricks and blocks).
        public var wall: Wall?
        /// The other reading of a quantity typed as `5,000` (five, or five thousand).
        public var ambiguity: TypedQuantity.Ambiguity?

        public init(product: String, quantity: Quantity, unit: String? = nil) {
            self.product = product
            self.quantity = quantity
            self.unit = unit
        }

        public init(product: String, wall: Wall) {
            self.product = product
            self.quantity = wall.area
            self.unit = "m2"
            self.wall = wall
        }
    }
}

/// What "best" means for the customer.
public enum Strategy: String, Sendable, CaseIterable {
    /// Lowest total of goods and delivery (the default).
    case cheapest
    /// Earliest date by which everything is delivered; cost breaks ties.
    case fastest
    /// One source per line where possible.
    case single
}

extension QuoteRequest.Item {
    /// Splits a typed quantity such as "5000", "5 000", "5к", "12pal", "6.5 t", "1500кг" into the
    /// number and its unit (nil: the product's selling unit); see `TypedQuantity`.
    /// - Throws: `invalid_quantity` naming `field` when there is no number.
    public static func parseQuantity(_ text: String, field: String) throws(QuoteError) -> (Quantity, String?) {
        let typed = try TypedQuantity.parse(text, field: field)
        return (typed.quantity, typed.unit)
    }

    /// A line of `product` in the quantity typed as `text`, remembering an ambiguous `5,000` so the
    /// engine can refuse it for goods counted in whole units.
    public init(product: String, typed text: String, field: String) throws(QuoteError) {
        let typed = try TypedQuantity.parse(text, field: field)
        self.init(product: product, quantity: typed.quantity, unit: typed.unit)
        ambiguity = typed.ambiguity
    }
}
