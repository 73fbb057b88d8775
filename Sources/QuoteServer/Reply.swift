import HTTPTypes
import QuoteCatalog
import QuoteCore

/// What a route answers: status, body, and the error codes in it (for the metrics and the access log).
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var body: String
    var contentType = "application/json; charset=utf-8"
    var errorCodes: [String] = []
    var headers = HTTPFields()

    /// A JSON body; a line end follows, as after each response of `quote --json`.
    static func json(_ status: HTTPResponse.Status, _ text: String, errorCodes: [String] = []) -> Reply {
        Reply(status: status, body: text + "\n", errorCodes: errorCodes)
    }

    /// The JSON error for `error`, with the status its code maps to.
    static func error(_ error: QuoteError, id: JSONValue? = nil, in language: Language) -> Reply {
        json(status(for: error.code.rawValue), error.json(id: id, renderer: MessageRenderer(language)), errorCodes: [error.code.rawValue])
    }

    /// An error with one of the service's own codes (`not_found`, `method_not_allowed`, `internal_not_allowed`, `timed_out`).
    static func serviceError(_ code: String, _ message: Message, in language: Language, field: String? = nil, id: JSONValue? = nil) -> Reply
    {
        json(
            status(for: code), JSONAnswer.errorJSON(code: code, message: MessageRenderer(language).render(message), field: field, id: id),
            errorCodes: [code])
    }

    /// The HTTP status of an error code: 400 for bad requests, 403 for internal data without a key,
    /// 404/405 for unknown paths and methods, 413 for requests too large, 422 for requests that are
    /// well formed but not quotable, 503 for catalog problems and for an answer not computed within the
    /// time limit (`timed_out`).
    static func status(for code: String) -> HTTPResponse.Status {
        switch code {
        case QuoteError.Code.notAvailable.rawValue, QuoteError.Code.noDelivery.rawValue: return .unprocessableContent
        case QuoteError.Code.catalogInvalid.rawValue, QuoteError.Code.catalogUnavailable.rawValue,
            QuoteError.Code.quoteStoreUnavailable.rawValue:
            return .serviceUnavailable
        case QuoteError.Code.unknownQuote.rawValue: return .notFound
        case QuoteError.Code.requestTooLarge.rawValue: return .contentTooLarge
        case JSONAnswer.internalNotAllowed: return .forbidden
        case ServiceCodes.notFound: return .notFound
        case ServiceCodes.methodNotAllowed: return .methodNotAllowed
        case ServiceCodes.timedOut: return .serviceUnavailable
        default: return .badRequest
        }
    }

    /// The status and error codes of one answered request.
    static func single(_ answer: JSONAnswer) -> Reply {
        switch answer.outcome {
        case .quoted: return json(.ok, answer.text)
        case .failed(let code): return json(status(for: code.rawValue), answer.text, errorCodes: [code.rawValue])
        case .internalRefused: return json(.forbidden, answer.text, errorCodes: [JSONAnswer.internalNotAllowed])
        }
    }
}

/// The service's own error codes, beside `QuoteError.Code` (they concern HTTP, not quoting).
public enum ServiceCodes {
    public static let notFound = "not_found"
    public static let methodNotAllowed = "method_not_allowed"
    public static let internalNotAllowed = JSONAnswer.internalNotAllowed
    /// A quote or batch not computed within the time limit (`--request-timeout`): 503.
    public static let timedOut = "timed_out"
    public static let all = [notFound, methodNotAllowed, internalNotAllowed, timedOut]
}
