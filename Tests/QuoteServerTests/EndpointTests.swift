import Foundation
import QuoteServer
import Testing

/// Every endpoint of the service, run in-process on a free loopback port, against a compiled copy of
/// the demo catalog; the quote is compared byte for byte with `quote --json`.
@Suite struct EndpointTests {
    let dir: String
    let database: String

    init() throws {
        dir = try Paths.scratch("endpoints")
        database = try Paths.compiledDemo(in: dir)
    }

    @Test func quoteIsWhatQuoteJSONPrints() async throws {
        let cli = try await runQuote(["--json", "--catalog", database], stdin: Requests.brickToTver)
        #expect(cli.status == 0)
        try await TestServer.with(catalog: database) { server in
            let r = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(r.status == 200)
            #expect(r.text == cli.stdout, "the same bytes as quote --json")
            #expect(r.headers["content-type"] == "application/json; charset=utf-8")
            #expect(r.headers["quote-api-version"] == "1")
            #expect(r.object?["quoteId"] as? String == "Q-FZM9-WR2H")
        }
    }

    @Test func aByteOrderMarkIsAccepted() async throws {
        try await TestServer.with(catalog: database) { server in
            let plain = try await server.post("/v1/quote", Requests.brickToTver)
            let bom = try await server.post("/v1/quote", bytes: [0xEF, 0xBB, 0xBF] + Array(Requests.brickToTver.utf8))
            #expect(bom.status == 200)
            #expect(bom.body == plain.body)
        }
    }

    @Test func badRequestsAre400WithTheJSONError() async throws {
        try await TestServer.with(catalog: database) { server in
            let unknown = try await server.post("/v1/quote", Requests.one(#"[{"product":"brik","quantity":"5000"}]"#, id: "7"))
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "unknown_product")
            #expect(unknown.text.hasPrefix(#"{"id":7,"error":{"code":"unknown_product""#))
            #expect((unknown.object?["error"] as? [String: Any])?["candidates"] as? [String] == ["brick"])
            let notJSON = try await server.post("/v1/quote", "not json")
            #expect(notJSON.status == 400 && notJSON.errorCode == "invalid_json")
            let typo = try await server.post("/v1/quote", Requests.one(#"[{"product":"brick","qty":"5000"}]"#))
            #expect(typo.status == 400 && typo.errorCode == "unknown_field")
            let empty = try await server.post("/v1/quote", "")
            #expect(empty.status == 400 && empty.errorCode == "invalid_json")
        }
    }

    @Test func notQuotableIs422() async throws {
        let noBricks = try Paths.compiledDemo(in: dir, name: "no-bricks") { src in
            try Paths.rewriteLines(src + "/stock.csv") { $0.contains(",BR-NF-M150-SOL,") ? nil : $0 }
        }
        try await TestServer.with(catalog: noBricks) { server in
            let r = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(r.status == 422)
            #expect(r.errorCode == "not_available")
        }
    }

    @Test func bodiesOverOneMebibyteAre413() async throws {
        try await TestServer.with(catalog: database) { server in
            let big = [UInt8](repeating: 0x20, count: (1 << 20) + 1)
            let r = try await server.post("/v1/quote", bytes: big)
            #expect(r.status == 413)
            #expect(r.errorCode == "request_too_large")
            let exactly = [UInt8](repeating: 0x20, count: (1 << 20) - 2) + Array("{}".utf8)
            let fits = try await server.post("/v1/quote", bytes: exactly)
            #expect(fits.status == 400 && fits.errorCode == "missing_field", "1 MiB itself is accepted")
        }
    }

    @Test func internalDataNeedsAKey() async throws {
        let request = Requests.one(#"[{"product":"brick","quantity":"5000"}]"#, #""city":"Tver","internal":true"#, id: "\"k\"")
        try await TestServer.with(catalog: database, keys: ["s3cret", "other"]) { server in
            let none = try await server.post("/v1/quote", request)
            #expect(none.status == 403)
            #expect(none.errorCode == "internal_not_allowed")
            #expect(none.text.hasPrefix(#"{"id":"k","error":"#))
            #expect(!none.text.contains("\"margin\""))
            let wrong = try await server.post("/v1/quote", request, headers: ["Authorization": "Bearer s3cre"])
            #expect(wrong.status == 403)
            for headers in [["Authorization": "Bearer s3cret"], ["X-Quote-Key": "other"], ["authorization": "bearer other"]] {
                let r = try await server.post("/v1/quote", request, headers: headers)
                #expect(r.status == 200, "\(headers)")
                let line = (r.object?["lines"] as? [[String: Any]])?.first
                #expect(line?["cost"] is String && line?["margin"] is String, "internal data with \(headers)")
            }
            // Without "internal", no key is needed and no costs are shown.
            let plain = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(plain.status == 200 && !plain.text.contains("\"margin\""))
        }
        try await TestServer.with(catalog: database) { server in
            let r = try await server.post("/v1/quote", request, headers: ["Authorization": "Bearer s3cret"])
            #expect(r.status == 403, "no keys configured: internal data for nobody")
        }
    }

    @Test func batchesAnswerInOrderAsAnArray() async throws {
        let good = Requests.one(id: "1")
        let bad = Requests.one(#"[{"product":"brik","quantity":"5000"}]"#, id: "2")
        let cli = try await runQuote(["--jsonl", "--catalog", database], stdin: good + "\n" + bad + "\n")
        let expected = "[" + cli.stdout.split(separator: "\n").joined(separator: ",") + "]\n"
        try await TestServer.with(catalog: database) { server in
            let array = try await server.post("/v1/quotes", "[\(good),\(bad)]")
            #expect(array.status == 200)
            #expect(array.text == expected, "the responses of quote --jsonl, in order, as one array")
            let ndjson = try await server.post("/v1/quotes", bytes: [0xEF, 0xBB, 0xBF] + Array("\(good)\n\n\(bad)\n".utf8))
            #expect(ndjson.status == 200 && ndjson.text == expected)
            let broken = try await server.post("/v1/quotes", "[\(good),")
            #expect(broken.status == 400 && broken.errorCode == "invalid_json")
            let empty = try await server.post("/v1/quotes", "[]")
            #expect(empty.status == 400 && empty.errorCode == "empty_request")
            let notJSONLine = try await server.post("/v1/quotes", "\(good)\nnot json\n")
            let items = try #require(try JSONSerialization.jsonObject(with: Data(notJSONLine.body)) as? [[String: Any]])
            #expect(items.count == 2 && (items[1]["error"] as? [String: Any])?["code"] as? String == "invalid_json")
        }
        try await TestServer.with(catalog: database, maximumBatch: 2) { server in
            let r = try await server.post("/v1/quotes", "[\(good),\(good),\(good)]")
            #expect(r.status == 413 && r.errorCode == "request_too_large")
        }
    }

    @Test func catalogSaysWhichCatalogAndUntilWhen() async throws {
        try await TestServer.with(catalog: database) { server in
            let r = try await server.get("/v1/catalog")
            #expect(r.status == 200)
            let o = try #require(r.object)
            #expect(o["apiVersion"] as? String == "1")
            #expect((o["name"] as? String)?.isEmpty == false)
            #expect(o["version"] is String)
            #expect(o["built"] is String)
            #expect(o["path"] as? String == database)
            #expect(o["priceListValidUntil"] is String)
            let calendar = try #require(o["calendar"] as? [String: Any])
            #expect(calendar["from"] as? String == "2025-01-01" && calendar["until"] as? String == "2027-12-31")
            #expect(o["inMemory"] as? Bool == true)
            #expect(o["generation"] as? Int == 1)
            #expect(o["reloadError"] is NSNull)
        }
    }

    @Test func healthAndMetrics() async throws {
        try await TestServer.with(catalog: database) { server in
            let health = try await server.get("/health")
            #expect(health.status == 200 && health.object?["status"] as? String == "ok")
            _ = try await server.post("/v1/quote", Requests.brickToTver)
            _ = try await server.post("/v1/quote", Requests.one(#"[{"product":"brik","quantity":"5000"}]"#))
            _ = try await server.post("/v1/quotes", "[\(Requests.one(#"[{"product":"brik","quantity":"5000"}]"#))]")
            let metrics = try await server.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"quote_http_requests_total{route="/v1/quote",status="200"} 1"#), "\(text)")
            #expect(text.contains(#"quote_http_requests_total{route="/v1/quote",status="400"} 1"#))
            #expect(text.contains(#"quote_errors_total{code="unknown_product"} 2"#), "batch errors count one by one")
            #expect(text.contains(#"quote_http_request_duration_seconds_bucket{route="/v1/quote",le="+Inf"} 2"#))
            #expect(text.contains("# TYPE quote_http_request_duration_seconds histogram"))
        }
    }

    @Test func unknownPathsAndMethodsAreJSONErrors() async throws {
        try await TestServer.with(catalog: database) { server in
            let missing = try await server.get("/v2/quote")
            #expect(missing.status == 404 && missing.errorCode == "not_found")
            let saved = try await server.get("/v1/quotes/Q-FZM9-WR2H")
            #expect(
                saved.status == 503 && saved.errorCode == "quote_store_unavailable",
                "a service started without a quotes database keeps none")
            let get = try await server.get("/v1/quote")
            #expect(get.status == 405 && get.errorCode == "method_not_allowed")
            #expect(get.headers["allow"] == "POST")
            let post = try await server.post("/health", "{}")
            #expect(post.status == 405 && post.headers["allow"] == "GET")
        }
    }

    @Test func withoutACatalogQuotesAre503() async throws {
        let missing = dir + "/nothing-here.sqlite"
        try await TestServer.with(catalog: missing) { server in
            let r = try await server.post("/v1/quote", Requests.brickToTver)
            #expect(r.status == 503)
            #expect(r.errorCode == "catalog_unavailable")
            #expect(r.text.hasPrefix(#"{"id":"crm-4711","error":"#), "the id is echoed, as by quote --json")
            let health = try await server.get("/health")
            #expect(health.status == 503 && health.object?["status"] as? String == "unavailable")
            let catalog = try await server.get("/v1/catalog")
            #expect(catalog.status == 503 && catalog.errorCode == "catalog_unavailable")
        }
    }
}

/// The byte-order mark is accepted by every JSON front end, the CLI's too: `--json`, and each `--jsonl` line.
@Test func theCLIAcceptsAByteOrderMarkToo() async throws {
    let dir = try Paths.scratch("bom-cli")
    let database = try Paths.compiledDemo(in: dir)
    let bom = "\u{FEFF}"
    let plain = try await runQuote(["--json", "--catalog", database], stdin: Requests.brickToTver)
    let single = try await runQuote(["--json", "--catalog", database], stdin: bom + Requests.brickToTver)
    #expect(single.status == 0 && single.stdout == plain.stdout)
    let stream = try await runQuote(
        ["--jsonl", "--catalog", database], stdin: bom + Requests.brickToTver + "\n" + bom + Requests.brickToTver + "\n")
    #expect(stream.stdout == plain.stdout + plain.stdout)
}

/// The service's own options, as `quote serve` passes them on.
@Suite struct ServerConfigurationTests {
    @Test func inMemoryIsAnOptionAndOffByDefault() throws {
        guard case .run(let plain) = ServerConfiguration.parse([], environment: { _ in nil }) else {
            Issue.record("no options refused")
            return
        }
        #expect(plain.inMemory == false)
        guard case .run(let held) = ServerConfiguration.parse(["--in-memory", "--port", "0"], environment: { _ in nil }) else {
            Issue.record("--in-memory refused")
            return
        }
        #expect(held.inMemory == true)
        #expect(held.port == 0)
        #expect(ServerConfiguration.usage.contains("--in-memory"))
    }
}
