import Testing

@testable import QuoteCore

/// Quantities as managers type them, and the one form that is never guessed.
@Suite struct TypedQuantityTests {
    @Test(arguments: [
        ("5000", Int64(5_000_000), String?.none),
        ("5 000", 5_000_000, nil),  // a space between groups of three
        ("5\u{00A0}000", 5_000_000, nil),  // a no-break space, as spreadsheets paste it
        ("5\u{202F}000", 5_000_000, nil),  // a narrow no-break space
        ("1 250 000", 1_250_000_000, nil),
        ("5 тыс", 5_000_000, nil),
        ("5 тыс.", 5_000_000, nil),
        ("2,5 тысячи", 2_500_000, nil),
        ("5к", 5_000_000, nil),
        ("5k", 5_000_000, nil),
        ("5k pcs", 5_000_000, "pcs"),
        ("5kg", 5_000, "kg"),  // the k of kg is no thousand
        ("5 кг", 5_000, "кг"),
        ("1,5 т", 1_500, "т"),
        ("1.5t", 1_500, "t"),
        ("12 поддонов", 12_000, "поддонов"),  // "12 под…": a space before letters is no group separator
        ("20 m3", 20_000, "m3"),
    ])
    func readsAsPeopleWrite(text: String, milli: Int64, unit: String?) throws {
        let q = try TypedQuantity.parse(text, field: "--qty")
        #expect(q.quantity == Quantity(milli: milli))
        #expect(q.unit == unit)
        #expect(q.ambiguity == nil)
    }

    /// "5,000": a decimal comma reads 5, a thousands comma 5 000. Both are kept; the engine decides by
    /// the unit. "5,0001" or "5,00" or "12 345,678" are not this form.
    @Test(arguments: [("5,000", Int64(5_000), Int64(5_000_000)), ("12,500", 12_500, 12_500_000), ("5,000 pcs", 5_000, 5_000_000)])
    func commaWithThreeDigitsIsAmbiguous(text: String, decimal: Int64, thousands: Int64) throws {
        let q = try TypedQuantity.parse(text, field: "--qty")
        #expect(q.quantity == Quantity(milli: decimal))
        #expect(q.ambiguity?.thousands == Quantity(milli: thousands))
    }

    @Test(arguments: ["5,00", "5,5", "1234,500", "5.000"])
    func otherFormsAreNotAmbiguous(text: String) throws {
        #expect(try TypedQuantity.parse(text, field: "--qty").ambiguity == nil)
    }

    @Test(arguments: ["", "abc", "пять"])
    func notANumber(text: String) {
        #expect(throws: QuoteError.self) { try TypedQuantity.parse(text, field: "--qty") }
    }

    /// Bricks are counted in pieces, so "5,000" bricks is refused with both readings; sand is sold by
    /// the tonne, where "1,500" t is the decimal 1.5 t.
    @Test func theEngineRefusesAnAmbiguousCount() throws {
        let bricks = try QuoteRequest.Item(product: "brick", typed: "5,000", field: "--qty")
        var r = Fixture.request([])
        r.items = [bricks]
        do {
            _ = try QuoteEngine.quote(r, catalog: Fixture.catalog)
            Issue.record("5,000 bricks was guessed")
        } catch {
            #expect(error.code == .ambiguousQuantity)
            #expect(error.candidates == ["5000", "5"])
        }
        r.items = [try QuoteRequest.Item(product: "sand", typed: "1,500", field: "--qty")]
        let q = try QuoteEngine.quote(r, catalog: Fixture.catalog)
        #expect(q.lines.first?.requestedQuantity == Quantity(milli: 1_500))
    }
}
