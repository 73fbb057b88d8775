import Foundation
import Testing

/// Suppliers' files as they come (issue 16): Russian headers, a mapping of the supplier's columns and article
/// numbers, Windows-1251 and `6 300`, a dry run that writes nothing, an explicit choice for the SKUs a file
/// does not list, and list prices imported as well as stock and costs.
///
/// The demo's PL-TVER has 8 SKUs; BR-NF-M150-SOL 126 000 pcs at 14.62 (min 1 680, multiple 420) and
/// BR-NF-M125-SOL 42 000 at 13.59.
@Suite struct SupplierImportTests {
    /// PL-TVER's price list as its 1C sends it: a title row, `;`, its own code column, its article ТВ-125 for our
    /// BR-NF-M125-SOL, `120 000` with a space and `40 000` with a no-break space, a unit column we do not have.
    static let tverPriceList = """
        Прайс-лист завода «Тверца» на 01.12.2026;;;;;\r
        Код поставщика;Наименование;Остаток;Цена;Кратность;Ед. изм.\r
        BR-NF-M150-SOL;Кирпич М150;120 000;15,62;420;шт\r
        ТВ-125;Кирпич М125;40\u{00A0}000;14,59;420;шт\r

        """

    static let tverMapping = "kind,supplier,catalog\ncolumn,Код поставщика,sku\nsku,ТВ-125,BR-NF-M125-SOL\n"

    private func write(_ text: String, to path: String, encoding: String.Encoding = .utf8) throws {
        try #require(text.data(using: encoding)).write(to: URL(fileURLWithPath: path))
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aWindows1251PriceListWithItsOwnColumnsAndArticlesDryRunFirst() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        try FileManager.default.createDirectory(atPath: dir + "/suppliers", withIntermediateDirectories: true)
        try write(Self.tverMapping, to: dir + "/suppliers/PL-TVER.csv")
        let file = scratch.path + "/tver.csv"
        try write(Self.tverPriceList, to: file, encoding: .windowsCP1251)
        let stockBefore = try bytes(dir + "/stock.csv"), sourcesBefore = try bytes(dir + "/sources.csv")
        let args = ["catalog", "import", file, "--source", "PL-TVER", "--catalog", dir, "--as-of", "2026-12-01T09:00:00+03:00"]

        let dry = run(args + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        // 2 SKUs listed and changed, the other 6 set to 0 by default: 8 changed. The widest SKU is 16 letters.
        #expect(
            dry.stdout.hasPrefix(
                "Dry run, nothing written: importing \(file) as the stock of PL-TVER into \(dir) would change 8 SKUs (0 added, 8 changed, 0 removed):\n"
            ),
            "\(dry.stdout)")
        #expect(dry.stdout.contains("\n  BR-NF-M150-SOL    changed  stock 126000 → 120000, cost 14.62 → 15.62\n"), "\(dry.stdout)")
        #expect(dry.stdout.contains("\n  BR-NF-M125-SOL    changed  stock 42000 → 40000, cost 13.59 → 14.59\n"), "\(dry.stdout)")
        #expect(dry.stdout.contains("\n  BR-NF-M175-SOL    changed  stock 50400 → 0\n"), "\(dry.stdout)")
        #expect(dry.stdout.contains("Columns and articles mapped by suppliers/PL-TVER.csv.\n"))
        #expect(
            dry.stdout.hasSuffix(
                "6 SKUs of PL-TVER not in the file (BR-14NF-M125-HOL, BR-14NF-M150-HOL, BR-14NF-M150-SOL, BR-NF-M125-HOL, BR-NF-M150-HOL, …) would be set to stock 0 (--missing zero, the default; --missing keep or remove to choose otherwise).\n"
            ), "\(dry.stdout)")
        // The title row and the unit column are said; nothing is written.
        #expect(
            dry.stderr.contains("warning: tver.csv:2:1: the header is on line 2: 1 line above it skipped as a title\n"), "\(dry.stderr)")
        #expect(
            dry.stderr.contains("warning: tver.csv:2:52: column \u{201C}Ед. изм.\u{201D} (F) is not a column of tver.csv: ignored"),
            "\(dry.stderr)")
        #expect(try bytes(dir + "/stock.csv") == stockBefore && bytes(dir + "/sources.csv") == sourcesBefore)
        #expect(!scratch.exists("demo.sqlite"))

        let real = run(args)
        #expect(real.status == 0, "\(real.stderr)")
        #expect(
            real.stdout.hasPrefix("Imported \(file) as the stock of PL-TVER into \(dir).sqlite and \(dir)/stock.csv: 8 rows, 8 changed"))
        let stock = try String(contentsOfFile: dir + "/stock.csv", encoding: .utf8)
        // The file's figures, the minimum order kept (the file has none), the multiple from the file.
        #expect(stock.contains("\nPL-TVER,BR-NF-M150-SOL,120000,15.62,1680,420\nPL-TVER,BR-NF-M125-SOL,40000,14.59,1680,420\n"), "\(stock)")
        #expect(stock.contains("\nPL-TVER,BR-NF-M175-SOL,0,16.12,1680,420\n"))
        #expect(run(["catalog", "check", dir, "--as-of", "2026-12-01T10:00:00+03:00"]).status == 0)
        // Quoted at cost, 5 040 bricks (12 pallets) from PL-TVER now cost 5 040 × 15.62 = 78 724.80.
        let quote = run(
            ["--json", "--catalog", dir],
            stdin: requestLine(#"[{"product":"BR-NF-M150-SOL","quantity":"5000"}]"#, #""city":"Tver","internal":true"#))
        #expect(quote.stdout.contains(#""cost":"78724.80""#), "\(quote.stdout.prefix(800))")
    }

    @Test func aWindows1251StockCSVWithATitleIsWrittenBackAsItWas() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        // The folder's own stock.csv as 1C saved it: Windows-1251, a title row, `;`, decimal commas.
        let original = try String(contentsOfFile: dir + "/stock.csv", encoding: .utf8)
        let semicolons = original.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: ".", with: ",") }.joined(
                separator: ";")
        }
        try write("Остатки по складам;;;;;\n" + semicolons.joined(separator: "\n") + "\n", to: dir + "/stock.csv", encoding: .windowsCP1251)
        let file = scratch.path + "/tver.csv"
        try write("Артикул;Остаток;Цена\nBR-NF-M150-SOL;120 000;15,62\n", to: file)
        let r = run([
            "catalog", "import", file, "--source", "PL-TVER", "--catalog", dir, "--missing", "keep", "--as-of", "2026-12-01T09:00:00+03:00",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try bytes(dir + "/stock.csv")
        // Still Windows-1251 ("О" is 0xCE), the title kept, PL-TVER's row rewritten in the file's style.
        #expect(bytes.first == 0xCE)
        let text = try #require(String(data: bytes, encoding: .windowsCP1251))
        #expect(text.hasPrefix("Остатки по складам;;;;;\nsource;sku;stock;cost;min_order;order_multiple\n"), "\(text.prefix(200))")
        #expect(text.contains("\nPL-TVER;BR-NF-M150-SOL;120000;15,62;1680;420\n"), "\(text)")
        #expect(run(["catalog", "check", dir, "--as-of", "2026-12-01T10:00:00+03:00"]).status == 0)
    }

    @Test(arguments: [
        // (--missing, the summary after "8 rows"/"1 rows", the line about the 7 SKUs the file does not list)
        ("keep", "8 rows, 1 changed (BR-NF-M150-SOL), 0 added, 0 removed", "were kept as they were (--missing keep)."),
        ("zero", "8 rows, 8 changed", "were set to stock 0 (--missing zero, the default; --missing keep or remove to choose otherwise)."),
        ("remove", "1 rows, 1 changed (BR-NF-M150-SOL), 0 added, 7 removed", "were no longer offered by it (--missing remove)."),
    ])
    func theSKUsAFileDoesNotList(missing: String, summary: String, said: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let file = scratch.path + "/tver.csv"
        try write("Артикул;Остаток\nBR-NF-M150-SOL;100 800\n", to: file)
        let r = run([
            "catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--missing", missing, "--as-of", "2026-12-01T09:00:00+03:00",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(": \(summary)"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix(") \(said)\n"), "\(r.stdout)")
    }

    @Test func listPricesImportIntoAFolderAndItsPricesCSV() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let sourcesBefore = try bytes(dir + "/sources.csv")
        let file = scratch.path + "/prices.csv"
        // Only a list price: the stock is not touched (no stock column, so no SKU is "missing").
        try write("Артикул;Цена продажи\nBR-NF-M125-SOL;17,50\n", to: file)
        let r = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", dir, "--as-of", "2026-12-01T09:00:00+03:00"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(": 8 rows, 0 changed, 0 added, 0 removed, 1 list price changed (BR-NF-M125-SOL);"), "\(r.stdout)")
        // prices.csv:2 was BR-NF-M125-SOL,,0,17.20, (the base tier from 0); the tiers from 5 000 and 10 000 stay.
        let prices = try String(contentsOfFile: dir + "/prices.csv", encoding: .utf8).components(separatedBy: "\n")
        #expect(Array(prices[1...3]) == ["BR-NF-M125-SOL,,0,17.50,", "BR-NF-M125-SOL,,5000,16.80,", "BR-NF-M125-SOL,,10000,16.30,"])
        // A price list says nothing of the stock: PL-TVER's stock_as_of is as it was.
        #expect(try bytes(dir + "/sources.csv") == sourcesBefore)
        // 1 680 bricks (PL-TVER's minimum order, 4 pallets) to Klin (region MO, no list of its own for them), under the
        // 5 000 tier: 1 680 × 17.50 = 29 400.00.
        let quote = run(
            ["--json", "--catalog", dir], stdin: requestLine(#"[{"product":"BR-NF-M125-SOL","quantity":"1680"}]"#, #""city":"Klin""#))
        #expect(
            quote.stdout.contains(#""unitPrice":"17.50""#) && quote.stdout.contains(#""net":"29400.00""#), "\(quote.stdout.prefix(900))")
    }

    @Test func aDryRunOfAPriceIntoADatabaseSaysOldAndNew() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let before = try bytes(db)
        let file = scratch.path + "/prices.csv"
        try write("sku,price,cost\nBR-NF-M125-SOL,17.5,14.00\n", to: file)
        let r = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--dry-run", "--missing", "keep"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "(0 added, 1 changed, 0 removed, 1 list price):\n  BR-NF-M125-SOL  changed  cost 13.59 → 14.00, price 17.20 → 17.50\n"),
            "\(r.stdout)")
        #expect(try bytes(db) == before)
    }

    @Test func aBadMappingAndANewSKUWithoutACostAreRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (dir, db) = try buildDemo(scratch)
        try FileManager.default.createDirectory(atPath: dir + "/suppliers", withIntermediateDirectories: true)
        // The mapping beside the database's folder is found for an import into the database too.
        try write("kind,supplier,catalog\nsku,ТВ-150,BR-NF-M15O-SOL\ncolumn,Склад,stok\n", to: dir + "/suppliers/PL-TVER.csv")
        let file = scratch.path + "/tver.csv"
        try write("sku,stock\nBR-NF-M150-SOL,100\n", to: file)
        let before = try bytes(db)
        let mapped = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db])
        #expect(mapped.status == 3)
        #expect(
            mapped.stderr == """
                error: suppliers/PL-TVER.csv:2:12: catalog: unknown SKU BR-NF-M15O-SOL (not in the catalog's products); did you mean BR-NF-M150-SOL?
                suppliers/PL-TVER.csv:3:14: catalog: \u{201C}stok\u{201D} is not an import column (sku, stock, cost, price, min_order, order_multiple, source, name)
                2 problems in suppliers/PL-TVER.csv; nothing was imported.

                """)
        try FileManager.default.removeItem(atPath: dir + "/suppliers/PL-TVER.csv")
        // BR-NF-FAC-RED is new to PL-TVER: without a cost column it cannot be offered.
        try write("sku,stock\nBR-NF-FAC-RED,100\n", to: file)
        let new = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db])
        #expect(new.status == 3)
        #expect(
            new.stderr.hasPrefix(
                "error: tver.csv:2:1: sku: BR-NF-FAC-RED is new to PL-TVER: its cost must be given (the file has no cost column)\n"),
            "\(new.stderr)")
        // A file with none of stock, cost, price says so.
        try write("Артикул;Наименование\nBR-NF-M150-SOL;Кирпич\n", to: file)
        let nothing = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db])
        #expect(
            nothing.stderr.hasPrefix("error: tver.csv:1:1: nothing to import: the file has none of the columns stock, cost, price\n"),
            "\(nothing.stderr)")
        let badPolicy = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--missing", "drop"])
        #expect(
            badPolicy.status == 2 && badPolicy.stderr.contains("--missing \u{201C}drop\u{201D} is not keep, zero or remove."),
            "\(badPolicy.stderr)")
        #expect(try bytes(db) == before)
    }
}
