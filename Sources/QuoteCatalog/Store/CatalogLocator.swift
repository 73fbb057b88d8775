import QuoteCore

/// Finds the catalog a command should use, compiling a CSV folder into its database when needed.
///
/// Order: an explicit `--catalog PATH`, else `QUOTE_CATALOG`, else the bundled demo catalog. A path
/// may be a compiled database or a folder of CSV files; a folder is compiled into `FOLDER.sqlite`
/// beside it (or into the user's cache) on first use and again whenever one of its files changes
/// (`FolderCatalog`).
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
                throw QuoteError(.catalogUnavailable, Message("catalog.no_demo"))
            }
            path = demo
        }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if FileIO.isDirectory(path) { return try FolderCatalog.open(path) }
        return try CatalogStore(path: path)
    }
}
