import QuoteCatalog
import QuoteCore

extension QuoteResponder {
    /// `GET /v1/catalog`: which catalog is being quoted against, and until when it holds.
    func catalogInfo(_ language: Language) -> Reply {
        let generation: CatalogGeneration
        switch catalog.current {
        case .success(let g): generation = g
        case .failure(let error): return .error(error, in: language)
        }
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.string("apiVersion", QuoteServerApp.apiVersion)
        Self.write(generation.info, generation: generation.number, into: &w)
        if let failure = catalog.lastFailure {
            w.raw("reloadError", failure.json())
        } else {
            w.null("reloadError")
        }
        w.endObject()
        return .json(.ok, w.text)
    }

    static func write(_ info: CatalogInfo, generation: Int, into w: inout JSONWriter) {
        w.string("name", info.name)
        w.string("version", info.version)
        w.string("built", info.built?.description)
        w.string("path", info.path)
        w.string("currency", info.currency)
        w.string("timeZone", info.timeZone)
        w.string("priceListValidUntil", info.priceListValidUntil?.description)
        if let years = info.calendarYears {
            w.beginObject("calendar")
            w.string("from", String(format4: years.lowerBound) + "-01-01")
            w.string("until", String(format4: years.upperBound) + "-12-31")
            w.endObject()
        } else {
            w.null("calendar")
        }
        w.bool("inMemory", info.inMemory)
        w.int("generation", Int64(generation))
    }

    /// `GET /health`: 200 while a catalog is being served (an older one, if a reload failed), 503 without one.
    func health() -> Reply {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        switch catalog.current {
        case .success(let g):
            w.string("status", "ok")
            w.string("apiVersion", QuoteServerApp.apiVersion)
            w.beginObject("catalog")
            w.string("name", g.info.name)
            w.string("version", g.info.version)
            w.int("generation", Int64(g.number))
            w.endObject()
            w.endObject()
            return .json(.ok, w.text)
        case .failure(let error):
            w.string("status", "unavailable")
            w.string("apiVersion", QuoteServerApp.apiVersion)
            w.raw("error", Self.errorMember(error))
            w.endObject()
            return .json(.serviceUnavailable, w.text, errorCodes: [error.code.rawValue])
        }
    }

    /// The inner `{"code",...}` object of an error's JSON.
    static func errorMember(_ error: QuoteError) -> String {
        let text = error.json()
        // `{"error":` … `}`: the member's value.
        let inner = text.dropFirst(#"{"error":"#.count).dropLast()
        return String(inner)
    }
}

extension String {
    /// A year as four digits.
    init(format4 year: Int) {
        let s = String(year)
        self = String(repeating: "0", count: Swift.max(0, 4 - s.count)) + s
    }
}
