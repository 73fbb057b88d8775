/// Typed reading of a JSON object's members, for decoding what this program wrote itself (a saved
/// quote): a missing or mistyped member is a `JSONFields.Failure` naming its path, never a trap.
public struct JSONFields {
    public struct Failure: Error, Sendable, Equatable {
        /// The member's path (`quote.lines[2].net`).
        public var path: String
        public var expected: String

        public init(path: String, expected: String) {
            self.path = path
            self.expected = expected
        }
    }

    let members: [(key: String, value: JSONValue)]
    let path: String

    public init(_ value: JSONValue, path: String) throws(Failure) {
        guard case .object(let m) = value else { throw Failure(path: path, expected: "an object") }
        members = m
        self.path = path
    }

    func sub(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The member's value, nil when it is absent or null.
    public func value(_ key: String) -> JSONValue? {
        guard let v = members.first(where: { $0.key == key })?.value, v != .null else { return nil }
        return v
    }

    public func optionalString(_ key: String) throws(Failure) -> String? {
        switch value(key) {
        case nil: return nil
        case .string(let s)?: return s
        default: throw Failure(path: sub(key), expected: "a string")
        }
    }

    public func string(_ key: String) throws(Failure) -> String {
        guard let s = try optionalString(key) else { throw Failure(path: sub(key), expected: "a string") }
        return s
    }

    public func int(_ key: String) throws(Failure) -> Int64 {
        guard case .number(let n)? = value(key), let i = Int64(n) else { throw Failure(path: sub(key), expected: "a whole number") }
        return i
    }

    public func bool(_ key: String) throws(Failure) -> Bool {
        guard case .bool(let b)? = value(key) else { throw Failure(path: sub(key), expected: "true or false") }
        return b
    }

    public func object(_ key: String) throws(Failure) -> JSONFields {
        try JSONFields(value(key) ?? .null, path: sub(key))
    }

    public func optionalObject(_ key: String) throws(Failure) -> JSONFields? {
        guard let v = value(key) else { return nil }
        return try JSONFields(v, path: sub(key))
    }

    /// The elements of an array member (an absent member is an empty array).
    public func array(_ key: String) throws(Failure) -> [JSONValue] {
        switch value(key) {
        case nil: return []
        case .array(let a)?: return a
        default: throw Failure(path: sub(key), expected: "an array")
        }
    }

    public func objects(_ key: String) throws(Failure) -> [JSONFields] {
        var out: [JSONFields] = []
        for (i, v) in try array(key).enumerated() { out.append(try JSONFields(v, path: "\(sub(key))[\(i)]")) }
        return out
    }

    public func strings(_ key: String) throws(Failure) -> [String] {
        var out: [String] = []
        for v in try array(key) {
            guard case .string(let s) = v else { throw Failure(path: sub(key), expected: "an array of strings") }
            out.append(s)
        }
        return out
    }

    // Numbers as this program writes them: decimal strings.

    public func money(_ key: String) throws(Failure) -> Money {
        guard case .success(let m) = Money.parse(Substring(try string(key))) else { throw Failure(path: sub(key), expected: "an amount") }
        return m
    }

    public func optionalMoney(_ key: String) throws(Failure) -> Money? {
        guard value(key) != nil else { return nil }
        return try money(key)
    }

    public func quantity(_ key: String) throws(Failure) -> Quantity {
        guard case .success(let q) = Quantity.parse(Substring(try string(key))) else {
            throw Failure(path: sub(key), expected: "a quantity")
        }
        return q
    }

    public func rate(_ key: String) throws(Failure) -> Rate {
        guard case .success(let bp) = FixedPoint.parse(Substring(try string(key)), scale: 2), let r = Int32(exactly: bp) else {
            throw Failure(path: sub(key), expected: "a percentage")
        }
        return Rate(basisPoints: r)
    }

    /// Kilograms written as a decimal ("18144", "12.5"), as grams.
    public func grams(_ key: String) throws(Failure) -> Int64 { try quantity(key).milli }

    public func date(_ key: String) throws(Failure) -> CivilDate {
        guard let d = try optionalDate(key) else { throw Failure(path: sub(key), expected: "a date") }
        return d
    }

    public func optionalDate(_ key: String) throws(Failure) -> CivilDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let d = CivilDate.parse(Substring(text)) else { throw Failure(path: sub(key), expected: "a date (YYYY-MM-DD)") }
        return d
    }

    public func moment(_ key: String) throws(Failure) -> Moment {
        guard let m = Moment.parse(Substring(try string(key)), defaultOffset: 0) else {
            throw Failure(path: sub(key), expected: "an ISO-8601 moment")
        }
        return m
    }

    /// A unit price as `Quote.json` writes it: `unitPrice`, with `pricePer` and the stated text for a price
    /// per 10, 100 or 1 000 units.
    public func unitPrice(_ key: String, stated statedKey: String) throws(Failure) -> UnitPrice {
        var per: Int64 = 1
        var text = try string(key)
        if let perText = try optionalString("pricePer") {
            guard let p = Int64(perText), UnitPrice.allowedPer.contains(p) else {
                throw Failure(path: sub("pricePer"), expected: "1, 10, 100 or 1000")
            }
            per = p
            text = try string(statedKey)
        }
        guard case .success(let units) = FixedPoint.parse(Substring(text), scale: UnitPrice.scale) else {
            throw Failure(path: sub(key), expected: "a price")
        }
        let decimals = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        return UnitPrice(units: units, per: per, decimals: decimals)
    }
}
