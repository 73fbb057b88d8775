import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// `quote catalog import` into a database updates it in place, in one transaction: only the source's rows (and
/// the products and meta rows that sum them) change, a failure leaves every byte as it was, and the catalog's
/// version moves so that readers holding the file open notice.
@Suite struct InPlaceImportTests {
    /// The demo catalog in a fresh folder: (folder, database).
    private func demoDatabase() throws -> (TemporaryDirectory, String) {
        let tmp = try TemporaryDirectory()
        let path = tmp.path + "/demo.sqlite"
        try CatalogDatabase.write(try Demo.catalog(), to: path)
        return (tmp, path)
    }

    /// Every row of `table` (checksums included), one string per row, in key order; `where` selects.
    private func rows(_ path: String, _ table: String, where condition: String = "1") throws -> [String] {
        let db = try SQLiteDatabase(path: path, readOnly: true)
        var out: [String] = []
        try db.query("SELECT * FROM \(table) WHERE \(condition) ORDER BY 1, 2, 3") { r in
            out.append((0..<8).map { r.optionalText(Int32($0)) ?? "∅" }.joined(separator: "|"))
        }
        return out
    }

    /// PL-TVER's new figures: BR-NF-M150-SOL's cost 14.62 → 15.62, BR-NF-M125-SOL's stock 42 000 → 40 000; the
    /// six other bricks it stocks are not listed (kept, with --missing keep).
    static let twoRows = "sku,stock,cost\nBR-NF-M150-SOL,126000,15.62\nBR-NF-M125-SOL,40000,13.59\n"

    private func importFile(_ tmp: TemporaryDirectory, _ text: String) throws -> String {
        let file = tmp.path + "/tver.csv"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    private static let keep = CatalogImport.Options(missing: .keep)

    /// Every offer of `c` as "sku source stock cost min multiple", sorted.
    static func offerLines(_ c: Catalog) -> [String] {
        c.offers.values.flatMap { $0 }.map {
            "\($0.sku) \($0.source) \($0.stock.milli) \($0.cost.kopecks) \($0.minOrder.milli) \($0.orderMultiple.milli)"
        }
        .sorted()
    }

    @Test func anImportChangesOnlyTheSourcesRows() throws {
        let (tmp, db) = try demoDatabase()
        defer { tmp.remove() }
        let file = try importFile(tmp, Self.twoRows)
        let others = "source != 'PL-TVER'"
        let before = (
            stock: try rows(db, "stock", where: others), prices: try rows(db, "prices"), cities: try rows(db, "cities"),
            products: try rows(db, "products", where: "sku NOT IN ('BR-NF-M150-SOL', 'BR-NF-M125-SOL')"),
            sources: try rows(db, "sources", where: "id != 'PL-TVER'"), tver: try rows(db, "stock", where: "source = 'PL-TVER'")
        )
        let identity = FileIO.identity(db)
        let outcome = try CatalogImport.run(
            file: file, source: "PL-TVER", catalog: db, asOf: "2026-12-01T09:00:00+03:00", now: Demo.asOf, options: Self.keep)
        #expect(
            outcome.changed.map(\.rawValue) == ["BR-NF-M125-SOL", "BR-NF-M150-SOL"] && outcome.added.isEmpty && outcome.removed.isEmpty)
        #expect(outcome.rows == 8)
        // The other sources' stock, every price, city and other product: byte for byte, checksums included.
        #expect(try rows(db, "stock", where: others) == before.stock)
        #expect(try rows(db, "prices") == before.prices)
        #expect(try rows(db, "cities") == before.cities)
        #expect(try rows(db, "products", where: "sku NOT IN ('BR-NF-M150-SOL', 'BR-NF-M125-SOL')") == before.products)
        #expect(try rows(db, "sources", where: "id != 'PL-TVER'") == before.sources)
        // PL-TVER's two listed rows changed (cost in kopecks: 15.62 → 1562; stock in thousandths: 40 000 → 40000000).
        let tver = try rows(db, "stock", where: "source = 'PL-TVER'")
        #expect(tver.count == 8 && tver.filter { !before.tver.contains($0) }.count == 2)
        #expect(tver.contains { $0.hasPrefix("BR-NF-M150-SOL|PL-TVER|126000000|1562|1680000|420000|") })
        #expect(tver.contains { $0.hasPrefix("BR-NF-M125-SOL|PL-TVER|40000000|1359|1680000|420000|") })
        // In place: the same file, not a new one renamed over it.
        #expect(FileIO.identity(db).map { [$0.0, $0.1] } == identity.map { [$0.0, $0.1] })
        // Read whole, it adds up to its content checksum and is the catalog the import means: the whole catalog
        // with the file applied, as the import did before it was made in place.
        let loaded = try CatalogStore(path: db).loadAll()
        let (expected, _, _) = try CatalogImport.apply(
            Array(Self.twoRows.utf8), file: "tver.csv", source: "PL-TVER", to: try Demo.catalog(), asOf: outcome.stockAsOf,
            otherRows: CatalogRows(), options: Self.keep)
        #expect(Self.offerLines(loaded) == Self.offerLines(expected))
        #expect(loaded.prices.mapValues(\.base) == expected.prices.mapValues(\.base))
        #expect(loaded.prices.mapValues(\.regional) == expected.prices.mapValues(\.regional))
        #expect(
            loaded.sources.values.map { "\($0.id) \($0.stockAsOf)" }.sorted()
                == expected.sources.values.map { "\($0.id) \($0.stockAsOf)" }.sorted())
        let demoVersion = try Demo.catalog().version
        #expect(loaded.version == outcome.version && loaded.version != demoVersion)
        #expect(loaded.sources[SourceID("PL-TVER")]?.stockAsOf.description == "2026-12-01T09:00:00+03:00")
        #expect(!FileManager.default.fileExists(atPath: db + "-journal"))
    }

    @Test func aFailingRowLeavesTheDatabaseUnchanged() throws {
        let (tmp, db) = try demoDatabase()
        defer { tmp.remove() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        // The first row is good; the second names a SKU the catalog lacks: nothing is written, not even the first.
        let file = try importFile(tmp, "sku,stock,cost\nBR-NF-M150-SOL,1000,15.62\nBR-NF-M150-SOK,10,1.00\n")
        #expect {
            try CatalogImport.run(file: file, source: "PL-TVER", catalog: db, asOf: nil, now: Demo.asOf)
        } throws: { error in
            let e = error as? QuoteError
            return e?.code == .catalogInvalid && e?.message.contains("unknown SKU BR-NF-M150-SOK") == true
                && e?.message.contains("did you mean BR-NF-M150-SOL") == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
        // A dry run reports the changes and writes nothing either.
        let good = try importFile(tmp, Self.twoRows)
        let dry = try CatalogImport.run(
            file: good, source: "PL-TVER", catalog: db, asOf: nil, now: Demo.asOf,
            options: CatalogImport.Options(dryRun: true, missing: .keep))
        #expect(dry.changed.map(\.rawValue) == ["BR-NF-M125-SOL", "BR-NF-M150-SOL"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
    }

    /// A failure in the middle of the writing — here a trigger refuses the first products row, after the stock rows
    /// of PL-TVER were already deleted and inserted again — rolls the whole transaction back.
    @Test func aFailureWhileWritingRollsEverythingBack() throws {
        let (tmp, db) = try demoDatabase()
        defer { tmp.remove() }
        try SQLiteDatabase(path: db, readOnly: false).execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON products BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        let file = try importFile(tmp, Self.twoRows)
        #expect {
            try CatalogImport.run(file: file, source: "PL-TVER", catalog: db, asOf: nil, now: Demo.asOf, options: Self.keep)
        } throws: { error in
            let e = error as? QuoteError
            return e?.code == .catalogUnavailable && e?.message.contains("refused by the test") == true
                && e?.message.contains("The catalog is unchanged.") == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes, "every byte as it was")
        #expect(!FileManager.default.fileExists(atPath: db + "-journal"))
        #expect(
            try CatalogStore(path: db).loadAll().offers[SKU("BR-NF-M150-SOL")]?.first { $0.source.rawValue == "PL-TVER" }?.cost.kopecks
                == 1462)
    }

    @Test func readersHoldingTheFileSeeTheNewVersion() throws {
        let (tmp, db) = try demoDatabase()
        defer { tmp.remove() }
        let store = try CatalogStore(path: db)
        let live = LiveCatalog(explicit: db, sourceRoot: nil)
        let first = try live.current.get().info.version
        #expect(!store.isReplaced && live.refresh() == .unchanged)
        let file = try importFile(tmp, Self.twoRows)
        let outcome = try CatalogImport.run(
            file: file, source: "PL-TVER", catalog: db, asOf: "2026-12-01T09:00:00+03:00", now: Demo.asOf, options: Self.keep)
        // The store that had it open notices the commit (PRAGMA data_version), and reads the new rows.
        #expect(store.isReplaced)
        #expect(try store.loadAll().offers[SKU("BR-NF-M150-SOL")]?.first { $0.source.rawValue == "PL-TVER" }?.cost.kopecks == 1562)
        // The service's live catalog loads it as a new generation (the file's size or modification time moved).
        guard case .replaced(let info, let generation) = live.refresh() else {
            Issue.record("the live catalog did not see the import")
            return
        }
        #expect(generation == 2 && info.version == outcome.version && info.version != first)
        #expect(live.refresh() == .unchanged)
    }
}
