import QuoteCore
import Synchronization

/// The catalog a long-running front end (`quote serve`) quotes against, picked up again when it is
/// rebuilt or imported on disk, without a restart.
///
/// `refresh()` (called every second or so, off the request path) checks the database file's identity
/// and, for a CSV folder, whether a file is newer than its compiled database; a changed catalog is
/// opened and loaded completely before it replaces the current one in one step. A catalog that
/// cannot be opened leaves the previous one serving, and the failure is reported.
public final class LiveCatalog: Sendable {
    /// `--catalog PATH`, else `QUOTE_CATALOG`, else the demo catalog under `sourceRoot`.
    let explicit: String?
    let sourceRoot: String?
    /// The largest database file held in memory; larger ones are read per request.
    let warmLimit: Int64
    private let state = Mutex(State())

    struct State {
        var current: CatalogGeneration?
        /// Why the last attempt to open the catalog failed (nil after a success).
        var failure: QuoteError?
        var generations = 0
    }

    /// What `refresh()` did.
    public enum Change: Sendable, Equatable {
        case unchanged
        case replaced(CatalogInfo, generation: Int)
        case failed(QuoteError)
    }

    /// Opens the catalog now; a failure is kept (see `current`) and retried by `refresh()`.
    /// - Parameter inMemory: hold the whole catalog in memory whatever its size (else only catalogs up
    ///   to `CatalogGeneration.warmLimitBytes` on disk are).
    public init(explicit: String?, sourceRoot: String?, inMemory: Bool = false) {
        self.explicit = explicit
        self.sourceRoot = sourceRoot
        self.warmLimit = inMemory ? Int64.max : CatalogGeneration.warmLimitBytes
        _ = refresh()
    }

    /// The generation to answer a request with, or why there is none.
    public var current: Result<CatalogGeneration, QuoteError> {
        state.withLock { s in
            if let c = s.current { return .success(c) }
            return .failure(s.failure ?? QuoteError(.catalogUnavailable, Message("catalog.not_loaded")))
        }
    }

    /// Why the last reload failed while an older catalog goes on serving (nil when all is well).
    public var lastFailure: QuoteError? { state.withLock { $0.failure } }

    /// Opens the catalog again if it changed on disk since the current generation was opened.
    public func refresh() -> Change {
        do {
            let database = try databasePath()
            let identity = FileIdentity(path: database)
            let current = state.withLock { $0.current }
            if let current, identity != nil, current.identity == identity, current.info.path == database {
                state.withLock { $0.failure = nil }
                return .unchanged
            }
            let store = try CatalogLocator.open(explicit: explicit, sourceRoot: sourceRoot)
            let number = state.withLock { $0.generations + 1 }
            let generation = try CatalogGeneration(store: store, identity: identity, number: number, warmLimit: warmLimit)
            state.withLock {
                $0.current = generation
                $0.generations = number
                $0.failure = nil
            }
            return .replaced(generation.info, generation: number)
        } catch {
            state.withLock { $0.failure = error }
            return .failed(error)
        }
    }

    /// The database file to watch: the path given, or the compiled database of a CSV folder (compiling
    /// it when one of the folder's files is newer).
    func databasePath() throws(QuoteError) -> String {
        var path = explicit ?? FileIO.environment("QUOTE_CATALOG") ?? ""
        if path.isEmpty {
            guard let demo = CatalogLocator.demoDirectory(sourceRoot: sourceRoot) else {
                throw QuoteError(.catalogUnavailable, Message("catalog.no_demo"))
            }
            path = demo
        }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        // A folder: its compiled database (compiled under the folder's writers' lock when stale; see FolderCatalog).
        return FileIO.isDirectory(path) ? try FolderCatalog.open(path).path : path
    }
}
