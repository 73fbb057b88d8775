import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// Databases that SQLite still reads (they pass `PRAGMA integrity_check`) but whose values are wrong: a changed
/// price, text in a numeric column, a lost row, a negative cost written with a valid checksum. Each is refused
/// when its rows are loaded (exit 3, "rebuild it"), never quoted (issue 12, item 2).
@Suite struct DamagedValueTests {
    private let brickToTver = QuoteRequest(
        items: [QuoteRequest.Item(product: "brick", quantity: Quantity(whole: 5000), unit: nil)], city: "Tver", customer: "C-1001",
        asOf: Demo.asOf)

    /// The demo compiled into a fresh folder, then changed by `sql` (without touching any checksum).
    private func database(_ sql: String? = nil, catalog: Catalog? = nil) throws -> (TemporaryDirectory, String) {
        let tmp = try TemporaryDirectory()
        let path = tmp.path + "/demo.sqlite"
        try CatalogDatabase.write(try catalog ?? Demo.catalog(), to: path)
        if let sql { try SQLiteDatabase(path: path, readOnly: false).execute(sql) }
        return (tmp, path)
    }

    private func snapshotError(_ path: String) -> QuoteError? {
        do {
            _ = try CatalogStore(path: path).snapshot(for: brickToTver)
            return nil
        } catch { return error }
    }

    private func expectDamaged(_ error: QuoteError?, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else {
            Issue.record("the damaged database was read", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == .catalogUnavailable && error.code.exitStatus == 3, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.contains("rebuild it with `quote catalog build`"), "\(error.message)", sourceLocation: sourceLocation)
    }

    @Test func theIntactDemoReadsWholeAndInParts() throws {
        let (tmp, path) = try database()
        defer { tmp.remove() }
        let store = try CatalogStore(path: path)
        let whole = try store.loadAll()
        #expect(whole.products.count == 34)
        // BR-NF-M150-SOL's TVE tier from 0 is 17.90 (prices.csv:84).
        #expect(
            try store.snapshot(for: brickToTver).prices["BR-NF-M150-SOL"]?.regional["TVE"]?.first?.price == UnitPrice(Money(kopecks: 1_790))
        )
    }

    @Test func aNegatedPriceDoesNotMatchItsChecksum() throws {
        // The issue's flipped bit made a price negative and the total −1,007,794.18 at exit 0.
        let (tmp, path) = try database("UPDATE prices SET price = -price WHERE sku = 'BR-NF-M150-SOL' AND region = 'TVE'")
        defer { tmp.remove() }
        expectDamaged(snapshotError(path), "table prices, row BR-NF-M150-SOL/TVE does not match its checksum")
    }

    @Test func oneChangedKopeckIsCaught() throws {
        // 17.90 → 17.91: a plausible value, caught by the checksum alone.
        let (tmp, path) = try database("UPDATE stock SET cost = cost + 1 WHERE sku = 'BR-NF-M150-SOL' AND source = 'PL-TVER'")
        defer { tmp.remove() }
        expectDamaged(snapshotError(path), "table stock, row BR-NF-M150-SOL/PL-TVER does not match its checksum")
    }

    @Test func textInANumericColumn() throws {
        // A price stored as text once quoted at 0.00 (sqlite3_column_int64 reads "17,90" as 17, other text as 0).
        // ("17.90" is not text there: the column's integer affinity stores it as a REAL, refused alike.)
        let (tmp, path) = try database("UPDATE prices SET price = '17,90' WHERE sku = 'BR-NF-M150-SOL' AND region = 'TVE' AND min_qty = 0")
        defer { tmp.remove() }
        expectDamaged(snapshotError(path), "table prices, row BR-NF-M150-SOL/TVE: price is text, not a whole number")
        let (tmp2, path2) = try database(
            "UPDATE prices SET price = '17.90' WHERE sku = 'BR-NF-M150-SOL' AND region = 'TVE' AND min_qty = 0")
        defer { tmp2.remove() }
        expectDamaged(snapshotError(path2), "price is a floating-point number, not a whole number")
    }

    @Test func aDamagedSettingIsRefusedAtOpen() throws {
        let (tmp, path) = try database("UPDATE meta SET value = '-5' WHERE key = 'cutoff_hour'")
        defer { tmp.remove() }
        #expect(throws: QuoteError.self) { _ = try CatalogStore(path: path) }
        do {
            _ = try CatalogStore(path: path)
        } catch {
            expectDamaged(error, "table meta, row cutoff_hour/-5 does not match its checksum")
        }
    }

    @Test func aLostRowShowsInTheContentChecksum() throws {
        // One stock row of a block deleted: no row is wrong, so a request for bricks still quotes, but reading
        // the whole catalog (a --jsonl stream's warm-up, an import) finds the sum short of the recorded one.
        let (tmp, path) = try database("DELETE FROM stock WHERE sku = 'BL-D500-600x200x250'")
        defer { tmp.remove() }
        let store = try CatalogStore(path: path)
        #expect(throws: Never.self) { _ = try store.snapshot(for: brickToTver) }
        do {
            _ = try store.loadAll()
            Issue.record("a catalog with a lost row loaded whole")
        } catch {
            expectDamaged(error, "its rows do not add up to the content checksum recorded when it was built")
        }
    }

    /// A price row the request's look-up does not return (lost here; in the damage trial a damaged index hid the
    /// TVE tiers, and the brick was quoted at the base 18.00 instead of 17.40 at exit 0): the product's sum of its
    /// rows' checksums (`products.rows_h`) tells.
    @Test(arguments: [
        "DELETE FROM prices WHERE sku = 'BR-NF-M150-SOL' AND region = 'TVE'",
        "DELETE FROM stock WHERE sku = 'BR-NF-M150-SOL' AND source = 'PL-TVER'",
    ])
    func aMissingStockOrPriceRowOfARequestedProduct(sql: String) throws {
        let (tmp, path) = try database(sql)
        defer { tmp.remove() }
        expectDamaged(snapshotError(path), "the stock and price rows read for BR-NF-M150-SOL are not all of them")
    }

    /// A row whose key changed (in the damage trial WH-KHIMKI read "WH-K@IMKI"): the offers that refer to it find
    /// nothing, which the build never allows; the quote had silently lost the fastest alternative.
    @Test func aReferencedSourceThatIsNotFound() throws {
        let (tmp, path) = try database("DELETE FROM sources WHERE id = 'WH-KHIMKI'")
        defer { tmp.remove() }
        expectDamaged(snapshotError(path), "the source WH-KHIMKI that other rows refer to is not found")
    }

    /// Values the compiler would refuse, written with valid checksums (as a planted or hand-built file could be):
    /// refused by the value rules.
    @Test(arguments: [
        ("price", "price -17.90 is not more than zero"), ("cost", "cost -14.62 is negative"), ("stock", "stock -126000 is negative"),
    ])
    func valuesTheCompilerRefusesAreRefusedWhenLoaded(field: String, message: String) throws {
        var catalog = try Demo.catalog()
        switch field {
        case "price":
            catalog.prices["BR-NF-M150-SOL"]?.regional["TVE"]?[0].price = UnitPrice(units: -179_000)
        default:
            var offers = try #require(catalog.offers["BR-NF-M150-SOL"])
            let i = try #require(offers.firstIndex { $0.source == "PL-TVER" })
            if field == "cost" { offers[i].cost = Money(kopecks: -1_462) } else { offers[i].stock = Quantity(whole: -126_000) }
            catalog.offers["BR-NF-M150-SOL"] = offers
        }
        let (tmp, path) = try database(catalog: catalog)
        defer { tmp.remove() }
        expectDamaged(snapshotError(path), message)
    }

    /// The engine, handed such a catalog in memory, does not trap: the internal margin percentage over a negative
    /// net was a precondition failure in `FixedPoint.mulDivRounded` (exit 132).
    @Test func aNegativePriceInMemoryNeverTraps() throws {
        var catalog = try Demo.catalog()
        let tiers = try #require(catalog.prices["BR-NF-M150-SOL"]?.regional["TVE"])
        catalog.prices["BR-NF-M150-SOL"]?.regional["TVE"] = tiers.map {
            PriceTier(minQuantity: $0.minQuantity, price: UnitPrice(units: -$0.price.units, per: $0.price.per, decimals: $0.price.decimals))
        }
        let quote = try QuoteEngine.quote(brickToTver, catalog: catalog)
        let json = quote.json(includeInternal: true)
        #expect(json.contains("\"marginPercent\""))
        // mulDivRounded with a divisor ≤ 0 is nil, not a trap; mulDivCeiling with a negative operand too.
        #expect(FixedPoint.mulDivRounded(100, 1_000, -50) == nil)
        #expect(FixedPoint.mulDivRounded(100, 1_000, 0) == nil)
        #expect(FixedPoint.mulDivCeiling(-1, 5, 3) == nil)
        // 7 × 5 / 3 = 11.67 → 12 rounded up, 12 rounded half-up.
        #expect(FixedPoint.mulDivCeiling(7, 5, 3) == 12 && FixedPoint.mulDivRounded(7, 5, 3) == 12)
    }
}
