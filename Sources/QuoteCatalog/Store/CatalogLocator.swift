import QuoteCore

/// Finds the catalog a command should use, compiling a CSV folder into its database when needed.
///
/// Order: an explicit `--catalog PATH`, else `QUOTE_CATALOG`, else the bundled demo catalog. A path
/// may be a compiled database or a folder of CSV files; a folder is compiled into `FOLDER.sqlite`
/// beside it on first use and again whenever one of its files is newer than that database.
public enum CatalogLocator {
    /// The bundled demo catalog folder: `catalogs/demo` under the working directory or under the
    /// source tree this binary was built from.
    public static func demoDirectory(sourceRoot: String?) -> String? {
        var roots = ["."]
        if let sourceRoot { roots.append(sourceRoot) }
        for root in roots where FileIO.exists(root + "/catalogs/demo/settings.csv") { return root + "/catalogs/demo" }
        return nil
    }

    /// Opens the catalog to quote against.
    /// - Throws: `catalog_unavailable` or `catalog_invalid` (exit 3) with what to do.
    public static func open(explicit: String?, sourceRoot: String?) throws(QuoteError) -> CatalogStore {
        var path = explicit ?? FileIO.environment("QUOTE_CATALOG") ?? ""
        if path.isEmpty {
            guard let demo = demoDirectory(sourceRoot: sourceRoot) else {
                throw QuoteError(.catalogUnavailable, "No catalog given and the bundled demo catalog was not found: pass --catalog PATH or set QUOTE_CATALOG.")
            }
            path = demo
        }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if FileIO.isDirectory(path) {
            let database = try compiledDatabase(for: path)
            do {
                return try CatalogStore(path: database)
            } catch {
                // Compiled by another version of quote (another schema): compile again, once.
                return try CatalogStore(path: try compiledDatabase(for: path, force: true))
            }
        }
        return try CatalogStore(path: path)
    }

    /// The database compiled from the CSV folder `directory`, building it if it is missing or older
    /// than any of the folder's files.
    static func compiledDatabase(for directory: String, force: Bool = false) throws(QuoteError) -> String {
        var database = directory + ".sqlite"
        if force || !isFresh(database, for: directory) {
            let catalog: Catalog
            // The rules' errors stop this build as they stop `quote catalog build`; warnings are for check and build.
            switch CatalogRules.compile(directory: directory, asOf: nil) {
            case .success(let checked): catalog = checked.catalog
            case .failure(let problems):
                throw QuoteError(.catalogInvalid, "The catalog in \(directory) has errors; fix them and run again:\n\(problems)")
            }
            do {
                try CatalogDatabase.write(catalog, to: database)
            } catch {
                // A read-only checkout: keep the compiled copy in the temporary folder instead.
                var h = FNV1a()
                h.add(directory)
                database = (FileIO.environment("TMPDIR") ?? "/tmp") + "/quote-catalog-\(h.hex).sqlite"
                if force || !isFresh(database, for: directory) {
                    do { try CatalogDatabase.write(catalog, to: database) } catch {
                        throw QuoteError(.catalogUnavailable, "Cannot write the compiled catalog for \(directory): \(error)")
                    }
                }
            }
        }
        return database
    }

    static func isFresh(_ database: String, for directory: String) -> Bool {
        guard let built = FileIO.modificationTime(database) else { return false }
        for name in FileIO.list(directory) ?? [] where name.hasSuffix(".csv") {
            if let changed = FileIO.modificationTime(directory + "/" + name), changed >= built { return false }
        }
        return true
    }
}
