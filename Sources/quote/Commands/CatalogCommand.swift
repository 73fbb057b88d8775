import ArgumentParser
import QuoteCatalog
import QuoteCore

/// `quote catalog build|check`: maintaining catalogs.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Validate and compile catalogs of CSV files (see catalogs/README.md).",
        subcommands: [Build.self, Check.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a catalog folder and compile it into an SQLite database, atomically: on any error nothing is written.")

        @Argument(help: "The folder of catalog CSV files.")
        var directory: String

        @Option(help: "The database to write (default: FOLDER.sqlite beside the folder).")
        var out: String?

        func run() throws {
            let catalog = try compile(directory)
            var target = out ?? directory
            if out == nil {
                while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
                target += ".sqlite"
            }
            do {
                try CatalogDatabase.write(catalog, to: target)
            } catch {
                throw Failure(error: QuoteError(.catalogUnavailable, "Cannot write \(target): \(error). The previous database, if any, is unchanged."), json: false)
            }
            Output.write("Built \(target): \(summary(catalog)).\n")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a catalog folder without writing anything.")

        @Argument(help: "The folder of catalog CSV files.")
        var directory: String

        func run() throws {
            let catalog = try compile(directory)
            Output.write("OK \(directory): \(summary(catalog)).\n")
        }
    }
}

/// Compiles `directory`, or fails with every problem found, one `file:line:column: message` per line.
private func compile(_ directory: String) throws -> Catalog {
    switch CatalogCompiler.compile(directory: directory) {
    case .success(let c):
        return c
    case .failure(let problems):
        let count = problems.issues.count
        throw Failure(
            error: QuoteError(.catalogInvalid, "\(problems)\n\(count) problem\(count == 1 ? "" : "s") in \(directory); nothing was written."), json: false)
    }
}

private func summary(_ c: Catalog) -> String {
    let offers = c.offers.values.reduce(0) { $0 + $1.count }
    return "\(c.products.count) products, \(c.sources.count) sources, \(offers) stock rows, \(c.cities.count) cities, "
        + "\(c.vehicles.count) vehicle classes, \(c.routes.count) routes, \(c.tariffs.count) tariffs, version \(c.version)"
}
