import HTTPTypes
import Hummingbird
import Logging
import QuoteCatalog
import QuoteCore
import SavedQuotes

/// Routes the service's requests. One responder, no router: five fixed paths, and every answer
/// (errors, unknown paths, wrong methods included) is the JSON the other front ends write.
struct QuoteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let catalog: LiveCatalog
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let logger: Logger
    /// Where saved quotes are kept (nil: none configured).
    var savedQuotes: Result<any SavedQuoteStore, QuoteError>? = nil
    /// Where quotes and batches are computed, within `configuration.requestTimeoutMilliseconds`.
    var worker = Worker.shared

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        var request = request
        let path = request.uri.path
        let limit = configuration.requestTimeoutMilliseconds
        let reply = await route(path, &request, deadline: limit > 0 ? start + .milliseconds(limit) : nil)
        let duration = ContinuousClock.now - start
        let route = ServerMetrics.route(path)
        metrics.recordRequest(route: route, status: reply.status.code, duration: duration)
        for code in reply.errorCodes { metrics.recordError(code: code) }
        if configuration.accessLog { logAccess(request, path: path, reply: reply, duration: duration) }
        var headers = reply.headers
        headers[.contentType] = reply.contentType
        if let name = HTTPField.Name("Quote-API-Version") { headers[name] = QuoteServerApp.apiVersion }
        return Response(status: reply.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }

    /// - Parameter deadline: when a quote or batch must be answered by (nil: no limit).
    func route(_ path: String, _ request: inout Request, deadline: ContinuousClock.Instant?) async -> Reply {
        // Errors found before a request's own "lang" is read are in the language of its Accept-Language.
        let language = Self.language(request.headers)
        switch path {
        case "/v1/quote":
            guard request.method == .post else { return methodNotAllowed("POST", language) }
            let headers = request.headers
            return await withBody(&request, language) { await quote($0, headers, deadline: deadline) }
        case "/v1/quotes":
            guard request.method == .post else { return methodNotAllowed("POST", language) }
            let headers = request.headers
            return await withBody(&request, language) { await batch($0, headers, deadline: deadline) }
        case "/v1/catalog":
            guard request.method == .get else { return methodNotAllowed("GET", language) }
            return catalogInfo(language)
        case "/health":
            guard request.method == .get else { return methodNotAllowed("GET", language) }
            return health()
        case "/metrics":
            guard request.method == .get else { return methodNotAllowed("GET", language) }
            return Reply(
                status: .ok, body: String(decoding: metrics.text(), as: UTF8.self), contentType: "text/plain; version=0.0.4; charset=utf-8")
        case _ where path.hasPrefix("/v1/quotes/"):
            return await savedQuote(path, &request)
        default:
            return .serviceError(ServiceCodes.notFound, Message("service.not_found", .text(path)), in: language)
        }
    }

    func methodNotAllowed(_ allowed: String, _ language: Language) -> Reply {
        var reply = Reply.serviceError(
            ServiceCodes.methodNotAllowed, Message("service.method_not_allowed", .verbatim(allowed)), in: language)
        reply.headers[.allow] = allowed
        return reply
    }

    /// Reads the body (at most `maximumBodyBytes`) and answers it; a larger body is a 413 `request_too_large`.
    func withBody(_ request: inout Request, _ language: Language, _ answer: ([UInt8]) async -> Reply) async -> Reply {
        let limit = configuration.maximumBodyBytes
        let tooLarge = QuoteError(.requestTooLarge, Message("service.body_too_large", .verbatim(String(limit))))
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { return .error(tooLarge, in: language) }
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return await answer(Array(buffer.readableBytesView))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return .error(tooLarge, in: language)
        } catch {
            return .error(QuoteError(.invalidRequest, Message("service.body_unreadable", .verbatim("\(error)"))), in: language)
        }
    }

    /// The language of a request's errors: its JSON body's `"lang"` when it has a valid one, else the first of
    /// Accept-Language's languages that is Russian or English (`ru-RU,ru;q=0.9`), else English.
    static func language(_ headers: HTTPFields, body: [UInt8]? = nil) -> Language {
        if let body {
            let bytes = JSONRequest.hasByteOrderMark(body) ? Array(body.dropFirst(3)) : body
            if case .success(.object(let members)) = JSONParser.parse(bytes),
                case .string(let lang)? = members.first(where: { $0.key == "lang" })?.value,
                let l = Language(rawValue: lang.lowercased())
            {
                return l
            }
        }
        for part in (headers[.acceptLanguage] ?? "").split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingPrefix(while: \.isWhitespace).lowercased() } ?? ""
            let primary = tag.split(separator: "-").first.map(String.init) ?? ""
            if let l = Language(rawValue: primary) { return l }
        }
        return .en
    }

    func logAccess(_ request: Request, path: String, reply: Reply, duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "path": "\(path)", "status": "\(reply.status.code)", "us": "\(micros)",
            "bytes": "\(reply.body.utf8.count)",
        ]
        if !reply.errorCodes.isEmpty { metadata["codes"] = "\(Set(reply.errorCodes).sorted().joined(separator: ","))" }
        logger.info("request", metadata: metadata)
    }
}
