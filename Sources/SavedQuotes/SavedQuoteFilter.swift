import QuoteCore

/// Which saved quotes to list. Every criterion given must hold.
public struct SavedQuoteFilter: Sendable, Equatable {
    /// The moment "open" and "expiring" are judged at.
    public var now: Moment
    /// Undecided and still valid.
    public var open = false
    /// Undecided (valid or not).
    public var undecided = false
    /// The customer's id, or a part of its name (case does not matter).
    public var customer: String?
    /// The manager who issued it, exactly.
    public var manager: String?
    /// Issued (its `asOf`) at or after this moment.
    public var since: Moment?
    /// Still valid at `now` but no longer at this moment.
    public var expiringBy: Moment?
    /// Leave out the request, response and saved form (a listing needs only the summary).
    public var summaryOnly = false

    public init(now: Moment) { self.now = now }

    /// Whether `q` passes every criterion (every store applies this, whatever it could select itself).
    public func matches(_ q: SavedQuote) -> Bool {
        if open && !q.isOpen(at: now) { return false }
        if undecided && q.isDecided { return false }
        if let manager, q.manager != manager { return false }
        if let since, q.asOf < since { return false }
        if let expiringBy, !(q.validUntil > now && q.validUntil <= expiringBy && !q.isDecided) { return false }
        if let customer {
            let wanted = customer.lowercased()
            let id = (q.customerId ?? "").lowercased()
            let name = (q.customerName ?? "").lowercased()
            guard id == wanted || (!wanted.isEmpty && name.contains(wanted)) else { return false }
        }
        return true
    }
}
