import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// Rows with fewer fields than the header (a file cut mid-row, a separator lost) and settings without a value
/// are errors at their `file:line:column` (issue 12, item 3). They once compiled: a cost of 1254.00 cut to
/// "12" read as 12.00, and the missing cells as empty.
@Suite struct ShortRowTests {
    private func only(_ issues: [CatalogIssue], sourceLocation: SourceLocation = #_sourceLocation) -> CatalogIssue? {
        #expect(issues.count == 1, "\(issues)", sourceLocation: sourceLocation)
        return issues.first
    }

    @Test func stockRowCutInsideItsCost() throws {
        // stock.csv:2 is WH-KHIMKI,BR-NF-M150-SOL,6300,15.54,420,420; cut after "15": 4 fields of 6.
        // The cut field "15" starts at column 1 + 10 + 15 + 5 = 31, so the row ends at column 31 + 2 = 33.
        var files = try Demo.files()
        try files.replace("stock.csv", line: 2, "6300,15.54,420,420", with: "6300,15")
        let issue = try #require(only(files.issues()))
        #expect(issue.description.hasPrefix(.location("stock.csv", 2, 33)), "\(issue)")
        #expect(issue.message.contains("4 fields where the header has 6"), "\(issue)")
        #expect(issue.message.contains("no min_order, order_multiple"), "\(issue)")
        #expect(issue.message.contains("cut short"), "\(issue)")
    }

    @Test func customerRowCutInsideItsCreditLimit() throws {
        // customers.csv:2 is C-1001,ООО «СтройДом»,dealer,14,500000.00,120000.00,5047123450; cut to a credit limit of "50".
        // Columns: "C-1001," 7, "ООО «СтройДом»," 15, "dealer," 7, "14," 3 → "50" starts at 33 and the row ends at 35.
        var files = try Demo.files()
        try files.replace("customers.csv", line: 2, ",14,500000.00,120000.00,5047123450", with: ",14,50")
        let issue = try #require(only(files.issues()))
        #expect(issue.description.hasPrefix(.location("customers.csv", 2, 35)), "\(issue)")
        #expect(issue.message.contains("5 fields where the header has 7 (no balance, inn)"), "\(issue)")
    }

    @Test func aFileCutMidRowIsRefusedAsAWhole() throws {
        // The last row of stock.csv loses its tail, as a copy interrupted mid-write would leave it.
        var files = try Demo.files()
        var lines = files.lines("stock.csv")
        if lines.last == "" { lines.removeLast() }
        let last = try #require(lines.last)
        let cut = String(last.prefix(last.count - 6))  // ",NNN,NNN"-like tail gone: at least one field lost
        try #require(cut.split(separator: ",", omittingEmptySubsequences: false).count < 6, "\(cut)")
        lines[lines.count - 1] = cut
        files.setLines("stock.csv", lines)  // no newline at the end either
        let issue = try #require(only(files.issues()))
        #expect(issue.file == "stock.csv" && issue.line == lines.count, "\(issue)")
        #expect(issue.message.contains("cut short"), "\(issue)")
    }

    @Test func settingsRowWithoutAValue() throws {
        // settings.csv:3 is "currency,RUB"; "currency" alone is a row of 1 field where the header has 2,
        // reported just past "currency" (column 1 + 8 = 9).
        var files = try Demo.files()
        try files.replace("settings.csv", line: 3, "currency,RUB", with: "currency")
        // The row is refused, so the setting is also reported missing (at the file's head, 1:1).
        let issues = files.issues()
        #expect(issues.map(\.message).contains("missing setting \u{201C}currency\u{201D}"), "\(issues)")
        #expect(issues.count == 2, "\(issues)")
        let issue = try #require(issues.first { $0.line == 3 })
        #expect(issue.description.hasPrefix(.location("settings.csv", 3, 9)), "\(issue)")
        #expect(issue.message.contains("1 field where the header has 2 (no value)"), "\(issue)")
    }

    @Test func requiredSettingWithAnEmptyValue() throws {
        // "currency," has both fields, the value empty: reported at the empty cell, column 10.
        var files = try Demo.files()
        try files.replace("settings.csv", line: 3, "currency,RUB", with: "currency,")
        let issue = try #require(only(files.issues()))
        #expect(issue.description.hasPrefix(.location("settings.csv", 3, 10)), "\(issue)")
        #expect(issue.message.contains("value: is empty; a value is required"), "\(issue)")
    }

    @Test func optionalSettingMayBeEmpty() throws {
        // settings.csv:11 is crane_surcharge,1500.00: left empty, there is no surcharge.
        var files = try Demo.files()
        try files.replace("settings.csv", line: 11, "crane_surcharge,1500.00", with: "crane_surcharge,")
        let catalog = try files.compile()
        #expect(catalog.settings.craneSurcharge == .zero)
    }

    @Test func importRowCutShort() throws {
        // An import file whose second row lost its cost: line 3, 2 fields of 3, ending past "4800" at column 16 + 4 = 20 ("BR-NF-M150-HOL," is 15).
        let catalog = try Demo.catalog()
        let bytes = Array("sku,stock,cost\nBR-NF-M150-SOL,6300,15.54\nBR-NF-M150-HOL,4800\n".utf8)
        #expect {
            _ = try CatalogImport.apply(
                bytes, file: "tver.csv", source: "WH-KHIMKI", to: catalog, asOf: Demo.asOf, otherRows: CatalogRows())
        } throws: { error in
            let message = (error as? QuoteError)?.message ?? ""
            return message.contains("tver.csv:3:20: the row has 2 fields where the header has 3 (no cost)")
        }
    }
}
