import QuoteCore

/// The JSON form of saved quotes, their statuses and filters: what `quote` and `quote-store` say to
/// each other over a pipe, and what `GET /v1/quotes/{id}` answers. The issued response is embedded as
/// JSON, byte for byte as it was issued.
extension SavedQuote {
    /// `{"quoteId":…,"savedAt":…,…,"status":{…}|null,"request":{…},"response":{…},"form":{…}}`.
    /// - Parameter form: include the saved form (which holds costs and margins: never for customers' eyes).
    public func json(summaryOnly: Bool = false, now: Moment? = nil, form includeForm: Bool = true) -> String {
        var w = JSONWriter(capacity: summaryOnly ? 512 : 8192)
        w.beginObject()
        w.string("quoteId", quoteId)
        if let now { w.string("state", state(at: now)) }
        w.string("savedAt", savedAt.description)
        w.string("manager", manager)
        w.beginObject("catalog")
        w.string("name", catalogName)
        w.string("version", catalogVersion)
        w.endObject()
        if let customerId {
            w.beginObject("customer")
            w.string("id", customerId)
            w.string("name", customerName)
            w.endObject()
        } else {
            w.null("customer")
        }
        w.string("city", city)
        w.string("asOf", asOf.description)
        w.string("validUntil", validUntil.description)
        w.string("deliveryDate", deliveryDate.description)
        w.string("currency", currency)
        w.string("gross", gross)
        if let status { status.write("status", &w) } else { w.null("status") }
        if !summaryOnly {
            w.raw("request", request)
            w.raw("response", response)
            if includeForm { w.raw("form", form) }
        }
        w.endObject()
        return w.text
    }

    /// Reads `json(summaryOnly: false)` back; the embedded texts are taken from the input bytes as they are,
    /// so the response stays byte-identical however it is spaced.
    public static func decode(_ bytes: [UInt8]) throws(JSONFields.Failure) -> SavedQuote {
        guard case .success(let value) = JSONParser.parse(bytes) else { throw JSONFields.Failure(path: "", expected: "JSON") }
        let f = try JSONFields(value, path: "")
        let customer = try f.optionalObject("customer")
        let catalog = try f.object("catalog")
        func raw(_ key: String) -> String { RawMember.text(of: key, in: bytes) ?? "" }
        return SavedQuote(
            quoteId: try f.string("quoteId"), savedAt: try f.moment("savedAt"), manager: try f.optionalString("manager"),
            catalogName: try catalog.string("name"), catalogVersion: try catalog.string("version"), customerId: try customer?.string("id"),
            customerName: try customer?.optionalString("name"), city: try f.optionalString("city"), asOf: try f.moment("asOf"),
            validUntil: try f.moment("validUntil"), deliveryDate: try f.date("deliveryDate"), currency: try f.string("currency"),
            gross: try f.string("gross"), request: raw("request"), response: raw("response"), form: raw("form"),
            status: try f.optionalObject("status").map { (s) throws(JSONFields.Failure) in try QuoteStatus.decode(s) })
    }
}

extension QuoteStatus {
    public func write(_ key: String?, _ w: inout JSONWriter) {
        w.beginObject(key)
        w.string("outcome", outcome.rawValue)
        w.string("reason", reason)
        w.string("order", order)
        w.string("manager", manager)
        w.string("at", at.description)
        w.endObject()
    }

    public var json: String {
        var w = JSONWriter(capacity: 256)
        write(nil, &w)
        return w.text
    }

    public static func decode(_ f: JSONFields) throws(JSONFields.Failure) -> QuoteStatus {
        guard let outcome = Outcome(rawValue: try f.string("outcome")) else {
            throw JSONFields.Failure(path: "status.outcome", expected: "accepted, lost or ordered")
        }
        return QuoteStatus(
            outcome: outcome, reason: try f.optionalString("reason"), order: try f.optionalString("order"),
            manager: try f.optionalString("manager"),
            at: try f.moment("at"))
    }
}

extension SavedQuoteFilter {
    public var json: String {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.string("now", now.description)
        w.bool("open", open)
        w.bool("undecided", undecided)
        w.string("customer", customer)
        w.string("manager", manager)
        w.string("since", since?.description)
        w.string("expiringBy", expiringBy?.description)
        w.bool("summaryOnly", summaryOnly)
        w.endObject()
        return w.text
    }

    public static func decode(_ value: JSONValue) throws(JSONFields.Failure) -> SavedQuoteFilter {
        let f = try JSONFields(value, path: "")
        var filter = SavedQuoteFilter(now: try f.moment("now"))
        filter.open = try f.bool("open")
        filter.undecided = try f.bool("undecided")
        filter.customer = try f.optionalString("customer")
        filter.manager = try f.optionalString("manager")
        filter.since = f.value("since") == nil ? nil : try f.moment("since")
        filter.expiringBy = f.value("expiringBy") == nil ? nil : try f.moment("expiringBy")
        filter.summaryOnly = try f.bool("summaryOnly")
        return filter
    }
}

/// The text of one top-level member's value, cut from the JSON bytes themselves (not re-written), so an
/// embedded document keeps its exact bytes.
enum RawMember {
    static func text(of key: String, in bytes: [UInt8]) -> String? {
        let needle = Array("\"\(key)\":".utf8)
        var depth = 0
        var i = 0
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == 0x5C { i += 2; continue }
                if b == 0x22 { inString = false }
                i += 1
                continue
            }
            switch b {
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D: depth -= 1
            case 0x22:
                if depth == 1, bytes.count - i >= needle.count, Array(bytes[i..<i + needle.count]) == needle {
                    return valueText(bytes, from: i + needle.count)
                }
                inString = true
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The JSON value starting at `start` (an object, array, string or scalar), as text.
    static func valueText(_ bytes: [UInt8], from start: Int) -> String? {
        var depth = 0
        var inString = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == 0x5C { i += 2; continue }
                if b == 0x22 {
                    inString = false
                    if depth == 0 { return String(decoding: bytes[start...i], as: UTF8.self) }
                }
                i += 1
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                if depth == 0 { return String(decoding: bytes[start..<i], as: UTF8.self) }
                depth -= 1
                if depth == 0 { return String(decoding: bytes[start...i], as: UTF8.self) }
            case 0x2C where depth == 0: return String(decoding: bytes[start..<i], as: UTF8.self)
            default: break
            }
            i += 1
        }
        return nil
    }
}
