import Foundation
import Testing

/// `quote catalog check|build`, `--catalog` and `QUOTE_CATALOG`: which catalog is used, and catalog problems
/// ending with exit status 3.
@Suite struct CatalogCommandTests {
    static let brickToTver = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf]

    @Test func checkTheDemo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let r = run(["catalog", "check", dir])
        #expect(r.status == 0, "\(r.stderr)")
        // Counted from the CSV files: 34 products, 6 sources, 52 stock rows, 24 cities, 7 vehicles, 120 routes, 55 tariffs.
        #expect(
            r.stdout.hasPrefix(
                "OK \(dir): 34 products, 6 sources, 52 stock rows, 24 cities, 7 vehicle classes, 120 routes, 55 tariffs, version "))
        // check writes nothing.
        #expect(scratch.entries() == ["demo"])
        // The bundled folder itself checks too.
        #expect(run(["catalog", "check", CLI.demoDirectory]).status == 0)
    }

    @Test func buildABrokenCatalog() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        // products.csv:3 (BR-NF-M150-SOL): weight_kg "3.6" at column 143 → "3.5x".
        try scratch.edit(dir + "/products.csv", line: 3, ",65,3.6,420,", with: ",65,3.5x,420,")
        let out = scratch.path + "/built.sqlite"
        let r = run(["catalog", "build", dir, "--out", out])
        #expect(r.status == 3)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("products.csv:3:143: weight_kg: \u{201C}3.5x\u{201D} is not a number"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(!scratch.exists("built.sqlite"))
        #expect(!scratch.entries().contains { $0.contains(".tmp-") })
        // check reports the same.
        let check = run(["catalog", "check", dir])
        #expect(check.status == 3)
        #expect(check.stderr.contains("products.csv:3:143: "))
    }

    @Test func aBrokenBuildLeavesThePreviousDatabase() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let out = scratch.path + "/built.sqlite"
        #expect(run(["catalog", "build", dir, "--out", out]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: out))
        // cities.csv:4 (tver) gets a second copy: duplicate city.
        let cities = try String(contentsOfFile: dir + "/cities.csv", encoding: .utf8)
        let tver = cities.components(separatedBy: "\n")[3]
        try (cities + tver + "\n").write(toFile: dir + "/cities.csv", atomically: true, encoding: .utf8)
        let r = run(["catalog", "build", dir, "--out", out])
        #expect(r.status == 3)
        #expect(r.stderr.contains("cities.csv:26:1: id: duplicate city tver"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
        #expect(run(Self.brickToTver + ["--catalog", out]).status == 0)
    }

    @Test func buildThenQuoteFromTheDatabase() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let out = scratch.path + "/built.sqlite"
        let build = run(["catalog", "build", dir, "--out", out])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.hasPrefix("Built \(out): 34 products, 6 sources, 52 stock rows, 24 cities, 7 vehicle classes"))
        #expect(scratch.exists("built.sqlite"))
        #expect(!scratch.entries().contains { $0.contains(".tmp-") })
        let r = run(Self.brickToTver + ["--catalog", out, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let totals = try #require(try jsonObject(r.stdout)["totals"] as? [String: Any])
        #expect(kopecks(totals["gross"]) == 119_749_12)  // with the 3 000.00 pallet deposit  // see PriceCommandTests for the derivation
        // The database and the folder it was built from give the same quote.
        let fromFolder = run(Self.brickToTver + ["--catalog", dir, "--format", "json"])
        #expect(fromFolder.stdout == r.stdout)
    }

    @Test func buildWithoutOutWritesBesideTheFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let r = run(["catalog", "build", dir + "/"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Built \(dir).sqlite: "))
        #expect(scratch.entries() == ["demo", "demo.sqlite"])
    }

    @Test func buildIntoAMissingFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let out = scratch.path + "/no/such/folder/built.sqlite"
        let r = run(["catalog", "build", dir, "--out", out])
        #expect(r.status == 3)
        #expect(r.stderr.contains("Cannot write \(out)"))
        #expect(scratch.entries() == ["demo"])
    }

    @Test func nonexistentCatalog() throws {
        let r = run(Self.brickToTver + ["--catalog", "/nonexistent.sqlite"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("No catalog database at /nonexistent.sqlite"))
        #expect(r.stderr.contains("quote catalog build"))
        let j = run(Self.brickToTver + ["--catalog", "/nonexistent.sqlite", "--format", "json"])
        #expect(j.status == 3)
        let e = try #require(try jsonObject(j.stdout)["error"] as? [String: Any])
        #expect(e["code"] as? String == "catalog_unavailable")
    }

    @Test func garbageCatalog() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path + "/garbage.sqlite"
        try Data((0..<4_096).map { i in UInt8(truncatingIfNeeded: i &* 37 &+ 11) }).write(to: URL(fileURLWithPath: path))
        let r = run(Self.brickToTver + ["--catalog", path])
        #expect(r.status == 3)
        #expect(r.stderr.contains("rebuild it with `quote catalog build`"))
    }

    @Test func brokenFolderAsCatalog() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        try scratch.edit(dir + "/products.csv", line: 3, ",65,3.6,420,", with: ",65,3.5x,420,")
        let j = run(Self.brickToTver + ["--catalog", dir, "--format", "json"])
        #expect(j.status == 3)
        let e = try #require(try jsonObject(j.stdout)["error"] as? [String: Any])
        #expect(e["code"] as? String == "catalog_invalid")
        #expect((e["message"] as? String)?.contains("products.csv:3:143: ") == true)
        #expect(!scratch.exists("demo.sqlite"))
    }

    /// A copy of the demo renamed "Env Test Catalog" (settings.csv:2), built to `name`.
    private func renamedDatabase(_ scratch: Scratch, _ name: String) throws -> String {
        let dir = try scratch.demoCopy("renamed")
        try scratch.edit(dir + "/settings.csv", line: 2, "name,Demo: СтройМатериалы Центр", with: "name,Env Test Catalog")
        let out = scratch.path + "/" + name
        let build = run(["catalog", "build", dir, "--out", out])
        #expect(build.status == 0, "\(build.stderr)")
        return out
    }

    @Test func quoteCatalogEnvironmentVariable() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let db = try renamedDatabase(scratch, "env.sqlite")
        // The table's first line names the catalog: "Quote Q-… · <name>".
        let r = run(Self.brickToTver, env: ["QUOTE_CATALOG": db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "\n").first?.hasSuffix(" · Env Test Catalog") == true)
        // --catalog comes first.
        let explicit = run(Self.brickToTver + ["--catalog", try scratch.demoCopy()], env: ["QUOTE_CATALOG": db])
        #expect(explicit.status == 0)
        #expect(explicit.stdout.components(separatedBy: "\n").first?.hasSuffix(" · Demo: СтройМатериалы Центр") == true)
        // A QUOTE_CATALOG that does not exist is a catalog problem, not a silent fall-back to the demo.
        let missing = run(Self.brickToTver, env: ["QUOTE_CATALOG": scratch.path + "/missing.sqlite"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("No catalog database at \(scratch.path)/missing.sqlite"))
    }
}
