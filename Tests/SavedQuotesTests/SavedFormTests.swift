import QuoteCore
import Testing

/// A quote kept in its saved form and read back is the same quote: its JSON (customer-facing and internal)
/// is byte-identical, so the table and every other format render it as they rendered it when it was issued.
@Suite struct SavedFormTests {
    static let requests = [
        // The README's quote: a family name, a regional price, a deposit line, a truck, an alternative, a hint.
        #"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver"}"#,
        // A wall (the conversion text), a customer with credit terms and a manual discount.
        #"{"items":[{"product":"brick","wall":{"area":"120","thickness":"1.5","openings":"6.5","waste":"5"}}],"city":"Klin","customer":"C-1001","discount":"2"}"#,
        // Pickup, bags and tonnes, several lines, explanations.
        #"{"items":[{"product":"cement","quantity":"40","unit":"bag"},{"product":"sand","quantity":"6","unit":"t"}],"pickup":true,"explain":true}"#,
        // A price stated per 1000 pieces (38,900.00/1000), with the customer's group discount on it.
        #"{"items":[{"product":"BR-14NF-FAC-RED","quantity":"2000"}],"city":"Tver","customer":"C-1001"}"#,
        // Partial availability and a needed-by date.
        #"{"items":[{"product":"BR-NF-M150-SOL","quantity":"900000"}],"city":"Tver","by":"2026-12-20","strategy":"fastest"}"#,
    ]

    @Test(arguments: requests) func savedFormReadsBackToTheSameQuote(_ json: String) throws {
        let (quote, _) = try Demo.quote(json)
        let back = try Quote.decodeSaved(Array(quote.savedForm().utf8))
        #expect(back.json() == quote.json())
        #expect(back.json(includeInternal: true) == quote.json(includeInternal: true))
        #expect(back.catalogName == "Demo: СтройМатериалы Центр")
        #expect(back.city?.id == quote.city?.id)
        #expect(back.lines.map(\.requestedName) == quote.lines.map(\.requestedName))
        #expect(back.internalWarnings == quote.internalWarnings)
        #expect(back.by == quote.by)
    }

    /// The request written back as JSON decodes to the same request: a requote asks the same question.
    @Test(arguments: requests) func requestTextReadsBackToTheSameRequest(_ json: String) throws {
        let (quote, decoded) = try Demo.quote(json)
        let text = decoded.request.json(explain: decoded.explain)
        let (again, _) = try Demo.quote(text)
        #expect(again.quoteId == quote.quoteId)
        #expect(again.json() == quote.json())
    }

    /// A damaged saved form is an error naming the member, never a trap.
    @Test func damagedFormNamesTheMember() throws {
        let (quote, _) = try Demo.quote(Self.requests[0])
        let damaged = quote.savedForm().replacingOccurrences(of: #""net":"87696.00""#, with: #""net":"8769x""#)
        #expect(throws: JSONFields.Failure(path: "quote.lines[0].net", expected: "an amount")) {
            try Quote.decodeSaved(Array(damaged.utf8))
        }
    }
}
