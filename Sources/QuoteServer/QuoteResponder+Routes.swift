import HTTPTypes
import QuoteCatalog
import QuoteCore
import QuoteGLPK

extension QuoteResponder {
    /// `POST /v1/quote`: one request, the response `quote --json` prints; 503 `timed_out` when it is not
    /// computed by `deadline`.
    func quote(_ body: [UInt8], _ headers: HTTPFields, deadline: ContinuousClock.Instant?) async -> Reply {
        let generation: CatalogGeneration
        switch catalog.current {
        case .success(let g): generation = g
        case .failure(let error): return .error(error, id: Self.requestID(body), in: Self.language(headers, body: body))
        }
        let now = Moment.now(offsetSeconds: generation.info.utcOffsetSeconds)
        let allow = configuration.internalKeys.allows(headers)
        let before = configuration.beforeWork
        let answered = await worker.run(until: deadline) { _ in
            before?(body)
            return generation.answer(body, now: now, allowInternal: allow, solver: GLPKSolver())
        }
        guard let answer = answered else { return timedOut(id: Self.requestID(body), in: Self.language(headers, body: body)) }
        return .single(await keep(answer, generation: generation))
    }

    /// `POST /v1/quotes`: a JSON array of requests, or NDJSON (one request a line), answered in order
    /// as a JSON array of responses and errors. A bad request gets its error in its place; the batch is 200,
    /// or 503 `timed_out` as a whole when it is not computed by `deadline` (it stops at the next request).
    func batch(_ body: [UInt8], _ headers: HTTPFields, deadline: ContinuousClock.Instant?) async -> Reply {
        let requests: [BatchItem]
        let language = Self.language(headers)
        switch Self.split(body, maximum: configuration.maximumBatch) {
        case .success(let items): requests = items
        case .failure(let error): return .error(error, in: language)
        }
        let generation: CatalogGeneration
        switch catalog.current {
        case .success(let g): generation = g
        case .failure(let error): return .error(error, in: language)
        }
        let allow = configuration.internalKeys.allows(headers)
        let now = Moment.now(offsetSeconds: generation.info.utcOffsetSeconds)
        let before = configuration.beforeWork
        let answered = await worker.run(until: deadline) { isLate in
            before?(body)
            var answers: [JSONAnswer] = []
            answers.reserveCapacity(requests.count)
            for item in requests {
                if isLate() { break }
                switch item {
                case .value(let v): answers.append(generation.answer(value: v, now: now, allowInternal: allow, solver: GLPKSolver()))
                case .line(let bytes): answers.append(generation.answer(bytes, now: now, allowInternal: allow, solver: GLPKSolver()))
                }
            }
            return answers
        }
        guard let answers = answered else { return timedOut(id: nil, in: language) }
        var text = "["
        var codes: [String] = []
        for (i, computed) in answers.enumerated() {
            let answer = await keep(computed, generation: generation)
            if i > 0 { text += "," }
            text += answer.text
            switch answer.outcome {
            case .quoted: break
            case .failed(let code): codes.append(code.rawValue)
            case .internalRefused: codes.append(JSONAnswer.internalNotAllowed)
            }
        }
        return .json(.ok, text + "]", errorCodes: codes)
    }

    /// 503 `timed_out`: the answer was not computed within the service's time limit.
    func timedOut(id: JSONValue?, in language: Language) -> Reply {
        let seconds = Quantity(milli: Int64(configuration.requestTimeoutMilliseconds))
        return .serviceError(ServiceCodes.timedOut, Message("service.timed_out", .number(seconds)), in: language, id: id)
    }

    enum BatchItem: Sendable {
        case value(JSONValue)
        case line([UInt8])
    }

    /// The requests of a batch body: the elements of a JSON array, or the non-blank lines of NDJSON.
    static func split(_ body: [UInt8], maximum: Int) -> Result<[BatchItem], QuoteError> {
        let bytes = JSONRequest.hasByteOrderMark(body) ? Array(body.dropFirst(3)) : body
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        var items: [BatchItem] = []
        if bytes.first(where: { !isSpace($0) }) == UInt8(ascii: "[") {
            switch JSONParser.parse(bytes) {
            case .success(.array(let values)): items = values.map(BatchItem.value)
            case .success: break
            case .failure(let f):
                return .failure(
                    QuoteError(.invalidJSON, Message("service.batch_invalid", .verbatim(f.message), .verbatim(String(f.offset)))))
            }
        } else {
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) where !line.allSatisfy(isSpace) {
                items.append(.line(Array(line)))
            }
        }
        guard !items.isEmpty else {
            return .failure(QuoteError(.emptyRequest, Message("service.batch_empty"), field: ""))
        }
        guard items.count <= maximum else {
            return .failure(
                QuoteError(
                    .requestTooLarge, Message("service.batch_too_large", .verbatim(String(maximum)), .verbatim(String(items.count))),
                    field: ""))
        }
        return .success(items)
    }

    /// The `id` of a request that could not be answered at all (no catalog), to echo with the error.
    static func requestID(_ body: [UInt8]) -> JSONValue? {
        let bytes = JSONRequest.hasByteOrderMark(body) ? Array(body.dropFirst(3)) : body
        guard case .success(.object(let members)) = JSONParser.parse(bytes) else { return nil }
        return members.first { $0.key == "id" }?.value
    }
}
