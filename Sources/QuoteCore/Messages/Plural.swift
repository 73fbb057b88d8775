/// Russian plurals: the noun after a number takes one of three forms — 1 поддон, 2 поддона, 5 поддонов —
/// chosen by the number's last two digits (11–14 take the many form: 11 поддонов, 21 поддон, 22 поддона).
/// A fraction takes the few form (1,5 поддона).
public enum Plural {
    public enum Category: Sendable, Equatable {
        case one, few, many
    }

    public struct Forms: Sendable, Equatable {
        public var one, few, many: String
        public init(_ one: String, _ few: String, _ many: String) {
            self.one = one
            self.few = few
            self.many = many
        }

        public func form(for n: Int64) -> String {
            switch Plural.category(n) {
            case .one: return one
            case .few: return few
            case .many: return many
            }
        }
    }

    /// The Russian category of the whole number `n` (its sign ignored).
    public static func category(_ n: Int64) -> Category {
        let m = n.magnitude
        let lastTwo = m % 100
        let last = m % 10
        if (11...14).contains(lastTwo) { return .many }
        if last == 1 { return .one }
        if (2...4).contains(last) { return .few }
        return .many
    }

    /// The category of a quantity: whole numbers by their digits, fractions always few.
    public static func category(_ q: Quantity) -> Category {
        q.isWhole ? category(q.milli / Quantity.scaleFactor) : .few
    }
}
