import QuoteCore

/// An issued quote as it was kept: the request, the response exactly as issued, the form it is shown
/// again from, who issued it, against which catalog, when, and what became of it.
public struct SavedQuote: Sendable, Equatable {
    public var quoteId: String
    /// When it was saved (the issuing front end's clock, in the catalog's offset).
    public var savedAt: Moment
    /// Who issued it (`--manager`, `QUOTE_MANAGER`, a request's `"manager"`); nil: not said.
    public var manager: String?
    public var catalogName: String
    public var catalogVersion: String
    public var customerId: String?
    public var customerName: String?
    public var city: String?
    public var asOf: Moment
    public var validUntil: Moment
    public var deliveryDate: CivilDate
    public var currency: String
    /// The total with VAT, as the response states it ("119749.12").
    public var gross: String
    /// The request as JSON (`QuoteRequest.json`), for `quote requote`.
    public var request: String
    /// The response exactly as it was issued, byte for byte (without a line end).
    public var response: String
    /// `Quote.savedForm()`: what `quote show` renders the table (and every other format) from.
    public var form: String
    /// The outcome recorded last (nil: none yet).
    public var status: QuoteStatus?

    public init(
        quoteId: String, savedAt: Moment, manager: String?, catalogName: String, catalogVersion: String, customerId: String?,
        customerName: String?, city: String?, asOf: Moment, validUntil: Moment, deliveryDate: CivilDate, currency: String, gross: String,
        request: String, response: String, form: String, status: QuoteStatus? = nil
    ) {
        self.quoteId = quoteId
        self.savedAt = savedAt
        self.manager = manager
        self.catalogName = catalogName
        self.catalogVersion = catalogVersion
        self.customerId = customerId
        self.customerName = customerName
        self.city = city
        self.asOf = asOf
        self.validUntil = validUntil
        self.deliveryDate = deliveryDate
        self.currency = currency
        self.gross = gross
        self.request = request
        self.response = response
        self.form = form
        self.status = status
    }

    /// What is kept of `quote`, issued as `response` for `request`.
    /// - Parameters:
    ///   - request: the request as JSON (`QuoteRequest.json`).
    ///   - response: the response text as it was printed or sent (without a line end).
    public init(issuing quote: Quote, request: String, response: String, catalogVersion: String, manager: String?, savedAt: Moment) {
        self.init(
            quoteId: quote.quoteId, savedAt: savedAt, manager: manager, catalogName: quote.catalogName, catalogVersion: catalogVersion,
            customerId: quote.customer?.id.rawValue, customerName: quote.customer?.name, city: quote.city?.name, asOf: quote.asOf,
            validUntil: quote.validUntil, deliveryDate: quote.deliveryDate, currency: quote.currency,
            gross: quote.totals.gross.decimalString,
            request: request, response: response, form: quote.savedForm())
    }

    /// Whether the response as issued holds internal data (costs and margins: `"internal": true`). Keys in the
    /// response are the writer's own, and a quote mark inside a string is escaped, so the key is found only as a key.
    public var responseIsInternal: Bool { response.contains("\"marginPercent\":") }

    /// Decided (accepted, lost or ordered) or not yet.
    public var isDecided: Bool { status != nil }

    /// Undecided and still valid at `now`.
    public func isOpen(at now: Moment) -> Bool { status == nil && validUntil > now }

    /// `open`, `expired`, or the outcome recorded.
    public func state(at now: Moment) -> String {
        if let status { return status.outcome.rawValue }
        return validUntil > now ? "open" : "expired"
    }
}

/// What became of a quote, as a manager or 1C recorded it.
public struct QuoteStatus: Sendable, Equatable {
    public enum Outcome: String, Sendable, CaseIterable {
        case accepted, lost, ordered
    }

    public var outcome: Outcome
    /// Why (a lost quote's reason, say).
    public var reason: String?
    /// The order's number in 1C, for `ordered`.
    public var order: String?
    public var manager: String?
    public var at: Moment

    public init(outcome: Outcome, reason: String? = nil, order: String? = nil, manager: String? = nil, at: Moment) {
        self.outcome = outcome
        self.reason = reason
        self.order = order
        self.manager = manager
        self.at = at
    }
}
