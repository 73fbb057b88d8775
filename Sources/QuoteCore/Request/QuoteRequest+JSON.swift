/// Reading requests sent as JSON (`quote --json`, `quote --jsonl`):
/// `{"items":[{"product":"brick","quantity":"5000","unit":"pcs"}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00",
///   "strategy":"cheapest","pickup":false,"customer":null,"by":null}`.
///
/// Strict on purpose: an unknown field is an error (a typo like `"qty"` must not quote zero), every
/// type is checked, and each error names the field's path (`items[2].quantity`).
public struct JSONRequest: Sendable {
    public var request: QuoteRequest
    /// The request's own `id`, echoed in the response.
    public var id: JSONValue?
    public var explain: Bool
    /// Show costs and margins (for the company's own systems only).
    public var includeInternal: Bool
    /// Keep the issued quote (`"save": true`), by the manager named (`"manager"`), for `quote show` and 1C.
    public var save = false
    public var manager: String?

    public static let fields = [
        "id", "items", "city", "asOf", "strategy", "pickup", "customer", "by", "explain", "discount", "internal", "crane", "save", "manager",
    ]
    public static let itemFields = ["product", "quantity", "unit", "wall"]
    public static let wallFields = ["area", "thickness", "openings", "joint", "waste"]

    /// Parses and decodes one request.
    /// - Parameters:
    ///   - now: the moment used when the request has no `asOf`.
    ///   - offsetSeconds: the catalog's UTC offset, for moments written without one.
    ///
    /// A leading UTF-8 byte-order mark (which 1C and Windows tools write by default) is skipped.
    public static func decode(_ bytes: [UInt8], now: Moment, offsetSeconds: Int32) -> Result<JSONRequest, RequestFailure> {
        if hasByteOrderMark(bytes) { return decode(Array(bytes.dropFirst(3)), now: now, offsetSeconds: offsetSeconds) }
        let value: JSONValue
        switch JSONParser.parse(bytes) {
        case .success(let v): value = v
        case .failure(let f):
            let what = bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) ? "The request is empty" : "The request is not valid JSON"
            return .failure(RequestFailure(error: QuoteError(.invalidJSON, "\(what): \(f.message) (at byte \(f.offset)). Send one JSON object per request."), id: nil))
        }
        return decode(value: value, now: now, offsetSeconds: offsetSeconds)
    }

    static func decode(_ value: JSONValue, now: Moment, offsetSeconds: Int32) throws(QuoteError) -> JSONRequest {
        guard case .object(let members) = value else {
            throw QuoteError(.invalidType, "The request must be a JSON object, not \(value.typeName).", field: "")
        }
        try checkFields(members, allowed: fields, path: "")
        func member(_ key: String) -> JSONValue? {
            guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
            return v
        }

        guard let itemsValue = member("items") else {
            throw QuoteError(.missingField, "The request has no items: send \"items\":[{\"product\":\"brick\",\"quantity\":\"5000\"}].", field: "items")
        }
        guard case .array(let itemValues) = itemsValue else {
            throw QuoteError(.invalidType, "items must be an array, not \(itemsValue.typeName).", field: "items")
        }
        guard !itemValues.isEmpty else {
            throw QuoteError(.emptyRequest, "items is empty: give at least one product and quantity.", field: "items")
        }
        guard itemValues.count <= maximumItems else {
            throw QuoteError(.requestTooLarge, "A request may have at most \(maximumItems) items (this one has \(itemValues.count)).", field: "items")
        }
        var items: [QuoteRequest.Item] = []
        for (index, itemValue) in itemValues.enumerated() {
            items.append(try item(itemValue, path: "items[\(index)]"))
        }

        let city = try string(member("city"), field: "city")
        // "pickup": true (the nearest source that allows it) or a source's id or name.
        var pickup = false
        var pickupSource: String?
        if case .string(let source)? = member("pickup") {
            pickup = true
            pickupSource = source
        } else {
            pickup = try bool(member("pickup"), field: "pickup") ?? false
        }
        let explain = try bool(member("explain"), field: "explain") ?? false
        let customer = try string(member("customer"), field: "customer")
        let includeInternal = try bool(member("internal"), field: "internal") ?? false
        let crane = try bool(member("crane"), field: "crane") ?? false
        var discount: Rate?
        if let value = member("discount") {
            let text: String
            switch value {
            case .string(let s): text = s
            case .number(let n): text = n
            default: throw QuoteError(.invalidType, "discount must be a percentage as a decimal string such as \"3\", not \(value.typeName).", field: "discount")
            }
            guard case .success(let bp) = FixedPoint.parse(Substring(text), scale: 2), (0...10_000).contains(bp) else {
                throw QuoteError(.invalidQuantity, "discount \u{201C}\(text)\u{201D} is not a percentage from 0 to 100.", field: "discount")
            }
            discount = Rate(basisPoints: Int32(bp))
        }

        var strategy = Strategy.cheapest
        if let text = try string(member("strategy"), field: "strategy") {
            guard let s = Strategy(rawValue: text) else {
                throw QuoteError(.invalidStrategy, "Unknown strategy \u{201C}\(text)\u{201D}.", field: "strategy", candidates: Strategy.allCases.map(\.rawValue))
            }
            strategy = s
        }
        var by: CivilDate?
        if let text = try string(member("by"), field: "by") {
            guard let d = CivilDate.parse(Substring(text)) else {
                throw QuoteError(.invalidDate, "by \u{201C}\(text)\u{201D} is not a date: write YYYY-MM-DD.", field: "by")
            }
            by = d
        }
        var asOf = now
        if let text = try string(member("asOf"), field: "asOf") {
            guard let m = Moment.parse(Substring(text), defaultOffset: offsetSeconds) else {
                throw QuoteError(.invalidDate, "asOf \u{201C}\(text)\u{201D} is not a moment: write ISO-8601, e.g. 2026-12-01T10:00:00+03:00.", field: "asOf")
            }
            asOf = m
        }
        var request = QuoteRequest(items: items, city: city, pickup: pickup, strategy: strategy, customer: customer, by: by, asOf: asOf, discount: discount)
        request.crane = crane
        request.pickupSource = pickupSource
        var decoded = JSONRequest(
            request: request,
            id: members.first { $0.key == "id" }?.value, explain: explain, includeInternal: includeInternal)
        decoded.save = try bool(member("save"), field: "save") ?? false
        decoded.manager = try string(member("manager"), field: "manager")
        return decoded
    }

    /// The most lines one request may have.
    public static let maximumItems = 200

    static func item(_ value: JSONValue, path: String) throws(QuoteError) -> QuoteRequest.Item {
        guard case .object(let members) = value else {
            throw QuoteError(.invalidType, "\(path) must be an object like {\"product\":\"brick\",\"quantity\":\"5000\"}, not \(value.typeName).", field: path)
        }
        try checkFields(members, allowed: itemFields, path: path + ".")
        func member(_ key: String) -> JSONValue? {
            guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
            return v
        }
        guard let product = try string(member("product"), field: path + ".product") else {
            throw QuoteError(.missingField, "\(path) has no product: name a SKU or a product such as \"brick\".", field: path + ".product")
        }
        let unit = try string(member("unit"), field: path + ".unit")
        if let wallValue = member("wall") {
            if member("quantity") != nil {
                throw QuoteError(.invalidRequest, "\(path) gives both a quantity and a wall: give one.", field: path + ".wall")
            }
            return QuoteRequest.Item(product: product, wall: try wall(wallValue, path: path + ".wall"))
        }
        let quantityText: String
        switch member("quantity") {
        case .string(let s)?: quantityText = s
        case .number(let n)?:
            guard !n.contains(where: { $0 == "e" || $0 == "E" }) else {
                throw QuoteError(.invalidQuantity, "\(path).quantity \(n) is in exponent form: write the decimal, e.g. \"5000\".", field: path + ".quantity")
            }
            quantityText = n
        case nil:
            throw QuoteError(.missingField, "\(path) has no quantity: give it as a decimal string, e.g. \"5000\".", field: path + ".quantity")
        case let other?:
            throw QuoteError(.invalidType, "\(path).quantity must be a decimal string such as \"5000\", not \(other.typeName).", field: path + ".quantity")
        }
        var item = try QuoteRequest.Item(product: product, typed: quantityText, field: path + ".quantity")
        if item.unit != nil && unit != nil {
            throw QuoteError(.invalidQuantity, "\(path) gives its unit twice: put it in \"unit\" only.", field: path + ".quantity")
        }
        item.unit = unit ?? item.unit
        return item
    }

    static func wall(_ value: JSONValue, path: String) throws(QuoteError) -> Wall {
        guard case .object(let members) = value else {
            throw QuoteError(.invalidType, "\(path) must be an object like {\"area\":\"100\",\"thickness\":\"1.5\"}, not \(value.typeName).", field: path)
        }
        try checkFields(members, allowed: wallFields, path: path + ".")
        func decimal(_ key: String) throws(QuoteError) -> Quantity? {
            guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
            let text: String
            switch v {
            case .string(let s): text = s
            case .number(let n): text = n
            default: throw QuoteError(.invalidType, "\(path).\(key) must be a decimal string such as \"1.5\", not \(v.typeName).", field: path + "." + key)
            }
            guard case .success(let q) = Quantity.parse(Substring(text)), q.milli >= 0 else {
                throw QuoteError(.invalidQuantity, "\(path).\(key) \u{201C}\(text)\u{201D} is not a non-negative decimal with at most 3 decimals.", field: path + "." + key)
            }
            return q
        }
        guard let area = try decimal("area") else {
            throw QuoteError(.missingField, "\(path) has no area: give it in m², e.g. \"area\":\"100\".", field: path + ".area")
        }
        var joint: Int?
        if let j = try decimal("joint") {
            guard j.isWhole else { throw QuoteError(.invalidQuantity, "\(path).joint is whole millimetres.", field: path + ".joint") }
            joint = Int(j.milli / Quantity.scaleFactor)
        }
        return Wall(area: area, thickness: try decimal("thickness"), openings: try decimal("openings") ?? .zero, jointMM: joint, waste: try decimal("waste") ?? .zero)
    }

    static func checkFields(_ members: [(key: String, value: JSONValue)], allowed: [String], path: String) throws(QuoteError) {
        for m in members where !allowed.contains(m.key) {
            // Common names other systems use for the same thing, then look-alikes.
            let synonyms = ["qty": "quantity", "amount": "quantity", "count": "quantity", "sku": "product", "name": "product",
                            "as_of": "asOf", "asof": "asOf", "date": "asOf", "town": "city", "lines": "items"]
            var close = NameKey.suggestions(for: m.key, among: allowed, limit: 3)
            if let s = synonyms[m.key.lowercased()], allowed.contains(s), !close.contains(s) { close.insert(s, at: 0) }
            throw QuoteError(
                .unknownField, "Unknown field \u{201C}\(path)\(m.key)\u{201D}: it is not part of a request\(close.isEmpty ? "" : " (did you mean \(close.joined(separator: " or "))?)").",
                field: path + m.key, candidates: close.isEmpty ? allowed : close)
        }
    }

    static func string(_ value: JSONValue?, field: String) throws(QuoteError) -> String? {
        switch value {
        case nil: return nil
        case .string(let s)?: return s
        case let other?: throw QuoteError(.invalidType, "\(field) must be a string, not \(other.typeName).", field: field)
        }
    }

    static func bool(_ value: JSONValue?, field: String) throws(QuoteError) -> Bool? {
        switch value {
        case nil: return nil
        case .bool(let b)?: return b
        case let other?: throw QuoteError(.invalidType, "\(field) must be true or false, not \(other.typeName).", field: field)
        }
    }
}

/// A request that could not be decoded, with its `id` if it had one (to echo in the error).
public struct RequestFailure: Error, Sendable {
    public var error: QuoteError
    public var id: JSONValue?
}
