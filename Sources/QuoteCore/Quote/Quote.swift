/// A finished quote: what is sold, from where, on which trucks, when it arrives and what it costs.
///
/// Every amount in it is exact, and the totals are the sums of the lines and shipments listed, so a
/// person re-adding the printed figures gets the same numbers.
public struct Quote: Sendable {
    public var quoteId: String
    public var asOf: Moment
    public var validUntil: Moment
    public var currency: String
    public var catalogName: String
    /// The company making the offer (catalog settings).
    public var seller: Seller = Seller()
    public var city: City?
    public var customer: Customer?
    public var payment: Payment
    public var pickup: Bool
    public var strategy: Strategy
    /// The VAT rate on the delivery date (lines and shipments carry their own, which differ only when
    /// their dates straddle a change of rate).
    public var vatRate: Rate
    public var lines: [Line]
    public var shipments: [Shipment]
    /// When everything has arrived (or is ready for pickup).
    public var deliveryDate: CivilDate
    public var by: CivilDate?
    public var totals: Totals
    public var warnings: [Notice]
    public var alternatives: [Alternative]
    public var hints: [Notice]
    /// Why each choice was made, in sentences a manager can read aloud (only when asked for).
    public var explanation: [Message]
    /// Warnings for the company's eyes only (margins under the floor): shown with `--internal`.
    public var internalWarnings: [Notice]

    /// How the customer pays: prepayment, or credit with a due date.
    public struct Payment: Sendable {
        /// Days of credit after delivery; 0 means prepayment.
        public var creditDays: Int
        public var dueDate: CivilDate?
        public var creditLimit: Money?
        /// What stays of the credit limit after this order (negative: over it).
        public var creditAvailableAfter: Money?
        public var isPrepayment: Bool { creditDays == 0 }
    }

    public enum LineKind: String, Sendable {
        case goods
        /// Returnable pallets: a deposit refunded when they come back, so it carries no VAT.
        case deposit
    }

    public struct Line: Sendable {
        public var kind: LineKind = .goods
        public var sku: SKU
        public var name: String
        public var nameEn: String
        /// The name the request used, when it named a family rather than the SKU.
        public var requestedName: String
        /// Other SKUs the requested name also stands for (the family's other members).
        public var otherSKUs: [SKU]
        public var requestedQuantity: Quantity
        public var requestedUnit: OrderUnit
        /// The need in selling units before rounding up (may be fractional).
        public var computedQuantity: Quantity
        /// How a wall or a volume became that need ("100 m² × 153 pcs/m² … = 15300 pcs").
        public var conversion: Message?
        /// What is sold: rounded up to whole units and the sale multiple.
        public var quantity: Quantity
        public var unit: SellingUnit
        public var unitPrice: UnitPrice
        /// The list price before discounts, and the discount applied (group and manual combined).
        public var listPrice: UnitPrice
        public var discount: Rate
        /// Our purchase cost and margin (internal view only).
        public var cost: Money
        public var margin: Money
        /// The margin as a percentage of the net amount, to one decimal ("12.4").
        public var marginPercent: String { QuoteEngine.percent(margin, of: net) }
        /// The lowest quantity of the price tier applied, and the regional list used (nil: base list).
        public var tierMinQuantity: Quantity
        public var priceRegion: RegionID?
        public var net: Money
        /// The VAT rate of the line's shipment date (its last delivery; ready date for pickup).
        public var vatRate: Rate
        public var vat: Money
        public var gross: Money
        public var pallets: Int64
        public var weightGrams: Int64
        public var allocations: [Allocation]
        /// How much of what was asked cannot be supplied now (zero when the line is complete).
        public var shortQuantity: Quantity
    }

    public struct Allocation: Sendable {
        public var source: SourceID
        public var sourceName: String
        /// What the customer is told about the source (`Source.customerName`): never a supplier's own name.
        public var customerSourceName: MessageArg = .verbatim("")
        public var quantity: Quantity
        public var readyDate: CivilDate
    }

    public struct Shipment: Sendable {
        public var source: SourceID
        public var sourceName: String
        public var customerSourceName: MessageArg = .verbatim("")
        public var vehicles: [VehicleUse]
        public var weightGrams: Int64
        public var pallets: Int64
        public var distanceKm: Int64
        public var readyDate: CivilDate
        public var deliveryDate: CivilDate
        /// Net delivery price (zero for pickup).
        public var cost: Money
        /// The VAT rate of the shipment's date (delivery; ready date for pickup).
        public var vatRate: Rate
        public var vat: Money
        public var gross: Money
        /// Surcharges included in `cost`: crane unloading (per trip), weekend delivery.
        public var surcharges: [Surcharge]
    }

    public struct Surcharge: Sendable {
        /// `crane` or `weekend`.
        public var kind: String
        public var amount: Money
    }

    public struct VehicleUse: Sendable {
        public var vehicle: VehicleID
        public var name: String
        public var count: Int64
        public var tripPrice: Money
    }

    public struct Totals: Sendable {
        public var net: Money
        public var vat: Money
        public var gross: Money
        public var weightGrams: Int64
        public var pallets: Int64
    }

    /// The best answer for another strategy, when it differs.
    public struct Alternative: Sendable {
        public var strategy: Strategy
        public var gross: Money
        public var deliveryDate: CivilDate
        public var sources: [SourceID]
    }

    /// A warning or a hint: a stable code and its message as data.
    public struct Notice: Sendable, Equatable {
        public var code: String
        public var text: Message
        /// For the manager only (stale stock, credit limit, search limits, the default SKU chosen): printed
        /// apart from the offer, never in an offer for the customer.
        public var managerOnly: Bool
        public init(code: String, _ text: Message, managerOnly: Bool = false) {
            self.code = code
            self.text = text
            self.managerOnly = managerOnly
        }

        /// The message in English.
        public var message: String { MessageRenderer(.en).render(text) }
    }
}
