import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// The compiled catalog written to SQLite and read back: the same catalog, whole or as one request's snapshot.
@Suite struct CatalogDatabaseTests {
    /// The demo written to a fresh temporary folder: (folder, database path).
    private func writeDemo() throws -> (TemporaryDirectory, String) {
        let tmp = try TemporaryDirectory()
        let path = tmp.path + "/demo.sqlite"
        try CatalogDatabase.write(try Demo.catalog(), to: path)
        return (tmp, path)
    }

    private func expectUnavailable(
        _ path: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try CatalogStore(path: path)
            Issue.record("\(path) opened as a catalog", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .catalogUnavailable, sourceLocation: sourceLocation)
            #expect(error.code.exitStatus == 3, sourceLocation: sourceLocation)
            #expect(error.message.contains("quote catalog build"), "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
        }
    }

    @Test func roundTripKeepsEveryCount() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        let compiled = try Demo.catalog()
        let loaded = try CatalogStore(path: path).loadAll()
        #expect(loaded.version == compiled.version)
        #expect(loaded.products.count == 34)
        #expect(loaded.sources.count == 6)
        #expect(loaded.cities.count == 24)
        #expect(loaded.vehicles.count == 7)
        #expect(loaded.offers.values.reduce(0) { $0 + $1.count } == 52)
        #expect(loaded.routes.count == 120)
        #expect(loaded.tariffs.count == 55)
        #expect(loaded.prices.count == compiled.prices.count)
        #expect(loaded.productNames.count == compiled.productNames.count)
        #expect(loaded.cityNames == compiled.cityNames)
        #expect(loaded.calendar.holidays == compiled.calendar.holidays)
        #expect(loaded.calendar.workingWeekends == compiled.calendar.workingWeekends)
        #expect(loaded.vat.rates.map(\.from) == compiled.vat.rates.map(\.from))
        #expect(loaded.vat.rates.map(\.rate) == compiled.vat.rates.map(\.rate))
        // Settings survive as text in `meta`.
        #expect(loaded.settings.name == "Demo: СтройМатериалы Центр")
        #expect(loaded.settings.utcOffsetSeconds == 10_800)
        #expect(loaded.settings.cutoffHour == 14)
        #expect(loaded.settings.quoteValidityDays == 3)
        #expect(loaded.settings.stockFreshnessHours == 48)
        #expect(loaded.settings.jointMM == 10)
    }

    @Test func roundTripKeepsEveryValue() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        let compiled = try Demo.catalog()
        let loaded = try CatalogStore(path: path).loadAll()
        for (sku, p) in compiled.products {
            let q = try #require(loaded.products[sku])
            #expect(
                q.name == p.name && q.nameEn == p.nameEn && q.group == p.group && q.kind == p.kind && q.unit == p.unit
                    && q.dimensionsMM?.length == p.dimensionsMM?.length && q.dimensionsMM?.width == p.dimensionsMM?.width
                    && q.dimensionsMM?.height == p.dimensionsMM?.height && q.unitWeightGrams == p.unitWeightGrams
                    && q.perPallet == p.perPallet && q.saleMultiple == p.saleMultiple && q.densityKgM3 == p.densityKgM3
                    && q.palletDeposit == p.palletDeposit, "\(sku)")
            #expect(loaded.prices[sku]?.base == compiled.prices[sku]?.base, "\(sku)")
            #expect(loaded.prices[sku]?.regional == compiled.prices[sku]?.regional, "\(sku)")
            #expect(
                loaded.offers[sku]?.map {
                    "\($0.source) \($0.stock.milli) \($0.cost.kopecks) \($0.minOrder.milli) \($0.orderMultiple.milli)"
                }
                    == compiled.offers[sku]?.map {
                        "\($0.source) \($0.stock.milli) \($0.cost.kopecks) \($0.minOrder.milli) \($0.orderMultiple.milli)"
                    },
                "\(sku)")
        }
        for (key, names) in compiled.productNames {
            #expect(Set(loaded.productNames[key] ?? []) == Set(names), "\(key)")
        }
        for (id, s) in compiled.sources {
            let t = try #require(loaded.sources[id])
            #expect(t.name == s.name && t.kind == s.kind && t.zone == s.zone && t.city == s.city && t.leadDays == s.leadDays, "\(id)")
            #expect(t.stockAsOf == s.stockAsOf && t.stockAsOf.offsetSeconds == s.stockAsOf.offsetSeconds, "\(id)")
        }
        for (id, c) in compiled.cities {
            let d = try #require(loaded.cities[id])
            #expect(d.name == c.name && d.aliases == c.aliases && d.region == c.region && d.deliveryDays == c.deliveryDays, "\(id)")
        }
        #expect(loaded.vehicles.map(\.id) == compiled.vehicles.map(\.id))
        for (v, w) in zip(loaded.vehicles, compiled.vehicles) {
            #expect(
                v.name == w.name && v.body == w.body && v.payloadKg == w.payloadKg && v.palletPlaces == w.palletPlaces && v.crane == w.crane
            )
        }
        for (key, r) in compiled.routes {
            #expect(loaded.routes[key]?.distanceKm == r.distanceKm && loaded.routes[key]?.transitDays == r.transitDays)
        }
        for (key, t) in compiled.tariffs {
            let u = try #require(loaded.tariffs[key], "\(key)")
            #expect(u.basePrice == t.basePrice && u.includedKm == t.includedKm && u.perKm == t.perKm && u.minCharge == t.minCharge)
        }
    }

    @Test func roundTripSpotValues() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        let c = try CatalogStore(path: path).loadAll()
        let brick = try #require(c.products["BR-NF-M150-SOL"])
        #expect(brick.unitWeightGrams == 3_600)  // 3.6 kg
        #expect(brick.perPallet == Quantity(whole: 420))
        // stock.csv:18: PL-TVER,BR-NF-M150-SOL,126000,14.62,1680,420
        let tver = try #require(c.offers["BR-NF-M150-SOL"]?.first { $0.source == "PL-TVER" })
        #expect(tver.stock == Quantity(whole: 126_000))
        #expect(tver.cost == Money(kopecks: 1_462))
        #expect(tver.minOrder == Quantity(whole: 1_680))
        #expect(tver.orderMultiple == Quantity(whole: 420))
        // sources.csv:3: PL-TVER … stock_as_of 2026-11-30T18:00:00+03:00
        #expect(c.sources["PL-TVER"]?.stockAsOf.description == "2026-11-30T18:00:00+03:00")
        // cities.csv:4: tver,Тверь,Tver|Tvier|Twer,TVE,Mon Tue Wed Thu Fri Sat
        #expect(c.cities["tver"]?.aliases == ["Tver", "Tvier", "Twer"])
        #expect(c.cities["tver"]?.deliveryDays == WeekdaySet([.monday, .tuesday, .wednesday, .thursday, .friday, .saturday]))
        // tariffs.csv: the zone rule (city empty) loads back with city nil.
        #expect(c.tariffs[TariffKey(zone: "TVR", city: nil, vehicle: "SEMI-20")]?.basePrice == Money(kopecks: 1_080_000))
        #expect(c.tariffs[TariffKey(zone: "TVR", city: "tver", vehicle: "SEMI-20")]?.basePrice == Money(kopecks: 800_000))
    }

    /// A name that matches nothing brings only the names did-you-mean could suggest (a key within the edit budget
    /// of the typed one, by length, or one starting with it), and the suggestions are those the whole catalog
    /// gives: `brik` (key length 4, budget 2) reads keys of 2 to 6 bytes, not all 191 names of the demo.
    @Test(arguments: ["brik", "kirpich", "цемнт", "zzzz", "ab", "кирпчи м150", "Кирпич керамический полнотелый одинарный М15"])
    func anUnknownNameSuggestsWhatTheWholeCatalogWould(_ typed: String) throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        let store = try CatalogStore(path: path)
        let request = QuoteRequest(items: [.init(product: typed, quantity: Quantity(whole: 10))], city: "Tver", asOf: Demo.asOf)
        func candidates(_ catalog: Catalog) -> [String] {
            do {
                _ = try QuoteEngine.quote(request, catalog: catalog)
                return ["quoted"]
            } catch {
                return [error.code.rawValue] + error.candidates
            }
        }
        let snapshot = try store.snapshot(for: request)
        let whole = try store.loadAll()
        #expect(candidates(snapshot) == candidates(whole))
        #expect(snapshot.productNames.count < whole.productNames.count)
    }

    @Test func snapshotForABrickToTver() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        let store = try CatalogStore(path: path)
        let request = QuoteRequest(items: [.init(product: "brick", quantity: Quantity(whole: 5_000))], city: "Tver", asOf: Demo.asOf)
        let s = try store.snapshot(for: request)
        // "brick" names 14 products; only its default, BR-NF-M150-SOL, is loaded.
        #expect(s.products.count == 1)
        #expect(s.products.keys.first == "BR-NF-M150-SOL")
        #expect(s.productNames.keys.sorted() == ["brick"])
        #expect(s.productNames["brick"]?.count == 14)
        // Its offers (stock.csv: WH-KHIMKI, PL-TVER, PL-KALUGA) and their sources.
        #expect(s.offers["BR-NF-M150-SOL"]?.map(\.source) == ["PL-KALUGA", "PL-TVER", "WH-KHIMKI"])
        #expect(s.sources.keys.sorted() == ["PL-KALUGA", "PL-TVER", "WH-KHIMKI"])
        #expect(s.prices.keys.sorted() == ["BR-NF-M150-SOL"])
        // Only the city asked for, with the routes from those sources' zones (KLG, MSK-N, TVR).
        #expect(s.cities.count == 1)
        #expect(s.cities.keys.first == "tver")
        #expect(s.cityNames == ["tver": "tver"])
        #expect(s.routes.keys.map(\.zone.rawValue).sorted() == ["KLG", "MSK-N", "TVR"])
        #expect(s.routes[RouteKey(zone: "TVR", city: "tver")]?.distanceKm == 15)
        // Tariffs: the 7-vehicle zone rules of MSK-N, TVR and KLG (21) and TVR's 5 rows for tver itself = 26.
        #expect(s.tariffs.count == 26)
        #expect(s.tariffs.keys.allSatisfy { $0.city == nil || $0.city == "tver" })
        // The small tables come whole.
        #expect(s.vehicles.count == 7)
        #expect(s.calendar.holidays.count == 56)
    }

    @Test func snapshotForAnUnknownCityBringsEveryCity() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        let store = try CatalogStore(path: path)
        let request = QuoteRequest(items: [.init(product: "brik", quantity: Quantity(whole: 5_000))], city: "Tvre", asOf: Demo.asOf)
        let s = try store.snapshot(for: request)
        // Nothing matched, so the names did-you-mean may suggest come along: `brik` is 4 bytes with an edit budget
        // of 2, so the keys of 2 to 6 bytes — brick, cement, gravel, pesok, sand — and none starts with `brik`.
        #expect(s.products.isEmpty)
        #expect(s.productNames.keys.sorted() == ["brick", "cement", "gravel", "pesok", "sand"])
        #expect(s.cities.count == 24)
    }

    @Test func nonexistentPath() {
        expectUnavailable("/tmp/quote-tests-nonexistent-\(UInt32.random(in: 0...UInt32.max))/catalog.sqlite", "No catalog database at")
    }

    @Test func garbageFile() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let path = tmp.path + "/garbage.sqlite"
        var bytes = (0..<8_192).map { _ in UInt8.random(in: 0...255) }
        bytes.replaceSubrange(0..<4, with: Array("junk".utf8))  // never SQLite's "SQLite format 3\0" header
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectUnavailable(path, "cannot be read as a catalog")
    }

    @Test func emptyFile() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let path = tmp.path + "/empty.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        expectUnavailable(path, "cannot be read as a catalog")
    }

    @Test func otherSchemaVersion() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        do {
            let db = try SQLiteDatabase(path: path, readOnly: false)
            try db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
        }
        expectUnavailable(path, "is a catalog of schema version 99; this quote reads version \(CatalogSchema.version)")
    }

    @Test func noSchemaVersion() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        do {
            let db = try SQLiteDatabase(path: path, readOnly: false)
            try db.execute("DELETE FROM meta WHERE key='schema_version'")
        }
        expectUnavailable(path, "is not a quote catalog (no schema version)")
    }

    @Test func noTemporaryFileIsLeftBesideAGoodBuild() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        #expect(tmp.entries() == ["demo.sqlite"])
        #expect(!tmp.entries().contains { $0.contains(".tmp-") })
        // Rebuilding over it keeps one file, too.
        try CatalogDatabase.write(try Demo.catalog(), to: path)
        #expect(tmp.entries() == ["demo.sqlite"])
        #expect(try CatalogStore(path: path).loadAll().products.count == 34)
    }

    @Test func writingIntoAMissingFolderFails() throws {
        let (tmp, good) = try writeDemo()
        defer { tmp.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: good))
        let bad = tmp.path + "/no/such/folder/demo.sqlite"
        let catalog = try Demo.catalog()
        do {
            try CatalogDatabase.write(catalog, to: bad)
            Issue.record("writing into a missing folder succeeded")
        } catch {
            // SQLite cannot create the temporary file beside the target: the message names it.
            #expect(error.message.contains(bad + ".tmp-"), "\(error.message)")
            #expect(error.message.contains("unable to open database file"), "\(error.message)")
        }
        #expect(!FileManager.default.fileExists(atPath: bad))
        #expect(tmp.entries() == ["demo.sqlite"])
        // The earlier database is untouched and still opens.
        #expect(try Data(contentsOf: URL(fileURLWithPath: good)) == before)
        #expect(try CatalogStore(path: good).loadAll().products.count == 34)
    }

    @Test func aFailedRewriteLeavesThePreviousDatabase() throws {
        let (tmp, path) = try writeDemo()
        defer { tmp.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // Block the temporary file `path.tmp-<pid>` with a folder of that name: SQLite cannot open it, the write fails
        // before any rename, and `path` must be exactly as it was.
        let blocker = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        var changed = try Demo.files()
        try changed.replace("settings.csv", line: 2, "name,Demo: СтройМатериалы Центр", with: "name,Changed")
        let catalog = try changed.compile()
        #expect(catalog.settings.name == "Changed")
        do {
            try CatalogDatabase.write(catalog, to: path)
            Issue.record("writing through a blocked temporary file succeeded")
        } catch {
            #expect(error.message.contains(blocker), "\(error.message)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try CatalogStore(path: path).loadAll().settings.name == "Demo: СтройМатериалы Центр")
    }
}
