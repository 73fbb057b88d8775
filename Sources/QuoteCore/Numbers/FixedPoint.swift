/// Exact decimal numbers stored as an integer count of `10^-scale` units.
///
/// Money (scale 2, kopecks) and quantities (scale 3, thousandths of a unit) are both written and read
/// as decimal strings. This is the one place that parses and prints them, so "17.50" means the same
/// everywhere and no value ever passes through floating point.
public enum FixedPoint {
    /// Why a decimal string was refused.
    public enum ParseFailure: Error, Equatable, Sendable {
        case empty
        case notANumber
        case tooManyDecimals(allowed: Int)
        case tooLarge
    }

    /// Parses `text` ("5000", "-17.5", "0.125") into units of `10^-scale`.
    ///
    /// - Parameters:
    ///   - decimalComma: also accept `,` as the decimal separator (spreadsheet exports).
    /// - Complexity: O(n) in the length of `text`.
    public static func parse(_ text: Substring, scale: Int, decimalComma: Bool = false) -> Result<Int64, ParseFailure> {
        var bytes = text.utf8[...]
        while let f = bytes.first, f == 0x20 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 { bytes = bytes.dropLast() }
        if bytes.isEmpty { return .failure(.empty) }
        var negative = false
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var value: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > scale { return .failure(.tooManyDecimals(allowed: scale)) }
                }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b - 0x30))
                if o1 || o2 { return .failure(.tooLarge) }
                value = a
                digits += 1
            } else if (b == UInt8(ascii: ".") || (decimalComma && b == UInt8(ascii: ","))) && !seenPoint {
                seenPoint = true
            } else {
                return .failure(.notANumber)
            }
        }
        if digits == 0 { return .failure(.notANumber) }
        for _ in fractionDigits..<scale {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return .failure(.tooLarge) }
            value = m
        }
        return .success(negative ? -value : value)
    }

    /// Prints `units` of `10^-scale` with exactly `scale` decimals ("92500.00"), or with trailing
    /// zeros dropped when `trim` is set ("5000", "6.5").
    public static func format(_ units: Int64, scale: Int, trim: Bool = false, grouping: String? = nil, point: String = ".") -> String {
        let negative = units < 0
        let magnitude = units.magnitude
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = magnitude / divisor
        var fraction = magnitude % divisor
        var wholeText = String(whole)
        if let grouping, wholeText.count > 3 {
            var grouped = ""
            for (i, ch) in wholeText.enumerated() {
                if i > 0 && (wholeText.count - i) % 3 == 0 { grouped += grouping }
                grouped.append(ch)
            }
            wholeText = grouped
        }
        var result = negative ? "-" + wholeText : wholeText
        guard scale > 0 else { return result }
        var fractionDigits = scale
        if trim {
            while fractionDigits > 0 && fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
            if fractionDigits == 0 { return result }
        }
        var fractionText = String(fraction)
        while fractionText.count < fractionDigits { fractionText = "0" + fractionText }
        result += point + fractionText
        return result
    }

    /// `a × b / divisor` rounded half away from zero, or nil when the result does not fit in 64 bits or
    /// `divisor` is not positive (no operand can trap: they may come from a damaged catalog, e.g. a margin
    /// taken over a negative price). The product is computed in 128 bits, so only the result's size matters.
    public static func mulDivRounded(_ a: Int64, _ b: Int64, _ divisor: Int64) -> Int64? {
        guard divisor > 0 else { return nil }
        let negative = (a < 0) != (b < 0)
        let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
        if product.high >= divisor.magnitude { return nil }
        let (q, r) = divisor.magnitude.dividingFullWidth(product)
        var quotient = q
        if r >= divisor.magnitude - r { quotient += 1 }  // r ≥ divisor/2: half rounds up
        guard quotient <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(quotient) : Int64(quotient)
    }

    /// `a × b / divisor` rounded up (towards +∞) for non-negative operands, or nil on overflow or when an
    /// operand is negative or the divisor not positive (never a trap).
    public static func mulDivCeiling(_ a: Int64, _ b: Int64, _ divisor: Int64) -> Int64? {
        guard a >= 0 && b >= 0 && divisor > 0 else { return nil }
        let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
        if product.high >= divisor.magnitude { return nil }
        let (q, r) = divisor.magnitude.dividingFullWidth(product)
        let quotient = r == 0 ? q : q + 1
        guard quotient <= UInt64(Int64.max) else { return nil }
        return Int64(quotient)
    }
}
