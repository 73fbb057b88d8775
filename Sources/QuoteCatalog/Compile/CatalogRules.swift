import QuoteCore

/// How sure a rule is that something is wrong: an error stops a build, a warning is printed and the
/// build goes on.
public enum CatalogSeverity: String, Sendable {
    case error, warning
}

/// One thing `CatalogRules` found, located at the row to fix.
public struct CatalogFinding: Sendable, Equatable, CustomStringConvertible {
    public var severity: CatalogSeverity
    public var issue: CatalogIssue

    public init(_ severity: CatalogSeverity, _ issue: CatalogIssue) {
        self.severity = severity
        self.issue = issue
    }

    /// `warning: stock.csv:12:4: cost: …`
    public var description: String { "\(severity.rawValue): \(issue)" }
}

/// Mistakes in a catalog that parses: rules about the compiled catalog as a whole, each finding located at
/// the row to fix. The compiler already refuses what cannot be read (bad numbers, unknown references,
/// duplicate keys, a price list not starting at 0, a city without delivery days); these rules find what
/// reads well but is wrong or doubtful.
///
/// Errors (a build stops):
/// - a route whose zone's goods no tariff carries to that city (no tariff for a vehicle of the body they
///   need: flatbeds for pallets, tippers for bulk);
/// - a product no vehicle can carry: one pallet heavier than every flatbed's payload, or bulk goods
///   without any tipper.
///
/// Warnings (printed, the build goes on):
/// - a larger quantity tier with a higher unit price than a smaller one; a regional price list for a
///   region no city is in;
/// - a product no source stocks; a stock row whose cost is above the product's lowest list price;
/// - a city no route reaches; a source whose zone has no route; a tariff for a city its zone has no route to;
/// - a heavier truck class cheaper per trip than a lighter one of the same kind on the same route;
/// - stock figures older than `stock_freshness_hours` at `asOf` (or more than an hour in its future), a
///   price list already expired, no VAT rate in force at `asOf`.
public enum CatalogRules {
    /// The findings for `c`, whose rows are located by `rows`. Checks that depend on the time (stale stock,
    /// an expired price list) are made only when `asOf` is given.
    public static func check(_ c: Catalog, rows: CatalogRows, asOf: Moment?) -> [CatalogFinding] {
        var found = Findings(rows: rows)
        checkPrices(c, &found)
        checkProducts(c, &found)
        checkRoutes(c, &found)
        checkCoverage(c, &found)
        if let asOf { checkClock(c, asOf: asOf, &found) }
        return found.list
    }

    /// The findings of the rules so far, in the order the rules made them, and where to locate them.
    struct Findings {
        let rows: CatalogRows
        var list: [CatalogFinding] = []

        mutating func error(_ issue: CatalogIssue) { list.append(CatalogFinding(.error, issue)) }
        mutating func warning(_ issue: CatalogIssue) { list.append(CatalogFinding(.warning, issue)) }
    }

    /// "; did you mean A?" for the closest of `names` to `typed`, or nothing.
    static func didYouMean(_ typed: String, among names: Set<String>) -> Message {
        References.didYouMean(References.closest(to: typed, among: names.sorted()))
    }

    /// "30 h", "3 days" / "30 ч", "3 дня".
    static func duration(_ seconds: Int64) -> MessageArg {
        let hours = seconds / 3_600
        if hours < 48 { return .message(Message("rules.hours", .verbatim(String(hours)))) }
        return .message(Message("rules.days", .count(hours / 24, .day)))
    }
}

extension CatalogRules {
    /// Compiles the catalog in `directory` and applies the rules: any error — the compiler's or a rule's —
    /// fails with all of them in file order; otherwise the catalog comes with the rules' warnings.
    public static func compile(directory: String, asOf: Moment?) -> Result<(catalog: Catalog, warnings: [CatalogIssue]), CatalogProblems> {
        compile(directory: directory) { _ in asOf }
    }

    /// `compile(directory:asOf:)` with the moment given once the catalog's UTC offset is known (a moment
    /// written without an offset is read in the catalog's zone).
    ///
    /// `alongside`, when given, is handed the compiled catalog and run on another thread while the rules are
    /// checked (`quote catalog build` writes its database meanwhile); it is not run when the compile fails, and
    /// this returns once it is done, whatever the rules found.
    public static func compile(
        directory: String, asOf: (_ catalogOffsetSeconds: Int32) -> Moment?, alongside: ((Catalog) -> Void)? = nil
    ) -> Result<(catalog: Catalog, warnings: [CatalogIssue]), CatalogProblems> {
        let catalog: Catalog
        let reading: [CatalogIssue]
        switch CatalogCompiler.compileWithWarnings(directory: directory) {
        case .success(let c): (catalog, reading) = c
        case .failure(let problems): return .failure(problems)
        }
        var files: [String: [UInt8]] = [:]
        for name in CatalogRows.keys.keys {
            if case .success(let found) = CatalogCompiler.readTable(directory, name) { files[found.file] = found.bytes }
        }
        let moment = asOf(catalog.settings.utcOffsetSeconds)
        let findings: [CatalogFinding]
        if let alongside {
            (findings, _) = Concurrently.run({ check(catalog, rows: CatalogRows(files: files), asOf: moment) }, { alongside(catalog) })
        } else {
            findings = check(catalog, rows: CatalogRows(files: files), asOf: moment)
        }
        let errors = findings.filter { $0.severity == .error }.map(\.issue)
        let warnings = sorted(reading + findings.filter { $0.severity == .warning }.map(\.issue))
        if !errors.isEmpty { return .failure(CatalogProblems(issues: sorted(errors))) }
        return .success((catalog, warnings))
    }

    /// Compiles a catalog given as file name → contents, then applies the rules (see `compile(directory:asOf:)`).
    public static func compile(files: [String: [UInt8]], asOf: Moment?) -> Result<
        (catalog: Catalog, warnings: [CatalogIssue]), CatalogProblems
    > {
        let catalog: Catalog
        let reading: [CatalogIssue]
        switch CatalogCompiler.compileWithWarnings(files: files) {
        case .success(let c): (catalog, reading) = c
        case .failure(let problems): return .failure(problems)
        }
        let findings = check(catalog, rows: CatalogRows(files: files), asOf: asOf)
        let errors = findings.filter { $0.severity == .error }.map(\.issue)
        if !errors.isEmpty { return .failure(CatalogProblems(issues: sorted(errors))) }
        return .success((catalog, sorted(reading + findings.filter { $0.severity == .warning }.map(\.issue))))
    }

    /// In the compiler's file order, then by line, column and message.
    static func sorted(_ issues: [CatalogIssue]) -> [CatalogIssue] {
        let order = Dictionary(uniqueKeysWithValues: CatalogCompiler.files.enumerated().map { ($1, $0) })
        return issues.sorted {
            ((order[CatalogFileName.csv($0.file)] ?? 99), $0.file, $0.line, $0.column, $0.message) < (
                (order[CatalogFileName.csv($1.file)] ?? 99), $1.file, $1.line, $1.column, $1.message
            )
        }
    }
}
