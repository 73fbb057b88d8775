import QuoteCatalog
import QuoteCore
import QuoteGLPK

#if canImport(Glibc)
import Glibc
#endif

/// `quote --json` (one request on stdin, one response on stdout) and `quote --jsonl` (a stream: one
/// request per line in, one response per line out, in order, flushed line by line, until EOF).
enum JSONMode {
    /// The largest request accepted, in bytes (one line for `--jsonl`). Larger is a `request_too_large`
    /// error, read past without being kept in memory.
    static let maximumRequestBytes = 1 << 20

    /// Answers one request; returns the exit status (0 quoted, 1 not quotable, 2 bad request, 3 catalog).
    static func single(catalog path: String?, saving: SaveOptions) -> Int32 {
        let session = SaveSession(saving)
        defer { session.finish() }
        if saving.save { _ = try? session.saver() }  // started ahead: its start-up overlaps the quote's
        var reader = LineReader(limit: maximumRequestBytes)
        let input = reader.readAll()
        let store: CatalogStore
        do {
            store = try CatalogLocator.open(explicit: path, sourceRoot: sourceRoot)
        } catch {
            // The request was read: echo its id with the catalog error, as with any other error.
            var id: JSONValue?
            if case .line(let bytes) = input, case .success(.object(let members)) = JSONParser.parse(bytes) {
                id = members.first { $0.key == "id" }?.value
            }
            Output.write(error.json(id: id) + "\n")
            return error.code.exitStatus
        }
        let (text, status) = answer(input, store: store, session: session)
        Output.write(text + "\n")
        return status
    }

    /// Answers requests line by line until EOF. A bad line gets an error object and the stream goes on.
    /// - Parameter inMemory: hold the whole catalog in memory whatever its size (`--in-memory`).
    static func stream(catalog path: String?, saving: SaveOptions, inMemory: Bool = false) -> Int32 {
        let session = SaveSession(saving)
        defer { session.finish() }
        signal(SIGPIPE, SIG_IGN)  // a reader that goes away ends the loop, not the process by signal
        var store: CatalogStore
        do {
            store = try CatalogLocator.open(explicit: path, sourceRoot: sourceRoot)
        } catch {
            Output.write(error.json() + "\n")
            Output.flush()
            return error.code.exitStatus
        }
        // A stream stays warm: a catalog of modest size (any, with `--in-memory`) is read into memory once
        // (and again when a build replaces it), so each request is answered without going back to SQLite.
        let limit = inMemory ? Int64.max : warmLimitBytes
        var (warm, damage) = loadWarm(store, limit: limit)
        var reader = LineReader(limit: maximumRequestBytes)
        while let line = reader.nextLine() {
            if case .line(let bytes) = line, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }  // blank lines
            if store.isReplaced, let fresh = try? CatalogStore(path: store.path) {
                store = fresh
                (warm, damage) = loadWarm(store, limit: limit)
            }
            let text: String
            switch line {
            case .line(let bytes): text = answer(.line(bytes), store: store, warm: warm, damage: damage, session: session).text
            case .tooLong: text = answer(.tooLong, store: store).text
            }
            Output.write(text + "\n")
            if !Output.flushSucceeded() { return 0 }  // stdout closed by the reader: nothing left to say
        }
        return 0
    }

    /// Catalogs up to this size on disk are held in memory by a `--jsonl` stream (as by the service).
    static let warmLimitBytes = CatalogGeneration.warmLimitBytes

    /// The whole catalog for a stream, when it is small enough; or why it cannot be read whole. Reading it whole
    /// checks every row and the content checksum, so a damaged file — even one whose damage only hides rows from
    /// indexed look-ups, which a request's own rows cannot show — is known here and no request is quoted from it.
    static func loadWarm(_ store: CatalogStore, limit: Int64 = warmLimitBytes) -> (catalog: Catalog?, damage: QuoteError?) {
        guard store.fileSize <= limit else { return (nil, nil) }
        do {
            return (try store.loadAll(), nil)
        } catch {
            return (nil, error)
        }
    }

    /// The response text and the exit status for one request.
    static func answer(
        _ input: LineReader.Line, store: CatalogStore, warm: Catalog? = nil, damage: QuoteError? = nil, session: SaveSession? = nil
    ) -> (text: String, status: Int32) {
        guard case .line(let bytes) = input else {
            let e = QuoteError(.requestTooLarge, Message("json.too_large", .integer(Int64(maximumRequestBytes))))
            return (e.json(), e.code.exitStatus)
        }
        let now = Output.now(offsetSeconds: store.utcOffsetSeconds)
        switch JSONRequest.decode(bytes, now: now, offsetSeconds: store.utcOffsetSeconds) {
        case .failure(let f):
            return (f.error.json(id: f.id, renderer: CLIMessages.renderer(f.language)), f.error.code.exitStatus)
        case .success(let r):
            let renderer = CLIMessages.renderer(r.language)
            if let damage { return (damage.json(id: r.id, renderer: renderer), damage.code.exitStatus) }
            do {
                let snapshot: Catalog
                if let warm { snapshot = warm } else { snapshot = try store.snapshot(for: r.request) }
                let quote = try QuoteEngine.quote(r.request, catalog: snapshot, explain: r.explain, solver: GLPKSolver())
                let text = quote.json(id: r.id, includeInternal: r.includeInternal, language: r.language)
                if let session, r.save || session.options.save {
                    try session.saver().save(
                        quote, request: r.request, explain: r.explain, response: text, store: store, manager: r.manager)
                }
                return (text, 0)
            } catch {
                return (error.json(id: r.id, renderer: renderer), error.code.exitStatus)
            }
        }
    }
}

/// Reads standard input line by line with a bound on a line's length, so no input can make it hold
/// more than `limit` bytes.
struct LineReader {
    enum Line {
        case line([UInt8])
        /// A line longer than the limit (its bytes were skipped).
        case tooLong
    }

    let limit: Int
    private var buffer = [UInt8](repeating: 0, count: 65_536)
    private var start = 0
    private var end = 0
    private var eof = false

    init(limit: Int) { self.limit = limit }

    private mutating func fill() -> Bool {
        guard !eof else { return false }
        start = 0
        end = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n > 0 {
                end = n
                return true
            }
            if n < 0 && errno == EINTR { continue }
            eof = true
            return false
        }
    }

    /// The next line without its line end, or nil at the end of input. A last line without a newline
    /// still counts.
    mutating func nextLine() -> Line? {
        var line: [UInt8] = []
        var overflow = false
        var sawAnything = false
        while true {
            if start == end && !fill() {
                if !sawAnything { return nil }
                return overflow ? .tooLong : .line(line)
            }
            sawAnything = true
            if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
                if !overflow {
                    if line.count + (nl - start) > limit { overflow = true } else { line.append(contentsOf: buffer[start..<nl]) }
                }
                start = nl + 1
                return overflow ? .tooLong : .line(line)
            }
            if !overflow {
                if line.count + (end - start) > limit {
                    overflow = true
                    line = []
                } else {
                    line.append(contentsOf: buffer[start..<end])
                }
            }
            start = end
        }
    }

    /// All of standard input (for `--json`), or `.tooLong` past the limit.
    mutating func readAll() -> Line {
        var all: [UInt8] = []
        while start < end || fill() {
            all.append(contentsOf: buffer[start..<end])
            start = end
            if all.count > limit {
                while fill() {}
                return .tooLong
            }
        }
        return .line(all)
    }
}
