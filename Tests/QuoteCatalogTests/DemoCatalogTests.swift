import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// The bundled demo catalog compiles, and holds what catalogs/demo/*.csv say.
@Suite struct DemoCatalogTests {
    @Test func demoCompilesFromItsDirectory() throws {
        let result = CatalogCompiler.compile(directory: Demo.directory)
        if case .failure(let problems) = result { Issue.record("the demo catalog does not compile:\n\(problems)") }
        let c = try result.get()
        // products.csv: 35 lines = header + 34 products; sources.csv: 7 = header + 6;
        // cities.csv: 25 = header + 24; vehicles.csv: 8 = header + 7.
        #expect(c.products.count == 34)
        #expect(c.sources.count == 6)
        #expect(c.cities.count == 24)
        #expect(c.vehicles.count == 7)
        // stock.csv 53 lines → 52 offers; routes.csv 121 → 120; tariffs.csv 56 → 55.
        #expect(c.offers.values.reduce(0) { $0 + $1.count } == 52)
        #expect(c.routes.count == 120)
        #expect(c.tariffs.count == 55)
        // holidays.csv 58 lines: 19 holidays in 2025 (four on weekends) and one working Saturday
        // (2025-11-01); 18 holidays in 2026 and 19 in 2027, weekend ones included.
        #expect(c.calendar.holidays.count == 56)
        #expect(c.calendar.workingWeekends.map(\.description) == ["2025-11-01"])
        #expect(c.calendar.coveredYears == 2025...2027)
        // Every product has a price list (prices.csv has a base list for each).
        #expect(c.prices.count == 34)
        // The version is the first 12 hex digits of the files' FNV-1a hash.
        #expect(c.version.count == 12)
        #expect(c.version.allSatisfy { $0.isHexDigit })
    }

    @Test func compilingFromMemoryGivesTheSameCatalogVersion() throws {
        let fromDirectory = try Demo.catalog()
        let fromFiles = try Demo.files().compile()
        #expect(fromFiles.version == fromDirectory.version)
        #expect(fromFiles.products.count == 34)
    }

    @Test func settingsAndVAT() throws {
        let c = try Demo.catalog()
        let s = c.settings
        #expect(s.name == "Demo: СтройМатериалы Центр")
        #expect(s.currency == "RUB")
        #expect(s.timeZone == "Europe/Moscow")
        #expect(s.utcOffsetSeconds == 10_800)  // +03:00 = 3 × 3600 s
        #expect(s.cutoffHour == 14)
        #expect(s.quoteValidityDays == 3)
        #expect(s.stockFreshnessHours == 48)
        #expect(s.jointMM == 10)
        // vat.csv: 20 % from 2019-01-01, 22 % from 2026-01-01 (in basis points: 2000, 2200).
        #expect(c.vat.rate(on: CivilDate(year: 2025, month: 12, day: 31)!) == Rate(basisPoints: 2_000))
        #expect(c.vat.rate(on: CivilDate(year: 2026, month: 1, day: 1)!) == Rate(basisPoints: 2_200))
        #expect(c.vat.rate(on: CivilDate(year: 2018, month: 12, day: 31)!) == nil)
    }

    @Test func theDefaultBrick() throws {
        let c = try Demo.catalog()
        let p = try #require(c.products["BR-NF-M150-SOL"])
        // products.csv:3: …,brick,brick,pcs,250,120,65,3.6,420,420,,250.00
        #expect(p.kind == .brick)
        #expect(p.unit == .pieces)
        #expect(p.dimensionsMM?.length == 250 && p.dimensionsMM?.width == 120 && p.dimensionsMM?.height == 65)
        #expect(p.unitWeightGrams == 3_600)  // 3.6 kg
        #expect(p.perPallet == Quantity(whole: 420))
        #expect(p.saleMultiple == Quantity(whole: 420))
        #expect(p.densityKgM3 == nil)
        #expect(p.palletDeposit == Money(kopecks: 25_000))  // 250.00
        // Bulk goods: sold by the tonne (1 000 000 g), no pallets, with a density.
        let sand = try #require(c.products["SAND-QRY"])
        #expect(sand.unit == .tonnes && sand.unitWeightGrams == 1_000_000 && sand.perPallet == nil && sand.densityKgM3 == 1_600)
        // The name "brick" is a family of 14 bricks (aliases.csv lines 16–29), BR-NF-M150-SOL the default.
        let family = try #require(c.productNames[NameKey.normalize("brick")])
        #expect(family.count == 14)
        #expect(ProductName.chosen(from: family)?.sku == "BR-NF-M150-SOL")
        #expect(family.filter(\.isDefault).map(\.sku) == ["BR-NF-M150-SOL"])
    }

    @Test func tverPricesStockAndTariffs() throws {
        let c = try Demo.catalog()
        // prices.csv:84–86: BR-NF-M150-SOL in region TVE from 0: 17.90, from 5000: 17.40, from 10000: 16.90.
        let tve = try #require(c.prices["BR-NF-M150-SOL"]?.regional["TVE"])
        #expect(tve.map(\.minQuantity) == [Quantity(whole: 0), Quantity(whole: 5_000), Quantity(whole: 10_000)])
        #expect(tve.map(\.price) == [1_790, 1_740, 1_690].map { UnitPrice(Money(kopecks: $0)) })
        // stock.csv:18: PL-TVER,BR-NF-M150-SOL,126000,14.62,1680,420
        let offer = try #require(c.offers["BR-NF-M150-SOL"]?.first { $0.source == "PL-TVER" })
        #expect(offer.stock == Quantity(whole: 126_000))
        #expect(offer.cost == Money(kopecks: 1_462))
        #expect(offer.minOrder == Quantity(whole: 1_680))
        #expect(offer.orderMultiple == Quantity(whole: 420))
        // Offers are sorted by source id.
        #expect(c.offers["BR-NF-M150-SOL"]?.map(\.source) == ["PL-KALUGA", "PL-TVER", "WH-KHIMKI"])
        // tariffs.csv:40: TVR,tver,SEMI-20,8000.00,0,0.00,8000.00 overrides the zone rule (line 12: 10800 + 68/km over 40).
        let semi = try #require(c.tariff(zone: "TVR", city: "tver", vehicle: "SEMI-20"))
        #expect(semi.basePrice == Money(kopecks: 800_000) && semi.perKm == .zero && semi.includedKm == 0)
        let zoneRule = try #require(c.tariff(zone: "TVR", city: "kimry", vehicle: "SEMI-20"))
        #expect(zoneRule.basePrice == Money(kopecks: 1_080_000) && zoneRule.perKm == Money(kopecks: 6_800) && zoneRule.includedKm == 40)
        // routes.csv:28: TVR,tver,15,0
        #expect(c.routes[RouteKey(zone: "TVR", city: "tver")]?.distanceKm == 15)
        // Cities are found by any spelling.
        #expect(c.cityNames[NameKey.normalize("Тверь")] == "tver")
        #expect(c.cityNames[NameKey.normalize("Tver")] == "tver")
        #expect(c.cities["tver"]?.region == "TVE")
    }
}
