import GRDB
import QuoteCore
import SavedQuotes

/// A row of `quote`: one saved quote and its current status. Moments are kept as seconds since the
/// epoch (for range queries) with the offset they were written in (to give them back as they were).
struct QuoteRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "quote"

    var quoteId: String
    var savedAt: Int64
    var savedOffset: Int32
    var manager: String?
    var catalogName: String
    var catalogVersion: String
    var customerId: String?
    var customerName: String?
    var city: String?
    var asOf: Int64
    var asOfOffset: Int32
    var validUntil: Int64
    var validOffset: Int32
    /// Days since 1970-01-01.
    var deliveryDay: Int32
    var currency: String
    var gross: String
    var request: String
    var response: String
    var form: String
    var status: String?
    var statusReason: String?
    var statusOrder: String?
    var statusManager: String?
    var statusAt: Int64?
    var statusOffset: Int32?

    /// The summary columns: a listing reads these, not the texts.
    static var summaryColumns: [any SQLSelectable] {
        [
            Column("quoteId"), Column("savedAt"), Column("savedOffset"), Column("manager"), Column("catalogName"), Column("catalogVersion"),
            Column("customerId"), Column("customerName"), Column("city"), Column("asOf"), Column("asOfOffset"), Column("validUntil"),
            Column("validOffset"), Column("deliveryDay"), Column("currency"), Column("gross"), SQL("'' AS request"), SQL("'' AS response"),
            SQL("'' AS form"), Column("status"), Column("statusReason"), Column("statusOrder"), Column("statusManager"), Column("statusAt"),
            Column("statusOffset"),
        ]
    }

    mutating func setStatus(_ s: QuoteStatus) {
        status = s.outcome.rawValue
        statusReason = s.reason
        statusOrder = s.order
        statusManager = s.manager
        statusAt = s.at.secondsSinceEpoch
        statusOffset = s.at.offsetSeconds
    }

    var savedQuote: SavedQuote {
        var current: QuoteStatus?
        if let status, let outcome = QuoteStatus.Outcome(rawValue: status), let statusAt {
            current = QuoteStatus(
                outcome: outcome, reason: statusReason, order: statusOrder, manager: statusManager,
                at: Moment(secondsSinceEpoch: statusAt, offsetSeconds: statusOffset ?? 0))
        }
        return SavedQuote(
            quoteId: quoteId, savedAt: Moment(secondsSinceEpoch: savedAt, offsetSeconds: savedOffset), manager: manager,
            catalogName: catalogName,
            catalogVersion: catalogVersion, customerId: customerId, customerName: customerName, city: city,
            asOf: Moment(secondsSinceEpoch: asOf, offsetSeconds: asOfOffset),
            validUntil: Moment(secondsSinceEpoch: validUntil, offsetSeconds: validOffset),
            deliveryDate: CivilDate(day: deliveryDay), currency: currency, gross: gross, request: request, response: response, form: form,
            status: current)
    }
}

/// A row of `quoteEvent`: every status ever recorded, oldest first (the last is the quote's current one).
struct QuoteEventRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "quoteEvent"

    var id: Int64?
    var quoteId: String
    var outcome: String
    var reason: String?
    var orderNumber: String?
    var manager: String?
    var at: Int64
    var atOffset: Int32

    init(quoteId: String, _ s: QuoteStatus) {
        self.quoteId = quoteId
        outcome = s.outcome.rawValue
        reason = s.reason
        orderNumber = s.order
        manager = s.manager
        at = s.at.secondsSinceEpoch
        atOffset = s.at.offsetSeconds
    }
}

extension StoredValue {
    /// The value as GRDB binds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .int(let n): return n.databaseValue
        case .text(let s): return s.databaseValue
        case .null: return .null
        }
    }
}
