import Foundation
import Testing

/// A compiled catalog damaged in a way SQLite does not notice (issue 12, item 2), through the real binary: the
/// one-shot quote ends with exit 3 instead of a negative total at exit 0, and a `--jsonl` stream answers the
/// requests that need the damaged row with an error line and goes on quoting the others.
@Suite struct DamagedCatalogTests {
    /// Runs SQL on `path` with Python's sqlite3 (no checksum is recomputed).
    private func sql(_ path: String, _ statement: String) throws {
        let r = runQuote(
            ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, statement],
            executable: "/usr/bin/env")
        try #require(r.status == 0, "\(r.stderr)")
    }

    @Test func aNegatedPriceIsExit3NotANegativeQuote() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        try sql(db, "UPDATE prices SET price = -price WHERE sku = 'BR-NF-M150-SOL'")
        for extra in [[], ["--internal"]] {
            let r = run(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--catalog", db] + extra)
            #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("table prices, row BR-NF-M150-SOL/") && r.stderr.contains("does not match its checksum"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func aStreamSurvivesARequestThatMeetsADamagedRow() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, db) = try buildDemo(scratch)
        try sql(db, "UPDATE prices SET price = -price WHERE sku = 'BR-NF-M150-SOL'")
        // brick (BR-NF-M150-SOL) meets the damaged prices; the aerated block (BL-D500-600x200x250) does not.
        let lines = [
            requestLine(#"[{"product":"brick","quantity":"5000"}]"#, id: "1"),
            requestLine(#"[{"product":"BL-D500-600x200x250","quantity":"120"}]"#, id: "2"),
            requestLine(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","internal":true"#, id: "3"),
            requestLine(#"[{"product":"BL-D500-600x200x250","quantity":"120"}]"#, id: "4"),
        ]
        let r = runQuote(["--jsonl", "--catalog", db], input: Data((lines.joined(separator: "\n") + "\n").utf8), timeout: 60)
        #expect(r.status == 0 && !r.signaled, "\(r.stderr)")
        #expect(r.lines.count == 4, "\(r.text)")
        guard r.lines.count == 4 else { return }
        for i in [0, 2] {
            #expect(errorObject(r.lines[i])?["code"] as? String == "catalog_unavailable", "\(r.lines[i])")
        }
        for i in [1, 3] {
            #expect(errorObject(r.lines[i]) == nil && r.lines[i].contains(#""quoteId""#), "\(r.lines[i])")
        }
    }
}
