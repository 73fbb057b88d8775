/// An exact amount of money in minor units (kopecks for RUB).
///
/// Arithmetic is checked: an amount that would not fit is reported, never wrapped or trapped.
public struct Money: Hashable, Comparable, Sendable {
    /// Minor units: 1 RUB = 100.
    public var kopecks: Int64

    public init(kopecks: Int64) { self.kopecks = kopecks }

    public static let zero = Money(kopecks: 0)

    /// Parses "92500.00", "17.5" or "18".
    public static func parse(_ text: Substring, decimalComma: Bool = false) -> Result<Money, FixedPoint.ParseFailure> {
        FixedPoint.parse(text, scale: 2, decimalComma: decimalComma).map(Money.init(kopecks:))
    }

    /// "92500.00": the form JSON and catalogs use.
    public var decimalString: String { FixedPoint.format(kopecks, scale: 2) }

    public static func < (a: Money, b: Money) -> Bool { a.kopecks < b.kopecks }

    /// `self + other`, or nil if the sum does not fit.
    public func adding(_ other: Money) -> Money? {
        let (s, o) = kopecks.addingReportingOverflow(other.kopecks)
        return o ? nil : Money(kopecks: s)
    }

    /// `self - other`, or nil if the difference does not fit.
    public func subtracting(_ other: Money) -> Money? {
        let (s, o) = kopecks.subtractingReportingOverflow(other.kopecks)
        return o ? nil : Money(kopecks: s)
    }

    /// `self × count`, or nil if the product does not fit.
    public func times(_ count: Int64) -> Money? {
        let (p, o) = kopecks.multipliedReportingOverflow(by: count)
        return o ? nil : Money(kopecks: p)
    }

    /// The price of `quantity` units at `self` per unit, rounded half-up to the kopeck.
    public func times(_ quantity: Quantity) -> Money? {
        FixedPoint.mulDivRounded(kopecks, quantity.milli, Quantity.scaleFactor).map(Money.init(kopecks:))
    }

    /// `self × rate`, rounded half-up to the kopeck (VAT on a net amount).
    public func times(_ rate: Rate) -> Money? {
        FixedPoint.mulDivRounded(kopecks, Int64(rate.basisPoints), 10_000).map(Money.init(kopecks:))
    }
}

/// A percentage in basis points: 22 % is 2 200.
public struct Rate: Hashable, Comparable, Sendable {
    public var basisPoints: Int32
    public init(basisPoints: Int32) { self.basisPoints = basisPoints }
    public static func < (a: Rate, b: Rate) -> Bool { a.basisPoints < b.basisPoints }
    /// "22" or "12.5" (percent).
    public var percentString: String { FixedPoint.format(Int64(basisPoints), scale: 2, trim: true) }
}
