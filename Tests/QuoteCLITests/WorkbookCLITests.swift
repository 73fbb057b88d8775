import Foundation
import Testing

/// Workbooks at the command line (issue 16): a catalog folder of .xlsx tables checked, built and quoted as its
/// CSV twin; a supplier's workbook with Russian headers imported with a dry run first, its sheet chosen with
/// --sheet; a damaged workbook refused with what is wrong.
@Suite struct WorkbookCLITests {
    static let fixtures = CLI.packageRoot + "/Tests/Fixtures/workbooks"

    /// A copy of the demo with `tables` as the fixtures' workbooks in place of their CSV files.
    private func workbookCopy(_ scratch: Scratch, tables: [String]) throws -> String {
        let dir = try scratch.demoCopy("books")
        for table in tables {
            try FileManager.default.removeItem(atPath: dir + "/" + table + ".csv")
            try FileManager.default.copyItem(atPath: Self.fixtures + "/demo/" + table + ".xlsx", toPath: dir + "/" + table + ".xlsx")
        }
        return dir
    }

    /// The JSON answer without its quote id (which names the catalog's version, a hash of its files' bytes).
    private func withoutQuoteID(_ json: String) -> String {
        json.replacingOccurrences(of: #""quoteId":"[^"]*""#, with: "", options: .regularExpression)
    }

    @Test func aFolderOfWorkbooksChecksBuildsAndQuotesAsItsCSVTwin() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try workbookCopy(scratch, tables: ["products", "stock", "prices", "sources", "holidays", "settings", "tariffs"])
        let check = run(["catalog", "check", dir, "--as-of", CLI.asOf])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stderr.contains("warning: stock.xlsx:Лист1!A2: the header is on line 2: 1 line above it skipped as a title"),
            "\(check.stderr)")
        let build = run(["catalog", "build", dir])
        #expect(build.status == 0, "\(build.stderr)")
        let request = requestLine(
            #"[{"product":"BR-NF-M150-SOL","quantity":"5000"},{"product":"газоблок 600х300х250","quantity":"10","unit":"m3"}]"#,
            #""city":"Tver""#)
        let fromBooks = run(["--json", "--catalog", dir], stdin: request)
        let fromCSV = run(["--json", "--catalog", CLI.demoDirectory], stdin: request)
        #expect(fromBooks.status == 0 && fromCSV.status == 0, "\(fromBooks.stdout.prefix(400)) \(fromBooks.stderr)")
        #expect(withoutQuoteID(fromBooks.stdout) == withoutQuoteID(fromCSV.stdout))
        #expect(fromBooks.stdout.contains(#""gross""#))
    }

    @Test func aBadCellIsNamedBySheetAndCell() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy("books")
        try FileManager.default.removeItem(atPath: dir + "/stock.csv")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/stock-bad.xlsx", toPath: dir + "/stock.xlsx")
        let check = run(["catalog", "check", dir])
        #expect(check.status == 3)
        #expect(check.stderr.contains("stock.xlsx:Лист1!C14: stock: \u{201C}много\u{201D} is not a number"), "\(check.stderr)")
        // The same folder with stock.csv back beside stock.xlsx: which one is meant?
        try FileManager.default.copyItem(atPath: CLI.demoDirectory + "/stock.csv", toPath: dir + "/stock.csv")
        let both = run(["catalog", "build", dir])
        #expect(both.status == 3)
        #expect(both.stderr.contains("stock.csv:0:0: both stock.csv and stock.xlsx are here: keep one of them"), "\(both.stderr)")
    }

    @Test func aSupplierWorkbookWithRussianHeadersImportsWithADryRunFirst() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let file = Self.fixtures + "/supplier-tver.xlsx"
        let stockBefore = try Data(contentsOf: URL(fileURLWithPath: dir + "/stock.csv"))
        let args = [
            "catalog", "import", file, "--source", "PL-TVER", "--catalog", dir, "--as-of", "2026-12-01T09:00:00+03:00", "--missing", "keep",
        ]

        // The first sheet is the supplier's instructions: the error names it, and the header it lacks.
        let wrongSheet = run(args + ["--dry-run"])
        #expect(wrongSheet.status == 3, "\(wrongSheet.stdout)")
        #expect(wrongSheet.stderr.contains("supplier-tver.xlsx:Инструкция!A1: missing column \u{201C}sku\u{201D}"), "\(wrongSheet.stderr)")

        let dry = run(args + ["--sheet", "Прайс", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        // Артикул → sku, Остаток → stock, Цена → cost; the title merged over A1:D1 is skipped, the blank row 4 too.
        // PL-TVER had BR-NF-M150-SOL 126 000 at 14.62 and BR-NF-M125-SOL 42 000 at 13.59.
        #expect(
            dry.stdout.hasPrefix(
                "Dry run, nothing written: importing \(file) as the stock of PL-TVER into \(dir) would change 2 SKUs (0 added, 2 changed, 0 removed):\n"
            ), "\(dry.stdout)")
        #expect(dry.stdout.contains("\n  BR-NF-M150-SOL  changed  stock 126000 → 120000, cost 14.62 → 15.62\n"), "\(dry.stdout)")
        #expect(dry.stdout.contains("\n  BR-NF-M125-SOL  changed  stock 42000 → 40000, cost 13.59 → 14.59\n"), "\(dry.stdout)")
        #expect(
            dry.stderr.contains("warning: supplier-tver.xlsx:Прайс!A2: the header is on line 2: 1 line above it skipped as a title"),
            "\(dry.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/stock.csv")) == stockBefore)

        let real = run(args + ["--sheet", "Прайс"])
        #expect(real.status == 0, "\(real.stderr)")
        let stock = try String(contentsOfFile: dir + "/stock.csv", encoding: .utf8)
        #expect(stock.contains("\nPL-TVER,BR-NF-M150-SOL,120000,15.62,1680,420\nPL-TVER,BR-NF-M125-SOL,40000,14.59,1680,420\n"), "\(stock)")

        let unknownSheet = run(args + ["--sheet", "Price", "--dry-run"])
        #expect(unknownSheet.status == 3)
        #expect(
            unknownSheet.stderr.contains(
                "the workbook has no sheet \u{201C}Price\u{201D} (its sheets: \u{201C}Инструкция\u{201D}, \u{201C}Прайс\u{201D})"),
            "\(unknownSheet.stderr)")
        let csvWithSheet = run([
            "catalog", "import", CLI.demoDirectory + "/stock.csv", "--source", "PL-TVER", "--catalog", dir, "--sheet", "Прайс", "--dry-run",
        ])
        #expect(
            csvWithSheet.status == 2 && csvWithSheet.stderr.contains("--sheet \u{201C}Прайс\u{201D} is for workbooks"),
            "\(csvWithSheet.stderr)")
    }

    @Test func anImportIntoAFolderWhoseStockIsAWorkbookIsRefusedAndWritesNothing() throws {
        // An import into a folder rewrites its stock.csv; a stock.xlsx is the person's workbook, not rewritten.
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try workbookCopy(scratch, tables: ["stock"])
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/stock.xlsx"))
        let r = run([
            "catalog", "import", Self.fixtures + "/supplier-tver.xlsx", "--source", "PL-TVER", "--catalog", dir, "--sheet", "Прайс",
        ])
        #expect(r.status == 3)
        #expect(
            r.stderr.contains("\(dir)/stock.xlsx is a workbook, and an import into a folder rewrites the folder's stock.csv"), "\(r.stderr)"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/stock.xlsx")) == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/stock.csv"))
    }

    @Test func aDamagedOrEmptyWorkbookIsRefusedWithWhatIsWrong() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let good = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/supplier-tver.xlsx"))
        let cases: [(String, Data, String)] = [
            ("empty.xlsx", Data(), "the workbook is empty (0 bytes)"),
            (
                "text.xlsx", Data("sku,stock\nBR-NF-M150-SOL,1\n".utf8),
                "is not an Excel workbook: an .xlsx file is a ZIP archive and this is not one"
            ),
            ("cut.xlsx", good.prefix(good.count * 2 / 3), "is not an Excel workbook"),
        ]
        for (name, bytes, says) in cases {
            try bytes.write(to: URL(fileURLWithPath: scratch.path + "/" + name))
            let r = run(["catalog", "import", scratch.path + "/" + name, "--source", "PL-TVER", "--catalog", dir, "--dry-run"])
            #expect(r.status == 3, "\(name): \(r.stderr)")
            #expect(r.stderr.contains("\(name):0:0: \(says)"), "\(name): \(r.stderr)")
        }
        // A table of the folder damaged the same way.
        try FileManager.default.removeItem(atPath: dir + "/vat.csv")
        try Data(good.prefix(100)).write(to: URL(fileURLWithPath: dir + "/vat.xlsx"))
        let check = run(["catalog", "check", dir])
        #expect(check.status == 3 && check.stderr.contains("vat.xlsx:0:0: is not an Excel workbook"), "\(check.stderr)")
    }
}
