import Foundation
import QuoteCore
import Testing

@testable import QuoteCatalog

/// `CSVTable.parse`: what spreadsheets write is read, and every field knows its line and column.
@Suite struct CSVTableTests {
    private func parse(_ text: String, file: String = "t.csv") throws -> CSVTable {
        try CSVTable.parse(file: file, bytes: Array(text.utf8)).get()
    }

    private func texts(_ t: CSVTable) -> [[String]] { t.records.map { $0.fields.map(\.text) } }

    @Test func plainFile() throws {
        let t = try parse("a,b,c\n1,22,333\n")
        #expect(t.header.map(\.text) == ["a", "b", "c"])
        #expect(texts(t) == [["1", "22", "333"]])
        #expect(t.records[0].line == 2)
        // "1," is 2 scalars, "22," 3: the fields start at columns 1, 3 and 6.
        #expect(t.records[0].fields.map(\.column) == [1, 3, 6])
        #expect(t.decimalComma == false)
    }

    @Test func lastLineWithoutNewline() throws {
        let t = try parse("a,b\n1,2")
        #expect(texts(t) == [["1", "2"]])
    }

    @Test func byteOrderMarkIsStripped() throws {
        let t = try CSVTable.parse(file: "t.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("key,value\nname,x\n".utf8)).get()
        #expect(t.header.map(\.text) == ["key", "value"])
        // The mark takes no column: "key" starts at column 1.
        #expect(t.header[0].column == 1)
        #expect(texts(t) == [["name", "x"]])
    }

    @Test func demoWithByteOrderMarksCompilesToTheSameCatalog() throws {
        // Excel's "CSV UTF-8" puts a BOM in front of every file.
        var files = try Demo.files()
        let plain = try files.compile()
        for name in CatalogCompiler.files { files.contents[name] = [0xEF, 0xBB, 0xBF] + files.contents[name]! }
        let withBOM = try files.compile()
        #expect(withBOM.products.count == 34)
        #expect(withBOM.settings.name == plain.settings.name)
        #expect(withBOM.products["BR-NF-M150-SOL"]?.unitWeightGrams == 3_600)
    }

    @Test func semicolonSeparatorWithDecimalComma() throws {
        let t = try parse("sku;weight_kg;name\nA;3,6;Цемент 42,5Н\n")
        #expect(t.decimalComma)
        #expect(t.header.map(\.text) == ["sku", "weight_kg", "name"])
        // In a `;` file a comma is an ordinary character: "3,6" and "Цемент 42,5Н" stay whole.
        #expect(texts(t) == [["A", "3,6", "Цемент 42,5Н"]])
    }

    @Test func commaWinsWhenTheHeaderHasBoth() throws {
        let t = try parse("a,b;c\n1,2;3\n")
        #expect(!t.decimalComma)
        #expect(t.header.map(\.text) == ["a", "b;c"])
    }

    @Test func separatorIsDetectedAfterLeadingComments() throws {
        let t = try parse("# exported from a spreadsheet, in Russian locale\na;b\n1,5;2\n")
        #expect(t.decimalComma)
        #expect(t.header.map(\.text) == ["a", "b"])
        #expect(texts(t) == [["1,5", "2"]])
    }

    /// products.csv rewritten as a Russian-locale spreadsheet exports it: `;`-separated, decimal commas.
    private func semicolonProducts(_ files: CatalogFiles, lineEnd: String = "\n") throws -> [UInt8] {
        // A literal the test writes, so it parses.
        // swift-format-ignore: NeverForceUnwrap
        let table = try CSVTable.parse(file: "products.csv", bytes: files.contents["products.csv"]!).get()
        let decimalColumns: Set<String> = ["weight_kg", "pallet_deposit"]
        let names = table.header.map(\.text)
        func quoted(_ s: String) -> String {
            s.contains(";") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = names.joined(separator: ";") + lineEnd
        for r in table.records {
            let cells = r.fields.enumerated().map { i, f in
                decimalColumns.contains(names[i]) ? f.text.replacingOccurrences(of: ".", with: ",") : quoted(f.text)
            }
            out += cells.joined(separator: ";") + lineEnd
        }
        return Array(out.utf8)
    }

    @Test func semicolonProductsCompileToTheSameWeights() throws {
        var files = try Demo.files()
        let plain = try files.compile()
        files.contents["products.csv"] = try semicolonProducts(files)
        let text = files.text("products.csv")
        // The rewrite really has decimal commas: BR-NF-M150-SOL's "3.6" is now "3,6", its deposit "250,00".
        #expect(text.contains("BR-NF-M150-SOL;"))
        #expect(text.contains(";65;3,6;420;420;;250,00"))
        let semi = try files.compile()
        #expect(semi.products.count == 34)
        for (sku, p) in plain.products {
            let q = try #require(semi.products[sku])
            #expect(q.unitWeightGrams == p.unitWeightGrams, "\(sku)")
            #expect(q.palletDeposit == p.palletDeposit, "\(sku)")
            #expect(q.name == p.name, "\(sku)")
        }
        #expect(semi.products["BR-NF-M150-SOL"]?.unitWeightGrams == 3_600)  // "3,6" kg
        #expect(semi.products["CEM-M500-50"]?.name == "Цемент ЦЕМ II/А-Ш 42,5Н (М500) 50 кг")  // the comma in the name survives
    }

    // A `;`-separated CRLF export (Excel on Windows, Russian locale). In a Swift String "\r\n" is one
    // Character, so the separator must be chosen from lines split on any line end (it once was not).
    @Test func semicolonProductsWithCRLFCompile() throws {
        // The same export as Excel on Windows writes it: `;`, decimal commas and CRLF line ends.
        var files = try Demo.files()
        files.contents["products.csv"] = try semicolonProducts(files, lineEnd: "\r\n")
        let c = try files.compile()
        #expect(c.products["BR-NF-M150-SOL"]?.unitWeightGrams == 3_600)
    }

    @Test func semicolonWithCRLFIsDetected() throws {
        let t = try parse("sku;weight_kg\r\nA;3,6\r\n")
        #expect(t.decimalComma)
        #expect(t.header.map(\.text) == ["sku", "weight_kg"])
        #expect(texts(t) == [["A", "3,6"]])
        let lucky = try parse("sku;weight_kg\r\nA;3\r\n")
        #expect(lucky.decimalComma)
        #expect(texts(lucky) == [["A", "3"]])
    }

    @Test func quotedFieldsWithCommasAndQuotes() throws {
        let t = try parse("name,note\n\"Smith, J.\",\"say \"\"hi\"\"\"\n")
        #expect(texts(t) == [["Smith, J.", "say \"hi\""]])
        // The second field starts at its opening quote: "\"Smith, J.\"," is 12 scalars → column 13.
        #expect(t.records[0].fields.map(\.column) == [1, 13])
    }

    @Test func quotedFieldSpanningLines() throws {
        let t = try parse("a,b\n\"two\nlines\",x\ny,z\n")
        #expect(texts(t) == [["two\nlines", "x"], ["y", "z"]])
        #expect(t.records.map(\.line) == [2, 4])
    }

    @Test func crlfLineEnds() throws {
        let t = try parse("a,b\r\n1,2\r\n3,\"4\"\r\n")
        #expect(t.header.map(\.text) == ["a", "b"])
        #expect(texts(t) == [["1", "2"], ["3", "4"]])
        #expect(t.records.map(\.line) == [2, 3])
    }

    @Test func demoWithCRLFCompiles() throws {
        var files = try Demo.files()
        for name in CatalogCompiler.files {
            files.contents[name] = Array(files.text(name).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        }
        let c = try files.compile()
        #expect(c.products.count == 34)
        #expect(c.products["BR-NF-M150-SOL"]?.name == "Кирпич керамический полнотелый одинарный М150 (250×120×65)")
        #expect(c.vehicles.first { $0.id == "GAZ-1.5" }?.name == "Газель бортовая 1,5 т")
    }

    @Test func commentAndBlankLinesAreSkipped() throws {
        let t = try parse("# a comment\na,b\n\n# another, with a comma\n1,2\n   \n\r\n3,4\n")
        #expect(t.header.map(\.text) == ["a", "b"])
        #expect(t.header[0].line == 2)
        #expect(texts(t) == [["1", "2"], ["3", "4"]])
        // Line numbers stay those of the file.
        #expect(t.records.map(\.line) == [5, 8])
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        // Line 3 starts with 0x98, which is never valid UTF-8 and no character in Windows-1251 either (0xFF, a
        // Windows-1251 "я", is read as one: see SpreadsheetHabitsTests).
        let bytes = Array("a,b\n1,2\n".utf8) + [0x98] + Array(",3\n4,5\n".utf8)
        guard case .failure(let issue) = CSVTable.parse(file: "stock.csv", bytes: bytes) else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect(issue.file == "stock.csv")
        #expect(issue.line == 3)
        #expect(issue.column == 1)
        #expect(issue.message.contains("not valid UTF-8"))
    }

    @Test func windows1251FileInTheCatalog() throws {
        // A whole file saved as Windows-1251: "Тверь" is D2 E2 E5 F0 FC. It was refused ("not valid UTF-8
        // text"); it is read in Windows-1251 now, as 1C and Excel write it, into the same cities.
        var files = try Demo.files()
        let cp1251 = [UInt8](try #require(files.text("cities.csv").data(using: .windowsCP1251)))
        #expect(cp1251.starts(with: Array("id,name".utf8)))
        #expect(cp1251.count < files.contents["cities.csv"]?.count ?? 0)  // one byte a Cyrillic letter, not two
        files.contents["cities.csv"] = cp1251
        #expect(files.issues().isEmpty)
        #expect(try files.compile().cities[CityID("tver")]?.name == "Тверь")
        #expect(try files.compile().cities.mapValues(\.name) == (try Demo.files().compile()).cities.mapValues(\.name))
    }

    @Test func aFileMixingUTF8AndWindows1251IsRefusedAtItsLine() throws {
        // cities.csv:4's name in Windows-1251 among UTF-8 lines: neither encoding reads the whole file.
        var files = try Demo.files()
        let lines = files.lines("cities.csv")
        var bytes: [UInt8] = []
        for (i, l) in lines.enumerated() {
            if i > 0 { bytes.append(0x0A) }
            bytes += i == 3 ? Array("tver,".utf8) + [0xD2, 0xE2, 0xE5, 0xF0, 0xFC] + Array(",Tver,TVE,Mon".utf8) : Array(l.utf8)
        }
        files.contents["cities.csv"] = bytes
        let issues = files.issues()
        #expect(issues.count == 1)
        #expect(issues.first?.description.hasPrefix("cities.csv:4:1: ") == true)
        #expect(issues.first?.message.contains("CSV UTF-8") == true)
    }

    @Test func unclosedQuote() throws {
        guard case .failure(let issue) = CSVTable.parse(file: "t.csv", bytes: Array("a,b\n1,\"open\n2,3\n".utf8)) else {
            Issue.record("an unclosed quote was accepted")
            return
        }
        // Reported where the quoted field starts: line 2, column 3.
        #expect(issue.description == "t.csv:2:3: a quoted field is never closed")
    }

    @Test func textAfterAClosingQuote() throws {
        guard case .failure(let issue) = CSVTable.parse(file: "t.csv", bytes: Array("a,b\n\"x\"y,2\n".utf8)) else {
            Issue.record("text after a closing quote was accepted")
            return
        }
        // "\"x\"" takes columns 1–3; the stray y is at column 4.
        #expect(issue.description == "t.csv:2:4: text after a closing quote: quote the whole field")
    }

    @Test func emptyFile() throws {
        for text in ["", "\n\n", "# only a comment\n"] {
            guard case .failure(let issue) = CSVTable.parse(file: "vat.csv", bytes: Array(text.utf8)) else {
                Issue.record("an empty file was accepted: \(text.debugDescription)")
                continue
            }
            #expect(issue.description == "vat.csv:1:1: the file is empty: it needs a header row")
        }
    }

    @Test func headerNamesAreTrimmed() throws {
        let t = try parse(" a , b\n1,2\n")
        #expect(t.header.map(\.text) == ["a", "b"])
    }

    @Test func moreFieldsThanColumns() throws {
        // An unquoted comma inside a value: vat.csv:3 gets a third field, at column 15 ("2026-01-01,22," is 14).
        var files = try Demo.files()
        try files.replace("vat.csv", line: 3, "2026-01-01,22", with: "2026-01-01,22,5")
        let issues = files.issues()
        #expect(issues.count == 1)
        #expect(issues.first?.description.hasPrefix("vat.csv:3:15: more fields than the header has columns (3 > 2)") == true)
    }
}
