import QuoteCore

/// One JSON request answered: the response or error text (without a line end) and how it ended.
///
/// This is the request → response step every JSON front end shares: the bytes are decoded by
/// `JSONRequest`, quoted by `QuoteEngine` and written by `Quote.json` or `QuoteError.json`, so the
/// HTTP service answers byte for byte as `quote --json` does.
public struct JSONAnswer: Sendable {
    public enum Outcome: Sendable, Equatable {
        case quoted
        case failed(QuoteError.Code)
        /// `"internal": true` from a caller without a key (`internal_not_allowed`).
        case internalRefused
    }

    public var text: String
    public var outcome: Outcome
    /// The quote and its request, when the request asked to be saved (`"save": true`): the front end keeps it.
    public var issued: Issued?

    public struct Issued: Sendable {
        public var quote: Quote
        public var request: JSONRequest
    }

    public init(text: String, outcome: Outcome, issued: Issued? = nil) {
        self.text = text
        self.outcome = outcome
        self.issued = issued
    }

    /// The stable code of a refused `internal` request: an HTTP front end's own, beside `QuoteError.Code`.
    public static let internalNotAllowed = "internal_not_allowed"

    /// An error object with a front end's own code, in the shape of `QuoteError.json`.
    public static func errorJSON(code: String, message: String, field: String?, id: JSONValue? = nil) -> String {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        if let id { w.value("id", id) }
        w.beginObject("error")
        w.string("code", code)
        w.string("message", message)
        w.string("field", field)
        w.endObject()
        w.endObject()
        return w.text
    }
}

extension CatalogGeneration {
    /// Answers one request given as bytes (a UTF-8 BOM is accepted).
    /// - Parameters:
    ///   - allowInternal: whether the caller may see costs and margins (`"internal": true`).
    ///   - solver: for the requests the engine's search cannot settle (`QuoteEngine.quote`).
    public func answer(_ bytes: [UInt8], now: Moment, allowInternal: Bool, solver: (any IntegerProgramSolver)? = nil) -> JSONAnswer {
        answer(JSONRequest.decode(bytes, now: now, offsetSeconds: info.utcOffsetSeconds), allowInternal: allowInternal, solver: solver)
    }

    /// Answers one request already parsed (an element of a batch).
    public func answer(value: JSONValue, now: Moment, allowInternal: Bool, solver: (any IntegerProgramSolver)? = nil) -> JSONAnswer {
        answer(
            JSONRequest.decode(value: value, now: now, offsetSeconds: info.utcOffsetSeconds), allowInternal: allowInternal, solver: solver)
    }

    func answer(_ decoded: Result<JSONRequest, RequestFailure>, allowInternal: Bool, solver: (any IntegerProgramSolver)?) -> JSONAnswer {
        switch decoded {
        case .failure(let f):
            return JSONAnswer(text: f.error.json(id: f.id, renderer: MessageRenderer(f.language)), outcome: .failed(f.error.code))
        case .success(let r):
            if r.includeInternal && !allowInternal {
                let text = JSONAnswer.errorJSON(
                    code: JSONAnswer.internalNotAllowed,
                    message: MessageRenderer(r.language).render(Message("service.internal_not_allowed")),
                    field: "internal", id: r.id)
                return JSONAnswer(text: text, outcome: .internalRefused)
            }
            do {
                let quote = try QuoteEngine.quote(r.request, catalog: try snapshot(for: r.request), explain: r.explain, solver: solver)
                return JSONAnswer(
                    text: quote.json(id: r.id, includeInternal: r.includeInternal, language: r.language), outcome: .quoted,
                    issued: r.save ? JSONAnswer.Issued(quote: quote, request: r) : nil)
            } catch {
                return JSONAnswer(text: error.json(id: r.id, renderer: MessageRenderer(r.language)), outcome: .failed(error.code))
            }
        }
    }
}
