/// Choosing where each line comes from: possibly split across sources, consolidated into shipments,
/// each shipment carried by the cheapest trucks, and the combination best for the customer.
///
/// **The option space.** A line may be split across sources at whole pallets (bulk goods: at whole
/// tonnes); the part pallet left over, if any, goes whole to one of the sources. Every part must be
/// a quantity its source can supply (stock, minimum order, order multiple). Lines from the same
/// source on the same kind of truck share one shipment: their pallets and weights add up.
///
/// **The search** (`SourcingSearch+BranchAndBound.swift`) starts from a local search's answer and
/// then is exact branch and bound over the lines, cutting every branch whose lower bound cannot beat
/// the best plan found. Within the budgets below the answer is the optimum of the whole option space,
/// which the brute-force test checks; past them the best found so far is returned, flagged
/// (`SourcingPlan.exhaustive == false`) with a proven lower bound on the optimum (`bound`).
struct SourcingPlan {
    /// For each line, its parts: which offer, how much.
    var allocations: [[Part]]
    var shipments: [PlannedShipment]
    /// Customer's delivery total with VAT (each shipment's VAT rounded on its own).
    var deliveryGross: Int64
    /// Our purchase cost of the goods: the tie-breaker (the company's margin).
    var purchaseCost: Int64
    /// When the last shipment arrives (or is ready for pickup).
    var date: CivilDate
    /// False when a search budget ran out before every option was weighed.
    var exhaustive: Bool
    /// True when choosing the trucks of some shipment hit its search budget (the trucks are the best
    /// found, not proven the cheapest).
    var vehiclesLimited = false
    /// When the search stopped at its budget: a proven lower bound on the delivery cost (with VAT) of
    /// any plan that supplies as many lines, so the plan is within `deliveryGross − bound` of the best.
    var bound: Int64?
    /// True when the solver stopped because this plan was proven within the gap asked of it (a
    /// request past `SourcingSearch.provenLines`), not at a budget: `bound` is that gap's.
    var withinGap = false

    struct Part: Equatable {
        var offer: StockOffer
        var quantity: Quantity

        static func == (a: Part, b: Part) -> Bool { a.offer.source == b.offer.source && a.quantity == b.quantity }
    }

    /// The sources used, in order of first use.
    var sources: [SourceID] {
        var out: [SourceID] = []
        for s in shipments where !out.contains(s.source.id) { out.append(s.source.id) }
        return out
    }
}

/// One shipment of a plan: a source and kind of truck, the lines it carries, its trucks and price.
struct PlannedShipment {
    var source: Source
    var body: VehicleBody
    /// The lines it carries and how much of each.
    var parts: [(line: Int, quantity: Quantity)]
    var readyDate: CivilDate
    var deliveryDate: CivilDate
    var distanceKm: Int64
    var pallets: Int64
    var weightGrams: Int64
    var mix: VehicleMix.Choice?
    /// Delivery price before VAT: trips, plus surcharges.
    var cost: Money
    var surcharges: [(kind: String, amount: Money)]
    var vat: Money
    var vatRate: Rate
}
