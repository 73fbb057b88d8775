import QuoteCore
import Testing

@testable import QuoteCatalog

/// The build reads stock.csv, prices.csv and aliases.csv a record at a time (`CSVStream`) when their header is
/// exactly the columns, and the tables after products.csv on two threads (rerun one after the other on any error):
/// neither may change a record, a message or its order.
@Suite struct StreamedTablesTests {
    /// The records `CSVStream` gives one at a time are `CSVTable.parse`'s: quotes, a doubled quote, a line end
    /// inside quotes, CRLF, a blank and a comment line, the last line without its line end.
    @Test func aStreamReadsTheRecordsTheParserReads() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",3\r\n\n# note\n\"two\nlines\",,é\nlast,1,2"
        let bytes = Array(text.utf8)
        let whole = try CSVTable.parse(file: "t.csv", bytes: bytes).get()
        var stream = try CSVStream.open(file: "t.csv", bytes: bytes).get()
        var streamed: [CSVTable.Record] = []
        while let record = try stream.next().get() { streamed.append(record) }
        #expect(stream.header.map(\.text) == ["a", "b", "c"])
        // Three records: line 2, line 5 (its first field runs on to line 6) and line 7; lines 3 and 4 are skipped.
        #expect(streamed.map(\.line) == [2, 5, 7])
        #expect(streamed.map(\.line) == whole.records.map(\.line))
        for (s, w) in zip(streamed, whole.records) {
            #expect(s.fields.map(\.text) == w.fields.map(\.text))
            #expect(s.fields.map(\.line) == w.fields.map(\.line))
            #expect(s.fields.map(\.column) == w.fields.map(\.column))
        }
        #expect(streamed[0].fields.map(\.text) == ["x, y", "say \"hi\"", "3"])
        // "two\nlines" starts at 5:1; the empty field at 6:8 (after `lines"` and the comma); é at 6:9.
        #expect(streamed[1].fields.map(\.column) == [1, 8, 9])
    }

    /// A stream that fails mid-file fails as the parser does, at the same place.
    @Test func aStreamFailsWhereTheParserFails() throws {
        let bytes = Array("a,b\n1,2\n\"open,3\n".utf8)
        guard case .failure(let whole) = CSVTable.parse(file: "t.csv", bytes: bytes) else {
            Issue.record("an unclosed quote parsed")
            return
        }
        var stream = try CSVStream.open(file: "t.csv", bytes: bytes).get()
        #expect(try stream.next().get()?.line == 2)
        guard case .failure(let streamed) = stream.next() else {
            Issue.record("an unclosed quote streamed")
            return
        }
        #expect(streamed == whole)
        #expect((streamed.line, streamed.column) == (3, 1))
    }

    /// Three mistakes in the demo's stock.csv (a cost "x" on line 2, an unknown SKU on line 3, a stock of -1 on
    /// line 4): the same three issues whether the file is streamed (its header exact) or parsed whole (a `note`
    /// column added, ignored with a warning), given as bytes or read from a folder (where the rerun after the
    /// error reads the files again).
    @Test func streamedAndWholeStockGiveTheSameIssues() throws {
        var files = try Demo.files()
        try files.replace("stock.csv", line: 2, ",15.54,", with: ",x,")
        try files.replace("stock.csv", line: 3, "BR-NF-M150-HOL", with: "BR-NOPE")
        try files.replace("stock.csv", line: 4, ",3520,", with: ",-1,")
        let streamed = files.issues().map(\.description)
        #expect(streamed.count == 3)
        #expect(streamed[0].hasPrefix(.location("stock.csv", 2, 31)))  // WH-KHIMKI,BR-NF-M150-SOL,6300, is 30 scalars
        #expect(streamed[1].hasPrefix(.location("stock.csv", 3, 11)))  // after WH-KHIMKI,
        #expect(streamed[2].hasPrefix(.location("stock.csv", 4, 28)))  // WH-KHIMKI,BR-14NF-M150-HOL, is 27 scalars
        var noted = files
        noted.setLines(
            "stock.csv",
            files.lines("stock.csv").enumerated().map { $0.element.isEmpty ? "" : $0.element + ($0.offset == 0 ? ",note" : ",n") })
        #expect(noted.issues().map(\.description) == streamed)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        guard case .failure(let fromFolder) = CatalogCompiler.compile(directory: try folder.write(files)) else {
            Issue.record("a broken folder compiled")
            return
        }
        #expect(fromFolder.issues.map(\.description) == streamed)
    }
}
