import Dispatch
import Logging
import QuoteCatalog
import ServiceLifecycle

/// Checks the catalog on disk every `interval` and swaps in a rebuilt one (see `LiveCatalog`); the
/// loading runs on a thread of its own, so quoting goes on meanwhile on the old catalog.
struct CatalogWatcher: Service {
    let catalog: LiveCatalog
    let interval: Duration
    let metrics: ServerMetrics
    let logger: Logger

    func run() async throws {
        var lastFailure: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            let change = await Self.refreshOffThread(catalog)
            switch change {
            case .unchanged:
                lastFailure = nil
            case .replaced(let info, let generation):
                lastFailure = nil
                metrics.catalogReloads.increment()
                metrics.catalogGeneration.set(Int64(generation))
                logger.info(
                    "catalog loaded", metadata: ["path": "\(info.path)", "version": "\(info.version)", "generation": "\(generation)"])
            case .failed(let error):
                // Logged once per distinct problem, not every second.
                if lastFailure != error.message {
                    metrics.catalogReloadFailures.increment()
                    logger.error(
                        "catalog reload failed; the previous catalog goes on serving",
                        metadata: ["code": "\(error.code.rawValue)", "message": "\(error.message)"])
                }
                lastFailure = error.message
            }
        }
    }

    static func refreshOffThread(_ catalog: LiveCatalog) async -> LiveCatalog.Change {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: catalog.refresh()) }
        }
    }
}
