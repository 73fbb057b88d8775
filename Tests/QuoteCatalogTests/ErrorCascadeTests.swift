import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// Errors that lead to the cause (issue 16): one root cause is one error, independent mistakes are all
/// reported in one run, and an id that refers to another table comes with the closest ids of that table.
@Suite struct ErrorCascadeTests {
    @Test func aProductRowThatFailsIsNotAlsoUnknownWhereverItIsNamed() throws {
        var files = try Demo.files()
        // products.csv:2 is BR-NF-M125-SOL, weight 3.5 kg. Its SKU is named by 7 aliases, 3 price rows and 1
        // stock row: before, one bad weight gave 1 + 11 errors ("unknown SKU … (not in products.csv)").
        try files.replace("products.csv", line: 2, ",3.5,420,", with: ",3.5kg,420,")
        let issues = files.issues()
        #expect(issues.map(\.description) == ["products.csv:2:143: weight_kg: \u{201C}3.5kg\u{201D} is not a number"])
    }

    @Test func everyMistakeOfAProductRowInOneRun() throws {
        var files = try Demo.files()
        // products.csv:2: the group "brik" (a typo of brick) and the unit "pc" at once. Before, the group was
        // reported only once the unit was fixed (the row stopped at the unit).
        try files.replace("products.csv", line: 2, ",brick,brick,pcs,", with: ",brik,brick,pc,")
        let messages = files.issues().map(\.message)
        #expect(messages.contains("group: unknown product group brik (not in product_groups.csv); did you mean brick?"))
        #expect(messages.contains("unit: \u{201C}pc\u{201D} is not one of: pcs, bag, t"))
        // And the product, left out, is not unknown in aliases, prices and stock: those two are all.
        #expect(messages.count == 2, "\(messages)")
    }

    @Test func aBrokenPriceHeaderIsOneErrorNotOneAProduct() throws {
        var files = try Demo.files()
        // "price" misnamed "cost": before, the missing column was followed by "has no base price" for each of the
        // 34 products at prices.csv:1:1 (sorted before their cause) and an empty price on every row.
        try files.replace("prices.csv", line: 1, ",price,", with: ",cost,")
        let issues = files.issues()
        #expect(
            issues.map(\.description) == [
                "prices.csv:1:1: missing column \u{201C}price\u{201D} (the header must name: sku, region, min_qty, price)"
            ])
    }

    @Test func aPriceRowThatFailsIsNotAlsoAMissingBasePrice() throws {
        var files = try Demo.files()
        // prices.csv:2 is BR-NF-M125-SOL's base price from 0 (17.20), its only base tier from 0.
        try files.replace("prices.csv", line: 2, ",0,17.20", with: ",0,17.2O")  // a letter O for a zero
        let issues = files.issues()
        #expect(issues.map(\.description) == ["prices.csv:2:19: price: \u{201C}17.2O\u{201D} is not a number"])
    }

    @Test func aSourceRowThatFailsIsNotAlsoUnknownInStockOrAZoneInRoutes() throws {
        var files = try Demo.files()
        // sources.csv:3 is PL-TVER (zone TVR, the only source there), lead 2 days; "two" is not a number. Before,
        // its stock rows were "unknown source PL-TVER" and the routes and tariffs of TVR "no source is in zone TVR".
        try files.replace("sources.csv", line: 3, ",tver,2,", with: ",tver,two,")
        let issues = files.issues()
        #expect(issues.count == 1, "\(issues)")
        #expect(issues.first?.description.hasPrefix("sources.csv:3:") == true)
        #expect(issues.first?.message == "lead_days: \u{201C}two\u{201D} is not a number")
    }

    @Test(arguments: [
        // (file, line, old, new, the message)
        ("stock.csv", 2, "WH-KHIMKI,", "WH-KHIMKY,", "source: unknown source WH-KHIMKY (not in sources.csv); did you mean WH-KHIMKI?"),
        ("tariffs.csv", 2, ",GAZ-1.5,", ",GAZ-15,", "vehicle: unknown vehicle GAZ-15 (not in vehicles.csv); did you mean GAZ-1.5?"),
        ("sources.csv", 3, ",tver,", ",tvre,", "city: unknown city tvre (not in cities.csv); did you mean tver?"),
        (
            "discounts.csv", 2, ",brick,", ",bricks,",
            "product_group: unknown product group bricks (not in product_groups.csv); did you mean brick?"
        ),
        (
            "stock.csv", 2, ",BR-NF-M150-SOL,", ",BR-NF-M15O-SOL,",
            "sku: unknown SKU BR-NF-M15O-SOL (not in products.csv); did you mean BR-NF-M150-SOL"
        ),
    ])
    func didYouMeanForEveryReference(file: String, line: Int, old: String, new: String, message: String) throws {
        var files = try Demo.files()
        try files.replace(file, line: line, old, with: new)
        let issues = files.issues()
        #expect(issues.first?.file == file && issues.first?.line == line, "\(issues)")
        #expect(issues.first?.message.hasPrefix(message) == true, "\(issues)")
    }

    @Test func aRegionNoCityIsInSuggestsTheClosest() throws {
        var files = try Demo.files()
        // prices.csv has Tver's regional list (region TVE, two tiers); written TVEE, no city is in that region.
        let lines = files.lines("prices.csv")
        for (i, l) in lines.enumerated() where l.contains(",TVE,") { try files.replace("prices.csv", line: i + 1, ",TVE,", with: ",TVEE,") }
        let warnings = try CatalogRules.compile(files: files.contents, asOf: Demo.asOf).get().warnings
        let region = warnings.filter { $0.message.contains("region TVEE") }
        #expect(region.first?.message.hasSuffix("is never used; did you mean TVE?") == true, "\(region)")
    }

    @Test func independentMistakesInDifferentFilesAllInOneRun() throws {
        var files = try Demo.files()
        try files.replace("products.csv", line: 2, ",brick,brick,pcs,", with: ",brik,brick,pcs,")
        try files.replace("stock.csv", line: 2, ",6300,", with: ",-6300,")
        try files.replace("tariffs.csv", line: 2, ",GAZ-1.5,", with: ",GAZ-15,")
        let issues = files.issues()
        #expect(issues.map(\.file) == ["products.csv", "stock.csv", "tariffs.csv"], "\(issues)")
    }
}
