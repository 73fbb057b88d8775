import QuoteCore

extension TableReader.Row {
    /// A list price: up to four decimals (`17.5750`), for `per` units (`1`, `10`, `100`, `1000`; the
    /// optional `per` column, default 1), more than zero.
    func unitPrice(_ column: String, perColumn: String) -> UnitPrice? {
        var per: Int64 = 1
        if let text = optionalText(perColumn) {
            guard let p = Int64(text), UnitPrice.allowedPer.contains(p) else {
                fail(perColumn, Message("cell.price_per", .text(text)))
                return nil
            }
            per = p
        }
        guard let text = self.text(column) else { return nil }
        let decimalComma = reader.table.decimalComma
        switch NumberText.parse(text, scale: UnitPrice.scale, decimalComma: decimalComma) {
        case .success(let units):
            guard units > 0 else {
                fail(column, Message("cell.not_positive"))
                return nil
            }
            guard units <= 100_000_000_000_000 else {
                fail(column, Message("cell.money_over_max"))
                return nil
            }
            return UnitPrice(units: units, per: per, decimals: Self.decimals(in: text, decimalComma: decimalComma))
        case .failure(.tooManyDecimals):
            fail(column, Message("cell.price_decimals", .text(text)))
        case .failure(.tooLarge):
            fail(column, Message("cell.too_large", .text(text)))
        case .failure:
            fail(column, Message("cell.not_a_number", .text(text), .message(.empty)))
        }
        return nil
    }

    /// How many decimals `text` is written with (at least 2).
    static func decimals(in text: String, decimalComma: Bool) -> Int {
        guard let point = text.lastIndex(where: { $0 == "." || (decimalComma && $0 == ",") }) else { return 2 }
        return max(2, text.distance(from: text.index(after: point), to: text.endIndex))
    }
}
