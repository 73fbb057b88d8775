import Foundation
import QuoteServer
import Testing

/// `"save": true` on `POST /v1/quote`, `GET /v1/quotes/{id}` and `POST /v1/quotes/{id}/status`, against a
/// quotes database shared with the CLI.
@Suite struct SavedQuoteEndpointTests {
    let dir: String
    let database: String

    init() throws {
        dir = try Paths.scratch("saved")
        database = try Paths.compiledDemo(in: dir)
    }

    static let saved =
        #"{"id":"crm-4711","items":[{"product":"brick","quantity":"5000"}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00","save":true,"manager":"vera"}"#

    @Test func savedOverHTTPIsReadBackAsIssuedAndMarked() async throws {
        let quotes = dir + "/quotes.sqlite"
        try await TestServer.with(catalog: database, keys: ["k1"], quotesDB: quotes) { server in
            let issued = try await server.post("/v1/quote", Self.saved)
            #expect(issued.status == 200)
            #expect(issued.object?["quoteId"] as? String == "Q-FZM9-WR2H")

            let got = try await server.get("/v1/quotes/q-fzm9-wr2h")
            #expect(got.status == 200)
            let object = try #require(got.object)
            #expect(object["manager"] as? String == "vera")
            #expect(object["state"] as? String != nil)
            #expect(object["form"] == nil, "the saved form holds costs: never over HTTP")
            // The response is embedded byte for byte as it was sent.
            #expect(got.text.hasSuffix(#""response":"# + issued.text.dropLast() + "}\n"))
            let request = try #require(object["request"] as? [String: Any])
            #expect(request["city"] as? String == "Tver")

            let marked = try await server.post(
                "/v1/quotes/Q-FZM9-WR2H/status", #"{"status":"ordered","order":"1C-000123","manager":"vera"}"#)
            #expect(marked.status == 200)
            let status = try #require(marked.object?["status"] as? [String: Any])
            #expect(status["outcome"] as? String == "ordered")
            #expect(status["order"] as? String == "1C-000123")

            let wrong = try await server.post("/v1/quotes/Q-FZM9-WR2H/status", #"{"status":"won"}"#)
            #expect(wrong.status == 400 && wrong.errorCode == "invalid_status")
            let orderWithoutOrdered = try await server.post("/v1/quotes/Q-FZM9-WR2H/status", #"{"status":"lost","order":"1C-1"}"#)
            #expect(orderWithoutOrdered.status == 400 && orderWithoutOrdered.errorCode == "invalid_status")
            let typo = try await server.post("/v1/quotes/Q-FZM9-WR2H/status", #"{"outcome":"lost"}"#)
            #expect(typo.status == 400 && typo.errorCode == "unknown_field")
            let unknown = try await server.get("/v1/quotes/Q-0000-0000")
            #expect(unknown.status == 404 && unknown.errorCode == "unknown_quote")
            let post = try await server.post("/v1/quotes/Q-FZM9-WR2H", "{}")
            #expect(post.status == 405 && post.headers["allow"] == "GET")
        }
        // The CLI reads what the service saved: the same JSON, without the request's id (the response as issued has it).
        let shown = try await runQuote(["show", "Q-FZM9-WR2H", "--format", "json", "--quotes-db", quotes], stdin: "")
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix(#"{"id":"crm-4711","quoteId":"Q-FZM9-WR2H""#))
    }

    /// A quote issued with internal data (costs, margins) is given back only to a caller with a key.
    @Test func anInternalQuoteNeedsAKeyToBeRead() async throws {
        let quotes = dir + "/internal.sqlite"
        try await TestServer.with(catalog: database, keys: ["k1"], quotesDB: quotes) { server in
            let internalRequest = Self.saved.replacingOccurrences(of: #""save":true"#, with: #""save":true,"internal":true"#)
            let issued = try await HTTPClient.request(
                port: server.port, "POST", "/v1/quote", json: internalRequest, headers: ["X-Quote-Key": "k1"])
            #expect(issued?.status == 200)
            let anonymous = try await server.get("/v1/quotes/Q-FZM9-WR2H")
            #expect(anonymous.status == 403 && anonymous.errorCode == "internal_not_allowed")
            let keyed = await HTTPClient.request(port: server.port, "GET", "/v1/quotes/Q-FZM9-WR2H", headers: ["X-Quote-Key": "k1"])
            #expect(keyed?.status == 200)
        }
    }
}
