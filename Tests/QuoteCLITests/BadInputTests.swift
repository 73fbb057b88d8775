import Foundation
import Testing

/// The rows of docs/bad-input.md that no other suite covers, one test each, on the real binary. Rows covered
/// elsewhere name their test in the table (RequestErrorTests, JSONModeTests, OfferTests, CatalogCommandTests,
/// and in QuoteCatalogTests BrokenCatalogTests, CSVTableTests, CatalogRulesTests, CatalogFaultTests).
@Suite struct BadInputTests {
    static let brickToTver = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf]

    /// The JSON error of a one-shot `--format json` run (exit status, code, message).
    private func jsonError(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) -> (
        status: Int32, code: String?, message: String
    ) {
        let r = run(args + ["--format", "json"], sourceLocation: sourceLocation)
        let e = errorObject(String(r.stdout.dropLast()))
        #expect(e != nil, "no JSON error: \(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        return (r.status, e?["code"] as? String, e?["message"] as? String ?? "")
    }

    // MARK: Requests on the command line

    /// A family name (`brick`, `кирпич`) names several products: not an error, the family's default is quoted
    /// and the quote names the others. (An alias family without exactly one default is refused by the compiler:
    /// BrokenCatalogTests.aliasFamilyWithTwoDefaults and aliasFamilyWithNoDefault.)
    @Test func aFamilyNameQuotesItsDefaultAndNamesTheOthers() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let table = run(Self.brickToTver + ["--catalog", db, "--lang", "en"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("\u{201C}brick\u{201D} is quoted as its default BR-NF-M150-SOL; it also names BR-14NF-FAC-BRN"))
        let json = run(["кирпич", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--catalog", db, "--format", "json"])
        #expect(json.status == 0)
        let line = try #require((try jsonObject(json.stdout)["lines"] as? [[String: Any]])?.first)
        #expect(line["sku"] as? String == "BR-NF-M150-SOL")
        #expect((line["otherSkus"] as? [String])?.count == 13)
    }

    @Test func fractionalPiecesAndTooManyDecimals() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let half = jsonError(["brick", "--qty", "10.5", "--city", "Tver", "--as-of", CLI.asOf, "--catalog", db])
        #expect(half.status == 2)
        #expect(half.code == "invalid_quantity")
        #expect(half.message == "BR-NF-M150-SOL is sold in whole pieces; 10.5 is not whole.")
        let fine = jsonError(["brick", "--qty", "5000.0001", "--city", "Tver", "--as-of", CLI.asOf, "--catalog", db])
        #expect(fine.status == 2)
        #expect(fine.code == "invalid_quantity")
        #expect(fine.message.contains("has more than 3 decimals"))
        // Bags are whole too; tonnes are not (sand by the tonne takes thousandths).
        #expect(
            jsonError(["cement", "--qty", "2.5bag", "--city", "Klin", "--as-of", CLI.asOf, "--catalog", db]).code == "invalid_quantity")
        #expect(run(["sand", "--qty", "5.5t", "--city", "Klin", "--as-of", CLI.asOf, "--catalog", db]).status == 0)
    }

    /// Quantities and amounts past what Int64 kopecks hold are errors, never a trap.
    @Test func amountsThatOverflow() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // The brick's base list at the largest price a catalog takes (10 000 000 000.00): 10 000 000 pcs of it overflow.
        let (_, db) = try buildDemo(scratch, "priceless") { dir in
            try editLines(dir + "/prices.csv") { line in
                guard line.hasPrefix("BR-NF-M150-SOL,,") else { return line }
                var fields = line.split(separator: ",", omittingEmptySubsequences: false)  // sku,region,min_qty,price,per
                fields[3] = "10000000000.00"
                return fields.joined(separator: ",")
            }
        }
        let overflow = jsonError(["brick", "--qty", "10000000", "--city", "Klin", "--as-of", CLI.asOf, "--catalog", db])
        #expect(overflow.status == 2)
        #expect(overflow.code == "amount_too_large")
        let huge = jsonError(["brick", "--qty", "99999999999999999999", "--city", "Klin", "--as-of", CLI.asOf, "--catalog", db])
        #expect(huge.status == 2)
        #expect(huge.code == "quantity_too_large")
        let wall = jsonError([
            "brick", "--wall", "1000000000000", "--thickness", "1", "--city", "Klin", "--as-of", CLI.asOf, "--catalog", db,
        ])
        #expect(wall.status == 2)
        #expect(wall.code == "invalid_quantity")
        #expect(wall.message.contains("at most 10 000 000 m²"))
        let discount = jsonError(Self.brickToTver + ["--discount", "99999999999999999999", "--catalog", db])
        #expect(discount.status == 2)
        #expect(discount.code == "invalid_quantity")
    }

    @Test func malformedAndPastDatesOnTheCommandLine() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let cases: [([String], String)] = [
            (["--by", "2026-02-30"], "--by \u{201C}2026-02-30\u{201D} is not a date: write 2026-12-15 or 15.12.2026."),
            (["--by", "2026-11-30"], "The date the goods are needed by (2026-11-30) is already past on 2026-12-01."),
            (
                ["--as-of", "2026-12-01T25:00:00+03:00"],
                "--as-of \u{201C}2026-12-01T25:00:00+03:00\u{201D} is not a moment: write ISO-8601, e.g. 2026-12-01T10:00:00+03:00."
            ),
        ]
        for (extra, message) in cases {
            // A later --as-of wins over the one in brickToTver.
            let e = jsonError(Self.brickToTver + extra + ["--catalog", db])
            #expect(e.status == 2)
            #expect(e.code == "invalid_date")
            #expect(e.message == message)
        }
        // `quote catalog check|build --as-of` and `quote catalog import --as-of` read it the same way.
        let check = run(["catalog", "check", CLI.demoDirectory, "--as-of", "yesterday"])
        #expect(check.status == 2)
        #expect(check.stderr.hasPrefix("error: --as-of \u{201C}yesterday\u{201D} is not a moment"))
    }

    /// Arguments are not JSON: bytes that are not UTF-8 become U+FFFD, which name matching drops like any
    /// punctuation — "Tv\xC0\xAFer" is Tver, a name of nothing but such bytes is unknown. Never a crash.
    @Test func invalidUTF8InArguments() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        // Raw bytes as arguments need a shell: Process passes Swift strings, always valid UTF-8.
        func quote(city: String) -> Finished {
            runQuote(
                [
                    "-c", #"exec "$0" brick --qty 5000 --city "$(printf "$1")" --as-of "$2" --catalog "$3" --format json"#, CLI.binary,
                    city, CLI.asOf, db,
                ],
                executable: "/bin/sh")
        }
        let only = quote(city: #"\300\257\377"#)
        #expect(only.status == 2)
        #expect(errorObject(String(only.text.dropLast()))?["code"] as? String == "unknown_city", "\(only.text)")
        #expect(
            only.text.contains(#"Unknown city \u201C\uFFFD\uFFFD\uFFFD\u201D"#)
                || only.text.contains("Unknown city \u{201C}\u{FFFD}\u{FFFD}\u{FFFD}\u{201D}"), "\(only.text)")
        let inside = quote(city: #"Tv\300\257er"#)
        #expect(inside.status == 0, "\(inside.text)")
        #expect(inside.text.contains(#""city":"Тверь""#))
    }

    // MARK: JSON

    /// A 100 MB line: refused without being held in memory, and the stream goes on. (1 MiB + 1 byte:
    /// JSONModeTests.oversizedLineIsRefusedAndTheStreamGoesOn.)
    @Test func aHundredMegabyteLine() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let stream = try JSONLProcess(catalog: db)
        let head = Data(#"{"id":"big","items":[{"product":"brick","quantity":"5000"}],"city":"Tver","customer":""#.utf8)
        let body = Data(repeating: UInt8(ascii: "x"), count: 100 << 20)
        let writer = Thread {
            stream.send([
                String(decoding: head + body, as: UTF8.self) + "\"}",
                requestLine(#"[{"product":"brick","quantity":"5000"}]"#, id: #""after""#),
            ])
        }
        writer.start()
        let first = stream.readLine(timeout: 60)
        let second = stream.readLine(timeout: 60)
        #expect(first?.hasPrefix(#"{"error":{"code":"request_too_large""#) == true, "\(first?.prefix(200) ?? "nothing")")
        #expect(second?.hasPrefix(#"{"id":"after","quoteId":"Q-"#) == true, "\(second?.prefix(200) ?? "nothing")")
        // It never held the line: its peak resident memory stays far below 100 MB.
        let peak = ProcFS.status(stream.pid, "VmHWM") ?? 0
        #expect(peak > 0 && peak < 64 * 1024, "VmHWM \(peak) kB")
        let end = stream.finish()
        #expect(end.status == 0 && !end.signaled)

        // `--json`: the same refusal, exit 2.
        let single = runQuote(["--json", "--catalog", db], input: head + body + Data("\"}".utf8))
        #expect(single.status == 2)
        #expect(single.text.hasPrefix(#"{"error":{"code":"request_too_large""#))
    }

    // MARK: Catalog files

    @Test func aTariffWithNoVehicle() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        // tariffs.csv:10 is TVR's zone-wide FB-5 row: "TVR,," is 5 scalars, so the vehicle is at column 6.
        try scratch.edit(dir + "/tariffs.csv", line: 10, "TVR,,FB-5,", with: "TVR,,,")
        let empty = run(["catalog", "check", dir])
        #expect(empty.status == 3)
        #expect(
            empty.stderr == "error: tariffs.csv:10:6: vehicle: is empty; a value is required\n1 problem in \(dir); nothing was written.\n")
        try scratch.edit(dir + "/tariffs.csv", line: 10, "TVR,,,", with: "TVR,,FB-7,")
        let unknown = run(["catalog", "build", dir])
        #expect(unknown.status == 3)
        #expect(
            unknown.stderr.hasPrefix("error: tariffs.csv:10:6: vehicle: unknown vehicle FB-7 (not in vehicles.csv); did you mean FB-5?\n"))
        #expect(scratch.entries() == ["demo"], "nothing was written")
    }

    /// The catalog rules (CatalogRulesTests) through the binary: an error stops `build` and `check` (exit 3,
    /// nothing written, also when a folder is compiled on first use); warnings go to stderr and exit 0.
    @Test func ruleErrorsStopABuildAndWarningsDoNot() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let warned = run(["catalog", "check", dir, "--as-of", CLI.asOf])
        #expect(warned.status == 0)
        #expect(warned.stdout.hasPrefix("OK \(dir): 34 products"))
        #expect(
            warned.stderr.hasPrefix("warning: sources.csv:4:68: stock_as_of: PL-KALUGA's stock figures are from 2026-11-20T12:00:00+03:00"),
            "\(warned.stderr)")
        // A 3600 kg brick: no truck carries a pallet of it.
        try scratch.edit(dir + "/products.csv", line: 3, ",65,3.6,420,", with: ",65,3600,420,")
        let build = run(["catalog", "build", dir, "--as-of", CLI.asOf])
        #expect(build.status == 3)
        #expect(build.stdout == "")
        #expect(
            build.stderr.contains(
                "error: products.csv:3:148: per_pallet: one pallet of BR-NF-M150-SOL (420 × 3600 kg) weighs more than any flatbed carries"))
        #expect(build.stderr.contains("1 problem in \(dir); nothing was written."))
        #expect(scratch.entries() == ["demo"])
        let quote = jsonError(Self.brickToTver + ["--catalog", dir])
        #expect(quote.status == 3)
        #expect(quote.code == "catalog_invalid")
        #expect(scratch.entries() == ["demo"])
        // Many warnings of one kind are cut at ten.
        try scratch.edit(dir + "/products.csv", line: 3, ",65,3600,420,", with: ",65,3.6,420,")
        // Only the warehouse's 15 rows left: 19 products have no source.
        try editLines(dir + "/stock.csv") { $0.hasPrefix("source,") || $0.hasPrefix("WH-KHIMKI,") ? $0 : nil }
        let noisy = run(["catalog", "check", dir, "--as-of", CLI.asOf])
        #expect(noisy.status == 0)
        #expect(noisy.stderr.components(separatedBy: ": sku: no source stocks ").count == 11)
        #expect(noisy.stderr.contains("warning: … and 9 more like these (products.csv: sku)\n"), "\(noisy.stderr)")
    }

    /// Damaged databases end every command with exit 3 and say to rebuild (CatalogFaultTests has the messages).
    @Test func damagedCatalogsEndWithExit3() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let good = try Data(contentsOf: URL(fileURLWithPath: db))
        func damaged(_ name: String, _ make: (String) throws -> Void) throws -> String {
            let path = scratch.path + "/" + name + ".sqlite"
            try good.write(to: URL(fileURLWithPath: path))
            try make(path)
            return path
        }
        func sql(_ path: String, _ statement: String) throws {
            let r = runQuote(
                [
                    "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path,
                    statement,
                ], executable: "/usr/bin/env")
            try #require(r.status == 0, "\(r.stderr)")
        }
        let cases: [(String, String)] = [
            (
                try damaged("truncated") { try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: $0)) },
                "cannot be read as a catalog"
            ),
            (
                try damaged("corrupted") { path in
                    var bytes = [UInt8](good)
                    for i in 4_096..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 131) }
                    try Data(bytes).write(to: URL(fileURLWithPath: path))
                }, "malformed"
            ),
            (try damaged("no-stock") { try sql($0, "DROP TABLE stock") }, "is missing the table stock"),
            (try damaged("older") { try sql($0, "UPDATE meta SET value='1' WHERE key='schema_version'") }, "built by an older quote"),
            (try damaged("newer") { try sql($0, "UPDATE meta SET value='99' WHERE key='schema_version'") }, "built by a newer quote"),
        ]
        for (path, fragment) in cases {
            let one = jsonError(Self.brickToTver + ["--catalog", path])
            #expect(one.status == 3, "\(path)")
            #expect(one.code == "catalog_unavailable", "\(path)")
            #expect(one.message.contains(fragment) && one.message.contains("quote catalog build"), "\(one.message)")
            let text = run(Self.brickToTver + ["--catalog", path])
            #expect(text.status == 3)
            #expect(text.stderr.hasPrefix("error: ") && text.stderr.contains("quote catalog build"))
            // A stream refuses it at once: one error line, exit 3.
            let stream = runQuote(
                ["--jsonl", "--catalog", path], input: Data((requestLine(#"[{"product":"brick","quantity":"5000"}]"#) + "\n").utf8))
            #expect(stream.status == 3, "\(path): \(stream.text)")
            #expect(stream.lines.count == 1 && stream.text.hasPrefix(#"{"error":{"code":"catalog_unavailable""#), "\(stream.text)")
        }
    }

    // MARK: Injection

    /// Product, city and customer names reach SQLite only as bound parameters: names full of quotes, semicolons
    /// and SQL are unknown names (or, in the catalog, ordinary names), and the database is untouched.
    @Test func namesFullOfSQLReachSQLiteOnlyAsParameters() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let nasty = #"Кирпич "Прима"; DROP TABLE products; --"#
        let (_, db) = try buildDemo(scratch) { dir in
            // A product named with quotes and SQL, and an alias that is pure SQL: ordinary names once compiled.
            try editLines(dir + "/products.csv") { line in
                line.hasPrefix("BR-NF-M125-SOL,")
                    ? line.replacingOccurrences(
                        of: "Кирпич керамический полнотелый одинарный М125 (250×120×65)",
                        with: "\"" + nasty.replacingOccurrences(of: "\"", with: "\"\"") + "\"") : line
            }
            let aliases = try String(contentsOfFile: dir + "/aliases.csv", encoding: .utf8)
            try (aliases + "\"x'); DELETE FROM stock WHERE ('1'='1\",BR-NF-M125-SOL,yes\n").write(
                toFile: dir + "/aliases.csv", atomically: true, encoding: .utf8)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let names = [
            "'; DROP TABLE products; --", "\"; DROP TABLE stock; --", "Robert'); DROP TABLE cities;--", "' OR '1'='1", "%", "_",
            "brick' UNION SELECT sku, 1, name FROM products --", "'; UPDATE customers SET credit_limit = 0; --",
        ]
        for name in names {
            let product = jsonError(["--catalog", db, name, "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf])
            #expect(product.status == 2 && product.code == "unknown_product", "\(name): \(product)")
            let city = jsonError(["--catalog", db, "brick", "--qty", "5000", "--city", name, "--as-of", CLI.asOf])
            #expect(city.status == 2 && city.code == "unknown_city", "\(name): \(city)")
            let customer = jsonError(Self.brickToTver + ["--catalog", db, "--customer", name])
            #expect(customer.status == 2 && customer.code == "unknown_customer", "\(name): \(customer)")
        }
        // The same through JSON, with a NUL inside the text for good measure (bound with its length, so
        // "C-1001\u0000…" is not C-1001).
        func escaped(_ s: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        var lines: [String] = []
        for name in names + ["C-1001\u{0}'; DROP TABLE customers; --"] {
            lines.append(requestLine(#"[{"product":\#(escaped(name)),"quantity":"5000"}]"#, #""city":"Tver""#))
            lines.append(requestLine(#"[{"product":"brick","quantity":"5000"}]"#, #""city":\#(escaped(name))"#))
            lines.append(requestLine(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","customer":\#(escaped(name))"#))
        }
        let stream = runQuote(["--jsonl", "--catalog", db], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(stream.status == 0)
        let codes = stream.lines.map { errorObject($0)?["code"] as? String ?? "quote" }
        #expect(
            codes == Array(repeating: ["unknown_product", "unknown_city", "unknown_customer"], count: names.count + 1).flatMap { $0 },
            "\(stream.text.prefix(3000))")

        // The names in the catalog work as names.
        let byName = run(["--catalog", db, nasty, "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json"])
        #expect(byName.status == 0, "\(byName.stdout)")
        #expect(byName.stdout.contains(#""name":"Кирпич \"Прима\"; DROP TABLE products; --""#))
        let byAlias = run([
            "--catalog", db, "x'); DELETE FROM stock WHERE ('1'='1", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format",
            "json",
        ])
        #expect(byAlias.status == 0, "\(byAlias.stdout)")
        #expect(byAlias.stdout.contains(#""sku":"BR-NF-M125-SOL""#))
        // Nothing was written, every table is whole, and the demo quote is what it was.
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let counts = runQuote(
            [
                "python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(*[c.execute('SELECT count(*) FROM ' + t).fetchone()[0] for t in ('products','stock','cities','customers')])",
                db,
            ],
            executable: "/usr/bin/env")
        #expect(counts.text == "34 52 24 5\n", "\(counts.text)\(counts.stderr)")
        #expect(run(Self.brickToTver + ["--catalog", db, "--format", "json"]).stdout.contains(#""gross":"119749.12""#))
    }

    // MARK: quote catalog import

    /// Every problem of an import file, located `file:line:column`, in one run; exit 3 and nothing written.
    @Test func importRefusesABadFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let file = scratch.path + "/tver.csv"
        try """
        sku,stock,cost,colour
        BR-NF-M150-SOL,126000,14.62,red
        BR-XX-NOPE,100,10.00,
        BR-NF-M150-SOL,1,1.00,
        BR-NF-M125-SOL,-5,13.591,
        br-nf-m175-sol,50400,16.12,

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db])
        #expect(r.status == 3)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                error: tver.csv:3:1: sku: unknown SKU BR-XX-NOPE (not in the catalog's products)
                tver.csv:4:1: sku: BR-NF-M150-SOL is listed twice (first on line 2): each SKU has one row
                tver.csv:5:16: stock: must not be negative
                tver.csv:5:19: cost: \u{201C}13.591\u{201D} has more than 2 decimals (money has kopecks at most)
                tver.csv:6:1: sku: unknown SKU br-nf-m175-sol (not in the catalog's products); did you mean BR-NF-M175-SOL?
                5 problems in tver.csv; nothing was imported.

                """)
        // Another source's row in a file with a `source` column; a file with no rows; not UTF-8.
        try "source,sku,stock,cost\nPL-TVER,BR-NF-M150-SOL,1,1.00\nPL-KALUGA,BR-NF-M150-SOL,1,1.00\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let other = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db])
        #expect(other.status == 3)
        #expect(
            other.stderr.hasPrefix(
                "error: tver.csv:3:1: source: this row is for PL-KALUGA, not PL-TVER: an import file holds one source's stock\n"))
        try "sku,stock,cost\n".write(toFile: file, atomically: true, encoding: .utf8)
        let empty = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db])
        #expect(empty.status == 3)
        #expect(empty.stderr.contains("tver.csv:1:1: no rows: list the SKUs to import (with stock 0 to empty one)"))
        // 0x98 is neither UTF-8 nor a character of Windows-1251 (a Windows-1251 file is read: SupplierImportTests).
        try Data([0x73, 0x6B, 0x75, 0x2C, 0x73, 0x74, 0x6F, 0x63, 0x6B, 0x2C, 0x63, 0x6F, 0x73, 0x74, 0x0A, 0x98, 0xE8, 0x0A]).write(
            to: URL(fileURLWithPath: file))
        let cp1251 = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db])
        #expect(cp1251.status == 3)
        #expect(
            cp1251.stderr.hasPrefix(
                "error: tver.csv:2:1: the file is not valid UTF-8 text, nor Russian text in Windows-1251: save it as \"CSV UTF-8\""))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func importArgumentErrors() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        let file = scratch.path + "/tver.csv"
        try "sku,stock,cost\nBR-NF-M150-SOL,1,1.00\n".write(toFile: file, atomically: true, encoding: .utf8)
        let source = run(["catalog", "import", file, "--source", "PL-TVR", "--catalog", db])
        #expect(source.status == 2)
        #expect(
            source.stderr
                == "error: Unknown source \u{201C}PL-TVR\u{201D}: it is not in the catalog's sources. [--source]\n  Accepted: PL-AERO, PL-KALUGA, PL-TVER, QRY-DMITROV, SUP-CEMENT, WH-KHIMKI\n"
        )
        let missing = run(["catalog", "import", scratch.path + "/none.csv", "--source", "PL-TVER", "--catalog", db])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: Cannot read the import file \(scratch.path)/none.csv"))
        let noCatalog = run(["catalog", "import", file, "--source", "PL-TVER"])
        #expect(noCatalog.status == 2)
        #expect(noCatalog.stderr.contains("Which catalog? Give --catalog PATH"))
        let date = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", db, "--as-of", "31.12.2026"])
        #expect(date.status == 2)
        #expect(date.stderr.hasPrefix("error: --as-of \u{201C}31.12.2026\u{201D} is not a moment"))
        let noDatabase = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", scratch.path + "/none.sqlite"])
        #expect(noDatabase.status == 3)
        #expect(noDatabase.stderr.contains("No catalog database at"))
        let noSource = run(["catalog", "import", file, "--catalog", db])
        #expect(noSource.status == 2)
        #expect(noSource.stderr.contains("Missing expected argument '--source <source>'"))
    }
}
