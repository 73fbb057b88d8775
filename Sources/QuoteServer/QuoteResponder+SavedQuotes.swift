import HTTPTypes
import Hummingbird
import QuoteCatalog
import QuoteCore
import SavedQuotes

/// Saved quotes over HTTP: `"save": true` on a quote keeps it; `GET /v1/quotes/{id}` gives it back (so 1C
/// fills the order card from the number the manager reads out); `POST /v1/quotes/{id}/status` records
/// the outcome.
extension QuoteResponder {
    /// The saved-quotes store, or why there is none (every saved-quote request then gets that error, 503).
    var store: Result<any SavedQuoteStore, QuoteError> {
        savedQuotes ?? .failure(QuoteError(.quoteStoreUnavailable, Message("service.no_saved_quotes")))
    }

    /// Keeps an answer's quote when its request asked to be saved; the answer becomes the store's error when
    /// that fails (the quote is then not given out as saved). The write (and its commit's fsync) runs on
    /// the store's own queue, not on the request's thread.
    func keep(_ answer: JSONAnswer, generation: CatalogGeneration) async -> JSONAnswer {
        guard let issued = answer.issued else { return answer }
        let r = issued.request
        let saved = SavedQuote(
            issuing: issued.quote, request: r.request.json(explain: r.explain), response: answer.text,
            catalogVersion: generation.info.version,
            manager: r.manager, savedAt: Moment.now(offsetSeconds: generation.info.utcOffsetSeconds))
        do throws(QuoteError) {
            switch store {
            case .success(let s): _ = try await s.saveAsync(saved)
            case .failure(let e): throw e
            }
            return answer
        } catch {
            return JSONAnswer(text: error.json(id: r.id, renderer: MessageRenderer(r.language)), outcome: .failed(error.code))
        }
    }

    /// `/v1/quotes/{id}` and `/v1/quotes/{id}/status`.
    func savedQuote(_ path: String, _ request: inout Request) async -> Reply {
        let language = Self.language(request.headers)
        let rest = path.dropFirst("/v1/quotes/".count)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, parts.count <= 2, parts.count == 1 || parts[1] == "status" else {
            return .serviceError(ServiceCodes.notFound, Message("service.no_saved_resource", .text(path)), in: language)
        }
        let id = first.uppercased()
        if parts.count == 1 {
            guard request.method == .get else { return methodNotAllowed("GET", language) }
            return fetch(id, allowInternal: configuration.internalKeys.allows(request.headers), language: language)
        }
        guard request.method == .post else { return methodNotAllowed("POST", language) }
        return await withBody(&request, language) { await mark(id, $0, language) }
    }

    /// The saved quote with its request and response as issued (never the saved form, which holds costs); a
    /// response issued with internal data only to a caller with a key.
    func fetch(_ id: String, allowInternal: Bool, language: Language) -> Reply {
        do throws(QuoteError) {
            switch store {
            case .failure(let e): throw e
            case .success(let s):
                guard let q = try s.quote(id: id) else { throw QuoteError.unknownQuote(id, field: "id") }
                if q.responseIsInternal && !allowInternal {
                    return .serviceError(ServiceCodes.internalNotAllowed, Message("service.saved_internal"), in: language)
                }
                return .json(.ok, q.json(now: Moment.now(offsetSeconds: q.savedAt.offsetSeconds), form: false))
            }
        } catch {
            return .error(error, in: language)
        }
    }

    /// `{"status":"ordered","order":"1C-000123","reason":…,"manager":…}`.
    func mark(_ id: String, _ body: [UInt8], _ language: Language) async -> Reply {
        do throws(QuoteError) {
            // Moments in the catalog's offset, as the quotes themselves are.
            let offset = (try? catalog.current.get())?.info.utcOffsetSeconds ?? 0
            let status = try Self.status(body, at: Moment.now(offsetSeconds: offset))
            switch store {
            case .failure(let e): throw e
            case .success(let s):
                guard let q = try await s.markAsync(id: id, status) else { throw QuoteError.unknownQuote(id, field: "id") }
                return .json(.ok, q.json(summaryOnly: true, now: status.at))
            }
        } catch {
            return .error(error, in: language)
        }
    }

    static let statusFields = ["status", "reason", "order", "manager"]

    static func status(_ body: [UInt8], at now: Moment) throws(QuoteError) -> QuoteStatus {
        let bytes = JSONRequest.hasByteOrderMark(body) ? Array(body.dropFirst(3)) : body
        guard case .success(let value) = JSONParser.parse(bytes), case .object(let members) = value else {
            throw QuoteError(.invalidJSON, Message("status.not_object"))
        }
        for m in members where !statusFields.contains(m.key) {
            throw QuoteError(.unknownField, Message("status.unknown_field", .text(m.key)), field: m.key, candidates: statusFields)
        }
        func text(_ key: String) throws(QuoteError) -> String? {
            switch members.first(where: { $0.key == key })?.value {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case let other?:
                throw QuoteError(.invalidType, Message("json.not_string", .verbatim(key), .verbatim(other.typeName)), field: key)
            }
        }
        guard let outcomeText = try text("status") else {
            throw QuoteError(.missingField, Message("status.missing"), field: "status")
        }
        guard let outcome = QuoteStatus.Outcome(rawValue: outcomeText) else {
            throw QuoteError(
                .invalidStatus, Message("status.not_an_outcome", .text(outcomeText)), field: "status",
                candidates: QuoteStatus.Outcome.allCases.map(\.rawValue))
        }
        let order = try text("order")
        if order != nil && outcome != .ordered {
            throw QuoteError(.invalidStatus, Message("status.order_without_ordered"), field: "order")
        }
        return QuoteStatus(outcome: outcome, reason: try text("reason"), order: order, manager: try text("manager"), at: now)
    }
}
