import QuoteCore

/// Numbers as 1C and a Russian-locale Excel write them: digits grouped in thousands by a space, a no-break
/// space (U+00A0) or a thin space (U+2009, U+202F) — `6 300`, `1 254 000,50` — read as plain digits.
enum NumberText {
    /// The group separators accepted between thousands.
    static let groupSeparators: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{2009}", "\u{202F}"]

    /// `text` without its thousands separators when they group the whole part correctly (1–3 digits, then
    /// groups of exactly three, an optional sign before and decimals after); otherwise `text` unchanged, so
    /// that `63 00` or `1 2` stay what they are (not a number) rather than becoming another number.
    static func ungrouped(_ text: String) -> String {
        // The common case, a plain number, without a copy: no space, and no byte that starts U+00A0 (0xC2) or
        // U+2009/U+202F (0xE2).
        guard text.utf8.contains(where: { $0 == 0x20 || $0 == 0xC2 || $0 == 0xE2 }) else { return text }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { groupSeparators.contains($0) }) else { return text }
        var start = 0
        while start < scalars.count, groupSeparators.contains(scalars[start]) { start += 1 }
        var end = scalars.count
        while end > start, groupSeparators.contains(scalars[end - 1]) { end -= 1 }
        var i = start
        if i < end, scalars[i] == "-" || scalars[i] == "+" { i += 1 }
        let digitsStart = i
        var groups: [Int] = [0]
        while i < end, scalars[i] != "." && scalars[i] != "," {
            if ("0"..."9").contains(scalars[i]) {
                groups[groups.count - 1] += 1
            } else if groupSeparators.contains(scalars[i]) {
                groups.append(0)
            } else {
                return text
            }
            i += 1
        }
        guard groups.count > 1, (1...3).contains(groups[0]), groups.dropFirst().allSatisfy({ $0 == 3 }) else { return text }
        if scalars[i..<end].contains(where: { groupSeparators.contains($0) }) { return text }  // spaces among the decimals
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<digitsStart])
        out.append(contentsOf: scalars[digitsStart..<end].filter { !groupSeparators.contains($0) })
        return String(out)
    }

    /// `FixedPoint.parse` of `text` with its thousands separators taken out.
    static func parse(_ text: String, scale: Int, decimalComma: Bool) -> Result<Int64, FixedPoint.ParseFailure> {
        FixedPoint.parse(Substring(ungrouped(text)), scale: scale, decimalComma: decimalComma)
    }
}
