/// What the services say in English: `quote serve` (HTTP), the saved quotes and `quote-store`, `quote bench`,
/// a requests file. Same keys and parameters as `MessageTemplates+service-ru.swift` (a test checks it).
extension MessageTemplates {
    public static let serviceEN: [MessageKey: String] = [
        // HTTP
        "service.not_found":
            "No such resource: {0}. The service has POST /v1/quote, POST /v1/quotes, GET /v1/quotes/{id}, POST /v1/quotes/{id}/status, GET /v1/catalog, GET /health and GET /metrics.",
        "service.no_saved_resource": "No such resource: {0}. Saved quotes are GET /v1/quotes/{id} and POST /v1/quotes/{id}/status.",
        "service.method_not_allowed": "This resource takes {0} only.",
        "service.body_too_large": "The request body is larger than {0} bytes; send at most 1 MiB per request (split a batch).",
        "service.body_unreadable": "The request body could not be read ({0}); send it again.",
        "service.batch_invalid": "The batch is not valid JSON: {0} (at byte {1}). Send a JSON array of requests or one request per line.",
        "service.batch_empty": "The batch is empty: send a JSON array of requests, or one request per line.",
        "service.batch_too_large": "A batch may hold at most {0} requests (this one has {1}).",
        "service.internal_not_allowed":
            "Internal data (costs, margins) is only for callers with a key: send it as Authorization: Bearer KEY or X-Quote-Key, or leave out \"internal\".",
        "service.saved_internal":
            "This quote was issued with internal data (costs, margins): send a key as Authorization: Bearer KEY or X-Quote-Key.",
        "service.no_saved_quotes": "This service keeps no saved quotes: start it with --quotes-db FILE.",
        "service.timed_out":
            "The answer was not computed within the service's time limit of {0} s. Send the request again later, or split a batch into smaller ones.",
        // Saved quotes
        "saved.unknown_quote": "No saved quote has the id “{0}”: it was not issued with save, or was saved to another quotes database.",
        "quotes_db.unusable": "The saved-quotes database {0} cannot be used: {1}. Name another with --quotes-db or QUOTE_QUOTES_DB.",
        "quotes_db.unreadable":
            "The saved-quotes database {0} cannot be used: {1}. Check the file and its folder, or name another with --quotes-db.",
        "quotes_db.cannot_create": "it cannot be created ({0})",
        "quotes_db.not_regular": "it is not a regular file",
        "quotes_db.folder": "its folder {0} cannot be created ({1})",
        "status.not_object": "The status must be a JSON object such as {\"status\":\"ordered\",\"order\":\"1C-000123\"}.",
        "status.unknown_field": "Unknown field “{0}”: a status has status, reason, order and manager.",
        "status.missing": "The status has no \"status\": send accepted, lost or ordered.",
        "status.not_an_outcome": "“{0}” is not an outcome: send accepted, lost or ordered.",
        "status.order_without_ordered": "\"order\" is the 1C order of an ordered quote: send \"status\":\"ordered\" with it.",
        // quote-store (run by quote)
        "quote_store.usage": "usage: quote-store save|get ID|list|mark ID --db PATH (run by quote; see quote show --help).",
        "quote_store.malformed": "quote-store got a malformed {0}: {1} is not {2}.",
        "quote_store.what.saved_quote": "saved quote",
        "quote_store.what.filter": "filter",
        "quote_store.what.status": "status",
        "quote_store.needs_id": "quote-store {0} needs a quote id.",
        "quote_store.list_input": "quote-store list reads a filter as JSON on stdin.",
        "quote_store.mark_input": "quote-store mark reads a status as JSON on stdin.",
        "quote_store.unknown_command": "quote-store: unknown command “{0}”.",
        // A file of requests (quote --jsonl FILE)
        "requests.unreadable": "The requests file {0} cannot be read: {1}.",
        "requests.empty": "The requests file {0} holds no request: give one JSON request a line.",
        // quote bench
        "bench.counts": "--quotes must be 1 to 100,000,000 and --warmup 0 to 100,000,000.",
        "bench.format": "--format is text or json, not “{0}”.",
        "bench.max_p99": "--max-p99 “{0}” is not a duration: write it as 500us, 2ms or 0.01s.",
        "bench.nothing_to_quote": "The catalog has no stocked product or no city with a route: there is nothing to quote.",
        "quotes_db.folder_unopened": "its folder {0} cannot be opened ({1})",
    ]
}
