import QuoteCore
import SavedQuotes
import SavedQuotesSQLite

#if canImport(Glibc)
import Glibc
#endif

// `quote-store COMMAND --db PATH [ID]`: the saved-quotes database for `quote`, which links no Foundation
// and so no GRDB: `quote --save`, `show`, `list`, `mark` and `requote` run this beside it and talk JSON
// over a pipe (see StoreCommand.swift). Answers go to stdout one JSON object a line; the exit status is
// 0, 2 (no such quote, a bad message) or 3 (the database cannot be used).
//
//   save  stdin: a saved quote a line → stdout: {"quoteId":…,"created":true|false} a line, each after its commit
//   get   ID → the saved quote, with its status
//   list  stdin: a filter → stdout: the quotes it selects, newest first, one a line
//   mark  ID, stdin: a status → stdout: the quote with its new status

/// Writes one answer line to stdout, whole (a short write is continued, an interrupted one retried).
func reply(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes[done...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        if n > 0 {
            done += n
        } else if n < 0 && errno == EINTR {
            continue
        } else {
            exit(3)  // the reader went away: nothing left to tell
        }
    }
}

/// The language of the answers' messages: `--lang`, as `quote` passes it (English without it).
let language: Language = {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let i = arguments.firstIndex(of: "--lang"), i + 1 < arguments.count else { return .en }
    return Language(rawValue: arguments[i + 1]) ?? .en
}()

/// An error as the answer line `quote` reads, its message in `language`.
func answer(_ error: QuoteError) -> String { error.json(renderer: MessageRenderer(language)) }

func fail(_ error: QuoteError) -> Never {
    reply(answer(error))
    exit(error.code.exitStatus)
}

func malformed(_ what: MessageKey, _ f: JSONFields.Failure) -> QuoteError {
    QuoteError(
        .invalidRequest, Message("quote_store.malformed", .message(Message(what)), .verbatim(f.path), .verbatim(f.expected)), field: f.path)
}

func readLines() -> AnyIterator<[UInt8]> {
    AnyIterator { readLine(strippingNewline: true).map { Array($0.utf8) } }
}

let arguments = Array(CommandLine.arguments.dropFirst())
var command: String?
var database: String?
var positional: [String] = []
var index = 0
while index < arguments.count {
    if arguments[index] == "--lang", index + 1 < arguments.count {
        index += 2
        continue
    }
    if arguments[index] == "--db", index + 1 < arguments.count {
        database = arguments[index + 1]
        index += 2
        continue
    }
    if command == nil { command = arguments[index] } else { positional.append(arguments[index]) }
    index += 1
}
signal(SIGPIPE, SIG_IGN)
guard let path = database, let command else {
    fail(QuoteError(.invalidRequest, Message("quote_store.usage")))
}
// Reading or marking what was never saved creates no file: no database is an empty one.
var info = stat()
if command != "save", lstat(path, &info) != 0, errno == ENOENT {
    switch command {
    case "list": exit(0)
    case "get", "mark": if let id = positional.first { fail(.unknownQuote(id, field: "id")) }
    default: break
    }
}
let store: SQLiteSavedQuoteStore
do {
    store = try SQLiteSavedQuoteStore(path: path)
} catch {
    fail(error)
}

switch command {
case "save":
    for line in readLines() where !line.isEmpty {
        do {
            let quote = try SavedQuote.decode(line)
            let created = try store.save(quote)
            var w = JSONWriter(capacity: 64)
            w.beginObject()
            w.string("quoteId", quote.quoteId)
            w.bool("created", created)
            w.endObject()
            reply(w.text)
        } catch let f as JSONFields.Failure {
            reply(answer(malformed("quote_store.what.saved_quote", f)))
        } catch let e as QuoteError {
            fail(e)
        } catch {
            fail(QuoteError(.quoteStoreUnavailable, Message.plain("\(error)")))
        }
    }
case "get":
    guard let id = positional.first else { fail(QuoteError(.invalidRequest, Message("quote_store.needs_id", .verbatim("get")))) }
    do {
        guard let q = try store.quote(id: id) else { fail(.unknownQuote(id, field: "id")) }
        reply(q.json())
    } catch {
        fail(error)
    }
case "list":
    let input = Array(readLines().joined())
    guard case .success(let value) = JSONParser.parse(input) else { fail(QuoteError(.invalidRequest, Message("quote_store.list_input"))) }
    do {
        let filter = try SavedQuoteFilter.decode(value)
        for q in try store.list(filter) { reply(q.json(summaryOnly: filter.summaryOnly)) }
    } catch let f as JSONFields.Failure {
        fail(malformed("quote_store.what.filter", f))
    } catch let e as QuoteError {
        fail(e)
    } catch {
        fail(QuoteError(.quoteStoreUnavailable, Message.plain("\(error)")))
    }
case "mark":
    guard let id = positional.first else { fail(QuoteError(.invalidRequest, Message("quote_store.needs_id", .verbatim("mark")))) }
    let input = Array(readLines().joined())
    do {
        guard case .success(let value) = JSONParser.parse(input) else {
            fail(QuoteError(.invalidRequest, Message("quote_store.mark_input")))
        }
        let status = try QuoteStatus.decode(try JSONFields(value, path: "status"))
        guard let q = try store.mark(id: id, status) else { fail(.unknownQuote(id, field: "id")) }
        reply(q.json(summaryOnly: true))
    } catch let f as JSONFields.Failure {
        fail(malformed("quote_store.what.status", f))
    } catch let e as QuoteError {
        fail(e)
    } catch {
        fail(QuoteError(.quoteStoreUnavailable, Message.plain("\(error)")))
    }
default:
    fail(QuoteError(.invalidRequest, Message("quote_store.unknown_command", .text(command)), candidates: ["save", "get", "list", "mark"]))
}
exit(0)
