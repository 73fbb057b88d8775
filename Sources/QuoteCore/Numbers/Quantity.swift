/// An exact quantity of a product in its selling unit, in thousandths (5 000 pieces = 5 000 000).
///
/// Three decimals cover every unit the trade uses (0.5 t of sand, 12.375 m³); pieces are whole.
public struct Quantity: Hashable, Comparable, Sendable {
    public static let scaleFactor: Int64 = 1_000
    /// The largest quantity any request or catalog row may name: a billion units. Far beyond any
    /// real order, and small enough that prices and weights computed from it cannot overflow.
    public static let maximum = Quantity(milli: 1_000_000_000 * scaleFactor)

    public var milli: Int64
    public init(milli: Int64) { self.milli = milli }
    public init(whole: Int64) { self.milli = whole * Quantity.scaleFactor }

    public static let zero = Quantity(milli: 0)

    public static func parse(_ text: Substring, decimalComma: Bool = false) -> Result<Quantity, FixedPoint.ParseFailure> {
        FixedPoint.parse(text, scale: 3, decimalComma: decimalComma).map(Quantity.init(milli:))
    }

    /// "5000", "6.5": trailing zeros dropped.
    public var decimalString: String { FixedPoint.format(milli, scale: 3, trim: true) }

    public var isWhole: Bool { milli % Quantity.scaleFactor == 0 }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.milli < b.milli }

    /// The smallest multiple of `step` that is ≥ `self` (`self` and `step` positive).
    public func roundedUp(toMultipleOf step: Quantity) -> Quantity? {
        guard step.milli > 0 else { return self }
        let (q, r) = milli.quotientAndRemainder(dividingBy: step.milli)
        let n = r == 0 ? q : q + 1
        let (p, o) = n.multipliedReportingOverflow(by: step.milli)
        return o ? nil : Quantity(milli: p)
    }

    /// How many (possibly part-filled) containers of `size` hold `self`: ⌈self / size⌉.
    public func count(of size: Quantity) -> Int64 {
        guard size.milli > 0 else { return 0 }
        let (q, r) = milli.quotientAndRemainder(dividingBy: size.milli)
        return r == 0 ? q : q + 1
    }
}
