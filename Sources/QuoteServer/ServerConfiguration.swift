import NIOPosix
import QuoteCatalog
import QuoteCore
import SavedQuotes

#if canImport(Glibc)
import Glibc
#endif

/// How `quote serve` / `quote-server` was asked to run.
public struct ServerConfiguration: Sendable {
    /// The address to bind: loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (the tests do).
    public var port = 8080
    /// `--catalog PATH`: a compiled database or a CSV folder; nil for `QUOTE_CATALOG` or the demo.
    public var catalog: String?
    /// Where the bundled demo catalog is looked for when no catalog is given.
    public var sourceRoot: String?
    /// Keys that let a caller see internal data (`"internal": true`).
    public var internalKeys = InternalKeys(keys: [])
    /// The largest request body accepted, in bytes (as one `--jsonl` line).
    public var maximumBodyBytes = 1 << 20
    /// The most requests one batch may hold.
    public var maximumBatch = 1_000
    /// How often the catalog file is checked for a rebuild, in milliseconds.
    public var reloadIntervalMilliseconds = 1_000
    /// Access logs (one line per request, at info) or only warnings and errors.
    public var accessLog = true
    /// The saved-quotes database (`--quotes-db`, else `QUOTE_QUOTES_DB`, else the user's data directory).
    public var quotesDB: String?
    /// Hold the whole catalog in memory whatever its size (`--in-memory`); else only catalogs up to
    /// `CatalogGeneration.warmLimitBytes` are, and larger ones are read per request from SQLite.
    public var inMemory = false
    /// How long a quote or a batch may take, from its request's head to its answer, in milliseconds
    /// (`--request-timeout SECONDS`, default 10 s); past it the caller gets 503 `timed_out`. 0: no limit
    /// (the work then runs on the request's own task).
    public var requestTimeoutMilliseconds = 10_000
    /// Tests only: called on the worker's thread before a quote or batch is computed, with its body (a
    /// test holds the thread there, as a slow computation would).
    package var beforeWork: (@Sendable (_ body: [UInt8]) -> Void)?
    /// Tests only: the threads quotes are computed on (nil: NIO's shared pool, one thread per core).
    package var workerPool: NIOThreadPool?

    public init() {}

    public static let usage = """
        USAGE: quote serve [--host 127.0.0.1] [--port 8080] [--catalog PATH] [--internal-keys-file FILE] [--in-memory] [--request-timeout SECONDS] [--no-access-log]

        Serves the engine over HTTP/JSON: POST /v1/quote, POST /v1/quotes, GET /v1/quotes/{id}, POST /v1/quotes/{id}/status, GET /v1/catalog, GET /health, GET /metrics.
          --host HOST                 address to bind (default 127.0.0.1, loopback only; 0.0.0.0 for every interface)
          --port PORT                 port (default 8080; 0 for any free port, printed at start)
          --catalog PATH              compiled catalog database or CSV folder (default $QUOTE_CATALOG, else the demo catalog)
          --internal-keys-file FILE   keys (one a line) that may ask for internal data, beside $QUOTE_INTERNAL_KEYS (comma-separated)
          --reload-interval MS        how often the catalog file is checked for a rebuild (default 1000)
          --quotes-db FILE            saved quotes ("save": true, GET /v1/quotes/{id}); default $QUOTE_QUOTES_DB, else $XDG_DATA_HOME/quote/quotes.sqlite, else ~/.local/share/quote/quotes.sqlite
          --request-timeout SECONDS   answer a quote or batch within this time, else 503 timed_out (default 10; 0 for no limit)
          --in-memory                 hold the whole catalog in memory, whatever its size (default: up to 64 MiB on disk)
          --no-access-log             log warnings and errors only
        """

    public enum ParseResult: Sendable {
        case run(ServerConfiguration)
        case help
        case invalid(String)
    }

    /// Reads the command-line arguments (without the program name) and the environment.
    public static func parse(_ arguments: [String], environment: (String) -> String? = ServerConfiguration.environment) -> ParseResult {
        var c = ServerConfiguration()
        var keyFile: String?
        var i = 0
        while i < arguments.count {
            var a = arguments[i]
            var value: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                value = String(a[a.index(after: eq)...])
                a = String(a[..<eq])
            }
            func next() -> String? {
                if let value { return value }
                i += 1
                return i < arguments.count ? arguments[i] : nil
            }
            switch a {
            case "-h", "--help": return .help
            case "--no-access-log": c.accessLog = false
            case "--in-memory": c.inMemory = true
            case "--host":
                guard let v = next(), !v.isEmpty else { return .invalid("--host needs an address (127.0.0.1, ::1, 0.0.0.0).") }
                c.host = v
            case "--port":
                guard let v = next(), let p = Int(v), (0...65_535).contains(p) else {
                    return .invalid("--port needs a port number from 0 to 65535.")
                }
                c.port = p
            case "--catalog":
                guard let v = next(), !v.isEmpty else { return .invalid("--catalog needs a path.") }
                c.catalog = v
            case "--quotes-db":
                guard let v = next(), !v.isEmpty else { return .invalid("--quotes-db needs a path.") }
                c.quotesDB = v
            case "--internal-keys-file":
                guard let v = next(), !v.isEmpty else { return .invalid("--internal-keys-file needs a path.") }
                keyFile = v
            case "--reload-interval":
                guard let v = next(), let ms = Int(v), (10...3_600_000).contains(ms) else {
                    return .invalid("--reload-interval needs milliseconds from 10 to 3600000.")
                }
                c.reloadIntervalMilliseconds = ms
            case "--request-timeout":
                guard let v = next(), let ms = requestTimeout(v) else {
                    return .invalid("--request-timeout needs seconds from 0.001 to 3600 (such as 10 or 2.5), or 0 for no limit.")
                }
                c.requestTimeoutMilliseconds = ms
            default: return .invalid("Unknown argument “\(arguments[i])”. See `quote serve --help`.")
            }
            i += 1
        }
        c.quotesDB = QuoteStoreLocation.path(explicit: c.quotesDB, environment: environment)
        switch InternalKeys.load(environment: environment("QUOTE_INTERNAL_KEYS"), file: keyFile) {
        case .success(let keys): c.internalKeys = keys
        case .failure(let message): return .invalid(message.text)
        }
        return .run(c)
    }

    /// Seconds with up to three decimals ("10", "2.5", "0.25") as milliseconds; nil outside 0...3600.
    static func requestTimeout(_ text: String) -> Int? {
        guard case .success(let q) = Quantity.parse(Substring(text)), (0...3_600_000).contains(q.milli) else { return nil }
        return Int(q.milli)
    }

    @Sendable public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }
}
