import Hummingbird
import HTTPTypes
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

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        var request = request
        let path = request.uri.path
        let reply = await route(path, &request)
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

    func route(_ path: String, _ request: inout Request) async -> Reply {
        switch path {
        case "/v1/quote":
            guard request.method == .post else { return methodNotAllowed("POST") }
            let headers = request.headers
            return await withBody(&request) { quote($0, headers) }
        case "/v1/quotes":
            guard request.method == .post else { return methodNotAllowed("POST") }
            let headers = request.headers
            return await withBody(&request) { batch($0, headers) }
        case "/v1/catalog":
            guard request.method == .get else { return methodNotAllowed("GET") }
            return catalogInfo()
        case "/health":
            guard request.method == .get else { return methodNotAllowed("GET") }
            return health()
        case "/metrics":
            guard request.method == .get else { return methodNotAllowed("GET") }
            return Reply(status: .ok, body: String(decoding: metrics.text(), as: UTF8.self), contentType: "text/plain; version=0.0.4; charset=utf-8")
        case _ where path.hasPrefix("/v1/quotes/"):
            return await savedQuote(path, &request)
        default:
            return .serviceError(
                ServiceCodes.notFound,
                "No such resource: \(path). The service has POST /v1/quote, POST /v1/quotes, GET /v1/quotes/{id}, POST /v1/quotes/{id}/status, GET /v1/catalog, GET /health and GET /metrics.")
        }
    }

    func methodNotAllowed(_ allowed: String) -> Reply {
        var reply = Reply.serviceError(ServiceCodes.methodNotAllowed, "This resource takes \(allowed) only.")
        reply.headers[.allow] = allowed
        return reply
    }

    /// Reads the body (at most `maximumBodyBytes`) and answers it; a larger body is a 413 `request_too_large`.
    func withBody(_ request: inout Request, _ answer: ([UInt8]) -> Reply) async -> Reply {
        let limit = configuration.maximumBodyBytes
        let tooLarge = QuoteError(.requestTooLarge, "The request body is larger than \(limit) bytes; send at most 1 MiB per request (split a batch).")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { return .error(tooLarge) }
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return answer(Array(buffer.readableBytesView))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return .error(tooLarge)
        } catch {
            return .error(QuoteError(.invalidRequest, "The request body could not be read (\(error)); send it again."))
        }
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
