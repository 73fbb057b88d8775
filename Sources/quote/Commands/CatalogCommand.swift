import ArgumentParser
import QuoteCatalog
import QuoteCore

/// `quote catalog build|check|import`: maintaining catalogs.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Validate and compile catalogs of CSV files or .xlsx workbooks (see catalogs/README.md).",
        subcommands: [Build.self, Check.self, Import.self, Generate.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a catalog folder and compile it into an SQLite database, atomically: on any error nothing is written.")

        @Argument(help: "The folder of catalog tables (CSV files or .xlsx workbooks).")
        var directory: String

        @Option(help: "The database to write (default: FOLDER.sqlite beside the folder).")
        var out: String?

        @Option(name: .customLong("as-of"), help: "The moment to judge stock freshness at (ISO-8601, default: now).")
        var asOf: String?

        @Option(help: "en or ru: the language of its messages (default: ru when the locale is Russian, else en).")
        var lang: String?

        func run() throws {
            _ = try Failure.checked(lang)
            CatalogDatabase.shareOneMallocArena()
            var folder = directory
            while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
            let target = out ?? folder + ".sqlite"
            guard FolderCatalog.isFolder(folder) else {
                _ = try compile(folder, asOf: asOf)  // reports "not a folder of catalog CSV files"
                return
            }
            // Read and written under the folder's writers' lock, so no import runs between the two.
            let catalog: Catalog
            do throws(QuoteError) {
                catalog = try FolderCatalog.build(folder, to: target) { (f: String, write) throws(QuoteError) -> Catalog in
                    do { return try compile(f, asOf: asOf, alongside: write) } catch let failure as Failure { throw failure.error } catch {
                        throw QuoteError(.catalogInvalid, Message.plain("\(error)"))
                    }
                }
            } catch let e where e.code == .catalogUnavailable {
                throw Failure(error: QuoteError(.catalogUnavailable, Message("cli.catalog.unchanged", .message(e.text))), json: false)
            } catch {
                throw Failure(error: error, json: false)
            }
            let m = CLIMessages.renderer(try Failure.checked(lang))
            Output.write(m.render(Message("cli.catalog.built", .text(target), .message(summary(catalog)))) + "\n")
            // The process ends here: freeing the catalog's millions of objects one by one (0.5 s of a 100k
            // catalog's build) is left to the exit, which hands the memory back at once.
            _ = Unmanaged.passRetained(KeptUntilExit(catalog))
        }
    }

    /// A value kept alive until the process exits (see `Build.run`).
    final class KeptUntilExit {
        let value: Catalog
        init(_ value: Catalog) { self.value = value }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a catalog folder without writing anything.")

        @Argument(help: "The folder of catalog tables (CSV files or .xlsx workbooks).")
        var directory: String

        @Option(name: .customLong("as-of"), help: "The moment to judge stock freshness at (ISO-8601, default: now).")
        var asOf: String?

        @Option(help: "en or ru: the language of its messages (default: ru when the locale is Russian, else en).")
        var lang: String?

        func run() throws {
            let m = CLIMessages.renderer(try Failure.checked(lang))
            CatalogDatabase.shareOneMallocArena()
            let catalog = try compile(directory, asOf: asOf)
            Output.write(m.render(Message("cli.catalog.ok", .text(directory), .message(summary(catalog)))) + "\n")
        }
    }
}

/// Compiles `directory` and applies the catalog rules (`CatalogRules`), or fails with every error found,
/// one `file:line:column: message` per line. Warnings go to stderr as `warning: file:line:column: message`.
/// `alongside`: run on the compiled catalog while its rules are checked (`quote catalog build` writes the database).
private func compile(_ directory: String, asOf: String?, alongside: ((Catalog) -> Void)? = nil) throws -> Catalog {
    if let asOf, Moment.parse(Substring(asOf), defaultOffset: 0) == nil {
        throw Failure(
            error: QuoteError(.invalidDate, Message("catalog.bad_as_of", .text(asOf)), field: "--as-of"),
            json: false)
    }
    let moment = { (offset: Int32) -> Moment? in
        asOf.flatMap { Moment.parse(Substring($0), defaultOffset: offset) } ?? Output.now(offsetSeconds: offset)
    }
    switch CatalogRules.compile(directory: directory, asOf: moment, alongside: alongside) {
    case .success(let checked):
        reportWarnings(checked.warnings)
        return checked.catalog
    case .failure(let problems):
        let count = Int64(problems.issues.count)
        throw Failure(
            error: QuoteError(
                .catalogInvalid, Message("catalog.problems", .message(problems.list), .count(count, .problem), .text(directory))),
            json: false)
    }
}

/// "34 products, 6 sources, … version 46dd179313a3" / "34 товара, 6 источников, … версия 46dd179313a3".
private func summary(_ c: Catalog) -> Message {
    let offers = c.offers.values.reduce(0) { $0 + $1.count }
    /// The count as the English summary always wrote it (`100000 products`) and with its Russian plural.
    func count(_ n: Int, _ en: (String, String), _ ru: Plural.Forms) -> MessageArg {
        .bilingual(en: "\(n) \(n == 1 ? en.0 : en.1)", ru: Format(.ru).number(Quantity(whole: Int64(n))) + " " + ru.form(for: Int64(n)))
    }
    return Message(
        "cli.catalog.summary", count(c.products.count, ("product", "products"), Plural.Forms("товар", "товара", "товаров")),
        count(c.sources.count, ("source", "sources"), Plural.Forms("источник", "источника", "источников")),
        count(offers, ("stock row", "stock rows"), Plural.Forms("строка остатков", "строки остатков", "строк остатков")),
        count(c.cities.count, ("city", "cities"), Plural.Forms("город", "города", "городов")),
        count(c.vehicles.count, ("vehicle class", "vehicle classes"), Plural.Forms("тип машин", "типа машин", "типов машин")),
        count(c.routes.count, ("route", "routes"), Plural.Forms("маршрут", "маршрута", "маршрутов")),
        count(c.tariffs.count, ("tariff", "tariffs"), Plural.Forms("тариф", "тарифа", "тарифов")), .verbatim(c.version))
}
