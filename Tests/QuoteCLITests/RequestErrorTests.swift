import Foundation
import Testing

/// Bad requests end with exit status 2 and say what was wrong; with --format json the error is a JSON object
/// on stdout.
@Suite struct RequestErrorTests {
    /// The JSON error object of a run: `{"error":{"code":…,"message":…,"field":…,"candidates":[…]}}`.
    private func error(_ r: (status: Int32, stdout: String, stderr: String), sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [String: Any]
    {
        let object = try jsonObject(r.stdout, sourceLocation: sourceLocation)
        #expect(object.keys.sorted() == ["error"], sourceLocation: sourceLocation)
        let e = try #require(object["error"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(!((e["message"] as? String) ?? "").isEmpty, sourceLocation: sourceLocation)
        return e
    }

    /// Runs against a private copy of the demo catalog.
    private func quote(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = try Scratch()
        defer { scratch.remove() }
        return run(args + ["--catalog", try scratch.demoCopy()], env: env)
    }

    @Test func missingCity() throws {
        let r = try quote(["brick", "--qty", "5000", "--as-of", CLI.asOf])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("error: "))
        #expect(r.stderr.contains("--pickup"))
        #expect(r.stderr.contains("--city"))
        let j = try quote(["brick", "--qty", "5000", "--as-of", CLI.asOf, "--format", "json"])
        #expect(j.status == 2)
        #expect(try error(j)["code"] as? String == "missing_city")
    }

    @Test func unknownProduct() throws {
        let r = try quote(["brik", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Unknown product \u{201C}brik\u{201D}"))
        #expect(r.stderr.contains("Did you mean: brick"))
        let j = try quote(["brik", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json"])
        #expect(j.status == 2)
        #expect(j.stderr == "")
        #expect(j.stdout.hasPrefix("{\"error\":{\"code\":\"unknown_product\","))
        let e = try error(j)
        #expect(e["code"] as? String == "unknown_product")
        #expect(e["field"] as? String == "items[0].product")
        #expect((e["candidates"] as? [String])?.contains("brick") == true)
    }

    @Test func unknownCity() throws {
        let j = try quote(["brick", "--qty", "5000", "--city", "Tvre", "--as-of", CLI.asOf, "--format", "json"])
        #expect(j.status == 2)
        let e = try error(j)
        #expect(e["code"] as? String == "unknown_city")
        #expect(e["field"] as? String == "city")
        let candidates = try #require(e["candidates"] as? [String])
        #expect(candidates.contains("Tver") || candidates.contains("Тверь"), "\(candidates)")
        let r = try quote(["brick", "--qty", "5000", "--city", "Tvre", "--as-of", CLI.asOf])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Unknown city \u{201C}Tvre\u{201D}"))
        #expect(r.stderr.contains("Did you mean: "))
    }

    @Test func unknownOption() {
        let r = run(["brick", "--qty", "5000", "--city", "Tver", "--bogus"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("Unknown option '--bogus'"))
        #expect(r.stderr.contains("See `quote --help`."))
    }

    @Test func help() {
        let r = run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: quote <subcommand>"))
        #expect(r.stdout.contains("Exit codes: 0 quoted, 1 not quotable"))
        #expect(r.stdout.contains("catalog"))
        let price = run(["price", "--help"])
        #expect(price.status == 0)
        #expect(price.stdout.contains("--qty"))
        #expect(price.stdout.contains("--pickup"))
    }

    @Test(arguments: [
        // (--qty, code): not a number; zero; 10^15 pcs, more than the 10^9 any order may be.
        ("abc", "invalid_quantity"),
        ("0", "invalid_quantity"),
        ("-5", "invalid_quantity"),
        ("1000000000000000", "quantity_too_large"),
    ])
    func badQuantity(qty: String, code: String) throws {
        // `--qty=VALUE`, so that "-5" is not taken for an option.
        let j = try quote(["brick", "--qty=" + qty, "--city", "Tver", "--as-of", CLI.asOf, "--format", "json"])
        #expect(j.status == 2)
        #expect(try error(j)["code"] as? String == code)
        let r = try quote(["brick", "--qty=" + qty, "--city", "Tver", "--as-of", CLI.asOf])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("error: "))
    }

    @Test func negativeQuantityWithoutEqualsSign() throws {
        // `--qty -5`: the argument parser takes "-5" for an option, so --qty has no value: exit 2, and with
        // --format json the usage error is a JSON error object on stdout like every other error.
        let j = try quote(["brick", "--qty", "-5", "--city", "Tver", "--format", "json"])
        #expect(j.status == 2)
        #expect(try error(j)["code"] as? String == "invalid_request")
        #expect(j.stdout.contains("Missing value for '--qty <qty>'"))
        let r = try quote(["brick", "--qty", "-5", "--city", "Tver"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("Missing value for '--qty <qty>'"))
    }

    @Test func quantityWithoutProduct() throws {
        let j = try quote(["--qty", "5000", "--city", "Tver", "--format", "json"])
        #expect(j.status == 2)
        #expect(try error(j)["code"] as? String == "unknown_product")
    }

    @Test func nothingAsked() throws {
        let j = try quote(["--city", "Tver", "--format", "json"])
        #expect(j.status == 2)
        #expect(try error(j)["code"] as? String == "empty_request")
    }

    @Test func badAsOfAndStrategyAndFormat() throws {
        let asOf = try quote(["brick", "--qty", "5000", "--city", "Tver", "--as-of", "tomorrow", "--format", "json"])
        #expect(asOf.status == 2)
        #expect(try error(asOf)["code"] as? String == "invalid_date")
        let strategy = try quote(["brick", "--qty", "5000", "--city", "Tver", "--strategy", "quickest", "--format", "json"])
        #expect(strategy.status == 2)
        #expect(try error(strategy)["code"] as? String == "invalid_strategy")
        let format = try quote(["brick", "--qty", "5000", "--city", "Tver", "--format", "xml"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("Unknown format \u{201C}xml\u{201D}"))
    }

    /// More than all sources have together is a partial answer, not an error: 1 000 000 bricks asked;
    /// the sources sell whole pallets of 420: PL-TVER 126 000 (300 pallets), PL-KALUGA 33 600 (80),
    /// WH-KHIMKI 6 300 (15) — 165 900 in all. 1 000 000 rounds up to 2 381 pallets = 1 000 020, so
    /// 165 900 are quoted and 1 000 020 − 165 900 = 834 120 are short.
    @Test func moreThanAllSourcesHaveIsAPartialAnswer() throws {
        let j = try quote(["brick", "--qty", "1000000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json"])
        #expect(j.status == 0)
        let q = try jsonObject(j.stdout)
        let line = try #require((q["lines"] as? [[String: Any]])?.first)
        #expect(line["quantity"] as? String == "165900")
        #expect(line["shortQuantity"] as? String == "834120")
        #expect((line["allocations"] as? [Any])?.count == 3)
        #expect((q["warnings"] as? [[String: Any]])?.contains { $0["code"] as? String == "partial" } == true)
    }
}
