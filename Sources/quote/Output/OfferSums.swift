import QuoteCore

/// The parts of an offer's net total as every format prints them: goods, delivery, pallet deposits.
struct OfferSums {
    var goods: Money
    var delivery: Money
    var deposits: Money

    init(_ q: Quote) {
        goods = Money(kopecks: q.lines.filter { $0.kind == .goods }.reduce(Int64(0)) { $0 + $1.net.kopecks })
        deposits = Money(kopecks: q.lines.filter { $0.kind == .deposit }.reduce(Int64(0)) { $0 + $1.net.kopecks })
        delivery = Money(kopecks: q.shipments.reduce(Int64(0)) { $0 + $1.cost.kopecks })
    }
}
