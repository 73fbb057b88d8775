import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// `CatalogRules`: mistakes in catalogs that parse — each found at the row to fix, as an error (the build stops)
/// or a warning (it goes on). What the compiler itself refuses (duplicate tiers, a list not starting at 0, a
/// city without delivery days, a product without a base price) is checked here too, as the other half of
/// `quote catalog check`.
@Suite struct CatalogRulesTests {
    /// The rules' errors and warnings for `files` (which must compile), at `asOf`.
    private func findings(_ files: CatalogFiles, asOf: Moment? = Demo.asOf, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (errors: [String], warnings: [String])
    {
        let catalog = try #require(try? files.compile(), "the catalog compiles: \(files.issues())", sourceLocation: sourceLocation)
        let found = CatalogRules.check(catalog, rows: CatalogRows(files: files.contents), asOf: asOf)
        return (
            CatalogRules.sorted(found.filter { $0.severity == .error }.map(\.issue)).map(\.description),
            CatalogRules.sorted(found.filter { $0.severity == .warning }.map(\.issue)).map(\.description)
        )
    }

    private func moment(_ text: String) -> Moment { Moment.parse(Substring(text), defaultOffset: 10_800) ?? Demo.asOf }

    // MARK: The demo

    @Test func theDemoHasNoErrorsAndOneDeliberateWarning() throws {
        let f = try findings(try Demo.files())
        #expect(f.errors == [])
        // PL-KALUGA's figures are from 2026-11-20 on purpose: the demo shows the stale-stock warning with it.
        #expect(
            f.warnings == [
                "sources.csv:4:68: stock_as_of: PL-KALUGA's stock figures are from 2026-11-20T12:00:00+03:00, 10 days before "
                    + "2026-12-01T10:00:00+03:00, over the 48-hour freshness limit: import fresh ones (quote catalog import FILE.csv --source PL-KALUGA)"
            ])
        // Without a moment, nothing depends on the clock.
        #expect(try findings(try Demo.files(), asOf: nil).warnings == [])
        // Through `compile(directory:)`: the catalog, with the same warning.
        let checked = try CatalogRules.compile(directory: Demo.directory, asOf: Demo.asOf).get()
        #expect(checked.catalog.products.count == 34)
        #expect(checked.warnings.map(\.description) == f.warnings)
    }

    // MARK: Price tiers

    @Test func aTierDearerThanTheOneBelowIsAWarning() throws {
        var files = try Demo.files()
        // prices.csv:6 is BR-NF-M150-SOL from 5000 at 18.00; make it 18.60, over the 18.50 from 0.
        try files.replace("prices.csv", line: 6, ",5000,18.00", with: ",5000,18.60")
        let f = try findings(files, asOf: nil)
        #expect(f.errors == [])
        #expect(
            f.warnings == [
                "prices.csv:6:22: price: BR-NF-M150-SOL costs 18.60 from 5000, more than 18.50 from 0: a larger order should not cost more per unit"
            ])
    }

    /// Overlapping tiers (two prices from the same quantity) and gapped ones (a list not starting at 0) are the
    /// compiler's errors; the gap is tested in `BrokenCatalogTests.priceListNotStartingAtZero`.
    @Test func overlappingTiersAreAnError() throws {
        var files = try Demo.files()
        let line = files.append("prices.csv", "BR-NF-M150-SOL,,5000,17.90,")
        let issues = files.issues()
        #expect(issues.map(\.description) == ["prices.csv:\(line):17: min_qty: BR-NF-M150-SOL has two prices from 5000"])
    }

    @Test func aRegionalListNoCityUsesIsAWarning() throws {
        var files = try Demo.files()
        let line = files.append("prices.csv", "SAND-QRY,XYZ,0,800.00,")
        let f = try findings(files, asOf: nil)
        #expect(
            f.warnings == [
                "prices.csv:\(line):10: region: no city is in region XYZ (cities.csv), so this price list of SAND-QRY is never used"
            ])
    }

    // MARK: Products and stock

    @Test func aProductWithoutAPriceIsAnError() throws {
        var files = try Demo.files()
        try files.replace("prices.csv", line: 80, "SAND-WASH,,0,1020.00", with: "SAND-WASH,MSK,100,1020.00")
        let issues = files.issues().map(\.description)
        #expect(issues.contains("prices.csv:1:1: SAND-WASH has no base price (a row with an empty region)"), "\(issues)")
    }

    @Test func aProductNoSourceStocksIsAWarning() throws {
        var files = try Demo.files()
        var lines = files.lines("stock.csv")
        lines.removeAll { $0.hasPrefix("QRY-DMITROV,SAND-WASH,") }
        files.setLines("stock.csv", lines)
        let f = try findings(files, asOf: nil)
        #expect(f.errors == [])
        #expect(
            f.warnings == [
                "products.csv:32:1: sku: no source stocks SAND-WASH (stock.csv), so it can never be quoted: add a stock row or remove the product"
            ])
    }

    @Test func aCostAboveTheListPriceIsAWarning() throws {
        var files = try Demo.files()
        // stock.csv:18 is PL-TVER's BR-NF-M150-SOL at 14.62; its lowest list price is 16.90 (Tver's list from 10 000).
        try files.replace("stock.csv", line: 18, ",126000,14.62,", with: ",126000,17.00,")
        let f = try findings(files, asOf: nil)
        #expect(
            f.warnings == [
                "stock.csv:18:31: cost: PL-TVER buys BR-NF-M150-SOL at 17.00, more than its lowest list price 16.90 (TVE from 10000): a sale at that price loses money"
            ])
    }

    @Test func aPalletNoTruckCanCarryIsAnError() throws {
        var files = try Demo.files()
        // 3.6 kg → 3600 kg a brick (a unit mistake): 420 of them are 1 512 t, more than the 20 t of the largest flatbed.
        try files.replace("products.csv", line: 3, ",65,3.6,420,", with: ",65,3600,420,")
        let f = try findings(files, asOf: nil)
        #expect(
            f.errors == [
                "products.csv:3:148: per_pallet: one pallet of BR-NF-M150-SOL (420 × 3600 kg) weighs more than any flatbed carries (the largest, SEMI-20, takes 20000 kg): check weight_kg and per_pallet"
            ])
        // An error stops the build: compile(files:) fails with it.
        guard case .failure(let problems) = CatalogRules.compile(files: files.contents, asOf: nil) else {
            Issue.record("a catalog with a rule error compiled")
            return
        }
        #expect(problems.issues.map(\.description) == f.errors)
    }

    @Test func bulkGoodsWithoutTippersAreAnError() throws {
        var files = try Demo.files()
        files.setLines("vehicles.csv", files.lines("vehicles.csv").filter { !$0.hasPrefix("TIP-") })
        files.setLines("tariffs.csv", files.lines("tariffs.csv").filter { !$0.contains(",TIP-") })
        let f = try findings(files, asOf: nil)
        // The five bulk products (sand and stone), at products.csv:31…35, column 5 (kind)…
        let products = f.errors.filter { $0.hasPrefix("products.csv:") }
        #expect(products.count == 5, "\(f.errors)")
        #expect(products.allSatisfy { $0.contains(": kind: bulk goods travel in tippers and vehicles.csv has none") })
        #expect(products.first?.hasPrefix("products.csv:31:") == true, "\(f.errors)")
        // …and the 24 routes of the quarry's zone, which now have no tariff for what it ships.
        let routes = f.errors.filter { $0.hasPrefix("routes.csv:") }
        #expect(routes.count == 24)
        #expect(routes.allSatisfy { $0.contains(": no tariff carries bulk goods (tippers) from zone DMT to ") })
        #expect(f.errors.count == 29)
    }

    // MARK: Cities, routes and tariffs

    @Test func aRouteWithoutATariffForWhatItsZoneShipsIsAnError() throws {
        var files = try Demo.files()
        // Drop Tver's zone-wide flatbed tariffs (tariffs.csv:9–13): TVR keeps flatbed rows for tver only, and its
        // tippers, which its bricks cannot use. Every other city it has a route to (23) loses its tariff.
        files.setLines("tariffs.csv", files.lines("tariffs.csv").enumerated().filter { !(8...12).contains($0.offset) }.map(\.element))
        let f = try findings(files, asOf: nil)
        #expect(f.errors.count == 23, "\(f.errors)")
        #expect(
            f.errors.contains(
                "routes.csv:26:5: city: no tariff carries pallets (flatbeds) from zone TVR to moscow: tariffs.csv needs a TVR row for a flatbed vehicle, "
                    + "for moscow or for any city (goods of PL-TVER cannot be delivered there)"), "\(f.errors)")
        #expect(!f.errors.contains { $0.contains(" to tver:") }, "tver has its own rows")
    }

    @Test func aCityNoRouteReachesIsAWarning() throws {
        var files = try Demo.files()
        files.setLines("routes.csv", files.lines("routes.csv").filter { !$0.contains(",rzhev,") })
        let f = try findings(files, asOf: nil)
        #expect(f.errors == [])
        #expect(
            f.warnings == [
                "cities.csv:25:1: id: no route reaches rzhev (routes.csv): deliveries there are no_delivery (pickup still works)"
            ])
    }

    @Test func aTariffForACityItsZoneDoesNotReachIsAWarning() throws {
        var files = try Demo.files()
        let line = files.append("tariffs.csv", "TVR,rzhev,FB-10,5000.00,0,0.00,5000.00")
        files.setLines("routes.csv", files.lines("routes.csv").filter { !$0.hasPrefix("TVR,rzhev,") })
        let f = try findings(files, asOf: nil)
        #expect(
            f.warnings == [
                "tariffs.csv:\(line):5: city: routes.csv has no route from TVR to rzhev, so this tariff is never used: add the route or remove the row"
            ])
    }

    @Test func aHeavierTruckCheaperThanALighterOneIsAWarning() throws {
        var files = try Demo.files()
        // tariffs.csv:40 is the 20 t semi from Tver to tver at 8 000.00; at 5 000.00 it is cheaper than the 10 t (5 500.00, :39).
        try files.replace(
            "tariffs.csv", line: 40, "TVR,tver,SEMI-20,8000.00,0,0.00,8000.00", with: "TVR,tver,SEMI-20,5000.00,0,0.00,5000.00")
        let f = try findings(files, asOf: nil)
        #expect(f.errors == [])
        #expect(
            f.warnings == [
                "tariffs.csv:40:18: base_price: SEMI-20 (20000 kg) costs 5000.00 a trip from TVR to tver (15 km), less than the lighter FB-10 (10000 kg) "
                    + "at 5500.00 (tariffs.csv:39): a heavier load should not cost less; check base_price, per_km and min_charge of both rows"
            ])
    }

    @Test func aCityWithoutDeliveryDaysIsAnError() throws {
        var files = try Demo.files()
        try files.replace("cities.csv", line: 25, ",TVE,Tue Fri", with: ",TVE,")
        #expect(
            files.issues().map(\.description) == [
                "cities.csv:25:32: delivery_days: no delivery day: name the weekdays deliveries arrive (e.g. Mon Wed Fri)"
            ])
    }

    // MARK: The clock

    @Test func staleAndFutureStockAreWarnings() throws {
        var files = try Demo.files()
        try files.replace("sources.csv", line: 2, ",0,2026-12-01T08:30:00+03:00", with: ",0,2026-12-03T08:30:00+03:00")
        let f = try findings(files, asOf: moment("2026-12-01T10:00:00+03:00"))
        #expect(f.warnings.count == 2, "\(f.warnings)")
        #expect(
            f.warnings.first
                == "sources.csv:2:48: stock_as_of: WH-KHIMKI's stock figures are dated 2026-12-03T08:30:00+03:00, 46 h after 2026-12-01T10:00:00+03:00: a wrong date or UTC offset?"
        )
        #expect(f.warnings.last?.hasPrefix("sources.csv:4:68: stock_as_of: PL-KALUGA's stock figures are from ") == true)
        // Two days on, every source is over the 48 hours.
        #expect(try findings(try Demo.files(), asOf: moment("2026-12-04T10:00:00+03:00")).warnings.count == 6)
    }

    @Test func anExpiredPriceListAndNoVATRateAreWarnings() throws {
        let late = try findings(try Demo.files(), asOf: moment("2027-01-10T10:00:00+03:00"))
        #expect(
            late.warnings.contains(
                "settings.csv:10:24: value: the price list expired on 2026-12-31, before 2027-01-10: quotes are valid only until then; update the prices and this date"
            ),
            "\(late.warnings)")
        var files = try Demo.files()
        files.setLines("vat.csv", ["effective_from,rate_percent", "2026-01-01,22", ""])
        let early = try findings(files, asOf: moment("2025-12-01T10:00:00+03:00"))
        #expect(
            early.warnings.contains(
                "vat.csv:2:1: effective_from: no VAT rate is in force on 2025-12-01 (the first is from 2026-01-01): quotes before then fail"
            ), "\(early.warnings)")
    }

    // MARK: Locations

    @Test func findingsPointIntoSemicolonFilesWithBOMs() throws {
        var files = try Demo.files()
        // prices.csv as a Russian-locale spreadsheet saves it: BOM, `;`, decimal commas. Line 6 as above.
        let text = files.text("prices.csv").replacingOccurrences(of: ",", with: ";").replacingOccurrences(
            of: #"(\d)\.(\d)"#, with: "$1,$2", options: .regularExpression)
        files.contents["prices.csv"] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        try files.replace("prices.csv", line: 6, ";5000;18,00", with: ";5000;18,60")
        let f = try findings(files, asOf: nil)
        #expect(f.warnings.count == 1)
        #expect(f.warnings.first?.hasPrefix("prices.csv:6:22: price: BR-NF-M150-SOL costs 18.60 from 5000") == true, "\(f.warnings)")
    }

    @Test func withoutRowsFindingsNameTheFileAtLineZero() throws {
        var files = try Demo.files()
        try files.replace("prices.csv", line: 6, ",5000,18.00", with: ",5000,18.60")
        let found = CatalogRules.check(try files.compile(), rows: CatalogRows(), asOf: nil)
        #expect(
            found.map(\.description) == [
                "warning: prices.csv:0:0: price: BR-NF-M150-SOL costs 18.60 from 5000, more than 18.50 from 0: a larger order should not cost more per unit"
            ])
    }
}
