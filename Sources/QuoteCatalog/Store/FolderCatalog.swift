import QuoteCore

/// A CSV folder used as a catalog (`--catalog FOLDER`): compiled into `FOLDER.sqlite`, or into the user's cache
/// when the folder's parent is read-only.
///
/// Consistency: every writer of a folder — a quote compiling it, `quote catalog build`, `quote catalog import` —
/// works under the writers' lock of the folder's parent (`FileIO.withExclusiveLock`), reads the files and writes
/// the database inside it, and an import replaces `stock.csv` and `sources.csv` together through a journal
/// (`FolderJournal`). A database records the folder's fingerprint (`fingerprint`) as it was when compiled; a
/// quote uses it only while the folder still has that fingerprint, and otherwise compiles again under the lock.
/// So an answer is computed on one whole catalog, a quote never writes a database from files an import has
/// since replaced, and an import that said it succeeded stays.
public enum FolderCatalog {
    /// The folder's table files (CSV and workbooks) as they are now: name, size, modification time (ns), inode and device of each.
    /// Cheap (one `stat` per file); any write or replacement of a file changes it.
    public static func fingerprint(_ folder: String) -> String {
        var h = FNV1a()
        for name in FileIO.list(folder) ?? [] where CatalogCompiler.isTableFileName(name) {
            h.add(name)
            for v in FileIO.signature(folder + "/" + name) ?? [] { h.add(v) }
        }
        return h.hex
    }

    /// Opens the catalog compiled from `folder`, compiling it first if its database is missing, of another
    /// schema or not the folder's current one.
    /// - Throws: `catalog_invalid` with the folder's errors; `catalog_unavailable` when it cannot be written.
    public static func open(_ folder: String) throws(QuoteError) -> CatalogStore {
        let database = folder + ".sqlite"
        // The cheap path, without the lock: a database that is the folder's, and no import half-done.
        if !FileIO.exists(FolderJournal.path(folder)), let store = fresh(database, fingerprint(folder)) { return store }
        guard FileIO.isWritable(FileIO.directory(of: database)) else { return try FolderCache.open(folder) }
        return try FileIO.withExclusiveLock(of: database) { () throws(QuoteError) in
            FolderJournal.recover(folder)
            let now = fingerprint(folder)
            if let store = fresh(database, now) { return store }  // another writer compiled it meanwhile
            try write(try compile(folder), to: database, fingerprint: now)
            return try CatalogStore(path: database)
        }
    }

    /// `quote catalog build FOLDER --out PATH`: compiles the folder under its writers' lock (and the target's,
    /// when it lies elsewhere) with `compile`, and writes PATH with the folder's fingerprint.
    ///
    /// `compile` is handed a closure to run on the compiled catalog while it checks the rules
    /// (`CatalogRules.compile(directory:asOf:alongside:)`): the database is written into its temporary file
    /// meanwhile, and renamed over PATH only once `compile` has returned the catalog; when it throws, the
    /// temporary file is removed and its error is the build's, as before the rules and the writing overlapped.
    public static func build(
        _ folder: String, to target: String, compile: (String, _ alongside: @escaping (Catalog) -> Void) throws(QuoteError) -> Catalog
    ) throws(QuoteError) -> Catalog {
        try FileIO.withExclusiveLock(of: folder) { () throws(QuoteError) in
            if FileIO.isWritable(FileIO.directory(of: folder)) { FolderJournal.recover(folder) }
            let now = fingerprint(folder)
            let sameFolder = FileIO.realPath(FileIO.directory(of: target)) == FileIO.realPath(FileIO.directory(of: folder))
            if sameFolder { return try buildLocked(folder, to: target, fingerprint: now, compile: compile) }
            return try FileIO.withExclusiveLock(of: target) { () throws(QuoteError) in
                try buildLocked(folder, to: target, fingerprint: now, compile: compile)
            }
        }
    }

    /// `build` under the locks: the compile, the temporary database written alongside its rules, the rename.
    private static func buildLocked(
        _ folder: String, to target: String, fingerprint: String,
        compile: (String, _ alongside: @escaping (Catalog) -> Void) throws(QuoteError) -> Catalog
    ) throws(QuoteError) -> Catalog {
        let written = WrittenAlongside()
        let catalog: Catalog
        do {
            catalog = try compile(folder) { c in
                do throws(SQLiteError) {
                    written.result = .success(try CatalogDatabase.writeTemporary(c, for: target, fingerprint: fingerprint))
                } catch {
                    written.result = .failure(error)
                }
            }
        } catch {
            if case .success(let temporary) = written.result { CatalogDatabase.removeTemporary(temporary) }
            throw error
        }
        do throws(SQLiteError) {
            switch written.result {
            case .success(let temporary): try CatalogDatabase.replace(target, with: temporary)
            case .failure(let error): throw error
            case nil: try CatalogDatabase.writeLocked(catalog, to: target, fingerprint: fingerprint)  // compile did not run it
            }
        } catch {
            throw QuoteError(.catalogUnavailable, Message("folder.cannot_write", .text(target), CatalogStore.reason(error)))
        }
        return catalog
    }

    /// What the write run alongside the rules left: its temporary file, or why it failed; nil before it ran.
    private final class WrittenAlongside {
        var result: Result<String, SQLiteError>?
    }

    /// Whether `path` is a folder (a link to one included).
    public static func isFolder(_ path: String) -> Bool { FileIO.isDirectory(path) }

    /// The store at `database` if it opens and was compiled from files with `fingerprint`.
    static func fresh(_ database: String, _ fingerprint: String) -> CatalogStore? {
        guard FileIO.exists(database), let store = try? CatalogStore(path: database), store.sourceFingerprint == fingerprint else {
            return nil
        }
        return store
    }

    static func compile(_ folder: String) throws(QuoteError) -> Catalog {
        // The rules' errors stop this build as they stop `quote catalog build`; warnings are for check and build.
        switch CatalogRules.compile(directory: folder, asOf: nil) {
        case .success(let checked): return checked.catalog
        case .failure(let problems):
            throw QuoteError(.catalogInvalid, Message("folder.has_errors", .text(folder), .message(problems.list)))
        }
    }

    /// Writes under the lock the caller holds.
    static func write(_ catalog: Catalog, to database: String, fingerprint: String) throws(QuoteError) {
        do {
            try CatalogDatabase.writeLocked(catalog, to: database, fingerprint: fingerprint)
        } catch {
            throw QuoteError(.catalogUnavailable, Message("folder.cannot_write", .text(database), CatalogStore.reason(error)))
        }
    }
}
