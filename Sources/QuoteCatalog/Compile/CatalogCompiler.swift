import QuoteCore

/// Everything wrong with a catalog's files, each located `file:line:column`.
public struct CatalogProblems: Error, Sendable, CustomStringConvertible {
    public var issues: [CatalogIssue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }

    /// Every issue, one `file:line:column: message` a line, as one message.
    public var list: Message { Message("catalog.list", .messages(issues.map(\.located), separator: "\n")) }
}

/// Reads a folder of catalog CSV files, validates every value and reference, and returns the catalog.
///
/// Nothing is written: `CatalogDatabase.build` writes what this returns. See `catalogs/README.md`
/// for the files and columns.
public enum CatalogCompiler {
    public static let files = [
        "settings.csv", "vat.csv", "products.csv", "aliases.csv", "sources.csv", "stock.csv", "prices.csv",
        "cities.csv", "vehicles.csv", "routes.csv", "tariffs.csv", "holidays.csv", "product_groups.csv", "customers.csv",
        "discounts.csv",
    ]

    /// Reads and validates the catalog in `directory`.
    public static func compile(directory: String) -> Result<Catalog, CatalogProblems> {
        compileWithWarnings(directory: directory).map(\.catalog)
    }

    /// `compile(directory:)` with the warnings of reading the files (columns ignored, title rows skipped).
    public static func compileWithWarnings(directory: String) -> Result<(catalog: Catalog, warnings: [CatalogIssue]), CatalogProblems> {
        guard FileIO.isDirectory(directory) else {
            return .failure(CatalogProblems(issues: [CatalogIssue(file: directory, line: 0, column: 0, Message("catalog.not_a_folder"))]))
        }
        var contents: [String: [UInt8]] = [:]
        var issues: [CatalogIssue] = []
        let listed = FileIO.list(directory) ?? []
        for name in listed where isTableFileName(name) && !files.contains(CatalogFileName.csv(name)) {
            issues.append(CatalogIssue(file: name, line: 1, column: 1, Message("catalog.unknown_file", .list(files))))
        }
        for name in files {
            switch readTable(directory, name) {
            case .success(let found): contents[found.file] = found.bytes
            case .failure(let issue): issues.append(issue)
            }
        }
        guard issues.isEmpty else { return .failure(CatalogProblems(issues: issues)) }
        return compileWithWarnings(files: consume contents, directory: directory)
    }

    /// Whether `name` is a table's file by its ending (`.csv`, `.xlsx`), and no spreadsheet's lock file.
    static func isTableFileName(_ name: String) -> Bool {
        (name.hasSuffix(".csv") || name.lowercased().hasSuffix(".xlsx")) && !CatalogFileName.isLockFile(name)
    }

    /// The table `name` (`stock.csv`) of the folder: its CSV file or, in its place, the workbook `stock.xlsx`;
    /// both at once is refused (which one is meant?).
    static func readTable(_ directory: String, _ name: String) -> Result<(file: String, bytes: [UInt8]), CatalogIssue> {
        let book = CatalogFileName.workbook(name)
        let hasBook = FileIO.exists(directory + "/" + book)
        if hasBook && FileIO.exists(directory + "/" + name) {
            return .failure(
                CatalogIssue(file: name, line: 0, column: 0, Message("catalog.file_and_workbook_here", .text(name), .text(book))))
        }
        let file = hasBook ? book : name
        switch FileIO.readRegular(directory + "/" + file) {
        case .success(let bytes): return .success((file, bytes))
        case .failure(.missing):
            return .failure(
                CatalogIssue(file: name, line: 0, column: 0, Message("catalog.file_missing_or_workbook", .text(book))))
        case .failure(let why):
            return .failure(CatalogIssue(file: file, line: 0, column: 0, Message("catalog.table_not_read", .message(why.text))))
        }
    }

    /// Validates a catalog given as file name → contents (used by `compile(directory:)` and tests).
    public static func compile(files contents: [String: [UInt8]]) -> Result<Catalog, CatalogProblems> {
        compileWithWarnings(files: contents).map(\.catalog)
    }

    /// `compile(files:)` with the warnings of reading the files (columns ignored, title rows skipped).
    ///
    /// Each table is parsed only when its step of `build` reads it, and let go once that step is done:
    /// a 100k catalog's parsed fields (6 million of them) are then never all held at once. A file that does
    /// not parse fails the build with the same issues, in the same order (file order), as if every file had
    /// been parsed first.
    public static func compileWithWarnings(files contents: consuming [String: [UInt8]]) -> Result<
        (catalog: Catalog, warnings: [CatalogIssue]), CatalogProblems
    > {
        compileWithWarnings(files: contents, directory: nil)
    }

    /// `compileWithWarnings(files:)` of the files read from `directory` (nil: given otherwise), where a build that
    /// finds an error may read some of them again rather than keep their bytes (`readAfterProducts`).
    static func compileWithWarnings(files contents: consuming [String: [UInt8]], directory: String?) -> Result<
        (catalog: Catalog, warnings: [CatalogIssue]), CatalogProblems
    > {
        var tables: [String: PendingTable] = [:]
        var issues: [(order: Int, issue: CatalogIssue)] = []
        var hash = Hasher64()  // FNV-1a as `FNV1a` computes it, in a loop specialised here: 61 MB for a 100k catalog
        for (order, name) in files.enumerated() {
            let book = CatalogFileName.workbook(name)
            if contents[name] != nil && contents[book] != nil {
                issues.append(
                    (order, CatalogIssue(file: name, line: 0, column: 0, Message("catalog.file_and_workbook", .text(name), .text(book)))))
                continue
            }
            let file = contents[name] == nil && contents[book] != nil ? book : name
            guard let bytes = contents.removeValue(forKey: file) else {
                issues.append((order, CatalogIssue(file: name, line: 0, column: 0, Message("catalog.file_missing"))))
                continue
            }
            hash.add(file)
            hash.add(bytes)
            tables[name] = PendingTable(order: order, file: file, bytes: bytes)
        }
        if !issues.isEmpty {
            // The build does not run: the other files' parse errors are found here, as the build would find them.
            for (name, pending) in tables {
                if case .failure(let issue) = CSVTable.parse(file: pending.file, bytes: pending.bytes) {
                    issues.append((pending.order, issue))
                }
                tables[name] = nil
            }
            return .failure(CatalogProblems(issues: issues.sorted { $0.order < $1.order }.map(\.issue)))
        }
        let log = IssueLog()
        let parsing = ParseFailures()
        let catalog = build(tables: consume tables, version: String(hash.hex.prefix(12)), log: log, parsing: parsing, directory: directory)
        if !parsing.issues.isEmpty {
            return .failure(CatalogProblems(issues: parsing.issues.sorted { $0.order < $1.order }.map(\.issue)))
        }
        if !log.issues.isEmpty {
            // In file order, whatever order the checks ran in, so every run reports alike.
            let order = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
            let sorted = log.issues.sorted {
                ((order[CatalogFileName.csv($0.file)] ?? 99), $0.line, $0.column, $0.message) < (
                    (order[CatalogFileName.csv($1.file)] ?? 99), $1.line, $1.column, $1.message
                )
            }
            return .failure(CatalogProblems(issues: sorted))
        }
        return .success((catalog, log.warnings))
    }

    /// A table's file, read and hashed but not parsed yet (`build` parses it when it reads it).
    struct PendingTable {
        /// The table's place in `files`: parse errors are reported in that order.
        var order: Int
        var file: String
        var bytes: [UInt8]
    }

    /// The tables that did not parse, found while `build` read them; any of them fails the build.
    final class ParseFailures {
        var issues: [(order: Int, issue: CatalogIssue)] = []
    }

    /// The catalog the tables make, one table after the other in `files` order (a table's checks may need the
    /// ids of those before it: a stock row's source, a route's zone).
    static func build(
        tables: consuming [String: PendingTable], version: String, log: IssueLog, parsing: ParseFailures, directory: String? = nil
    ) -> Catalog {
        let b = Build(tables: consume tables, log: log, parsing: parsing)
        b.directory = directory
        let settingsTable = readSettingsTable(b)
        let settings = baseSettings(settingsTable)
        let vat = readVAT(b)
        let productGroups = readProductGroups(b)
        var products = readProducts(b)
        let (cities, sources, offers, prices) = readAfterProducts(b, &products, defaultOffset: settings.utcOffsetSeconds)
        let vehicles = readVehicles(b)
        let routes = readRoutes(b, zones: sources.zones)
        let tariffs = readTariffs(b, zones: sources.zones)
        let calendar = readHolidays(b)
        let customers = readCustomers(b)
        let discounts = readDiscounts(b)
        var catalog = Catalog(
            version: version, settings: settingsWithExtras(settings, settingsTable), vat: VATSchedule(vat), calendar: calendar,
            products: products.products, productNames: products.names, sources: sources.sources, offers: offers, prices: prices,
            cities: cities.cities, cityNames: cities.names, vehicles: vehicles, routes: routes, tariffs: tariffs)
        catalog.productGroups = productGroups
        catalog.customers = customers
        catalog.discounts = discounts
        return catalog
    }

    /// The tables read after products.csv: aliases, cities, sources, stock and prices.
    typealias AfterProducts = (
        cities: (cities: [CityID: City], names: [String: CityID]), sources: (sources: [SourceID: Source], zones: SourceZones),
        offers: [SKU: [StockOffer]], prices: [SKU: PriceList]
    )

    static let afterProducts = ["aliases.csv", "cities.csv", "sources.csv", "stock.csv", "prices.csv"]

    /// Reads the tables after products.csv on two threads: prices.csv on one (it needs only the products),
    /// aliases.csv, cities.csv, sources.csv then stock.csv on the other (about as long); each step with a log of its own, the logs
    /// added in file order. When any step finds an error (or a table does not parse) the work is thrown away and
    /// the five steps run again one after the other, as they always did: the messages, their order and the
    /// did-you-mean suggestions (counted per table across steps) are exactly the sequential build's.
    static func readAfterProducts(_ b: Build, _ products: inout ProductsTable, defaultOffset: Int32) -> AfterProducts {
        // To read them again if need be: from the folder (their bytes are let go of as each is parsed), else kept.
        let saved = b.directory == nil ? b.take(afterProducts) : [:]
        b.giveBack(saved)
        let priceRefs = b.refs.copy(), placeRefs = b.refs.copy()
        let steps = afterProducts.map { b.branch($0, refs: $0 == "prices.csv" ? priceRefs : placeRefs) }
        var aliasNames: [String: [ProductName]] = [:]
        let owners = products.owners
        products.owners = [:]  // only aliases.csv needs them: let go before the other tables are read
        let catalogProducts = products.products
        let (prices, places) = Concurrently.run(
            { readPrices(steps[4], products: catalogProducts) },
            { () -> AfterProducts in
                readAliases(steps[0], owners: owners, into: &aliasNames)
                let cities = readCities(steps[1])
                let sources = readSources(steps[2], defaultOffset: defaultOffset)
                return (cities, sources, readStock(steps[3]), [:])
            })
        if steps.allSatisfy(\.isClean) {
            for step in steps { b.log.append(step.log) }
            b.refs.adopt(placeRefs)
            for (key, names) in aliasNames { products.names[key] = names }
            return (places.cities, places.sources, places.offers, prices)
        }
        b.giveBack(b.directory.map { reread(afterProducts, from: $0, steps) } ?? saved)
        readAliases(b, owners: owners, into: &products.names)
        let cities = readCities(b)
        let sources = readSources(b, defaultOffset: defaultOffset)
        return (cities, sources, readStock(b), readPrices(b, products: products.products))
    }

    /// The tables `names` read again from `directory`, as `compileWithWarnings(directory:)` read them (`steps`: the
    /// branches that read them first, for each table's order and file). A table that can no longer be read is left
    /// out (it then reads as empty): the build fails in any case, with this table's errors as the files are now.
    static func reread(_ names: [String], from directory: String, _ steps: [Build]) -> [String: PendingTable] {
        var tables: [String: PendingTable] = [:]
        for (name, step) in zip(names, steps) {
            guard let read = step.read[name], case .success(let found) = readTable(directory, name) else { continue }
            tables[name] = PendingTable(order: read.order, file: found.file, bytes: found.bytes)
        }
        return tables
    }
}
