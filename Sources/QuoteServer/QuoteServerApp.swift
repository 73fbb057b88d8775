import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import QuoteCatalog
import QuoteCore
import SavedQuotes
import SavedQuotesSQLite
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Builds and runs the service (`quote-server`, which `quote serve` hands over to).
public enum QuoteServerApp {
    /// The version of the HTTP/JSON contract: the `/v1` in the paths, the `Quote-API-Version` header,
    /// `apiVersion` in `/health` and `/v1/catalog`.
    public static let apiVersion = "1"

    /// The application: the responder and the catalog watcher, bound as `configuration` says.
    public static func makeApplication(
        _ configuration: ServerConfiguration, catalog: LiveCatalog, metrics: ServerMetrics, logger: Logger,
        savedQuotes: Result<any SavedQuoteStore, QuoteError>? = nil,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var responder = QuoteResponder(catalog: catalog, configuration: configuration, metrics: metrics, logger: logger)
        responder.savedQuotes = savedQuotes
        if let pool = configuration.workerPool { responder.worker = Worker(pool: pool) }
        let watcher = CatalogWatcher(
            catalog: catalog, interval: .milliseconds(configuration.reloadIntervalMilliseconds), metrics: metrics, logger: logger)
        if case .success(let g) = catalog.current { metrics.catalogGeneration.set(Int64(g.number)) }
        return Application(
            // A connection that sends nothing for 30 s is closed: a stalled or trickling client holds no connection for long.
            responder: responder, server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            services: [watcher], onServerRunning: onServerRunning, logger: logger)
    }

    /// `quote-server ARGS`: parses, opens the catalog, serves until SIGTERM or SIGINT (requests in
    /// flight are finished first). Returns the exit status: 0, or 2 for bad arguments, 1 if the server failed.
    public static func main(arguments: [String], sourceRoot: String?) async -> Int32 {
        var all = sigset_t()
        sigfillset(&all)
        sigprocmask(SIG_UNBLOCK, &all, nil)  // a parent may start us with signals blocked
        var configuration: ServerConfiguration
        switch ServerConfiguration.parse(arguments) {
        case .help:
            print(ServerConfiguration.usage)
            return 0
        case .invalid(let message):
            FileOutput.error("error: \(message)\n")
            return 2
        case .run(let c): configuration = c
        }
        configuration.sourceRoot = sourceRoot
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "quote.server")
        logger.logLevel = .info
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let catalog = LiveCatalog(explicit: configuration.catalog, sourceRoot: sourceRoot, inMemory: configuration.inMemory)
        switch catalog.current {
        case .success(let g):
            logger.info(
                "catalog loaded", metadata: ["path": "\(g.info.path)", "version": "\(g.info.version)", "inMemory": "\(g.info.inMemory)"])
        case .failure(let e):
            logger.error(
                "no catalog yet: quotes get 503 until it can be opened",
                metadata: ["code": "\(e.code.rawValue)", "message": "\(e.message)"])
        }
        if configuration.internalKeys.isEmpty { logger.info("no internal keys configured: \"internal\": true is refused (403)") }
        let host = configuration.host
        let savedQuotes = openSavedQuotes(configuration, logger: logger)
        let app = makeApplication(configuration, catalog: catalog, metrics: metrics, logger: logger, savedQuotes: savedQuotes) { channel in
            // One line on stdout with the address, for scripts and tests (the port may have been 0).
            FileOutput.line("quote-server listening on http://\(host):\(channel.localAddress?.port ?? 0)")
        }
        do {
            try await app.runService()
            return 0
        } catch {
            logger.critical("server failed", metadata: ["error": "\(error)"])
            return 1
        }
    }
}

extension QuoteServerApp {
    /// The saved-quotes database the configuration names; when it cannot be opened the service still
    /// quotes, and saved-quote requests get the reason (503).
    static func openSavedQuotes(_ configuration: ServerConfiguration, logger: Logger) -> Result<any SavedQuoteStore, QuoteError>? {
        guard let path = configuration.quotesDB else { return nil }
        do {
            let store = try SQLiteSavedQuoteStore(path: path)
            logger.info("saved quotes", metadata: ["path": "\(path)"])
            return .success(store)
        } catch {
            logger.error("saved quotes unavailable", metadata: ["path": "\(path)", "message": "\(error.message)"])
            return .failure(error)
        }
    }
}

/// Lines to standard output and error, written straight to the descriptors (no shared C stream).
enum FileOutput {
    static func line(_ text: String) { write(1, text + "\n") }
    static func error(_ text: String) { write(2, text) }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            done += n
        }
    }
}
