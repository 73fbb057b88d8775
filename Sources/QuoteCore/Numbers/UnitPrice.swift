/// A price per selling unit as a price list states it: to the kopeck, or to four decimals
/// (17.5750), or per 1 000 units (bricks are listed at 17 575.00 per thousand).
///
/// A line's amount is `quantity × price`, computed exactly and rounded half-up to the kopeck once:
/// 5 040 bricks at 17 575.00 per 1 000 are 88 578.00, not 5 040 × 17.58 = 88 603.20.
public struct UnitPrice: Hashable, Sendable, Comparable {
    /// The stated amount in ten-thousandths of the currency unit (17.575 is 175 750).
    public var units: Int64
    /// How many selling units the amount is for: 1, 10, 100 or 1 000.
    public var per: Int64
    /// The decimals the amount is stated with (2 to 4): discounted prices round to them and are shown
    /// with them.
    public var decimals: Int

    public static let scale = 4
    public static let allowedPer: [Int64] = [1, 10, 100, 1_000]

    public init(units: Int64, per: Int64 = 1, decimals: Int = 2) {
        self.units = units
        self.per = per
        self.decimals = min(max(decimals, 2), UnitPrice.scale)
    }

    /// A price in whole kopecks per unit.
    public init(_ money: Money) {
        self.init(units: money.kopecks * 100, per: 1, decimals: 2)
    }

    public static let zero = UnitPrice(units: 0)

    /// The amount for `quantity` units, rounded half-up to the kopeck; nil if it does not fit.
    public func amount(for quantity: Quantity) -> Money? {
        // quantity (thousandths) × units (10⁻⁴ currency) / per → kopecks: ÷ (1 000 × 100 × per).
        let (divisor, o) = per.multipliedReportingOverflow(by: 100_000)
        guard !o, divisor > 0 else { return nil }
        return FixedPoint.mulDivRounded(quantity.milli, units, divisor).map(Money.init(kopecks:))
    }

    /// The price after the discount factors (in basis points of what is kept: 10 000 − discount),
    /// rounded half-up to the decimals the price is stated with.
    public func discounted(keeping g: Int64, _ m: Int64) -> UnitPrice? {
        var step: Int64 = 1
        for _ in decimals..<UnitPrice.scale { step *= 10 }
        guard let kept = FixedPoint.mulDivRounded(units, g * m, 100_000_000 * step) else { return nil }
        return UnitPrice(units: kept * step, per: per, decimals: decimals)
    }

    /// The exact price of one unit ("17.575", "17.40"): at least two decimals.
    public var decimalString: String {
        var scale = UnitPrice.scale
        var p = per
        while p > 1 {
            p /= 10
            scale += 1
        }
        return UnitPrice.format(units, scale: scale, minimumDecimals: 2)
    }

    /// The price as stated, with its decimals, for `per` units ("17575.00").
    public var statedString: String {
        UnitPrice.format(units, scale: UnitPrice.scale, minimumDecimals: decimals)
    }

    /// Whether the price is stated to the kopeck per unit (as most are).
    public var isPlain: Bool { per == 1 && decimals == 2 && units % 100 == 0 }

    /// `units` of `10^-scale` with trailing zeros dropped down to `minimumDecimals`.
    static func format(_ units: Int64, scale: Int, minimumDecimals: Int) -> String {
        var text = FixedPoint.format(units, scale: scale)
        var decimals = scale
        while decimals > minimumDecimals, text.hasSuffix("0") {
            text.removeLast()
            decimals -= 1
        }
        return text
    }

    public static func < (a: UnitPrice, b: UnitPrice) -> Bool {
        let l = a.units.multipliedFullWidth(by: b.per)
        let r = b.units.multipliedFullWidth(by: a.per)
        return l < r
    }

    public static func == (a: UnitPrice, b: UnitPrice) -> Bool {
        a.units.multipliedFullWidth(by: b.per) == b.units.multipliedFullWidth(by: a.per)
    }

    public func hash(into hasher: inout Hasher) {
        // Equal prices stated per different quantities compare equal: hash the reduced fraction.
        var (n, d) = (units, per)
        while d > 1 && n % 10 == 0 {
            n /= 10
            d /= 10
        }
        hasher.combine(n)
        hasher.combine(d)
    }
}
