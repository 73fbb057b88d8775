import QuoteCore

extension TableReader.Row {
    /// A list price: up to four decimals (`17.5750`), for `per` units (`1`, `10`, `100`, `1000`; the
    /// optional `per` column, default 1), more than zero.
    func unitPrice(_ column: String, perColumn: String) -> UnitPrice? {
        var per: Int64 = 1
        if let text = optionalText(perColumn) {
            guard let p = Int64(text), UnitPrice.allowedPer.contains(p) else {
                fail(perColumn, "\u{201C}\(text)\u{201D} is not 1, 10, 100 or 1000 (how many units the price is for)")
                return nil
            }
            per = p
        }
        guard let text = self.text(column) else { return nil }
        let decimalComma = reader.table.decimalComma
        switch NumberText.parse(text, scale: UnitPrice.scale, decimalComma: decimalComma) {
        case .success(let units):
            guard units > 0 else {
                fail(column, "must be more than zero")
                return nil
            }
            guard units <= 100_000_000_000_000 else {
                fail(column, "is more than 10 000 000 000.00, surely a mistake")
                return nil
            }
            return UnitPrice(units: units, per: per, decimals: Self.decimals(in: text, decimalComma: decimalComma))
        case .failure(.tooManyDecimals):
            fail(column, "\u{201C}\(text)\u{201D} has more than 4 decimals (state the price per 1000 in the per column for finer prices)")
        case .failure(.tooLarge):
            fail(column, "\u{201C}\(text)\u{201D} is too large")
        case .failure:
            fail(column, "\u{201C}\(text)\u{201D} is not a number")
        }
        return nil
    }

    /// How many decimals `text` is written with (at least 2).
    static func decimals(in text: String, decimalComma: Bool) -> Int {
        guard let point = text.lastIndex(where: { $0 == "." || (decimalComma && $0 == ",") }) else { return 2 }
        return max(2, text.distance(from: text.index(after: point), to: text.endIndex))
    }
}
