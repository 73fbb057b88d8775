import Foundation
import Testing

/// A compiled catalog damaged in a way SQLite does not notice (issue 12, item 2), through the real binary: the
/// one-shot quote ends with exit 3 instead of a negative total at exit 0, and a `--jsonl` stream answers the
/// requests that need the damaged row with an error line and goes on quoting the others.
@Suite struct DamagedCatalogTests {
    /// Runs SQL on `path` with Python's sqlite3 (no checksum is recomputed).
    private func sql(_ path: String, _ statement: String) throws {
        let r = runQuote(
            [
                "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path,
                statement,
            ],
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
            #expect(
                r.stderr.contains("table prices, row BR-NF-M150-SOL/") && r.stderr.contains("does not match its checksum"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    /// A stream reads a catalog of modest size whole when it starts, which checks every row and the content
    /// checksum: a damaged one — here a price negated, or a row lost, which no request's own rows could show —
    /// gets every request answered with `catalog_unavailable`, line by line, and the stream goes on; once a build
    /// replaces the file, it quotes again.
    @Test(arguments: [
        "UPDATE prices SET price = -price WHERE sku = 'BR-NF-M150-SOL'", "DELETE FROM stock WHERE sku = 'BL-D500-600x200x250'",
    ])
    func aStreamOnADamagedCatalogAnswersEveryLineAndGoesOn(damage: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (folder, db) = try buildDemo(scratch)
        try sql(db, damage)
        let brick = requestLine(#"[{"product":"brick","quantity":"5000"}]"#, id: "1")
        let block = requestLine(#"[{"product":"BL-D500-600x200x250","quantity":"120"}]"#, id: "2")
        let stream = try JSONLProcess(catalog: db)
        for line in [brick, block, brick] {
            let answer = stream.ask(line) ?? "no answer"
            #expect(errorObject(answer)?["code"] as? String == "catalog_unavailable", "\(answer)")
            #expect(answer.contains("rebuild it"), "\(answer)")
        }
        #expect(run(["catalog", "build", folder, "--out", db, "--as-of", CLI.asOf]).status == 0)
        for line in [brick, block] {
            let answer = stream.ask(line) ?? "no answer"
            #expect(errorObject(answer) == nil && answer.contains(#""quoteId""#), "\(answer.prefix(300))")
        }
        let end = stream.finish()
        #expect(end.status == 0 && !end.signaled)
    }
}
