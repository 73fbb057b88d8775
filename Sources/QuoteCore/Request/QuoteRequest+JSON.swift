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
    /// The language of the response's messages (`"lang":"ru"|"en"`; English when absent).
    public var language: Language = .en
    /// Keep the issued quote (`"save": true`), by the manager named (`"manager"`), for `quote show` and 1C.
    public var save = false
    public var manager: String?

    public static let fields = [
        "id", "items", "city", "asOf", "strategy", "pickup", "customer", "by", "explain", "discount", "internal", "crane", "lang", "save",
        "manager",
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
            let blank = bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A })
            let text = Message(blank ? "json.empty" : "json.invalid", .verbatim(f.message), .integer(Int64(f.offset)))
            return .failure(RequestFailure(error: QuoteError(.invalidJSON, text), id: nil))
        }
        return decode(value: value, now: now, offsetSeconds: offsetSeconds)
    }

    static func decode(_ value: JSONValue, now: Moment, offsetSeconds: Int32) throws(QuoteError) -> JSONRequest {
        guard case .object(let members) = value else {
            throw QuoteError(.invalidType, Message("json.not_object", .verbatim(value.typeName)), field: "")
        }
        try checkFields(members, allowed: fields, path: "")
        func member(_ key: String) -> JSONValue? {
            guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
            return v
        }
        // Each member in the order its mistakes are reported.
        let items = try decodeItems(member("items"))
        let city = try string(member("city"), field: "city")
        let (pickup, pickupSource) = try decodePickup(member("pickup"))
        let explain = try bool(member("explain"), field: "explain") ?? false
        let customer = try string(member("customer"), field: "customer")
        let includeInternal = try bool(member("internal"), field: "internal") ?? false
        let crane = try bool(member("crane"), field: "crane") ?? false
        let discount = try decodeDiscount(member("discount"))
        let strategy = try decodeStrategy(member("strategy"))
        let by = try decodeDate(member("by"), field: "by")
        let asOf = try decodeMoment(member("asOf"), field: "asOf", now: now, offsetSeconds: offsetSeconds)
        let language = try decodeLanguage(member("lang"))
        var request = QuoteRequest(
            items: items, city: city, pickup: pickup, strategy: strategy, customer: customer, by: by, asOf: asOf, discount: discount)
        request.crane = crane
        request.pickupSource = pickupSource
        var decoded = JSONRequest(
            request: request,
            id: members.first { $0.key == "id" }?.value, explain: explain, includeInternal: includeInternal)
        decoded.language = language
        decoded.save = try bool(member("save"), field: "save") ?? false
        decoded.manager = try string(member("manager"), field: "manager")
        return decoded
    }

    /// `items`: a non-empty array of at most `maximumItems` lines.
    static func decodeItems(_ itemsValue: JSONValue?) throws(QuoteError) -> [QuoteRequest.Item] {
        guard let itemsValue else {
            throw QuoteError(.missingField, Message("json.no_items"), field: "items")
        }
        guard case .array(let itemValues) = itemsValue else {
            throw QuoteError(.invalidType, Message("json.not_array", .verbatim("items"), .verbatim(itemsValue.typeName)), field: "items")
        }
        guard !itemValues.isEmpty else {
            throw QuoteError(.emptyRequest, Message("json.items_empty"), field: "items")
        }
        guard itemValues.count <= maximumItems else {
            throw QuoteError(
                .requestTooLarge, Message("json.too_many_items", .integer(Int64(maximumItems)), .integer(Int64(itemValues.count))),
                field: "items")
        }
        var items: [QuoteRequest.Item] = []
        for (index, itemValue) in itemValues.enumerated() {
            items.append(try item(itemValue, path: "items[\(index)]"))
        }
        return items
    }

    /// `"pickup": true` (the nearest source that allows it) or a source's id or name.
    static func decodePickup(_ value: JSONValue?) throws(QuoteError) -> (pickup: Bool, source: String?) {
        if case .string(let source)? = value { return (true, source) }
        return (try bool(value, field: "pickup") ?? false, nil)
    }

    /// `discount`: a percentage 0–100 with up to two decimals, as a string or a number.
    static func decodeDiscount(_ value: JSONValue?) throws(QuoteError) -> Rate? {
        guard let value else { return nil }
        let text: String
        switch value {
        case .string(let s): text = s
        case .number(let n): text = n
        default: throw QuoteError(.invalidType, Message("json.discount_type", .verbatim(value.typeName)), field: "discount")
        }
        guard case .success(let bp) = FixedPoint.parse(Substring(text), scale: 2), (0...10_000).contains(bp) else {
            throw QuoteError(.invalidQuantity, Message("discount.not_percentage", .verbatim("discount"), .text(text)), field: "discount")
        }
        return Rate(basisPoints: Int32(bp))
    }

    static func decodeStrategy(_ value: JSONValue?) throws(QuoteError) -> Strategy {
        guard let text = try string(value, field: "strategy") else { return .cheapest }
        guard let s = Strategy(rawValue: text) else {
            throw QuoteError(
                .invalidStrategy, Message("strategy.unknown", .text(text)), field: "strategy", candidates: Strategy.allCases.map(\.rawValue)
            )
        }
        return s
    }

    static func decodeDate(_ value: JSONValue?, field: String) throws(QuoteError) -> CivilDate? {
        guard let text = try string(value, field: field) else { return nil }
        guard let d = CivilDate.parse(Substring(text)) else {
            throw QuoteError(.invalidDate, Message("date.not_a_date", .verbatim(field), .text(text)), field: field)
        }
        return d
    }

    /// A moment in ISO-8601; without an offset, the catalog's. Absent: `now`.
    static func decodeMoment(_ value: JSONValue?, field: String, now: Moment, offsetSeconds: Int32) throws(QuoteError) -> Moment {
        guard let text = try string(value, field: field) else { return now }
        guard let m = Moment.parse(Substring(text), defaultOffset: offsetSeconds) else {
            throw QuoteError(.invalidDate, Message("moment.invalid", .verbatim(field), .text(text)), field: field)
        }
        return m
    }

    static func decodeLanguage(_ value: JSONValue?) throws(QuoteError) -> Language {
        guard let code = try string(value, field: "lang") else { return .en }
        guard let l = Language(rawValue: code) else {
            throw QuoteError(
                .invalidRequest, Message("language.unknown", .text(code)), field: "lang", candidates: Language.allCases.map(\.rawValue))
        }
        return l
    }

    /// The most lines one request may have.
    public static let maximumItems = 200

    static func item(_ value: JSONValue, path: String) throws(QuoteError) -> QuoteRequest.Item {
        guard case .object(let members) = value else {
            throw QuoteError(.invalidType, Message("json.item_not_object", .verbatim(path), .verbatim(value.typeName)), field: path)
        }
        try checkFields(members, allowed: itemFields, path: path + ".")
        func member(_ key: String) -> JSONValue? {
            guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
            return v
        }
        guard let product = try string(member("product"), field: path + ".product") else {
            throw QuoteError(.missingField, Message("json.item_no_product", .verbatim(path)), field: path + ".product")
        }
        let unit = try string(member("unit"), field: path + ".unit")
        if let wallValue = member("wall") {
            if member("quantity") != nil {
                throw QuoteError(.invalidRequest, Message("json.quantity_and_wall", .verbatim(path)), field: path + ".wall")
            }
            return QuoteRequest.Item(product: product, wall: try wall(wallValue, path: path + ".wall"))
        }
        let quantityText: String
        switch member("quantity") {
        case .string(let s)?: quantityText = s
        case .number(let n)?:
            guard !n.contains(where: { $0 == "e" || $0 == "E" }) else {
                throw QuoteError(
                    .invalidQuantity, Message("json.exponent", .verbatim(path + ".quantity"), .text(n)), field: path + ".quantity")
            }
            quantityText = n
        case nil:
            throw QuoteError(.missingField, Message("json.no_quantity", .verbatim(path)), field: path + ".quantity")
        case let other?:
            throw QuoteError(
                .invalidType, Message("json.quantity_type", .verbatim(path + ".quantity"), .verbatim(other.typeName)),
                field: path + ".quantity")
        }
        var item = try QuoteRequest.Item(product: product, typed: quantityText, field: path + ".quantity")
        if item.unit != nil && unit != nil {
            throw QuoteError(.invalidQuantity, Message("json.unit_twice", .verbatim(path)), field: path + ".quantity")
        }
        item.unit = unit ?? item.unit
        return item
    }

    static func wall(_ value: JSONValue, path: String) throws(QuoteError) -> Wall {
        guard case .object(let members) = value else {
            throw QuoteError(.invalidType, Message("json.wall_not_object", .verbatim(path), .verbatim(value.typeName)), field: path)
        }
        try checkFields(members, allowed: wallFields, path: path + ".")
        func decimal(_ key: String) throws(QuoteError) -> Quantity? {
            guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
            let text: String
            switch v {
            case .string(let s): text = s
            case .number(let n): text = n
            default:
                throw QuoteError(
                    .invalidType, Message("json.decimal_type", .verbatim(path + "." + key), .verbatim(v.typeName)), field: path + "." + key)
            }
            guard case .success(let q) = Quantity.parse(Substring(text)), q.milli >= 0 else {
                throw QuoteError(
                    .invalidQuantity, Message("json.decimal_invalid", .verbatim(path + "." + key), .text(text)), field: path + "." + key)
            }
            return q
        }
        guard let area = try decimal("area") else {
            throw QuoteError(.missingField, Message("json.wall_no_area", .verbatim(path)), field: path + ".area")
        }
        var joint: Int?
        if let j = try decimal("joint") {
            guard j.isWhole else {
                throw QuoteError(.invalidQuantity, Message("json.joint_whole", .verbatim(path + ".joint")), field: path + ".joint")
            }
            joint = Int(j.milli / Quantity.scaleFactor)
        }
        return Wall(
            area: area, thickness: try decimal("thickness"), openings: try decimal("openings") ?? .zero, jointMM: joint,
            waste: try decimal("waste") ?? .zero)
    }

    static func checkFields(_ members: [(key: String, value: JSONValue)], allowed: [String], path: String) throws(QuoteError) {
        for m in members where !allowed.contains(m.key) {
            // Common names other systems use for the same thing, then look-alikes.
            let synonyms = [
                "qty": "quantity", "amount": "quantity", "count": "quantity", "sku": "product", "name": "product",
                "as_of": "asOf", "asof": "asOf", "date": "asOf", "town": "city", "lines": "items",
            ]
            var close = NameKey.suggestions(for: m.key, among: allowed, limit: 3)
            if let s = synonyms[m.key.lowercased()], allowed.contains(s), !close.contains(s) { close.insert(s, at: 0) }
            throw QuoteError(
                .unknownField,
                close.isEmpty
                    ? Message("json.unknown_field", .text(path + m.key))
                    : Message("json.unknown_field_suggest", .text(path + m.key), .orList(close)),
                field: path + m.key, candidates: close.isEmpty ? allowed : close)
        }
    }

    static func string(_ value: JSONValue?, field: String) throws(QuoteError) -> String? {
        switch value {
        case nil: return nil
        case .string(let s)?: return s
        case let other?:
            throw QuoteError(.invalidType, Message("json.not_string", .verbatim(field), .verbatim(other.typeName)), field: field)
        }
    }

    static func bool(_ value: JSONValue?, field: String) throws(QuoteError) -> Bool? {
        switch value {
        case nil: return nil
        case .bool(let b)?: return b
        case let other?: throw QuoteError(.invalidType, Message("json.not_bool", .verbatim(field), .verbatim(other.typeName)), field: field)
        }
    }
}

/// A request that could not be decoded, with its `id` if it had one (to echo in the error).
public struct RequestFailure: Error, Sendable {
    public var error: QuoteError
    public var id: JSONValue?
    /// The language the request asked for, when it could be read (English otherwise).
    public var language: Language = .en

    public init(error: QuoteError, id: JSONValue?, language: Language = .en) {
        self.error = error
        self.id = id
        self.language = language
    }
}
