import QuoteCore

extension CatalogCompiler {
    /// Reads vat.csv: the rates and the day each takes effect, one rate a day; at least one.
    static func readVAT(_ b: Build) -> [(from: CivilDate, rate: Rate)] {
        var rates: [(from: CivilDate, rate: Rate)] = []
        for row in b.reader("vat.csv", ["effective_from", "rate_percent"]).rows {
            guard let from = row.date("effective_from"), let rate = percentage(row, "rate_percent") else { continue }
            if rates.contains(where: { $0.from == from }) { row.fail("effective_from", Message("vat.two_rates", .date(from))) }
            rates.append((from, rate))
        }
        if rates.isEmpty { b.log.add("vat.csv", 1, 1, Message("vat.none")) }
        return rates
    }

    /// The percentage (0–100, two decimals at most) in `row`'s `column`, or nil (reported).
    static func percentage(_ row: TableReader.Row, _ column: String) -> Rate? {
        guard let t = row.text(column) else { return nil }
        guard case .success(let bp) = NumberText.parse(t, scale: 2, decimalComma: row.reader.table.decimalComma), (0...10_000).contains(bp)
        else {
            row.fail(column, Message("cell.not_a_percentage", .text(t)))
            return nil
        }
        return Rate(basisPoints: Int32(bp))
    }
}
