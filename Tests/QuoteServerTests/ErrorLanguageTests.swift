import Foundation
import QuoteServer
import Testing

/// The service's errors in the caller's language: the request's `"lang"`, else Accept-Language; the codes,
/// statuses and fields stay as they are, only `message` changes.
@Suite struct ErrorLanguageTests {
    let dir: String
    let database: String

    init() throws {
        dir = try Paths.scratch("error-language")
        database = try Paths.compiledDemo(in: dir)
    }

    private func message(_ r: HTTPReply) -> String? { (r.object?["error"] as? [String: Any])?["message"] as? String }

    @Test func unknownPathsAndMethodsInRussian() async throws {
        try await TestServer.with(catalog: database) { server in
            let ru = ["Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"]
            let missing = try await server.get("/v2/quote", headers: ru)
            #expect(missing.status == 404 && missing.errorCode == "not_found")
            #expect(message(missing)?.hasPrefix("Нет такого ресурса: /v2/quote. У сервиса есть POST /v1/quote") == true, "\(missing.text)")
            let get = try await server.get("/v1/quote", headers: ru)
            #expect(get.status == 405 && get.errorCode == "method_not_allowed")
            #expect(message(get) == "Этот ресурс принимает только POST.")
            // Without Accept-Language, English as before.
            #expect(message(try await server.get("/v1/quote")) == "This resource takes POST only.")
        }
    }

    @Test func aRequestsLangDecidesItsErrors() async throws {
        try await TestServer.with(catalog: database) { server in
            let r = try await server.post("/v1/quote", #"{"lang":"ru","items":[{"product":"кирпчи","quantity":"5000"}],"city":"Тверь"}"#)
            #expect(r.status == 400 && r.errorCode == "unknown_product")
            #expect(message(r) == "Неизвестный товар «кирпчи»: нет артикула, названия или синонима с таким именем.")
            let batch = try await server.post("/v1/quotes", "[", headers: ["Accept-Language": "ru"])
            #expect(batch.status == 400 && batch.errorCode == "invalid_json")
            #expect(message(batch)?.hasPrefix("Пакет — некорректный JSON: ") == true, "\(batch.text)")
        }
    }

    /// No catalog: 503 catalog_unavailable, said in the request's language.
    @Test func catalogUnavailableInRussian() async throws {
        try await TestServer.with(catalog: dir + "/nothing-here.sqlite") { server in
            let r = try await server.post("/v1/quote", #"{"lang":"ru","items":[{"product":"brick","quantity":"5000"}],"city":"Tver"}"#)
            #expect(r.status == 503 && r.errorCode == "catalog_unavailable")
            #expect(message(r)?.hasPrefix("По пути \(dir)/nothing-here.sqlite нет базы каталога") == true, "\(r.text)")
            let info = try await server.get("/v1/catalog", headers: ["Accept-Language": "ru"])
            #expect(info.status == 503 && message(info)?.contains("нет базы каталога") == true, "\(info.text)")
        }
    }
}
