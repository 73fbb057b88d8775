import Foundation
import Testing

/// `quote catalog import FILE --source ID --catalog PATH`: one source's stock and purchase costs replaced, into a
/// database or a CSV folder. (Bad import files: BadInputTests; imports under load and killed: ConcurrencyTests.)
@Suite struct CatalogImportTests {
    /// Two bricks from PL-TVER to Tver, with costs shown: the import's figures are visible in the quote.
    static let twoBricks = requestLine(
        #"[{"product":"BR-NF-M150-SOL","quantity":"5000"},{"product":"BR-NF-M125-SOL","quantity":"5000"}]"#,
        #""city":"Tver","internal":true"#)

    /// (sku, cost) of each goods line, and validUntil, of a `--json` quote of `twoBricks`.
    private func costs(_ catalog: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (
        lines: [String], validUntil: String, quoteId: String
    ) {
        let r = run(["--json", "--catalog", catalog], stdin: Self.twoBricks, sourceLocation: sourceLocation)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        let q = try jsonObject(r.stdout, sourceLocation: sourceLocation)
        let lines = (q["lines"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "goods" }
        return (lines.map { "\($0["sku"] ?? "") \($0["cost"] ?? "")" }, q["validUntil"] as? String ?? "", q["quoteId"] as? String ?? "")
    }

    @Test func importIntoADatabase() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let before = try costs(db)
        #expect(before.lines == ["BR-NF-M150-SOL 73684.80", "BR-NF-M125-SOL 68493.60"])  // 5 040 × 14.62 and × 13.59
        #expect(before.validUntil == "2026-12-02T18:00:00+03:00")
        // PL-TVER's new list: two costs up by 1.00, BR-NF-M175-SOL gone, BR-NF-FAC-RED new; no min_order columns.
        let file = scratch.path + "/tver.csv"
        try """
        sku,stock,cost
        BR-NF-M150-SOL,120000,15.62
        BR-NF-M125-SOL,40000,14.59
        BR-NF-M125-HOL,48000,11.53
        BR-NF-M150-HOL,96000,12.17
        BR-14NF-M150-SOL,28800,20.14
        BR-14NF-M125-HOL,35200,14.93
        BR-14NF-M150-HOL,70400,15.64
        BR-NF-FAC-RED,4800,26.00

        """.write(toFile: file, atomically: true, encoding: .utf8)
        // --missing remove: BR-NF-M175-SOL, which the file does not list, is no longer offered (the default sets it to 0).
        let r = run([
            "catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--as-of", "2026-12-01T09:00:00", "--missing", "remove",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr
                == "warning: products.csv: sku: no source stocks BR-NF-M175-SOL (stock.csv), so it can never be quoted: add a stock row or remove the product\n"
        )
        #expect(
            r.stdout.hasPrefix(
                "Imported \(file) as the stock of PL-TVER into \(db): 8 rows, 2 changed (BR-NF-M125-SOL, BR-NF-M150-SOL), 1 added (BR-NF-FAC-RED), "
                    + "1 removed (BR-NF-M175-SOL); stock as of 2026-12-01T09:00:00+03:00, version "), "\(r.stdout)")
        let after = try costs(db)
        #expect(after.lines == ["BR-NF-M150-SOL 78724.80", "BR-NF-M125-SOL 73533.60"])  // × 15.62 and × 14.59
        // Fresher stock: the quote holds longer (to the end of the validity days, not the stock's 48 hours).
        #expect(after.validUntil != before.validUntil)
        #expect(after.quoteId != before.quoteId, "the catalog's version changed")
        // The minimum orders were kept (PL-TVER sells BR-NF-M150-SOL from 1 680): 1 000 bricks come from the warehouse.
        let small = run(
            ["--json", "--catalog", db],
            stdin: requestLine(#"[{"product":"BR-NF-M150-SOL","quantity":"1000"}]"#, #""city":"Tver","strategy":"single""#))
        #expect(small.stdout.contains(#""source":"WH-KHIMKI""#), "\(small.stdout.prefix(600))")
        // BR-NF-M175-SOL is no longer offered by PL-TVER, and it had no other source.
        let gone = run(["--json", "--catalog", db], stdin: requestLine(#"[{"product":"BR-NF-M175-SOL","quantity":"1000"}]"#))
        #expect(gone.status == 1)
        #expect(errorObject(String(gone.stdout.dropLast()))?["code"] as? String == "not_available")
        // Nothing left beside the database; importing the same file again changes nothing but the run's report.
        #expect(scratch.entries() == ["demo", "demo.sqlite", "tver.csv"])
        let again = run([
            "catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--as-of", "2026-12-01T09:00:00+03:00", "--missing",
            "remove",
        ])
        #expect(again.stdout.contains(": 8 rows, 0 changed, 0 added, 0 removed;"), "\(again.stdout)")
        #expect(try costs(db).lines == after.lines)
    }

    @Test func importIntoAFolderRewritesItsFilesSoTheNextBuildKeepsIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let stockBefore = try String(contentsOfFile: dir + "/stock.csv", encoding: .utf8).components(separatedBy: "\n")
        let file = scratch.path + "/tver.csv"
        // With min_order: an empty cell means no minimum, as in stock.csv.
        try "sku,stock,cost,min_order\nBR-NF-M150-SOL,120000,15.62,\nBR-NF-M125-SOL,40000,14.59,840\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let r = run([
            "catalog", "import", file, "--source", "PL-TVER", "--catalog", dir + "/", "--as-of", "2026-12-01T09:00:00+03:00", "--missing",
            "remove",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.hasPrefix("Imported \(file) as the stock of PL-TVER into \(dir).sqlite and \(dir)/stock.csv: 2 rows, 2 changed"),
            "\(r.stdout)")
        // stock.csv: PL-TVER's eight rows (lines 17–24) replaced in place by the file's two, in its order; the rest as it was.
        let stock = try String(contentsOfFile: dir + "/stock.csv", encoding: .utf8).components(separatedBy: "\n")
        #expect(Array(stock[0..<16]) == Array(stockBefore[0..<16]))
        #expect(Array(stock[16..<18]) == ["PL-TVER,BR-NF-M150-SOL,120000,15.62,,420", "PL-TVER,BR-NF-M125-SOL,40000,14.59,840,420"])
        #expect(Array(stock[18...]) == Array(stockBefore[24...]))
        let sources = try String(contentsOfFile: dir + "/sources.csv", encoding: .utf8)
        #expect(
            sources.contains(
                "PL-TVER,Кирпичный завод «Тверца» (Тверь),supplier,TVR,tver,2,2026-12-01T09:00:00+03:00,yes,с завода-изготовителя (Тверь)\n"
            ))
        #expect(!scratch.entries().contains { $0.contains(".tmp-") })
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.contains(".tmp-") })
        // The folder's database was rebuilt; a fresh build of the folder gives the very same quotes.
        let fromImport = try costs(dir + ".sqlite")
        #expect(fromImport.lines == ["BR-NF-M150-SOL 78724.80", "BR-NF-M125-SOL 73533.60"])
        let rebuilt = run(["catalog", "build", dir, "--out", scratch.path + "/rebuilt.sqlite", "--as-of", CLI.asOf])
        #expect(rebuilt.status == 0)
        #expect(try costs(scratch.path + "/rebuilt.sqlite") == fromImport)
        #expect(run(["catalog", "check", dir]).status == 0)
    }

    /// Spreadsheet exports: a BOM, `;` and decimal commas in the import file; a `;`-separated stock.csv with a BOM
    /// and CRLF line ends keeps its style.
    @Test func importAcceptsBOMSemicolonsAndDecimalCommas() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let original = try String(contentsOfFile: dir + "/stock.csv", encoding: .utf8)
        let semicolons = original.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: ".", with: ",") }.joined(
                separator: ";")
        }
        try Data([0xEF, 0xBB, 0xBF] + Array((semicolons.joined(separator: "\r\n") + "\r\n").utf8)).write(
            to: URL(fileURLWithPath: dir + "/stock.csv"))
        let file = scratch.path + "/tver.csv"
        try Data([0xEF, 0xBB, 0xBF] + Array("sku;stock;cost\r\nBR-NF-M150-SOL;120000;15,62\r\nBR-NF-M125-SOL;40000;14,59\r\n".utf8)).write(
            to: URL(fileURLWithPath: file))
        let r = run([
            "catalog", "import", file, "--source", "PL-TVER", "--catalog", dir, "--as-of", "2026-12-01T09:00:00+03:00", "--missing",
            "remove",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/stock.csv")))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(
            text.contains("\r\nPL-TVER;BR-NF-M150-SOL;120000;15,62;1680;420\r\nPL-TVER;BR-NF-M125-SOL;40000;14,59;1680;420\r\nPL-KALUGA;"),
            "\(text.prefix(1200))")
        #expect(try costs(dir + ".sqlite").lines == ["BR-NF-M150-SOL 78724.80", "BR-NF-M125-SOL 73533.60"])
    }

    /// What the import brings in that looks wrong is a warning (the import goes on); what is wrong with the
    /// catalog before it is not its business.
    @Test func importWarnsAboutWhatItBringsIn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let file = scratch.path + "/tver.csv"
        try "sku,stock,cost\nBR-NF-M150-SOL,120000,19.00\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = run(
            [
                "catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--as-of", "2026-11-25T09:00:00+03:00", "--missing",
                "remove",
            ],
            env: ["QUOTE_CATALOG": "/nonexistent"])
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.split(separator: "\n").map(String.init)
        #expect(
            warnings.last
                == "warning: tver.csv:2:23: cost: PL-TVER buys BR-NF-M150-SOL at 19.00, more than its lowest list price 16.90 (TVE from 10000): a sale at that price loses money"
        )
        // Products PL-TVER alone stocked, named by their file (a database does not know their lines).
        #expect(
            warnings.contains(
                "warning: products.csv: sku: no source stocks BR-NF-M175-SOL (stock.csv), so it can never be quoted: add a stock row or remove the product"
            ))
        // Only what the import changes is reported: PL-KALUGA's stale figures were there before it.
        #expect(!r.stderr.contains("PL-KALUGA"))
        // QUOTE_CATALOG is the default catalog.
        let viaEnvironment = run(["catalog", "import", file, "--source", "PL-TVER", "--missing", "remove"], env: ["QUOTE_CATALOG": db])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        #expect(viaEnvironment.stdout.contains(" into \(db): 1 rows, 0 changed, 0 added, 0 removed;"))
    }
}
