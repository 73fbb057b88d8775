import QuoteCore

/// A cell's value from its type attribute and the text of its `<v>` (or inline string).
enum CellValue {
    // swiftlint:disable:next function_parameter_count
    static func of(
        type: String, raw: String, hasValue: Bool, hasFormula: Bool, inline: String, strings: [String], isDate: Bool, date1904: Bool
    ) -> Sheet.Value {
        if type == "inlineStr" { return .text(inline) }
        if !hasValue { return hasFormula ? .formulaWithoutValue : .empty }
        switch type {
        case "s":
            guard let i = Int(raw.trimmedSpaces), i >= 0, i < strings.count else { return .error("#REF! (shared string \(raw) missing)") }
            return .text(strings[i])
        case "str": return .text(raw)
        case "b": return .bool(raw.trimmedSpaces == "1" || raw.trimmedSpaces.lowercased() == "true")
        case "e": return .error(raw.trimmedSpaces)
        case "d": return .date(SerialDate.isoTrimmed(raw.trimmedSpaces))
        default:
            let t = raw.trimmedSpaces
            guard let plain = DecimalText.plain(t) else { return .text(t) }
            if isDate, let date = SerialDate.iso(serial: plain, date1904: date1904) { return .date(date) }
            return .number(plain)
        }
    }
}

/// Numbers as a workbook stores them (the shortest text of a binary double: `1254.5`, `1.5E-3`,
/// `12.300000000000001`) turned into plain decimals rounded to 15 significant digits, as a spreadsheet
/// shows them, without going through floating point.
enum DecimalText {
    static let significantDigits = 15

    /// `text` as a plain decimal (no exponent, no trailing zeros after the point); nil if it is not a number.
    static func plain(_ text: String) -> String? {
        if isPlain(text) { return text }
        var u = Array(text.utf8)[...]
        var negative = false
        if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            u = u.dropFirst()
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        var exponent = 0
        var i = u.startIndex
        while i < u.endIndex, u[i] != UInt8(ascii: "e") && u[i] != UInt8(ascii: "E") {
            if u[i] == UInt8(ascii: "."), pointAt == nil {
                pointAt = digits.count
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[i]) {
                digits.append(u[i] - 48)
            } else {
                return nil
            }
            i += 1
        }
        guard !digits.isEmpty else { return nil }
        if i < u.endIndex {
            guard let e = Int(String(decoding: u[(i + 1)...], as: UTF8.self)), abs(e) < 400 else { return nil }
            exponent = e
        }
        // value = 0.d1d2d3… × 10^point
        let point = (pointAt ?? digits.count) + exponent
        return render(rounded(digits, point: point), negative: negative)
    }

    /// Whether `text` is already what `plain` gives (most cells: `6300`, `15.54`): an optional `-`, then
    /// digits without a superfluous leading zero, at most one point with no trailing zero after it, and at
    /// most `significantDigits` digits in all.
    static func isPlain(_ text: String) -> Bool {
        var u = text.utf8[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        guard let first = u.first, let last = u.last, last != UInt8(ascii: ".") else { return false }
        var digits = 0, points = 0
        for b in u {
            if b == UInt8(ascii: ".") {
                points += 1
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits += 1
            } else {
                return false
            }
        }
        guard points <= 1, digits <= significantDigits, digits > 0 else { return false }
        if points == 1 && last == UInt8(ascii: "0") { return false }
        let second = u.dropFirst().first
        if first == UInt8(ascii: "0") && second != nil && second != UInt8(ascii: ".") { return false }  // "007"
        if first == UInt8(ascii: ".") { return false }
        if text.hasPrefix("-") && (u.elementsEqual("0".utf8)) { return false }  // "-0" reads "0"
        return true
    }

    /// Digits rounded half up to `significantDigits`, with the decimal point's place (which a carry moves).
    private static func rounded(_ digits: [UInt8], point: Int) -> (digits: [UInt8], point: Int) {
        var d = Array(digits.drop(while: { $0 == 0 }))
        var p = point - (digits.count - d.count)
        guard d.count > significantDigits else { return (d, p) }
        let roundUp = d[significantDigits] >= 5
        d = Array(d.prefix(significantDigits))
        if roundUp {
            var k = d.count - 1
            while k >= 0 {
                if d[k] == 9 { d[k] = 0; k -= 1 } else { d[k] += 1; break }
            }
            if k < 0 { d.insert(1, at: 0); p += 1 }
        }
        return (d, p)
    }

    private static func render(_ r: (digits: [UInt8], point: Int), negative: Bool) -> String {
        var d = r.digits
        while let last = d.last, last == 0, d.count > max(0, r.point) { d.removeLast() }
        if d.isEmpty { return "0" }
        var out = negative ? "-" : ""
        if r.point <= 0 {
            out += "0." + String(repeating: "0", count: -r.point)
            out += d.map { String($0) }.joined()
        } else {
            let whole = d.prefix(r.point).map { String($0) }.joined() + String(repeating: "0", count: max(0, r.point - d.count))
            out += whole
            if d.count > r.point { out += "." + d.dropFirst(r.point).map { String($0) }.joined() }
        }
        return out
    }
}

/// Excel's serial dates: days since 1899-12-30 (the 1900 date system, whose day 60 is the 29 February 1900
/// that never was) or since 1904-01-01, a fraction for the time of day.
enum SerialDate {
    /// `serial` (a plain decimal) as `YYYY-MM-DD`, with `THH:MM:SS` when it has a time of day, or as the
    /// time alone (`HH:MM`, `HH:MM:SS`) below 1; nil out of the years 1900–9999 or negative.
    static func iso(serial: String, date1904: Bool) -> String? {
        guard !serial.hasPrefix("-") else { return nil }
        let parts = serial.split(separator: ".", maxSplits: 1)
        guard let days = Int(parts[0]), days < 3_000_000 else { return nil }
        var seconds = 0
        if parts.count == 2 {
            // fraction × 86 400, rounded to the second, from the fraction's first 9 digits (86 µs; no overflow).
            let digits = String(parts[1].prefix(9))
            guard let f = Int(digits) else { return nil }
            var scale = 1
            for _ in 0..<digits.count { scale *= 10 }
            seconds = (f * 86_400 * 2 / scale + 1) / 2
        }
        // A time of day alone (a serial below 1: `14:00`, or `+03:00` that a spreadsheet took for a time).
        if days == 0 && seconds > 0 { return seconds % 60 == 0 ? "\(two(seconds / 3600)):\(two(seconds / 60 % 60))" : time(seconds) }
        var dayNumber: Int
        if date1904 {
            dayNumber = epoch(1904, 1, 1) + days
        } else {
            guard days != 60 else { return "1900-02-29" }  // the day that never was: CivilDate refuses it, with the cell named
            dayNumber = epoch(1899, 12, days < 60 ? 31 : 30) + days
        }
        if seconds >= 86_400 { dayNumber += 1; seconds -= 86_400 }
        guard let dayValue = Int32(exactly: dayNumber) else { return nil }
        let (y, m, d) = CivilDate(day: dayValue).components
        guard (1900...9999).contains(y) else { return nil }
        var out = "\(y)-\(two(m))-\(two(d))"
        if seconds > 0 { out += "T" + time(seconds) }
        return out
    }

    /// Days since 1970-01-01 of a workbook's epoch (a valid date, so never nil).
    private static func epoch(_ year: Int, _ month: Int, _ day: Int) -> Int { Int(CivilDate(year: year, month: month, day: day)?.day ?? 0) }

    private static func time(_ seconds: Int) -> String { "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))" }

    /// A `t="d"` cell's ISO text, without a midnight time (`2026-12-01T00:00:00` is the date).
    static func isoTrimmed(_ text: String) -> String {
        for suffix in ["T00:00:00Z", "T00:00:00.000", "T00:00:00"] where text.hasSuffix(suffix) {
            return String(text.dropLast(suffix.count))
        }
        return text
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension String {
    var trimmedSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
