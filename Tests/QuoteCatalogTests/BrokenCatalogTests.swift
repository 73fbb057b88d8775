import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// Broken copies of the demo catalog: each kind of mistake is reported at its exact `file:line:column`.
///
/// Columns count Unicode scalars from 1, as the CSV reader does (`×` and Cyrillic letters are one each).
@Suite struct BrokenCatalogTests {
    /// Checks that `issue` is at `file:line:column` and its message contains `fragment`.
    private func expectIssue(
        _ issue: CatalogIssue?, _ file: String, _ line: Int, _ column: Int, _ fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let issue else {
            Issue.record("expected \(file):\(line):\(column): …\(fragment)…, got no issue", sourceLocation: sourceLocation)
            return
        }
        #expect(issue.file == file, sourceLocation: sourceLocation)
        #expect(issue.line == line, sourceLocation: sourceLocation)
        #expect(issue.column == column, sourceLocation: sourceLocation)
        #expect(issue.message.contains(fragment), "\(issue)", sourceLocation: sourceLocation)
        #expect(issue.description.hasPrefix(.location(file, line, column)), sourceLocation: sourceLocation)
    }

    @Test func theUnbrokenDemoHasNoIssues() throws {
        #expect(try Demo.files().issues() == [])
    }

    @Test func missingColumn() throws {
        // Drop the last column, per_m2, from the header and every row of products.csv.
        var files = try Demo.files()
        let dropped = files.lines("products.csv").map { line in
            guard let comma = line.lastIndex(of: ",") else { return line }
            return String(line[..<comma])
        }
        #expect(dropped[0].hasSuffix(",per_m3"))
        files.setLines("products.csv", dropped)
        let issues = files.issues()
        // per_m2 is optional in every row, so the header is the only problem.
        #expect(issues.count == 1)
        expectIssue(issues.first, "products.csv", 1, 1, "missing column \u{201C}per_m2\u{201D}")
    }

    @Test func badNumber() throws {
        // products.csv:3 is BR-NF-M150-SOL; its weight_kg "3.6" starts at column 143:
        // "BR-NF-M150-SOL," is 15 scalars, the Russian name 58 + 1, the English name 40 + 1, "brick,brick,pcs,250,120,65," 27
        // → 1 + 15 + 59 + 41 + 27 = 143.
        var files = try Demo.files()
        try files.replace("products.csv", line: 3, ",65,3.6,420,", with: ",65,3.5x,420,")
        let issues = files.issues()
        expectIssue(issues.first, "products.csv", 3, 143, "weight_kg: \u{201C}3.5x\u{201D} is not a number")
        #expect(issues.first?.message.contains("use a dot") == false)
        // The product is then left out, so its stock, price and alias rows report unknown SKUs too; products.csv
        // itself has exactly one problem.
        #expect(issues.filter { $0.file == "products.csv" }.count == 1)
    }

    @Test func decimalCommaInACommaSeparatedFileSuggestsADot() throws {
        // The README's own example: a quoted "3,5" in a `,`-separated file. The field starts at its opening quote, column 143.
        var files = try Demo.files()
        try files.replace("products.csv", line: 3, ",65,3.6,420,", with: ",65,\"3,5\",420,")
        let issues = files.issues()
        expectIssue(issues.first, "products.csv", 3, 143, "weight_kg: \u{201C}3,5\u{201D} is not a number (use a dot: 3.5)")
        #expect(issues.filter { $0.file == "products.csv" }.count == 1)
    }

    @Test func tooManyDecimals() throws {
        // stock.csv:2: WH-KHIMKI,BR-NF-M150-SOL,6300,15.54,420,420 — cost starts at 1 + 10 + 15 + 5 = column 31.
        var files = try Demo.files()
        try files.replace("stock.csv", line: 2, ",15.54,", with: ",15.545,")
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "stock.csv", 2, 31, "cost: \u{201C}15.545\u{201D} has more than 2 decimals")
    }

    @Test func emptyCostInStock() throws {
        // stock.csv:2 without its cost: a required value, reported at the empty cell (column 31, as above).
        var files = try Demo.files()
        try files.replace("stock.csv", line: 2, ",15.54,", with: ",,")
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "stock.csv", 2, 31, "cost: is empty; a value is required")
    }

    /// An empty min_order means "no minimum": the offer stays, it is not dropped (it once was, silently).
    @Test func emptyMinOrderInStock() throws {
        var files = try Demo.files()
        // stock.csv:2: WH-KHIMKI,BR-NF-M150-SOL,6300,15.54,420,420 → min_order left empty.
        try files.replace("stock.csv", line: 2, ",15.54,420,420", with: ",15.54,,420")
        let c = try CatalogCompiler.compile(files: files.contents).get()
        let offer = c.offers["BR-NF-M150-SOL"]?.first { $0.source == "WH-KHIMKI" }
        #expect(offer?.stock == Quantity(whole: 6_300))
        #expect(offer?.minOrder == .zero)
        #expect(c.offers["BR-NF-M150-SOL"]?.map(\.source) == ["PL-KALUGA", "PL-TVER", "WH-KHIMKI"])
    }

    @Test func unknownSKUInStock() throws {
        var files = try Demo.files()
        // stock.csv has 53 lines; the new row is line 54, its sku after "WH-KHIMKI," at column 11.
        let line = files.append("stock.csv", "WH-KHIMKI,BR-XX-NOPE,100,10.00,1,1")
        #expect(line == 54)
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "stock.csv", 54, 11, "sku: unknown SKU BR-XX-NOPE (not in products.csv)")
    }

    @Test func unknownSKUInAliases() throws {
        var files = try Demo.files()
        // aliases.csv has 185 lines; line 186, the sku after "кирпичик," (8 letters + comma) at column 10.
        let line = files.append("aliases.csv", "кирпичик,BR-XX-NOPE,yes")
        #expect(line == 186)
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "aliases.csv", 186, 10, "sku: unknown SKU BR-XX-NOPE")
    }

    @Test func unknownCityInRoutes() throws {
        var files = try Demo.files()
        // routes.csv has 121 lines; line 122, the city after "TVR," at column 5.
        let line = files.append("routes.csv", "TVR,atlantis,10,0")
        #expect(line == 122)
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "routes.csv", 122, 5, "city: unknown city atlantis (not in cities.csv)")
    }

    @Test func unknownZoneInTariffs() throws {
        var files = try Demo.files()
        let line = files.append("tariffs.csv", "NOWHERE,,FB-5,1000.00,0,0.00,1000.00")
        #expect(line == 57)
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "tariffs.csv", 57, 1, "zone: no source is in zone NOWHERE")
    }

    @Test func duplicateSKU() throws {
        var files = try Demo.files()
        // products.csv has 35 lines; a second BR-NF-M150-SOL row becomes line 36, reported at its sku, column 1.
        let copy = files.lines("products.csv")[2]
        let line = files.append("products.csv", copy)
        #expect(line == 36)
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "products.csv", 36, 1, "sku: duplicate SKU BR-NF-M150-SOL: each product has one row")
    }

    @Test func duplicateCity() throws {
        var files = try Demo.files()
        // cities.csv:4 is tver; its copy becomes line 26.
        let copy = files.lines("cities.csv")[3]
        #expect(copy.hasPrefix("tver,"))
        let line = files.append("cities.csv", copy)
        #expect(line == 26)
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "cities.csv", 26, 1, "id: duplicate city tver")
    }

    @Test func unknownColumnIsIgnoredWithAWarning() throws {
        var files = try Demo.files()
        // "id,name,body,payload_kg,pallet_places,crane," is 44 scalars: the new column starts at 45. Its rows stay
        // six fields long: a column of one's own at the end need not be written in every row.
        try files.replace("vehicles.csv", line: 1, "crane", with: "crane,colour")
        #expect(files.issues().isEmpty)
        let warnings = try CatalogCompiler.compileWithWarnings(files: files.contents).get().warnings
        #expect(warnings.count == 1)
        expectIssue(
            warnings.first, "vehicles.csv", 1, 45,
            "column \u{201C}colour\u{201D} (G) is not a column of vehicles.csv: ignored (its columns: id, name, body, payload_kg, pallet_places, crane)"
        )
    }

    @Test func misspeltColumnStaysAnError() throws {
        var files = try Demo.files()
        // "crnae" is two edits from "crane": a typo, which must not drop the column silently. It starts at 39.
        try files.replace("vehicles.csv", line: 1, "crane", with: "crnae")
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(
            issues.first, "vehicles.csv", 1, 39,
            "unknown column \u{201C}crnae\u{201D} (did you mean crane? expected: id, name, body, payload_kg, pallet_places, crane)")
    }

    @Test func columnNamedTwice() throws {
        var files = try Demo.files()
        try files.replace("vat.csv", line: 1, "rate_percent", with: "rate_percent,effective_from")
        let issues = files.issues()
        #expect(issues.count == 1)
        // "effective_from,rate_percent," is 28 scalars → column 29.
        expectIssue(issues.first, "vat.csv", 1, 29, "column \u{201C}effective_from\u{201D} appears twice")
    }

    @Test(arguments: [
        // (line, old, new, message): prices.csv:5 is BR-NF-M150-SOL's base tier from 0; :84 its TVE tier from 0.
        // "BR-NF-M150-SOL,," is 16 scalars, "BR-NF-M150-SOL,TVE," 19: min_qty is at column 17 and 20.
        (5, "BR-NF-M150-SOL,,0,", "BR-NF-M150-SOL,,100,", 17, "the lowest tier of BR-NF-M150-SOL starts at 100: it must start at 0"),
        (
            84, "BR-NF-M150-SOL,TVE,0,", "BR-NF-M150-SOL,TVE,100,", 20,
            "the lowest tier of BR-NF-M150-SOL (TVE) starts at 100: it must start at 0"
        ),
    ])
    func priceListNotStartingAtZero(line: Int, old: String, new: String, column: Int, message: String) throws {
        var files = try Demo.files()
        try files.replace("prices.csv", line: line, old, with: new)
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "prices.csv", line, column, "min_qty: " + message)
    }

    @Test func aliasFamilyWithTwoDefaults() throws {
        var files = try Demo.files()
        // aliases.csv:16 is the first "brick" row (BR-NF-M125-SOL, no); marking it yes gives "brick" two defaults
        // (with line 17, BR-NF-M150-SOL). The problem is reported at the family's first row, column of
        // `default`: "brick,BR-NF-M125-SOL," is 21 scalars → column 22.
        try files.replace("aliases.csv", line: 16, "brick,BR-NF-M125-SOL,no", with: "brick,BR-NF-M125-SOL,yes")
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(
            issues.first, "aliases.csv", 16, 22,
            "default: \u{201C}brick\u{201D} names 14 products and 2 of them are marked default: mark exactly one `yes`")
    }

    @Test func aliasFamilyWithNoDefault() throws {
        var files = try Demo.files()
        // aliases.csv:162–163: sand → SAND-QRY (yes), SAND-WASH (no). With no default the family is reported at 162.
        try files.replace("aliases.csv", line: 162, "sand,SAND-QRY,yes", with: "sand,SAND-QRY,no")
        let issues = files.issues()
        #expect(issues.count == 1)
        // "sand,SAND-QRY," is 14 scalars → column 15.
        expectIssue(issues.first, "aliases.csv", 162, 15, "\u{201C}sand\u{201D} names 2 products and 0 of them are marked default")
    }

    /// A holiday on a Saturday is listed like any other (Victory Day 2026-05-09: no deliveries that
    /// day); a date listed as both a holiday and a working day is a mistake, at its line.
    @Test func holidayOnASaturdayIsAcceptedAndAClashIsNot() throws {
        var files = try Demo.files()
        // 2026-12-01 is a Tuesday, so 2026-12-05 is a Saturday. holidays.csv has 58 lines: the new rows are 59 and 60.
        let line = files.append("holidays.csv", "2026-12-05,holiday,Тест")
        #expect(line == 59)
        #expect(files.issues().isEmpty)
        let clash = files.append("holidays.csv", "2026-12-05,workday,Тест")
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "holidays.csv", clash, 1, "date: 2026-12-05 is listed as a holiday as well")
    }

    @Test func workdayOnAWeekday() throws {
        var files = try Demo.files()
        let line = files.append("holidays.csv", "2026-12-07,workday,Тест")  // a Monday
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "holidays.csv", line, 1, "date: 2026-12-07 is a Mon, a working day already")
    }

    @Test func badBoolean() throws {
        var files = try Demo.files()
        // vehicles.csv:2: GAZ-1.5,"Газель бортовая 1,5 т",flatbed,1500,4,no — the name is quoted (it has a comma):
        // "GAZ-1.5," 8 + the quoted name 23 + "," + "flatbed,1500,4," 15 = 47 scalars → crane at column 48.
        try files.replace("vehicles.csv", line: 2, ",4,no", with: ",4,maybe")
        let issues = files.issues()
        expectIssue(issues.first, "vehicles.csv", 2, 48, "crane: \u{201C}maybe\u{201D} is not yes or no")
        #expect(issues.filter { $0.file == "vehicles.csv" }.count == 1)
        // The vehicle is then left out, but the 7 tariffs.csv rows for GAZ-1.5 (zone rules of MSK-N, TVR, KLG,
        // MSK-SE, DMT and the tver and moscow rows) do not report it unknown: one root cause, one error (issue 16;
        // before, 1 + 7 = 8 problems).
        #expect(issues.filter { $0.file == "tariffs.csv" }.isEmpty)
        #expect(issues.count == 1)
    }

    @Test func missingFile() throws {
        var files = try Demo.files()
        files.contents["tariffs.csv"] = nil
        let issues = files.issues()
        #expect(issues.count == 1)
        expectIssue(issues.first, "tariffs.csv", 0, 0, "missing: every catalog needs this file")
    }

    @Test func missingFileInADirectory() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        var files = try Demo.files()
        files.contents["holidays.csv"] = nil
        let dir = try tmp.write(files)
        guard case .failure(let problems) = CatalogCompiler.compile(directory: dir) else {
            Issue.record("a catalog without holidays.csv compiled")
            return
        }
        #expect(problems.issues.count == 1)
        expectIssue(problems.issues.first, "holidays.csv", 0, 0, "missing: every catalog needs this file")
    }

    @Test func unknownCSVFileInTheDirectory() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.write(try Demo.files())
        // The untouched copy compiles…
        #expect((try? CatalogCompiler.compile(directory: dir).get()) != nil)
        // …a stray .csv is an error (a misspelt file name must not be silently ignored), other files are not.
        try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: dir + "/pricess.csv"))
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: dir + "/README.txt"))
        guard case .failure(let problems) = CatalogCompiler.compile(directory: dir) else {
            Issue.record("a catalog with an unknown pricess.csv compiled")
            return
        }
        #expect(problems.issues.count == 1)
        expectIssue(problems.issues.first, "pricess.csv", 1, 1, "unknown catalog file (a catalog has: settings.csv, vat.csv")
    }

    @Test func notADirectory() throws {
        guard case .failure(let problems) = CatalogCompiler.compile(directory: "/nonexistent/quote-catalog") else {
            Issue.record("a missing folder compiled")
            return
        }
        #expect(problems.issues.count == 1)
        expectIssue(problems.issues.first, "/nonexistent/quote-catalog", 0, 0, "not a folder of catalog CSV files")
    }

    @Test func everyProblemIsReportedInOneRun() throws {
        // Two unrelated mistakes in two files: both are reported, in file order (products.csv before holidays.csv).
        var files = try Demo.files()
        let dup = files.append("products.csv", files.lines("products.csv")[2])
        let sat = files.append("holidays.csv", "2026-12-07,workday,Тест")  // a Monday
        let issues = files.issues()
        #expect(issues.map(\.description.prefixUpToMessage) == [.location("products.csv", dup, 1), .location("holidays.csv", sat, 1)])
    }
}

extension String {
    /// "file:line:column: " of an issue's description.
    fileprivate var prefixUpToMessage: String {
        var colons = 0
        for (i, c) in zip(indices, self) where c == ":" {
            colons += 1
            if colons == 3 { return String(self[...index(after: i)]) }
        }
        return self
    }
}
