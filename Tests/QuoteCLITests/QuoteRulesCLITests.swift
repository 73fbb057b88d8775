import Foundation
import Testing

/// The wrong quotes an estimator, a logistician and an accountant found on the demo catalog, each now
/// quoted by the rule the README states, through the real binary.
@Suite struct QuoteRulesCLITests {
    func json(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = run(args + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    func firstLine(_ quote: [String: Any]) -> [String: Any] {
        (quote["lines"] as? [[String: Any]])?.first ?? [:]
    }

    func codes(_ quote: [String: Any]) -> [String] {
        ((quote["warnings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    /// 6 m² of 600×300×250 blocks: the face is 0.6 × 0.25 = 0.15 m², 6 ÷ 0.15 = 40 blocks, one pallet of
    /// 40 (it was 40.002 and two pallets). 9 m² of 600×200×250: 9 ÷ 0.15 = 60, one pallet of 60.
    @Test(arguments: [("BL-D500-600x300x250", "6", "40"), ("BL-D500-600x200x250", "9", "60")])
    func blockWallsAreExact(sku: String, area: String, pieces: String) throws {
        let q = try json([sku, "--wall", area, "--city", "Tver", "--as-of", CLI.asOf])
        #expect(firstLine(q)["computedQuantity"] as? String == pieces)
        #expect(firstLine(q)["quantity"] as? String == pieces)
    }

    /// Quoted on 2025-12-31 (a day off in the 2025 calendar: moved from 5 January), the order counts
    /// from the first working day, Monday 2026-01-12; Khimki ships the same day, the Tver plant after two
    /// working days. Shipped in 2026, so taxed at 22 % (the transitional rule), line and shipment alike.
    @Test func aDecemberQuoteForJanuaryIsTaxedAt22() throws {
        let q = try json(["brick", "--qty", "5000", "--city", "Tver", "--as-of", "2025-12-31T10:00:00+03:00"])
        #expect(q["vatRate"] as? String == "22")
        #expect(firstLine(q)["vatRate"] as? String == "22")
        #expect(((q["shipments"] as? [[String: Any]])?.first?["vatRate"]) as? String == "22")
        let delivery = try #require(q["deliveryDate"] as? String)
        #expect(delivery >= "2026-01-12")
        #expect(!codes(q).contains("calendar_not_covered"))
    }

    /// As of 2027-01-11 the demo's price list (last day 2026-12-31) has expired: a warning, and the quote
    /// is valid for the moment it was made, never before it.
    @Test func anExpiredPriceListIsWarned() throws {
        let q = try json(["brick", "--qty", "5000", "--city", "Tver", "--as-of", "2027-01-11T10:00:00+03:00"])
        #expect(codes(q).contains("price_list_expired"))
        #expect(q["validUntil"] as? String == "2027-01-11T10:00:00+03:00")
    }

    /// Cheapest, 5 000 bricks to Tver come from the Tver plant on 2026-12-03 (README). Needed by
    /// 2026-12-02, the cheapest plan that arrives in time is Khimki's, delivered 2026-12-01: 134 694.12
    /// with VAT, the README's "fastest" alternative, and no "late" warning.
    @Test func neededByChangesThePlan() throws {
        let q = try json(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--by", "2026-12-02"])
        #expect(q["deliveryDate"] as? String == "2026-12-01")
        #expect(((q["shipments"] as? [[String: Any]])?.map { $0["source"] as? String }) == ["WH-KHIMKI"])
        #expect((q["totals"] as? [String: Any])?["gross"] as? String == "134694.12")
        #expect(!codes(q).contains("late"))
    }

    /// A Tver customer collecting 5 000 bricks: the Tver plant (15 km) allows pickup and is nearest, not
    /// the Kaluga plant (which allows none). `--pickup WH-KHIMKI` names the point outright.
    @Test func pickupFromTheNearestPoint() throws {
        let near = try json(["brick", "--qty", "5000", "--pickup", "--city", "Тверь", "--as-of", CLI.asOf])
        #expect(((near["shipments"] as? [[String: Any]])?.map { $0["source"] as? String }) == ["PL-TVER"])
        let named = try json(["brick", "--qty", "5000", "--pickup", "WH-KHIMKI", "--as-of", CLI.asOf])
        #expect(((named["shipments"] as? [[String: Any]])?.map { $0["source"] as? String }) == ["WH-KHIMKI"])
        #expect(named["deliveryDate"] as? String == "2026-12-01")
        let kaluga = run(["brick", "--qty", "5000", "--pickup=PL-KALUGA", "--as-of", CLI.asOf])
        #expect(kaluga.status == 2)
        #expect(kaluga.stderr.contains("does not let customers collect"))
    }

    /// 1 t of sand: the quarry's minimum order is 5 t. The error says so and what would work.
    @Test func theMinimumOrderIsTheObstacle() {
        let r = run(["песок", "--qty", "1т", "--city", "Tver", "--as-of", CLI.asOf])
        #expect(r.status == 1)
        #expect(r.stderr.contains("sells from 5 t (minimum order): 5 t would work"), "\(r.stderr)")
    }

    /// The demo lists facing 1.4NF bricks per thousand: BR-14NF-FAC-RED at 38 900.00 per 1 000 pcs. One
    /// brick asked sells 176 (its sale multiple, half a pallet of 352): 176 × 38 900.00 / 1 000 = 6 846.40,
    /// and the table shows the price as the list states it.
    @Test func aPricePerThousandIsShownAsGiven() throws {
        let q = try json(["BR-14NF-FAC-RED", "--qty", "1", "--city", "Tver", "--as-of", CLI.asOf])
        let line = firstLine(q)
        #expect(line["pricePer"] as? String == "1000")
        #expect(line["listPriceStated"] as? String == "38900.00")
        #expect(line["unitPrice"] as? String == "38.90")
        #expect(line["quantity"] as? String == "176")
        #expect(line["net"] as? String == "6846.40")
        let table = run(["BR-14NF-FAC-RED", "--qty", "1", "--city", "Tver", "--as-of", CLI.asOf, "--lang", "en"])
        #expect(table.stdout.contains("38,900.00/1000"), "\(table.stdout)")
    }

    /// Two lines of one product share its stock: 360 + 248 bags of MIX-GYP-30 to Kaluga. Taking 200
    /// from SUP-CEMENT and 160 from Khimki for the first line and calling the second unavailable was
    /// 30 650.00 of delivery; supplying both costs more, 33 500.00 (SUP-CEMENT 360; SUP-CEMENT 240 +
    /// Khimki 8: one SUP-CEMENT shipment at 25 500.00 and one from Khimki at 8 000.00), and a plan that
    /// supplies every line always ranks first.
    @Test func linesOfOneProductAreAllSupplied() throws {
        let q = try json(["--item", "MIX-GYP-30=360bag", "--item", "MIX-GYP-30=248bag", "--city", "Kaluga", "--as-of", CLI.asOf])
        let lines = (q["lines"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "goods" }
        #expect(lines.map { $0["quantity"] as? String } == ["360", "248"])
        #expect(!codes(q).contains("not_available") && !codes(q).contains("partial"))
        let delivery = (q["shipments"] as? [[String: Any]] ?? []).compactMap { $0["cost"] as? String }
        #expect(delivery.sorted() == ["25500.00", "8000.00"])
    }
}

/// Every mistake of a request in one answer, not just the first.
@Suite struct AllMistakesAtOnceTests {
    /// Two misspelt products and a misspelt city: three errors, each with its did-you-mean, the
    /// first of them as `error` and all three in `errors[]`; on the terminal, three `error:` lines.
    @Test func everyBadLineIsReported() throws {
        let args = ["--item", "кирпчи=5000", "--item", "цемнт=40", "--city", "Тврь", "--as-of", CLI.asOf]
        let r = run(args + ["--format", "json"])
        #expect(r.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.map { $0["field"] as? String } == ["city", "items[0].product", "items[1].product"])
        #expect(errors.map { $0["code"] as? String } == ["unknown_city", "unknown_product", "unknown_product"])
        #expect((errors[2]["candidates"] as? [String]) == ["цемент"])
        #expect(((object["error"] as? [String: Any])?["field"]) as? String == "city")
        let validation = runQuote(
            ["python3", CLI.packageRoot + "/schemas/validate.py", CLI.packageRoot + "/schemas/error.schema.json", "-"],
            input: Data(r.stdout.utf8), executable: "/usr/bin/env")
        #expect(validation.status == 0, "\(validation.text)\(validation.stderr)")
        let text = run(args)
        #expect(text.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("error: ") }.count == 3, "\(text.stderr)")
    }

    /// One mistake is one error, with no `errors` list.
    @Test func aSingleMistakeHasNoList() throws {
        let r = run(["brik", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json"])
        #expect(r.status == 2)
        #expect(!r.stdout.contains("\"errors\""))
    }
}

/// One version, printed, sent and written down; dates as Russian documents write them.
@Suite struct VersionAndDatesTests {
    @Test func oneVersionEverywhere() throws {
        // "0.3.0 (HTTP/JSON API v1)": the engine's version, then the HTTP contract's.
        let printed = String(run(["--version"]).stdout.split(separator: " ").first ?? "")
        #expect(printed.split(separator: ".").count == 3)
        let response = run(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json"]).stdout
        #expect(response.contains("\"engineVersion\":\"\(printed)\""))
        let changelog = try String(contentsOfFile: CLI.packageRoot + "/CHANGELOG.md", encoding: .utf8)
        #expect(changelog.contains("## [\(printed)]"))
    }

    /// `--by 02.12.2026` is 2026-12-02: the same plan as `--by 2026-12-02` (Khimki, delivered 12-01).
    @Test func neededByInRussianForm() {
        let base = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json"]
        let russian = run(base + ["--by", "02.12.2026"])
        #expect(russian.status == 0)
        #expect(russian.stdout == run(base + ["--by", "2026-12-02"]).stdout)
        #expect(run(base + ["--by", "31.02.2026"]).status == 2)
    }
}

/// Customers as managers name them: by id with Cyrillic look-alikes, by INN, by part of the name.
@Suite struct CustomerNamesTests {
    /// customers.csv: C-1001 ООО «СтройДом» (INN 5047123450), C-1002 ИП Петров Андрей Викторович,
    /// C-1003 ООО «ТверьСтройМонтаж» (INN 6950234561).
    @Test(arguments: [
        ("С-1001", "C-1001"),  // a Cyrillic С
        ("c1001", "C-1001"),
        ("СтройДом", "C-1001"),  // without ООО and the quotes
        ("ООО «СтройДом»", "C-1001"),
        ("Петров", "C-1002"),  // part of the name
        ("6950234561", "C-1003"),  // the INN
    ])
    func found(typed: String, id: String) throws {
        let r = run(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--customer", typed, "--format", "json"])
        #expect(r.status == 0, "\(r.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((object["customer"] as? [String: Any])?["id"] as? String == id)
    }

    /// "строй" is in two names: refused, with both as candidates; "Иванов" is nobody.
    @Test func ambiguousAndUnknown() throws {
        let two = run(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--customer", "строй", "--format", "json"])
        #expect(two.status == 2)
        #expect(two.stdout.contains("C-1001 ООО «СтройДом»") && two.stdout.contains("C-1003 ООО «ТверьСтройМонтаж»"))
        let none = run(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--customer", "Иванов", "--format", "json"])
        #expect(none.status == 2 && none.stdout.contains("unknown_customer"))
    }
}
