import QuoteCore
import Synchronization

/// One catalog database as a long-running front end serves it: opened once, immutable, shared by
/// every request that started while it was current. A rebuilt database becomes a new generation; a
/// request keeps the generation it started with, so it sees the old or the new catalog, never a mix.
public final class CatalogGeneration: Sendable {
    public let info: CatalogInfo
    /// Counts the catalogs a front end has served, from 1.
    public let number: Int
    /// The device, inode, size and modification time of the file this generation opened.
    let identity: FileIdentity?
    /// The whole catalog, for catalogs up to `warmLimitBytes` on disk.
    let warm: Catalog?
    /// Open stores of this generation's file, for catalogs too large to hold in memory.
    private let pool: StorePool

    /// Catalogs up to this size on disk are held in memory (as `--jsonl` does).
    public static let warmLimitBytes: Int64 = 64 << 20

    /// Takes over `store` (opened by `CatalogLocator.open`), loading it into memory if it is modest.
    /// - Parameters:
    ///   - identity: the file's identity taken before `store` was opened.
    ///   - warmLimit: the largest database file held in memory (`warmLimitBytes` unless a front end
    ///     was asked to hold any catalog in memory).
    init(store: CatalogStore, identity: FileIdentity?, number: Int, warmLimit: Int64 = warmLimitBytes) throws(QuoteError) {
        let warm = store.fileSize <= warmLimit ? try store.loadAll() : nil
        self.warm = warm
        self.info = store.info(inMemory: warm != nil)
        self.number = number
        self.identity = identity
        self.pool = StorePool(path: store.path, identity: identity, first: store)
    }

    /// The catalog rows `request` needs: from memory, or from one of this generation's stores.
    func snapshot(for request: QuoteRequest) throws(QuoteError) -> Catalog {
        if let warm { return warm }
        return try pool.withStore { (store) throws(QuoteError) -> Catalog in try store.snapshot(for: request) }
    }
}

/// Device, inode, size and modification time of a file: a rename over it (how `quote catalog build` replaces a
/// database) changes the first two, an in-place update (how `quote catalog import` commits) the last ones.
struct FileIdentity: Sendable, Equatable {
    var signature: [Int64]

    init?(path: String) {
        guard let s = FileIO.signature(path) else { return nil }
        signature = s
    }
}

/// SQLite connections to one database file, each used by one request at a time.
final class StorePool: Sendable {
    /// A store handed between threads; the pool lends each to one request at a time.
    struct Lent: @unchecked Sendable { let store: CatalogStore }

    let path: String
    let identity: FileIdentity?
    private let free: Mutex<[Lent]>
    static let keep = 16

    init(path: String, identity: FileIdentity?, first: CatalogStore) {
        self.path = path
        self.identity = identity
        free = Mutex([Lent(store: first)])
    }

    /// Runs `body` with a store of this pool's file. A store opened now is kept only if it is still
    /// the same file (a build may have replaced it since): either way one request reads one file.
    func withStore<T>(_ body: (CatalogStore) throws(QuoteError) -> T) throws(QuoteError) -> T {
        let lent = free.withLock { $0.popLast() }
        let store: CatalogStore
        var keep = true
        if let lent {
            store = lent.store
        } else {
            store = try CatalogStore(path: path)
            keep = FileIdentity(path: path) == identity && !store.isReplaced
        }
        defer {
            if keep { free.withLock { if $0.count < Self.keep { $0.append(Lent(store: store)) } } }
        }
        return try body(store)
    }
}
