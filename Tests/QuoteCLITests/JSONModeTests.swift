import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `quote --json` (one request on stdin, one response) and `quote --jsonl` (a stream of them), through the built
/// binary, against the JSON contract in `schemas/` (checked with `python3 schemas/validate.py`, which needs the
/// `jsonschema` package).
///
/// Every output here is checked against its schema, and every error code `QuoteError.Code` has is produced at least
/// once, with the exit status the README gives it. Each test runs against its own compiled copy of the demo catalog.
@Suite struct JSONModeTests {
    // MARK: Requests

    /// The request of the JSON contract, every member written out.
    static let brickToTver =
        #"{"items":[{"product":"brick","quantity":"5000","unit":"pcs"}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00","strategy":"cheapest","pickup":false,"customer":null,"by":null}"#

    static let multiItemToKlin =
        #"{"id":"multi","items":[{"product":"brick","quantity":"5000"},{"product":"cement","quantity":"40","unit":"bag"},{"product":"sand","quantity":"6","unit":"t"}],"city":"Klin","asOf":"2026-12-01T10:00:00+03:00"}"#

    /// A request for `items` (JSON text of the array) with `rest` (members, without braces) and the fixed `asOf`.
    static func request(_ items: String, _ rest: String = #""city":"Tver""#, id: String? = nil) -> String {
        var members = [#""items":"# + items]
        if !rest.isEmpty { members.append(rest) }
        members.append(#""asOf":"\#(CLI.asOf)""#)
        if let id { members.insert(#""id":"# + id, at: 0) }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// `quantity` bricks to Tver.
    static func brick(_ quantity: String, id: String? = nil) -> String {
        request(#"[{"product":"brick","quantity":"\#(quantity)"}]"#, id: id)
    }

    // MARK: Quotes

    @Test func quotesMatchTheResponseSchema() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let requests = [
            Self.brickToTver,
            Self.multiItemToKlin,
            Self.request(#"[{"product":"brick","quantity":"5000"}]"#, #""pickup":true"#, id: "1"),
            Self.request(
                #"[{"product":"brick","quantity":"5000"}]"#, #""pickup":true,"city":"Tver","strategy":"fastest","by":"2026-12-01""#,
                id: "null"),
            Self.request(
                #"[{"product":"cement","quantity":"40","unit":"bag"}]"#, #""city":"Klin","explain":true,"by":"2026-12-02""#,
                id: #"{"crm":[7,"x"]}"#),
            Self.request(
                #"[{"product":"газобетон","quantity":"2","unit":"pal"}]"#, #""city":"Коломна","strategy":"single","customer":"C-1001""#,
                id: "true"),
            Self.request(
                #"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","customer":"C-1003","discount":"2","internal":true"#, id: "7.5"
            ),
            Self.request(
                #"[{"product":"brick","wall":{"area":"100","thickness":"1.5","openings":"10","waste":"5"}},{"product":"sand","quantity":"5","unit":"m3"}]"#,
                #""city":"Klin""#, id: #""wall""#),
        ]
        var outputs: [String] = []
        for request in requests {
            let r = run(["--json", "--catalog", catalog], stdin: request)
            #expect(r.status == 0, "\(request)\n\(r.stdout)\(r.stderr)")
            #expect(r.stderr == "")
            #expect(r.stdout.hasSuffix("}\n") && r.stdout.filter { $0 == "\n" }.count == 1, "one line: \(r.stdout)")
            outputs.append(String(r.stdout.dropLast()))
        }
        // The one-shot `--format json` writes the same object as `--json` for the same request.
        let oneShot = run(["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf, "--format", "json", "--catalog", catalog])
        #expect(oneShot.status == 0)
        outputs.append(String(oneShot.stdout.dropLast()))
        #expect(
            oneShot.stdout == run(["--json", "--catalog", catalog], stdin: Self.brick("5000")).stdout,
            "`quote --json` and `--format json` agree")

        validate(outputs, against: "response")
        validate(requests, against: "request")

        // The fixed core in its fixed order; `id` first when the request had one, `explanation` last when asked.
        let core = [
            "quoteId", "engineVersion", "asOf", "validUntil", "currency", "strategy", "city", "customer", "pickup", "vatRate", "lines",
            "shipments",
            "deliveryDate", "totals", "payment", "warnings", "alternatives", "hints",
        ]
        #expect(memberNames(outputs[0]) == core)
        #expect(memberNames(outputs[1]) == ["id"] + core)
        #expect(memberNames(outputs[4]) == ["id"] + core + ["explanation"])
        #expect(outputs[1].hasPrefix(#"{"id":"multi","quoteId":"Q-"#))
        #expect(outputs[2].hasPrefix(#"{"id":1,"quoteId":"Q-"#))
        #expect(outputs[3].hasPrefix(#"{"id":null,"quoteId":"Q-"#))
        #expect(outputs[4].hasPrefix(#"{"id":{"crm":[7,"x"]},"quoteId":"Q-"#))
        #expect(outputs[5].hasPrefix(#"{"id":true,"quoteId":"Q-"#))

        let multi = try jsonObject(outputs[1])
        let skus = ((multi["lines"] as? [[String: Any]]) ?? []).compactMap { $0["sku"] as? String }
        #expect(skus.count >= 3 && skus[0].hasPrefix("BR-") && skus[1].hasPrefix("CEM-") && skus[2].hasPrefix("SAND-"), "\(skus)")
        #expect(multi["city"] as? String == "Клин")
        let pickup = try jsonObject(outputs[2])
        #expect(pickup["pickup"] as? Bool == true)
        #expect(pickup["city"] is NSNull)
        #expect(
            ((pickup["shipments"] as? [[String: Any]]) ?? []).allSatisfy {
                ($0["vehicles"] as? [Any])?.isEmpty == true && $0["cost"] as? String == "0.00"
            })
        let explained = try jsonObject(outputs[4])
        #expect(((explained["explanation"] as? [String]) ?? []).isEmpty == false)
        let onCredit = try jsonObject(outputs[6])
        #expect((onCredit["customer"] as? [String: Any])?["id"] as? String == "C-1003")
        #expect((onCredit["payment"] as? [String: Any])?["terms"] as? String == "credit")
        let internalLine = try #require((onCredit["lines"] as? [[String: Any]])?.first)
        #expect(internalLine["cost"] is String && internalLine["margin"] is String, "internal: true shows costs and margins")
        #expect(!outputs[0].contains(#""margin""#), "and nothing else does")
        let wall = try #require((try jsonObject(outputs[7])["lines"] as? [[String: Any]])?.first)
        #expect(wall["requestedUnit"] as? String == "m2")
        #expect(wall["conversion"] is String)
    }

    // MARK: Errors

    /// One request that gets no quote: what is sent, and the code, exit status and field it must give.
    struct BadRequest: Sendable {
        var stdin: String
        var code: String
        var status: Int32
        var field: String??
        /// Extra arguments (`--json` and the catalog are always given).
        var args: [String] = []
        /// The catalog to use instead of the plain demo copy.
        var catalog: Catalog = .demo
    }

    enum Catalog: Sendable { case demo, missing, broken, noRoutesToRzhev, priceless, noBricks }

    static let badRequests: [BadRequest] = {
        var list: [BadRequest] = []
        func add(
            _ stdin: String, _ code: String, _ status: Int32 = 2, field: String?? = .none, args: [String] = [], catalog: Catalog = .demo
        ) {
            list.append(BadRequest(stdin: stdin, code: code, status: status, field: field, args: args, catalog: catalog))
        }
        let r = JSONModeTests.request
        let id = #""e""#
        add(#"{"id":"e","items":["#, "invalid_json", field: .some(nil))
        add("", "invalid_json", field: .some(nil))
        add("{} {}", "invalid_json", field: .some(nil))
        add(#"{"items":[],"items":[]}"#, "invalid_json", field: .some(nil))
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","qty":5"#, id), "unknown_field", field: "qty")
        add(r(#"[{"product":"brick","qty":"5000"}]"#, #""city":"Tver""#, id), "unknown_field", field: "items[0].qty")
        add(#"{"id":"e","city":"Tver"}"#, "missing_field", field: "items")
        add(r(#"[{"product":"brick"}]"#, #""city":"Tver""#, id), "missing_field", field: "items[0].quantity")
        add(r(#"[{"quantity":"5000"}]"#, #""city":"Tver""#, id), "missing_field", field: "items[0].product")
        add("[]", "invalid_type", field: "")
        add(r(#""brick""#, #""city":"Tver""#, id), "invalid_type", field: "items")
        add(r("[5]", #""city":"Tver""#, id), "invalid_type", field: "items[0]")
        add(r(#"[{"product":"brick","quantity":true}]"#, #""city":"Tver""#, id), "invalid_type", field: "items[0].quantity")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":5"#, id), "invalid_type", field: "city")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","pickup":1"#, id), "invalid_type", field: "pickup")
        // A string names the pickup point: unknown, or one that does not let customers collect.
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","pickup":"WH-KHIMKY""#, id), "unknown_source", field: "pickup")
        add(
            r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","pickup":"PL-KALUGA""#, id), "pickup_not_allowed",
            field: "pickup")
        add(r("[]", #""city":"Tver""#, id), "empty_request", field: "items")
        add(r(#"[{"product":"brik","quantity":"5000"}]"#, #""city":"Tver""#, id), "unknown_product", field: "items[0].product")
        add(r(#"[{"product":"кирпич м125","quantity":"5000"}]"#, #""city":"Tver""#, id), "ambiguous_product", field: "items[0].product")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tvre""#, id), "unknown_city", field: "city")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, "", id), "missing_city", field: "city")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"  ","pickup":false"#, id), "missing_city", field: "city")
        for q in ["abc", "0", "-5", "0.0001", "10.5"] {
            add(r(#"[{"product":"brick","quantity":"\#(q)"}]"#, #""city":"Tver""#, id), "invalid_quantity", field: "items[0].quantity")
        }
        add(
            r(#"[{"product":"brick","quantity":"5000pcs","unit":"pcs"}]"#, #""city":"Tver""#, id), "invalid_quantity",
            field: "items[0].quantity")
        add(r(#"[{"product":"brick","quantity":"5,000"}]"#, #""city":"Tver""#, id), "ambiguous_quantity", field: "items[0].quantity")
        add(
            r(#"[{"product":"brick","quantity":"1000000000000000"}]"#, #""city":"Tver""#, id), "quantity_too_large",
            field: "items[0].quantity")
        add(
            r(#"[{"product":"brick","quantity":"99999999999999999999"}]"#, #""city":"Tver""#, id), "quantity_too_large",
            field: "items[0].quantity")
        add(r(#"[{"product":"brick","quantity":"5000","unit":"litre"}]"#, #""city":"Tver""#, id), "invalid_unit", field: "items[0].unit")
        add(r(#"[{"product":"brick","quantity":"50","unit":"bag"}]"#, #""city":"Tver""#, id), "invalid_unit", field: "items[0].unit")
        add(r(#"[{"product":"brick","quantity":"50","unit":"m2"}]"#, #""city":"Tver""#, id), "invalid_unit", field: "items[0].unit")
        add(#"{"id":"e","items":[{"product":"brick","quantity":"5000"}],"city":"Tver","asOf":"tomorrow"}"#, "invalid_date", field: "asOf")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","by":"2026-13-01""#, id), "invalid_date", field: "by")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","by":"2026-11-30""#, id), "invalid_date", field: "by")
        add(
            r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","strategy":"quickest""#, id), "invalid_strategy",
            field: "strategy")
        let items201 = "[" + Array(repeating: #"{"product":"brick","quantity":"420"}"#, count: 201).joined(separator: ",") + "]"
        add(r(items201, #""city":"Tver""#, id), "request_too_large", field: "items")
        add(
            r(
                #"[{"product":"brick","quantity":"5000"}]"#,
                #""city":"Tver","customer":""# + String(repeating: "x", count: 1_100_000) + "\"", id),
            "request_too_large", field: .some(nil))
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","customer":"C-17""#, id), "unknown_customer", field: "customer")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","discount":"50""#, id), "discount_too_large", field: "discount")
        add(r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","discount":"101""#, id), "invalid_quantity", field: "discount")
        add(
            r(#"[{"product":"brick","quantity":"5000","wall":{"area":"10"}}]"#, #""city":"Tver""#, id), "invalid_request",
            field: "items[0].wall")
        add(r(#"[{"product":"brick","wall":{"area":"10"}}]"#, #""city":"Tver""#, id), "missing_field", field: "items[0].wall.thickness")
        // More than the sources have is a partial answer (a quote); nothing in stock anywhere is not quotable.
        add(
            r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver""#, id), "not_available", 1, field: "items[0].quantity",
            catalog: .noBricks)
        add(
            r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Rzhev""#, id), "no_delivery", 1, field: "city",
            catalog: .noRoutesToRzhev)
        add(
            r(#"[{"product":"brick","quantity":"10000000"}]"#, #""city":"Klin""#, id), "amount_too_large", field: "items[0].quantity",
            catalog: .priceless)
        add(JSONModeTests.brickToTver, "invalid_request", field: "--json", args: ["brick"])
        add(JSONModeTests.brickToTver, "invalid_request", field: "--jsonl", args: ["--jsonl"])
        add(
            r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver""#, id), "catalog_unavailable", 3, field: .some(nil),
            catalog: .missing)
        add(
            r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver""#, id), "catalog_invalid", 3, field: .some(nil), catalog: .broken
        )
        // "save": true with a quotes database that is a folder: nothing is printed as saved.
        add(
            r(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","save":true"#, id), "quote_store_unavailable", 3,
            field: .some(nil), args: ["--quotes-db", "/"])
        return list
    }()

    @Test func everyErrorCodeMatchesTheErrorSchemaWithItsExitStatus() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalogs: [Catalog: String] = [
            .demo: try compiledDemo(scratch),
            .missing: scratch.path + "/no-such-catalog.sqlite",
            .broken: try demoFolder(scratch, "broken") { dir in
                try "effective_from,rate_percent\n2019-01-01,twenty\n".write(toFile: dir + "/vat.csv", atomically: true, encoding: .utf8)
            },
            .noRoutesToRzhev: try compiledDemo(scratch, "no-rzhev") { dir in
                try rewriteLines(dir + "/routes.csv") { $0.contains(",rzhev,") ? nil : $0 }
            },
            .noBricks: try compiledDemo(scratch, "no-bricks") { dir in
                try rewriteLines(dir + "/stock.csv") { $0.contains(",BR-NF-M150-SOL,") ? nil : $0 }
            },
            .priceless: try compiledDemo(scratch, "priceless") { dir in
                // The brick's base list at the largest price a catalog may have: 10 000 000 pcs of it overflow.
                try rewriteLines(dir + "/prices.csv") { line in
                    guard line.hasPrefix("BR-NF-M150-SOL,,") else { return line }
                    var fields = line.split(separator: ",", omittingEmptySubsequences: false)  // sku,region,min_qty,price,per
                    fields[3] = "10000000000.00"
                    return fields.joined(separator: ",")
                }
            },
        ]

        var outputs: [String] = []
        var produced: Set<String> = []
        for bad in Self.badRequests {
            let label = "\(bad.code) ← \(bad.args) \(bad.stdin.prefix(160))"
            let r = runRaw(["--json", "--catalog", catalogs[bad.catalog]!] + bad.args, input: Data(bad.stdin.utf8))
            #expect(r.status == bad.status, "\(label)\n\(r.text)\(r.stderr)")
            #expect(!r.signaled)
            #expect(r.stderr == "", "\(label)")
            guard r.text.hasSuffix("\n"), let error = try? jsonObject(r.text)["error"] as? [String: Any] else {
                Issue.record("no JSON error object for \(label): \(r.text)\(r.stderr)")
                continue
            }
            let line = String(r.text.dropLast())
            outputs.append(line)
            produced.insert(error["code"] as? String ?? "")
            #expect(error["code"] as? String == bad.code, "\(label)\n\(line)")
            if case .some(let field) = bad.field {
                #expect(error["field"] as? String == field, "\(label)\n\(line)")
            }
            // The request's own id comes back first, whenever the request could be read as an object.
            let idEchoed = line.hasPrefix(#"{"id":"e","error":{"code":""#)
            let hasId = bad.stdin.hasPrefix(#"{"id":"e""#) && bad.code != "invalid_json" && bad.stdin.utf8.count <= 1 << 20
            if hasId {
                // Catalog errors too: `--json` reads the request before it opens the catalog.
                #expect(idEchoed, "\(label)\n\(line)")
            } else {
                #expect(line.hasPrefix(#"{"error":{"code":""#), "\(label)\n\(line)")
            }
        }
        validate(outputs, against: "error")

        // Every code QuoteError.Code has is in the schema's enum and was produced above.
        let all = try errorCodesInSources()
        let schema = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: CLI.packageRoot + "/schemas/error.schema.json")))
        let enumerated =
            (((((schema as? [String: Any])?["properties"] as? [String: Any])?["error"] as? [String: Any])?["properties"]
            as? [String: Any])?["code"] as? [String: Any])?["enum"] as? [String]
        #expect(Set(enumerated ?? []) == all, "schemas/error.schema.json lists every QuoteError.Code, and nothing else")
        // A request cannot name a saved quote: `unknown_quote` and `invalid_status` come from `quote show`/`mark` and
        // the service's /v1/quotes/{id} (SavedQuotesCLITests, SavedQuoteEndpointTests).
        let savedQuoteCommandsOnly: Set<String> = ["unknown_quote", "invalid_status"]
        #expect(
            produced == all.subtracting(savedQuoteCommandsOnly),
            "not produced: \(all.subtracting(produced).subtracting(savedQuoteCommandsOnly).sorted())")
    }

    @Test func unknownOptionInJSONModeIsAJSONError() {
        let r = run(["--json", "--bogus"], stdin: Self.brickToTver, cwd: CLI.packageRoot)
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix(#"{"error":{"code":"invalid_request""#))
    }

    // MARK: JSON numbers

    @Test func quantityMayBeAJSONNumberButNotInExponentForm() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let asString = run(["--json", "--catalog", catalog], stdin: Self.brick("5000"))
        let asNumber = run(["--json", "--catalog", catalog], stdin: Self.request(#"[{"product":"brick","quantity":5000}]"#))
        #expect(asNumber.status == 0)
        #expect(asNumber.stdout == asString.stdout, "5000 and \"5000\" are the same request")
        let sand = run(
            ["--json", "--catalog", catalog], stdin: Self.request(#"[{"product":"sand","quantity":6.5,"unit":"t"}]"#, #""city":"Klin""#))
        #expect(sand.status == 0, "\(sand.stdout)")
        let line = try #require((try jsonObject(sand.stdout)["lines"] as? [[String: Any]])?.first)
        #expect(line["requestedQuantity"] as? String == "6.5")
        #expect(line["requestedUnit"] as? String == "t")
        validate([asNumber.stdout, sand.stdout].map { String($0.dropLast()) }, against: "response")

        var errors: [String] = []
        for number in ["5e3", "5E3", "5.0e3", "1e2", "5000e0", "5e+3"] {
            let r = run(["--json", "--catalog", catalog], stdin: Self.request(#"[{"product":"brick","quantity":\#(number)}]"#))
            #expect(r.status == 2, "\(number): \(r.stdout)")
            errors.append(String(r.stdout.dropLast()))
            let code = (try? jsonObject(r.stdout)["error"] as? [String: Any])?["code"] as? String
            #expect(code == "invalid_quantity", "\(number): \(r.stdout)")
        }
        for number in ["-5", "0", "0.0001"] {
            let r = run(["--json", "--catalog", catalog], stdin: Self.request(#"[{"product":"brick","quantity":\#(number)}]"#))
            #expect(r.status == 2)
            #expect(r.stdout.hasPrefix(#"{"error":{"code":"invalid_quantity""#), "\(number): \(r.stdout)")
            errors.append(String(r.stdout.dropLast()))
        }
        validate(errors, against: "error")
    }

    // MARK: Determinism

    @Test func sameRequestGivesTheSameBytes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let first = run(["--json", "--catalog", catalog], stdin: Self.multiItemToKlin)
        let second = run(["--json", "--catalog", catalog], stdin: Self.multiItemToKlin)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)

        let noId = Self.brick("5000")
        let stream = run(
            ["--jsonl", "--catalog", catalog],
            stdin: [noId, Self.multiItemToKlin, noId, Self.multiItemToKlin].joined(separator: "\n") + "\n")
        let lines = stream.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == 5, "\(stream.stdout)")
        #expect(lines[0] == lines[2])
        #expect(lines[1] == lines[3])
        #expect(lines[1] + "\n" == first.stdout, "--json and --jsonl give the same bytes")
        #expect(lines[0].hasPrefix(#"{"quoteId":"Q-"#))
        #expect(lines[1].hasPrefix(#"{"id":"multi","quoteId":"Q-"#))
        // The quote id depends on the request, not on the caller's id.
        let withoutId = run(
            ["--json", "--catalog", catalog], stdin: Self.multiItemToKlin.replacingOccurrences(of: #""id":"multi","#, with: ""))
        #expect(withoutId.stdout.hasPrefix(#"{"quoteId":"Q-"#))
        #expect(try jsonObject(withoutId.stdout)["quoteId"] as? String == jsonObject(String(lines[1]))["quoteId"] as? String)
    }

    // MARK: --jsonl

    /// `--jsonl --in-memory` holds any catalog in memory (the default only up to 64 MiB on disk, so the
    /// demo is held either way): the same stream gives the same bytes. Without `--jsonl` the flag is
    /// refused, saying what it is for: a single quote reads only its own rows.
    @Test func inMemoryStreamAnswersAsTheDefaultOne() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let input = [Self.brick("5000", id: "1"), Self.multiItemToKlin, Self.brick("420", id: "2")].joined(separator: "\n") + "\n"
        let plain = run(["--jsonl", "--catalog", catalog], stdin: input)
        let held = run(["--jsonl", "--in-memory", "--catalog", catalog], stdin: input)
        #expect(held.status == 0 && held.stderr == "")
        #expect(held.stdout.split(separator: "\n").count == 3)
        #expect(held.stdout == plain.stdout)
        let single = run(["--json", "--in-memory", "--catalog", catalog], stdin: Self.brick("5000"))
        #expect(single.status != 0)
        let error = try #require(try jsonObject(single.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_request")
        #expect(error["field"] as? String == "--in-memory")
        let table = run(["brick", "--qty", "5000", "--city", "Tver", "--in-memory", "--catalog", catalog, "--lang", "en"])
        #expect(table.status != 0)
        #expect(table.stderr.contains("--in-memory holds the catalog for a stream of requests: use it with --jsonl"), "\(table.stderr)")
    }

    @Test func streamAnswersEveryLineInOrder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        // (request line, expected start of its response line or nil for a blank line, which gets none).
        var lines: [String] = []
        var expected: [String] = []
        for i in 0..<300 {
            switch i % 10 {
            case 0, 1, 2, 3:
                lines.append(Self.brick(String(1000 + 10 * i), id: "\"r\(i)\""))
                expected.append(#"{"id":"r\#(i)","quoteId":"Q-"#)
            case 4:
                lines.append(
                    Self.request(#"[{"product":"cement","quantity":"\#(10 + i % 40)","unit":"bag"}]"#, #""city":"Klin""#, id: "\(i)"))
                expected.append(#"{"id":\#(i),"quoteId":"Q-"#)
            case 5:
                lines.append(Self.request(#"[{"product":"brik\#(i)","quantity":"5000"}]"#, #""city":"Tver""#, id: #"{"n":\#(i)}"#))
                expected.append(#"{"id":{"n":\#(i)},"error":{"code":"unknown_product""#)
            case 6:
                lines.append(#"{"id":"r\#(i)","items":[{"product":"brick""#)
                expected.append(#"{"error":{"code":"invalid_json""#)
            case 7:
                lines.append(["", "   ", "\t", "\r"][i / 10 % 4])
            case 8:
                lines.append(Self.request(#"[{"product":"brick","quantity":"5000"}]"#, "", id: #"["r",\#(i)]"#))
                expected.append(#"{"id":["r",\#(i)],"error":{"code":"missing_city""#)
            default:
                lines.append(Self.request(#"[{"product":"brick","quantity":"5000","qty":1}]"#, #""city":"Tver""#, id: "\"r\(i)\""))
                expected.append(#"{"id":"r\#(i)","error":{"code":"unknown_field""#)
            }
        }
        let r = run(["--jsonl", "--catalog", catalog], stdin: lines.joined(separator: "\n") + "\n")
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.hasSuffix("\n"))
        let out = r.stdout.split(separator: "\n").map(String.init)
        #expect(out.count == expected.count)
        for (i, (line, start)) in zip(out, expected).enumerated() where !line.hasPrefix(start) {
            Issue.record("response \(i): expected \(start)…, got \(line.prefix(120))")
        }
        validate(out.filter { $0.contains(#""quoteId":"#) }, against: "response")
        validate(out.filter { !$0.contains(#""quoteId":"#) }, against: "error")
    }

    @Test func oversizedLineIsRefusedAndTheStreamGoesOn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let limit = 1 << 20
        func padded(_ request: String, to size: Int) -> String { request + String(repeating: " ", count: size - request.utf8.count) }
        let big = #"{"id":"big","items":[{"product":"brick","quantity":"5000"}],"city":"Tver","customer":""#
        let oversized = big + String(repeating: "x", count: 1_100_000 - big.utf8.count - 2) + "\"}"
        #expect(oversized.utf8.count == 1_100_000)
        let input =
            [
                oversized,
                Self.brick("5000", id: #""after""#),
                padded(Self.brick("5000", id: #""at-limit""#), to: limit),
                padded(Self.brick("5000", id: #""over-limit""#), to: limit + 1),
                Self.brick("5000", id: #""last""#),
            ].joined(separator: "\n") + "\n"
        let r = run(["--jsonl", "--catalog", catalog], stdin: input)
        #expect(r.status == 0)
        let out = r.stdout.split(separator: "\n").map(String.init)
        try #require(out.count == 5, "\(r.stdout.prefix(2000))")
        #expect(out[0].hasPrefix(#"{"error":{"code":"request_too_large""#))
        #expect(out[1].hasPrefix(#"{"id":"after","quoteId":"#))
        #expect(out[2].hasPrefix(#"{"id":"at-limit","quoteId":"#), "a line of exactly 1 MiB is still read")
        #expect(out[3].hasPrefix(#"{"error":{"code":"request_too_large""#), "one byte more is not")
        #expect(out[4].hasPrefix(#"{"id":"last","quoteId":"#))
        validate([out[0], out[3]], against: "error")

        let single = runRaw(["--json", "--catalog", catalog], input: Data(oversized.utf8))
        #expect(single.status == 2)
        #expect(single.text.hasPrefix(#"{"error":{"code":"request_too_large""#))
    }

    @Test func deepNestingAndInvalidUTF8AreInvalidJSON() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        var input = Data()
        func line(_ bytes: [UInt8]) { input.append(contentsOf: bytes + [0x0A]) }
        func line(_ text: String) { line(Array(text.utf8)) }
        line(String(repeating: "[", count: 10_000))
        line(#"{"id":"deep","items":"# + String(repeating: #"{"a":["#, count: 10_000))
        line(String(repeating: "[", count: 33) + String(repeating: "]", count: 33))
        line(Array(#"{"id":"u1","items":[{"product":""#.utf8) + [0xFF, 0xFE] + Array(#"","quantity":"1"}],"city":"Tver"}"#.utf8))
        line([0xC0, 0xAF] + Array("{}".utf8))
        line(Array(#"{"id":"u3","city":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8))  // an encoded surrogate
        line(Array(#"{"id":"u4","city":"Tver"#.utf8) + [0xD0])  // cut inside a character
        line(Self.brick("5000", id: #""ok""#))
        let r = runRaw(["--jsonl", "--catalog", catalog], input: input)
        #expect(r.status == 0)
        #expect(!r.signaled)
        #expect(String(data: r.stdout, encoding: .utf8) != nil, "the output is UTF-8 whatever the input")
        let out = r.text.split(separator: "\n").map(String.init)
        try #require(out.count == 8, "\(r.text)\(r.stderr)")
        for (i, o) in out.dropLast().enumerated() {
            #expect(o.hasPrefix(#"{"error":{"code":"invalid_json""#), "line \(i + 1): \(o)")
        }
        #expect(out[7].hasPrefix(#"{"id":"ok","quoteId":"#))
        validate(Array(out.dropLast()), against: "error")

        let deep = runRaw(["--json", "--catalog", catalog], input: Data(String(repeating: "[", count: 10_000).utf8))
        #expect(deep.status == 2)
        #expect(!deep.signaled)
        #expect(deep.text.hasPrefix(#"{"error":{"code":"invalid_json""#))
    }

    @Test func lastLineWithoutNewlineIsAnswered() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let r = run(["--jsonl", "--catalog", catalog], stdin: Self.brick("5000", id: "1") + "\r\n" + Self.brick("420", id: #""last""#))
        #expect(r.status == 0)
        let out = r.stdout.split(separator: "\n").map(String.init)
        #expect(out.count == 2)
        #expect(out.first?.hasPrefix(#"{"id":1,"quoteId":"#) == true, "a CRLF line end is a line end")
        #expect(out.last?.hasPrefix(#"{"id":"last","quoteId":"#) == true)
        #expect(r.stdout.hasSuffix("}\n"))
        let truncated = run(["--jsonl", "--catalog", catalog], stdin: Self.brick("5000", id: "1") + "\n" + #"{"id":"cut","items":[{"pro"#)
        #expect(truncated.stdout.split(separator: "\n").last?.hasPrefix(#"{"error":{"code":"invalid_json""#) == true)
    }

    @Test func emptyInputGivesNoOutput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        for input in ["", "\n", "\n  \n\t\r\n\n"] {
            let r = run(["--jsonl", "--catalog", catalog], stdin: input)
            #expect(r.status == 0)
            #expect(r.stdout == "", "\(input.debugDescription)")
            #expect(r.stderr == "")
        }
    }

    @Test func catalogErrorEndsTheStreamWithOneLine() throws {
        let r = run(
            ["--jsonl", "--catalog", "/nonexistent/catalog.sqlite"],
            stdin: Self.brick("5000", id: "1") + "\n" + Self.brick("5000", id: "2") + "\n")
        #expect(r.status == 3)
        #expect(r.stdout.hasPrefix(#"{"error":{"code":"catalog_unavailable""#))
        #expect(r.stdout.filter { $0 == "\n" }.count == 1)
        validate([String(r.stdout.dropLast())], against: "error")
    }

    /// A reader that goes away: the stream ends (exit 0), with no SIGPIPE and no hang.
    @Test func readerClosingStdoutEndsTheProcess() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        // 5 000 requests (~10 MB of answers): far more than a pipe holds, so quote is blocked writing when the
        // reader leaves.
        let requests = scratch.path + "/requests.jsonl"
        try String(repeating: Self.brick("5000") + "\n", count: 5_000).write(toFile: requests, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["--jsonl", "--catalog", catalog]
        process.standardInput = try #require(FileHandle(forReadingAtPath: requests))
        process.standardError = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        try process.run()

        var first: [UInt8] = []
        var byte: UInt8 = 0
        let fd = output.fileHandleForReading.fileDescriptor
        while first.last != 0x0A, read(fd, &byte, 1) == 1 { first.append(byte) }
        #expect(String(decoding: first, as: UTF8.self).hasPrefix(#"{"quoteId":"Q-"#))
        try output.fileHandleForReading.close()

        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        guard !process.isRunning else {
            process.terminate()
            process.waitUntilExit()
            Issue.record("quote --jsonl still running 10 s after its reader closed stdout")
            return
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "ended by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 0)
    }

    // MARK: The schemas and the example client

    @Test func schemasRejectWhatTheContractDoesNot() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let quote = String(run(["--json", "--catalog", catalog], stdin: Self.brickToTver).stdout.dropLast())
        let original = try JSONSerialization.jsonObject(with: Data(quote.utf8))
        func changed(_ path: String, to value: Any?) throws -> String {
            let data = try JSONSerialization.data(
                withJSONObject: replacing(path.split(separator: ".").map(String.init)[...], in: original, with: value))
            return String(decoding: data, as: UTF8.self)
        }
        // The same quote taken apart and put back together is still valid: what follows tests only the changes.
        validate([try changed("quoteId", to: try jsonObject(quote)["quoteId"])], against: "response")
        let broken = [
            try changed("extra", to: 1),
            try changed("hints", to: nil),
            try changed("customer", to: "C-1001"),
            try changed("quoteId", to: "Q-ILOU-0000"),
            try changed("asOf", to: "2026-12-01T10:00:00"),
            try changed("city", to: NSNull()),
            try changed("strategy", to: "quickest"),
            try changed("lines.0.kind", to: "service"),
            try changed("lines.0.quantity", to: "5040.0001"),
            try changed("lines.0.unit", to: "pal"),
            try changed("lines.0.pallets", to: "12"),
            try changed("lines.0.allocations", to: [Any]()),
            try changed("lines.0.otherSkus", to: ["X", "X"]),
            try changed("lines", to: [Any]()),
            try changed("shipments.0.vehicles.0.count", to: 0),
            try changed("deliveryDate", to: "2026-12-3"),
            try changed("totals.net", to: "1.5"),
            try changed("totals.net", to: 95696),
            try changed("totals.gross", to: "1.00\n"),
            try changed("payment.terms", to: "credit"),
            try changed("warnings", to: [["code": "Stale Stock", "message": "m"]]),
            try changed("explanation", to: [Any]()),
        ]
        expectInvalid(broken, against: "response")

        expectInvalid(
            [
                #"{"error":{"code":"no_such_code","message":"m","field":null}}"#,
                #"{"error":{"code":"invalid_json","message":"m"}}"#,
                #"{"error":{"code":"invalid_json","message":"","field":null}}"#,
                #"{"error":{"code":"invalid_json","message":"m","field":null,"candidates":[]}}"#,
                #"{"error":{"code":"invalid_json","message":"m","field":null},"extra":1}"#,
                #"{"error":{"code":"invalid_json","message":"m","field":null,"hint":"x"}}"#,
                #"{"code":"invalid_json","message":"m","field":null}"#,
            ], against: "error")

        let item = #"{"product":"brick","quantity":"5000"}"#
        expectInvalid(
            [
                #"{"items":[\#(item)],"city":"Tver","qty":5}"#,
                #"{"items":[],"city":"Tver"}"#,
                #"{"items":[\#(item)]}"#,
                #"{"items":[\#(item)],"city":"Tver","pickup":false,"by":"01.12.2026"}"#,
                #"{"items":[\#(item)],"city":"Tver","asOf":"2026-12-01T10:00:00"}"#,
                #"{"items":[\#(item)],"city":"Tver","strategy":"quickest"}"#,
                #"{"items":[{"product":"brick","quantity":"5,5"}],"city":"Tver"}"#,
                #"{"items":[{"product":"brick","quantity":"0"}],"city":"Tver"}"#,
                #"{"items":[{"product":"brick","quantity":0}],"city":"Tver"}"#,
                #"{"items":[{"product":"brick","quantity":"5000","unit":"litre"}],"city":"Tver"}"#,
                #"{"items":[{"product":"brick","quantity":"5000","qty":1}],"city":"Tver"}"#,
                #"{"items":[{"quantity":"5000"}],"city":"Tver"}"#,
            ], against: "request")
        validate(
            [
                #"{"items":[\#(item)],"pickup":true}"#,
                #"{"id":[1,{"a":null}],"items":[{"product":"sand","quantity":6.5,"unit":"t"}],"city":"Klin","explain":true,"asOf":"2026-12-01T10:00:00.5Z"}"#,
                #"{"items":[\#(item)],"city":"Tver","asOf":null,"strategy":null,"pickup":null,"customer":null,"by":null,"explain":null,"id":null}"#,
            ], against: "request")
    }

    @Test func exampleClientRuns() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let catalog = try compiledDemo(scratch)
        let r = runRaw(
            ["python3", CLI.packageRoot + "/examples/jsonl_client.py", "--quote", CLI.binary, "--catalog", catalog],
            executable: "/usr/bin/env", input: Data())
        #expect(r.status == 0, "\(r.text)\(r.stderr)")
        let out = r.text.split(separator: "\n")
        #expect(out.count == 5, "\(r.text)")
        #expect(out.filter { $0.contains("error unknown_product") }.count == 1, "\(r.text)")
        #expect(out.filter { $0.contains(" Q-") }.count == 4, "\(r.text)")
    }
}

// MARK: - Helpers

/// A copy of the demo catalog's CSV files in `scratch/name`, changed by `edit`; returns the folder.
private func demoFolder(_ scratch: Scratch, _ name: String = "demo", edit: ((String) throws -> Void)? = nil) throws -> String {
    let dir = try scratch.demoCopy(name)
    try edit?(dir)
    return dir
}

/// A copy of the demo catalog, changed by `edit` and compiled with `quote catalog build`; returns the database.
private func compiledDemo(
    _ scratch: Scratch, _ name: String = "demo", sourceLocation: SourceLocation = #_sourceLocation, edit: ((String) throws -> Void)? = nil
) throws -> String {
    let dir = try demoFolder(scratch, name, edit: edit)
    let database = dir + ".sqlite"
    let r = run(["catalog", "build", dir, "--out", database])
    try #require(r.status == 0, "quote catalog build \(name): \(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
    return database
}

/// Rewrites `file` line by line; `change` returns the new line, or nil to drop it.
private func rewriteLines(_ file: String, _ change: (String) -> String?) throws {
    let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
    try lines.compactMap(change).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
}

/// `node` (parsed JSON) with the value at `path` (member names, array indices) replaced by `value`, or removed for nil.
private func replacing(_ path: ArraySlice<String>, in node: Any, with value: Any?) -> Any {
    guard let key = path.first else { return value ?? NSNull() }
    if var array = node as? [Any], let i = Int(key), array.indices.contains(i) {
        array[i] = replacing(path.dropFirst(), in: array[i], with: value)
        return array
    }
    var object = node as? [String: Any] ?? [:]
    if path.count == 1 && value == nil {
        object[key] = nil
    } else {
        object[key] = replacing(path.dropFirst(), in: object[key] ?? [String: Any](), with: value)
    }
    return object
}

/// The raw values of `QuoteError.Code`, read from its source.
private func errorCodesInSources() throws -> Set<String> {
    let source = try String(contentsOfFile: CLI.packageRoot + "/Sources/QuoteCore/Request/QuoteError.swift", encoding: .utf8)
    let codes = source.matches(of: /case [a-zA-Z]+ = "([a-z_]+)"/).map { String($0.output.1) }
    #expect(codes.count >= 20, "QuoteError.Code read from its source: \(codes)")
    return Set(codes)
}

/// The member names of the top-level JSON object in `text`, in order.
private func memberNames(_ text: String) -> [String] {
    var names: [String] = []
    var depth = 0
    var inString = false
    var escaped = false
    var expectingKey = false
    var current: [UInt8]?
    for b in text.utf8 {
        if inString {
            if escaped {
                escaped = false
                current?.append(b)
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                inString = false
                if let key = current { names.append(String(decoding: key, as: UTF8.self)) }
                current = nil
            } else {
                current?.append(b)
            }
            continue
        }
        switch b {
        case UInt8(ascii: "\""):
            inString = true
            if depth == 1 && expectingKey { current = [] }
            expectingKey = false
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            expectingKey = depth == 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
        case UInt8(ascii: ","):
            expectingKey = depth == 1
        default:
            break
        }
    }
    return names
}

/// `python3 schemas/validate.py schemas/NAME.schema.json FILE` on `documents`, one per line.
private func schemaCheck(_ documents: [String], against name: String) -> (status: Int32, report: String) {
    let file = "/tmp/quote-tests-documents-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".jsonl"
    defer { try? FileManager.default.removeItem(atPath: file) }
    guard (try? (documents.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)) != nil else {
        return (-1, "cannot write \(file)")
    }
    let r = runRaw(
        ["python3", CLI.packageRoot + "/schemas/validate.py", CLI.packageRoot + "/schemas/\(name).schema.json", file],
        executable: "/usr/bin/env", input: Data())
    return (r.status, r.text + r.stderr)
}

/// Every document is valid against `schemas/NAME.schema.json`.
private func validate(_ documents: [String], against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard !documents.isEmpty else {
        Issue.record("nothing to validate against \(name)", sourceLocation: sourceLocation)
        return
    }
    let (status, report) = schemaCheck(documents, against: name)
    #expect(status == 0, "\(name).schema.json:\n\(report.prefix(4000))", sourceLocation: sourceLocation)
}

/// Every document is invalid against `schemas/NAME.schema.json`.
private func expectInvalid(_ documents: [String], against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let (status, report) = schemaCheck(documents, against: name)
    #expect(status == 1, "\(report)", sourceLocation: sourceLocation)
    #expect(
        report.contains(": 0 of \(documents.count) documents valid"), "\(name): every one is refused\n\(report)",
        sourceLocation: sourceLocation)
}

/// Runs `executable args…` (by default `quote`) with `input` as stdin, in the package root; gives up after 15 s.
private func runRaw(
    _ args: [String], executable: String = CLI.binary, input: Data, sourceLocation: SourceLocation = #_sourceLocation
) -> Finished {
    runQuote(args, input: input, executable: executable, timeout: 15, cwd: CLI.packageRoot, sourceLocation: sourceLocation)
}
