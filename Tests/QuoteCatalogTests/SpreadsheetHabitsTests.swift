import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// Catalog files as 1C and a Russian-locale Excel write them (issue 16, "1C and Excel habits in CSV"). Each
/// of these was refused before: a Windows-1251 file as "not valid UTF-8 text", `6 300` as "not a number" (60
/// times for one file), a trailing empty column as `prices.csv:1:26: unknown column “”`, a notes column as
/// an unknown column, a title row above the header as a header without the columns.
@Suite struct SpreadsheetHabitsTests {
    /// Every stock offer of a catalog, as comparable text.
    private func offers(_ c: Catalog) -> [String] {
        c.offers.values.flatMap { $0 }.map {
            "\($0.source) \($0.sku) \($0.stock.milli) \($0.cost.kopecks) \($0.minOrder.milli) \($0.orderMultiple.milli)"
        }.sorted()
    }

    /// The demo's stock.csv as 1C exports it: a title row, `;`, a trailing `;` on every row, thousands grouped
    /// by a space or a no-break space, decimal commas, CRLF, and `encoding`'s bytes.
    private func oneCStock(_ files: CatalogFiles, encoding: String.Encoding) throws -> [UInt8] {
        var lines = files.lines("stock.csv").filter { !$0.isEmpty }
        let header = lines.removeFirst()
        var out = ["Остатки товаров на 01.12.2026;;;;;;", header.replacingOccurrences(of: ",", with: ";") + ";"]
        for (i, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let space = i % 2 == 0 ? " " : "\u{00A0}"
            out.append(cells.map { grouped($0, space) }.joined(separator: ";") + ";")
        }
        return [UInt8](try #require((out.joined(separator: "\r\n") + "\r\n").data(using: encoding)))
    }

    /// "6300" → "6 300", "15.54" → "15,54", "1254.00" → "1 254,00".
    private func grouped(_ cell: String, _ space: String) -> String {
        guard cell.first?.isNumber == true else { return cell }
        let parts = cell.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        return groups.joined(separator: space) + (parts.count > 1 ? "," + parts[1] : "")
    }

    @Test func windows1251SemicolonFileWithGroupedThousandsBuildsTheSameStock() throws {
        let demo = try Demo.files()
        var files = demo
        files.contents["stock.csv"] = try oneCStock(demo, encoding: .windowsCP1251)
        // The bytes really are Windows-1251: "О" of the title is 0xCE, the no-break space 0xA0.
        #expect(files.contents["stock.csv"]?.first == 0xCE)
        #expect(files.contents["stock.csv"]?.contains(0xA0) == true)
        let (catalog, warnings) = try CatalogCompiler.compileWithWarnings(files: files.contents).get()
        // The same 52 offers as the demo's own stock.csv: WH-KHIMKI's BR-NF-M150-SOL is "6 300" → 6300 pcs
        // (6,300,000 thousandths) at "15,54" → 1554 kopecks.
        #expect(offers(catalog) == offers(try demo.compile()))
        #expect(offers(catalog).contains("WH-KHIMKI BR-NF-M150-SOL 6300000 1554 420000 420000"))
        // The title row is said to be skipped; the trailing empty column is passed over without a word.
        #expect(warnings.map(\.description) == ["stock.csv:2:1: the header is on line 2: 1 line above it skipped as a title"])
    }

    @Test func utf8OneCFileBuildsTooAndKeepsItsEncoding() throws {
        let demo = try Demo.files()
        let bytes = try oneCStock(demo, encoding: .utf8)
        let table = try CSVTable.parse(file: "stock.csv", bytes: bytes).get()
        #expect(table.encoding == .utf8 && table.decimalComma)
        let cp1251 = try CSVTable.parse(file: "stock.csv", bytes: try oneCStock(demo, encoding: .windowsCP1251)).get()
        #expect(cp1251.encoding == .windows1251)
        // Decoded, the two are the same text: the title's first cell reads back in Cyrillic.
        #expect(cp1251.header.first?.text == "Остатки товаров на 01.12.2026")
    }

    @Test func aLatin1FileIsStillRefused() {
        // "café" in Latin-1: 0xE9 alone. One high byte, and it is a Cyrillic letter in Windows-1251 ("й")…
        // but with a Latin-1 "ü" (0xFC → "ь") and "©" (0xA9, no Russian use) among five high bytes, fewer than
        // four in five are Russian: refused, as before.
        let bytes: [UInt8] = Array("sku,name\nA,caf".utf8) + [0xE9] + Array(" ".utf8) + [0xA9, 0xA9, 0xAE, 0xFC] + [0x0A]
        guard case .failure(let issue) = CSVTable.parse(file: "products.csv", bytes: bytes) else {
            Issue.record("a Latin-1 file was read")
            return
        }
        #expect(issue.description.hasPrefix("products.csv:2:1: the file is not valid UTF-8 text, nor Russian text in Windows-1251"))
    }

    @Test(arguments: [
        ("6 300", "6300"), ("6\u{00A0}300", "6300"), ("6\u{2009}300", "6300"), ("6\u{202F}300", "6300"),
        ("1 254 000,50", "1254000,50"), ("-1 000", "-1000"), ("12 345.5", "12345.5"),
        // Not thousands: left alone, so they stay "not a number" rather than becoming another number.
        ("63 00", "63 00"), ("6 3000", "6 3000"), ("1 2", "1 2"), ("6 300,5 0", "6 300,5 0"), ("abc 123", "abc 123"),
    ])
    func thousandsSeparators(text: String, plain: String) {
        #expect(NumberText.ungrouped(text) == plain)
    }

    @Test func groupedNumberInAPriceAndACommaFile() throws {
        var files = try Demo.files()
        // prices.csv:2 is BR-NF-M125-SOL,,0,17.20; in a ","-file a grouped price must be quoted only if it has a
        // comma: "1 017.20" needs no quotes. 1,017.20 = 10,172,000 ten-thousandths.
        try files.replace("prices.csv", line: 2, ",0,17.20", with: ",0,1 017.20")
        let catalog = try files.compile()
        #expect(catalog.prices[SKU("BR-NF-M125-SOL")]?.base.first?.price.units == 10_172_000)
    }

    @Test func misgroupedNumberIsStillNotANumber() throws {
        var files = try Demo.files()
        try files.replace("stock.csv", line: 2, ",6300,", with: ",63 00,")
        let issues = files.issues()
        #expect(issues.map(\.description) == ["stock.csv:2:26: stock: \u{201C}63 00\u{201D} is not a number"])
    }

    @Test func trailingEmptyColumnAndANotesColumn() throws {
        var files = try Demo.files()
        // The reproduction of the issue: "sku,region,min_qty,price,per," has an unnamed 6th column at 1:26.
        // Every row gets a trailing "," too, and one a note in a 7th column "notes" (G): both are passed over,
        // the notes column with a warning naming it.
        var lines = files.lines("prices.csv").filter { !$0.isEmpty }
        lines[0] += ",,notes"
        for i in 1..<lines.count { lines[i] += i == 2 ? ",,дорого" : ",," }
        files.setLines("prices.csv", lines + [""])
        let (catalog, warnings) = try CatalogCompiler.compileWithWarnings(files: files.contents).get()
        #expect(catalog.prices.count == (try Demo.files().compile()).prices.count)
        #expect(
            warnings.map(\.description) == [
                "prices.csv:1:31: column \u{201C}notes\u{201D} (G) is not a column of prices.csv: ignored (its columns: sku, region, min_qty, price, per)"
            ])
    }

    @Test func unnamedColumnWithValuesIsNamedByItsLetter() throws {
        var files = try Demo.files()
        var lines = files.lines("vat.csv").filter { !$0.isEmpty }
        lines[0] += ","
        lines[1] += ",see the law"
        files.setLines("vat.csv", lines + [""])
        let warnings = try CatalogCompiler.compileWithWarnings(files: files.contents).get().warnings
        // "effective_from,rate_percent," is 28 scalars: the unnamed column C starts at 29.
        #expect(
            warnings.map(\.description) == [
                "vat.csv:1:29: column C has no name in the header but values (line 2): ignored; name it or empty it"
            ])
    }

    @Test func daAndNetAreYesAndNo() throws {
        var files = try Demo.files()
        // aliases.csv:2-3 are кирпич → BR-NF-M125-SOL (no) and BR-NF-M150-SOL (yes), as 1C writes booleans.
        try files.replace("aliases.csv", line: 2, ",no", with: ",Нет")
        try files.replace("aliases.csv", line: 3, ",yes", with: ",Да")
        let catalog = try files.compile()
        let names = catalog.productNames[NameKey.normalize("кирпич")] ?? []
        #expect(names.first(where: \.isDefault)?.sku == SKU("BR-NF-M150-SOL"))
        #expect(names.filter(\.isDefault).count == 1)
    }

    @Test func separatorIsDecidedByTheHeaderNotATitle() {
        // A title with two commas above a ";" header of five separators: ";" wins.
        #expect(CSVTable.separator(of: "Прайс, Тверь, 2026\nsku;region;min_qty;price;per\nA;;0;1,5;\n") == ";")
        #expect(CSVTable.separator(of: "sku,region,min_qty,price,per\nA,,0,1.5,\n") == ",")
        // A ";" file whose rows have decimal commas: the rows have both and do not vote.
        #expect(CSVTable.separator(of: "sku;stock\nA;1,5\n") == ";")
    }

    @Test func aWorkbookCutShortIsToldWhatIsWrong() throws {
        // An .xlsx is a ZIP archive ("PK\u{3}\u{4}"): before, "not valid UTF-8 text" at some line; and a folder with
        // stock.xlsx instead of stock.csv was told only that stock.csv is missing. Now workbooks are read
        // (WorkbookTests): these 12 bytes are the start of one, cut short, which is said of the file.
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xFF, 0x98]
        guard case .failure(let issue) = CSVTable.parse(file: "stock.csv", bytes: zip) else {
            Issue.record("a ZIP archive was read as CSV")
            return
        }
        #expect(issue.description.hasPrefix("stock.csv:0:0: is not an Excel workbook: an .xlsx file is a ZIP archive and this is not one"))
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        var files = try Demo.files()
        files.contents["stock.csv"] = nil
        let dir = try scratch.write(files)
        try Data(zip).write(to: URL(fileURLWithPath: dir + "/stock.xlsx"))
        guard case .failure(let problems) = CatalogCompiler.compile(directory: dir) else {
            Issue.record("a folder with a damaged stock.xlsx compiled")
            return
        }
        #expect(
            problems.issues.map(\.description) == [
                "stock.xlsx:0:0: is not an Excel workbook: an .xlsx file is a ZIP archive and this is not one (damaged, cut short, or another format such as the older .xls — save it as .xlsx or CSV)"
            ])
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
    func columnLetters(index: Int, letter: String) {
        #expect(ColumnLetter.of(index) == letter)
    }
}
