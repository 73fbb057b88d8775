import Foundation
import QuoteCore
import SeededRandom
import Testing

@testable import QuoteCatalog
@testable import QuoteWorkbook

/// Excel workbooks as catalog tables (issue 16): the fixtures in Tests/Fixtures/workbooks are made by
/// scripts/make-workbook-fixtures.py (openpyxl; texts as shared strings, formulas with saved values, as a
/// spreadsheet program saves them).
@Suite struct WorkbookTests {
    static let fixtures = Demo.packageRoot + "/Tests/Fixtures/workbooks"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + name)))
    }

    static func table(_ name: String, sheet: String? = nil) throws -> CSVTable {
        try CSVTable.parse(file: name, bytes: bytes(name), sheet: sheet).get()
    }

    @Test func eachKindOfCellReadsAsTheTextACSVFileWouldHave() throws {
        // The first sheet is hidden: the first visible one, "Типы", is read. Row 2 is blank and left out.
        let t = try Self.table("typed.xlsx")
        #expect(t.sheet == "Типы")
        #expect(t.header.map(\.text) == ["text", "number", "decimal", "date", "moment", "yes", "no", "formula", "inline", "merged"])
        try #require(t.records.count == 3)
        // 2026-12-01 is Excel serial 46357 (days since 1899-12-30); 10:30 is 0.4375 of a day. The formula
        // =B3*2 reads its saved value 12 600; J3:J5 is merged, so "Тверь" stands on every row of it.
        #expect(
            t.records[0].fields.map(\.text) == [
                "Кирпич М150", "6300", "15.54", "2026-12-01", "2026-12-01T10:30:00", "true", "false", "12600", "inline text", "Тверь",
            ])
        #expect(t.records[0].line == 3 && t.records[0].fields[2].column == 3)
        // =0.1+0.2 saved as 0.30000000000000004 reads 0.3 (15 significant digits, as the spreadsheet shows it);
        // 1.5E-3 as 0.0015. Every row is as wide as the widest: cells left empty read "".
        #expect(t.records[1].fields.map(\.text) == ["0.1+0.2", "0.3", "0.0015", "", "", "", "", "", "", "Тверь"])
        #expect(t.records[2].fields.map(\.text) == ["merged below", "", "", "", "", "", "", "", "", "Тверь"])
        #expect(t.decimalComma)
    }

    @Test func aSheetIsChosenByName() throws {
        let t = try Self.table("typed.xlsx", sheet: "Прайс")
        #expect(t.header.map(\.text) == ["sku", "stock"])
        #expect(t.records.map { $0.fields.map(\.text) } == [["BR-NF-M150-SOL", "120000"]])
        #expect(try Self.table("typed.xlsx", sheet: "прайс").sheet == "Прайс")  // case aside, as Excel
        let missing = CSVTable.parse(file: "typed.xlsx", bytes: try Self.bytes("typed.xlsx"), sheet: "Price")
        #expect(
            missing.failure?.description
                == "typed.xlsx:0:0: the workbook has no sheet \u{201C}Price\u{201D} (its sheets: \u{201C}Скрытый\u{201D}, \u{201C}Типы\u{201D}, \u{201C}Прайс\u{201D}) (choose one with --sheet)"
        )
    }

    @Test func aFormulaErrorOrAFormulaWithoutAValueIsLocatedAtItsCell() throws {
        let issue = CSVTable.parse(file: "errors.xlsx", bytes: try Self.bytes("errors.xlsx")).failure
        #expect(
            issue?.description
                == "errors.xlsx:Лист1!B2: the cell holds the error #DIV/0! (a formula that failed): correct the formula or type the value")
    }

    @Test func damagedEmptyOrForeignFilesAreErrorsThatSayWhat() throws {
        let good = try Self.bytes("typed.xlsx")
        func message(_ bytes: [UInt8], _ name: String = "stock.xlsx") -> String {
            CSVTable.parse(file: name, bytes: bytes).failure?.description ?? "read"
        }
        #expect(message([]) == "stock.xlsx:0:0: the workbook is empty (0 bytes): save it again from the spreadsheet program")
        #expect(
            message(Array("sku,stock\nA,1\n".utf8)).hasPrefix(
                "stock.xlsx:0:0: is not an Excel workbook: an .xlsx file is a ZIP archive and this is not one"))
        // Cut in half: the archive's directory, at its end, is gone.
        #expect(message(Array(good.prefix(good.count / 2))).hasPrefix("stock.xlsx:0:0: is not an Excel workbook"))
        // A ZIP magic with nothing after it.
        #expect(message([0x50, 0x4B, 0x03, 0x04], "stock.csv").hasPrefix("stock.csv:0:0: is not an Excel workbook"))
        // Runs of 8 bytes flipped along the file: a part no longer unpacks or fails its checksum, or the archive's
        // directory is broken. An error that says so, or (a flip in a part that is not read) the table; never a crash.
        for offset in stride(from: 200, to: good.count - 600, by: 397) {
            var bad = good
            for i in offset..<(offset + 8) { bad[i] ^= 0x5A }
            let m = message(bad)
            #expect(m == "read" || m.hasPrefix("stock.xlsx:0:0: ") || m.hasPrefix("stock.xlsx:Типы"), "\(m)")
        }
    }

    @Test func mangledSheetXMLIsAnErrorOrATableNeverACrash() throws {
        // The sheet part of typed.xlsx, mangled 400 ways (seeded): bytes flipped, cut short, and pieces a
        // hostile or broken writer might put in — a cell at XFD1048576, a shared string index past the table,
        // a merge over a whole column, deep nesting. Each reads as a sheet or fails as bad XML.
        let archive = try #require(ZipArchive(try Self.bytes("typed.xlsx")))
        let xml = try archive.part("xl/worksheets/sheet2.xml").get()
        let book = try Workbook.open(try Self.bytes("typed.xlsx")).get()
        let entry = Workbook.Entry(name: "Типы", part: "xl/worksheets/sheet2.xml", hidden: false)
        let pieces = [
            #"<c r="XFD1048576" t="s"><v>99999</v></c>"#, #"<c r="A0"><v>1E+999</v></c>"#, #"<c t="d"><v>not a date</v></c>"#,
            #"<mergeCell ref="A1:A1048576"/>"#, #"<mergeCell ref="B:B"/>"#, #"<c r="B2" t="e"/>"#, #"<row r="-5">"#,
            String(repeating: "<is>", count: 200), #"<c r="ZZZZZZ1"><v>1</v></c>"#, #"<v>-46357.5</v>"#,
        ].map { Array($0.utf8) }
        var random = SplitMix64(seed: 16)
        var read = 0
        for _ in 0..<400 {
            var bad = xml
            switch random.below(3) {
            case 0:
                for _ in 0...random.below(4) { bad[random.below(bad.count)] = UInt8(truncatingIfNeeded: random.next()) }
            case 1: bad = Array(bad.prefix(random.below(bad.count)))
            default: bad.insert(contentsOf: pieces[random.below(pieces.count)], at: random.below(bad.count))
            }
            switch SheetReader.parse(bad, entry: entry, strings: book.sharedStrings, styles: book.styles, date1904: false) {
            case .success(let sheet): read += sheet.rows.count >= 0 ? 1 : 0
            case .failure(let e):
                #expect(MessageRenderer(.en).render(e.text).contains("xl/worksheets/sheet2.xml is not well-formed XML"), "\(e)")
            }
        }
        #expect(read > 0)
    }

    @Test(arguments: [
        ("1254.5", "1254.5"), ("6300", "6300"), ("12.300000000000001", "12.3"), ("0.30000000000000004", "0.3"),
        ("1.5E-3", "0.0015"), ("-2.5e2", "-250"), ("1E+20", "100000000000000000000"), ("0", "0"), ("-0", "0"),
        ("99999999999999999", "100000000000000000"), ("15.540", "15.54"),
    ])
    func numbersAsTheSpreadsheetShowsThem(stored: String, read: String) {
        // 99 999 999 999 999 999 has 17 nines: rounded to 15 significant digits it carries to 10^17.
        #expect(DecimalText.plain(stored) == read)
    }

    @Test func notNumbersStayText() {
        #expect(DecimalText.plain("1.2.3") == nil && DecimalText.plain("abc") == nil && DecimalText.plain("") == nil)
    }

    @Test(arguments: [
        ("1", false, "1900-01-01"), ("59", false, "1900-02-28"), ("61", false, "1900-03-01"), ("46357", false, "2026-12-01"),
        ("46357.75", false, "2026-12-01T18:00:00"), ("0.125", false, "03:00"), ("0.5000115740740741", false, "12:00:01"),
        ("0", true, "1904-01-01"), ("44895", true, "2026-12-01"),
    ])
    func serialDates(serial: String, date1904: Bool, iso: String) {
        // 1900 system: day 1 is 1900-01-01, day 60 the 29 February 1900 Excel counts, so from day 61 on a
        // serial is days since 1899-12-30. 1904 system: days since 1904-01-01 (1462 days fewer).
        #expect(SerialDate.iso(serial: serial, date1904: date1904) == iso)
    }

    @Test func cellReferences() {
        #expect(CellReference.parse("C14")! == (3, 14))
        #expect(CellReference.parse("AA1")! == (27, 1))
        #expect(CellReference.parse("$B$2")! == (2, 2))
        #expect(CellReference.parse("14") == nil && CellReference.parse("A0") == nil && CellReference.parse("A-1") == nil)
    }

    @Test func aSheetNameIsQuotedInALocationWhenItMustBe() {
        #expect(CatalogIssue(file: "a.xlsx", line: 14, column: 3, .plain("m"), sheet: "Лист1").description == "a.xlsx:Лист1!C14: m")
        #expect(
            CatalogIssue(file: "a.xlsx", line: 2, column: 28, .plain("m"), sheet: "Прайс 2026").description == "a.xlsx:'Прайс 2026'!AB2: m"
        )
        #expect(CatalogIssue(file: "a.xlsx", line: 2, column: 1, .plain("m"), sheet: "O'Neil").description == "a.xlsx:'O''Neil'!A2: m")
    }

    // MARK: - Catalog folders

    /// A folder with the demo's tables, `workbooks` of them as the fixtures' .xlsx in place of the CSV.
    static func folder(workbooks: [String], extra: [String: [UInt8]] = [:]) throws -> String {
        let dir = "/tmp/quote-workbook-tests-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in CatalogCompiler.files {
            let table = String(name.dropLast(4))
            if workbooks.contains(table) {
                try FileManager.default.copyItem(atPath: fixtures + "/demo/" + table + ".xlsx", toPath: dir + "/" + table + ".xlsx")
            } else {
                try FileManager.default.copyItem(atPath: Demo.directory + "/" + name, toPath: dir + "/" + name)
            }
        }
        for (name, bytes) in extra { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return dir
    }

    /// Every row of the catalog's database as written, table by table, sorted (rows are inserted in
    /// dictionary order, which differs from one build to another), with the version (a hash of the files'
    /// bytes, and so of their format) set aside.
    static func rows(_ catalog: Catalog) throws -> [String] {
        var c = catalog
        c.version = "same"
        let path = "/tmp/quote-workbook-db-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CatalogDatabase.write(c, to: path)
        let db = try SQLiteDatabase(path: path, readOnly: true)
        var tables: [String] = []
        try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") { tables.append($0.text(0)) }
        var out: [String] = []
        for table in tables {
            var count: Int32 = 0
            try db.query("SELECT count(*) FROM pragma_table_info('\(table)')") { count = Int32($0.int(0)) }
            var rows: [String] = []
            try db.query("SELECT * FROM \(table)") { s in
                rows.append(table + ": " + (0..<count).map { s.optionalText($0) ?? "NULL" }.joined(separator: "|"))
            }
            out += rows.sorted()
        }
        return out
    }

    @Test func theDemoCatalogAsWorkbooksBuildsIntoTheSameCatalogAsItsCSVFiles() throws {
        // The workbooks have numbers as number cells, dates as date cells, vehicles' crane and aliases' default
        // as boolean cells, sources' pickup as the text Да/Нет, stock's costs as formulas with saved values,
        // stock's blank rows and merged title, prices' regions merged down their rows.
        let all = CatalogCompiler.files.map { String($0.dropLast(4)) }
        let dir = try Self.folder(workbooks: all)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fromCSV = try CatalogRules.compile(directory: Demo.directory, asOf: Demo.asOf).get()
        let fromBooks = try CatalogRules.compile(directory: dir, asOf: Demo.asOf).get()
        #expect(
            fromBooks.catalog.offers.count == fromCSV.catalog.offers.count
                && fromBooks.catalog.products.count == fromCSV.catalog.products.count)
        let (books, csv) = (try Self.rows(fromBooks.catalog), try Self.rows(fromCSV.catalog))
        #expect(books.count == csv.count && books.count > 500)
        #expect(books == csv, "\(zip(books, csv).first { $0 != $1 } as Any)")
        // stock.xlsx has a title merged over its columns: the header is on row 2, as the warning says.
        #expect(
            fromBooks.warnings.map(\.description).contains(
                "stock.xlsx:Лист1!A2: the header is on line 2: 1 line above it skipped as a title"),
            "\(fromBooks.warnings)")
        #expect(FolderCatalog.fingerprint(dir) != FolderCatalog.fingerprint(Demo.directory))
    }

    @Test func theDemoCatalogSavedByLibreOfficeCalcBuildsIntoTheSameCatalog() throws {
        // Tests/Fixtures/workbooks/libreoffice: the demo's CSV files opened and saved as .xlsx by LibreOffice Calc
        // (scripts/make-workbook-fixtures.py --libreoffice). Calc made the dates date cells (yyyy-mm-dd), the
        // figures numbers, and `+03:00` a time of day, 0.125, which reads 03:00: an offset east of UTC.
        let dir = "/tmp/quote-workbook-tests-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/libreoffice", toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fromCSV = try CatalogRules.compile(directory: Demo.directory, asOf: Demo.asOf).get()
        let fromCalc = try CatalogRules.compile(directory: dir, asOf: Demo.asOf).get()
        let (calc, csv) = (try Self.rows(fromCalc.catalog), try Self.rows(fromCSV.catalog))
        #expect(calc.count == csv.count && calc.count > 500)
        #expect(calc == csv, "\(zip(calc, csv).first { $0 != $1 } as Any)")
        #expect(fromCalc.catalog.settings.utcOffsetSeconds == 3 * 3600)
    }

    @Test func anErrorInAWorkbookTableNamesTheSheetAndTheCell() throws {
        let dir = try Self.folder(workbooks: [], extra: ["stock.xlsx": try Self.bytes("stock-bad.xlsx")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/stock.csv")
        let problems = try #require(CatalogCompiler.compile(directory: dir).failure)
        #expect(problems.issues.map(\.description) == ["stock.xlsx:Лист1!C14: stock: \u{201C}много\u{201D} is not a number"], "\(problems)")
    }

    @Test func aTableBothAsCSVAndAsAWorkbookIsRefused() throws {
        let dir = try Self.folder(workbooks: [], extra: ["stock.xlsx": try Self.bytes("demo/stock.xlsx"), "~$stock.xlsx": [1, 2]])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problems = try #require(CatalogCompiler.compile(directory: dir).failure)
        // Excel's owner file ~$stock.xlsx, left while the workbook is open, is no table and not reported.
        #expect(
            problems.issues.map(\.description) == [
                "stock.csv:0:0: both stock.csv and stock.xlsx are here: keep one of them (a table is read from its CSV file or from its workbook, never both)"
            ])
    }

    @Test func anUnknownWorkbookIsReportedAsAnUnknownFile() throws {
        let dir = try Self.folder(workbooks: [], extra: ["stocks.xlsx": try Self.bytes("demo/stock.xlsx")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problems = try #require(CatalogCompiler.compile(directory: dir).failure)
        #expect(problems.issues.first?.description.hasPrefix("stocks.xlsx:1:1: unknown catalog file") == true, "\(problems)")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
