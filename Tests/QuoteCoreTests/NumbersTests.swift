import Testing

@testable import QuoteCore

@Suite struct FixedPointTests {
    @Test(arguments: [
        ("92500.00", Int64(9_250_000)), ("17.5", 1_750), ("18", 1_800), ("-0.01", -1), ("0", 0), (" 7.05 ", 705),
    ])
    func parsesMoney(text: String, kopecks: Int64) {
        #expect(Money.parse(Substring(text)) == .success(Money(kopecks: kopecks)))
    }

    @Test func refusesWhatIsNotMoney() {
        #expect(Money.parse("17.505") == .failure(.tooManyDecimals(allowed: 2)))
        #expect(Money.parse("1e5") == .failure(.notANumber))
        #expect(Money.parse("") == .failure(.empty))
        #expect(Money.parse("99999999999999999999") == .failure(.tooLarge))
        // A decimal comma only where the caller allows it (";"-separated spreadsheet exports).
        #expect(Money.parse("17,50") == .failure(.notANumber))
        #expect(Money.parse("17,50", decimalComma: true) == .success(Money(kopecks: 1_750)))
    }

    @Test func formats() {
        #expect(Money(kopecks: 9_250_000).decimalString == "92500.00")
        #expect(Money(kopecks: -5).decimalString == "-0.05")
        #expect(FixedPoint.format(123_456_789, scale: 2, grouping: ",") == "1,234,567.89")
        #expect(FixedPoint.format(123_456_789, scale: 2, grouping: " ", point: ",") == "1 234 567,89")
        #expect(Quantity(milli: 6_500).decimalString == "6.5")
        #expect(Quantity(whole: 5_040).decimalString == "5040")
    }

    /// VAT is rounded half-up per line: 0.05 × 22 % = 0.011 → 0.01; 0.25 × 22 % = 0.055 → 0.06.
    @Test(arguments: [(Int64(5), Int64(1)), (25, 6), (8_769_600, 1_929_312), (1_000, 220), (2, 0), (3, 1)])
    func vatRoundsHalfUp(net: Int64, vat: Int64) {
        #expect(Money(kopecks: net).times(Rate(basisPoints: 2_200)) == Money(kopecks: vat))
    }

    @Test func priceTimesFractionalQuantity() {
        // 6.5 t of sand at 950.00 = 6 175.00; 0.333 t at 10.01 = 3.33333 → 3.33
        #expect(Money(kopecks: 95_000).times(Quantity(milli: 6_500)) == Money(kopecks: 617_500))
        #expect(Money(kopecks: 1_001).times(Quantity(milli: 333)) == Money(kopecks: 333))
    }

    @Test func overflowIsReportedNotTrapped() {
        #expect(Money(kopecks: Int64.max).adding(Money(kopecks: 1)) == nil)
        #expect(Money(kopecks: Int64.max / 2).times(Quantity(whole: 1_000_000)) == nil)
        #expect(FixedPoint.mulDivCeiling(Int64.max, Int64.max, 1) == nil)
    }

    @Test func roundingUpToMultiples() {
        // 5 000 pieces in pallets of 420: 12 pallets, 5 040 pieces; 5 040 stays 5 040; 5 041 → 5 460.
        let pallet = Quantity(whole: 420)
        #expect(Quantity(whole: 5_000).roundedUp(toMultipleOf: pallet) == Quantity(whole: 5_040))
        #expect(Quantity(whole: 5_040).roundedUp(toMultipleOf: pallet) == Quantity(whole: 5_040))
        #expect(Quantity(whole: 5_041).roundedUp(toMultipleOf: pallet) == Quantity(whole: 5_460))
        #expect(Quantity(whole: 5_041).count(of: pallet) == 13)
    }

    @Test func typedQuantities() throws {
        let (q, unit) = try QuoteRequest.Item.parseQuantity("12pal", field: "--qty")
        #expect(q == Quantity(whole: 12) && unit == "pal")
        let (t, tu) = try QuoteRequest.Item.parseQuantity("6,5 т", field: "--qty")
        #expect(t == Quantity(milli: 6_500) && tu == "т")
        #expect(throws: QuoteError.self) { try QuoteRequest.Item.parseQuantity("abc", field: "--qty") }
    }
}

@Suite struct NameKeyTests {
    @Test(arguments: [
        ("Тверь", "tver"), ("Tver", "tver"), ("КИРПИЧ", "kirpich"), ("kirpich", "kirpich"), ("Щёлково", "shchelkovo"),
        ("600×300×250", "600x300x250"), ("600х300х250", "600x300x250"), ("Sergiev Posad", "sergievposad"),
    ])
    func normalises(text: String, key: String) {
        #expect(NameKey.normalize(text) == key)
    }

    @Test func suggestsCloseNames() {
        let labels = ["brick", "кирпич", "cement", "цемент", "sand"]
        #expect(NameKey.suggestions(for: "brik", among: labels) == ["brick"])
        #expect(NameKey.suggestions(for: "кирпичь", among: labels) == ["кирпич"])
        #expect(NameKey.suggestions(for: "zzzzzzzz", among: labels).isEmpty)
    }
}
