import QuoteCore

/// Where a CSV folder whose parent is read-only is compiled: the user's own cache folder,
/// `$XDG_CACHE_HOME/quote` or else `~/.cache/quote`, created with mode 0700.
///
/// It once went to a predictable `/tmp/quote-catalog-<hash>.sqlite` and was used as found, so another local
/// user could plant a catalog there. Now the cache folder must be a folder (not a link) owned by this user with
/// no access for anyone else, a compiled catalog in it must be a regular file owned by this user and writable by
/// no one else, or it is removed and compiled again; and since it is not trusted by where it lies alone, its
/// content checksum is verified when it is opened — a read of every row: 7.2 million instructions (2–3 ms) for the demo,
/// seconds for a 100,000-SKU catalog, which belongs in a writable place.
enum FolderCache {
    /// The cache folder, created if needed, after checking it is private. `root` stands for `XDG_CACHE_HOME` (tests).
    static func directory(root: String? = nil) throws(QuoteError) -> String {
        let base: String
        if let root {
            base = root
        } else if let xdg = FileIO.environment("XDG_CACHE_HOME"), xdg.hasPrefix("/") {
            base = xdg
        } else if let home = FileIO.environment("HOME"), home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            throw QuoteError(.catalogUnavailable, Message("cache.no_folder"))
        }
        let dir = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/quote"
        guard FileIO.makeDirectory(base, mode: 0o700), FileIO.makeDirectory(dir, mode: 0o700), let own = FileIO.ownership(dir) else {
            throw QuoteError(.catalogUnavailable, Message("cache.cannot_create", .text(dir)))
        }
        guard own.directory, own.owner == FileIO.effectiveUser, own.mode & 0o077 == 0 else {
            let what =
                own.directory
                ? Message("cache.owned_by", .verbatim(String(own.owner)), .verbatim(String(own.mode, radix: 8)))
                : Message("cache.not_a_folder")
            throw QuoteError(.catalogUnavailable, Message("cache.not_private", .text(dir), .message(what)))
        }
        return dir
    }

    /// Where the catalog compiled from `folder` is cached: named by a hash of the folder's real path.
    static func path(for folder: String, root: String? = nil) throws(QuoteError) -> String {
        var h = FNV1a()
        h.add(FileIO.realPath(folder) ?? folder)
        return try directory(root: root) + "/catalog-" + h.hex + ".sqlite"
    }

    /// Whether a file in the cache may be used: a regular file of this user's that no one else can write.
    static func isTrusted(_ path: String) -> Bool {
        guard let own = FileIO.ownership(path) else { return false }
        return own.regular && own.owner == FileIO.effectiveUser && own.mode & 0o022 == 0
    }

    /// The cached catalog of `folder`, compiled again when it is missing, stale, untrusted or damaged.
    static func open(_ folder: String, root: String? = nil) throws(QuoteError) -> CatalogStore {
        let database = try path(for: folder, root: root)
        func usable(_ fingerprint: String) -> CatalogStore? {
            guard isTrusted(database), let store = FolderCatalog.fresh(database, fingerprint), (try? store.verifyContent()) != nil else {
                return nil
            }
            return store
        }
        if let store = usable(FolderCatalog.fingerprint(folder)) { return store }
        return try FileIO.withExclusiveLock(of: database) { () throws(QuoteError) in
            let now = FolderCatalog.fingerprint(folder)
            if let store = usable(now) { return store }
            FileIO.remove(database)  // untrusted, stale or damaged: ours to replace, whatever it is (a link is unlinked, not followed)
            try FolderCatalog.write(try FolderCatalog.compile(folder), to: database, fingerprint: now)
            return try CatalogStore(path: database)
        }
    }
}
