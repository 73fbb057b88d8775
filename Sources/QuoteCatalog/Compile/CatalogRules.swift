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

/// Where a catalog's rows are (file, line and each column's position), by their keys, so that a rule
/// about the compiled catalog can name the line to fix. A file is parsed only when a finding is in it.
public final class CatalogRows {
    struct Location {
        var file: String
        var line: Int
        var columns: [String: Int]
        /// The workbook sheet, when the table is a workbook's.
        var sheet: String? = nil
    }

    /// File name → contents, parsed on first use.
    private var files: [String: [UInt8]]
    /// Tables added over the files' rows (an import file over `stock.csv`), by kind.
    private var overlays: [String: [(table: CSVTable, keyColumns: [String], fixed: [String: String])]] = [:]
    /// Kind → "key" → where that row is. Kinds are the file names without `.csv`.
    private var cache: [String: [String: Location]] = [:]

    /// No rows known: findings name rows by their keys (a catalog read from a database).
    public convenience init() { self.init(files: [:]) }

    /// The rows of a catalog's files (name → contents), as `CatalogCompiler.compile(files:)` takes them.
    public init(files: [String: [UInt8]]) { self.files = files }

    /// The columns that identify a row of each file.
    static let keys: [String: [String]] = [
        "settings.csv": ["key"], "vat.csv": ["effective_from"], "products.csv": ["sku"], "sources.csv": ["id"],
        "stock.csv": ["source", "sku"], "prices.csv": ["sku", "region", "min_qty"], "cities.csv": ["id"],
        "vehicles.csv": ["id"], "routes.csv": ["zone", "city"], "tariffs.csv": ["zone", "city", "vehicle"],
    ]

    /// A copy that also knows `table`'s rows as rows of `kind`, over those of the files (an import file's
    /// rows over `stock.csv`'s). Key columns the table lacks read as `fixed`'s value (the import's source).
    func adding(_ table: CSVTable, kind: String, keyColumns: [String], fixed: [String: String]) -> CatalogRows {
        let copy = CatalogRows(files: files)
        copy.overlays = overlays
        copy.overlays[kind, default: []].append((table, keyColumns, fixed))
        return copy
    }

    private func rows(of kind: String) -> [String: Location] {
        if let known = cache[kind] { return known }
        var found: [String: Location] = [:]
        let name = kind + ".csv"
        // The table's CSV file, or its workbook in its place.
        let file = files[name] == nil && files[CatalogFileName.workbook(name)] != nil ? CatalogFileName.workbook(name) : name
        if let bytes = files[file], let keys = CatalogRows.keys[name], case .success(let table) = CSVTable.parse(file: file, bytes: bytes) {
            add(table, keyColumns: keys, fixed: [:], into: &found, replacing: false)
        }
        for overlay in overlays[kind] ?? [] {
            add(overlay.table, keyColumns: overlay.keyColumns, fixed: overlay.fixed, into: &found, replacing: true)
        }
        cache[kind] = found
        return found
    }

    private func add(
        _ table: CSVTable, keyColumns: [String], fixed: [String: String], into found: inout [String: Location], replacing: Bool
    ) {
        let table = table.locatingHeader(known: Set(keyColumns))
        var index: [String: Int] = [:]
        for (i, field) in table.header.enumerated() where index[field.text] == nil { index[field.text] = i }
        var seen = Set<String>()
        for record in table.records {
            var parts: [String] = []
            for column in keyColumns {
                if let value = fixed[column] {
                    parts.append(value)
                } else if let i = index[column], i < record.fields.count {
                    var text = record.fields[i].text.trimmingSpaces
                    if column == "min_qty", case .success(let q) = Quantity.parse(Substring(NumberText.ungrouped(text)), decimalComma: table.decimalComma) {
                        text = String(q.milli)
                    }
                    parts.append(text)
                } else {
                    parts.append("")
                }
            }
            let key = parts.joined(separator: "|")
            // A duplicate key is the compiler's error: point at the first.
            guard seen.insert(key).inserted, replacing || found[key] == nil else { continue }
            var columns: [String: Int] = [:]
            for (name, i) in index where i < record.fields.count { columns[name] = record.fields[i].column }
            found[key] = Location(file: table.file, line: record.line, columns: columns, sheet: table.sheet)
        }
    }

    /// The issue `message` at row `key` of `kind`, column `column` (`column: ` is prefixed to the message,
    /// as the compiler does). A row that is not known (a catalog read from a database) is named by its
    /// file alone, at line 0.
    func issue(_ kind: String, _ key: [String], column: String, _ message: Message) -> CatalogIssue {
        let text = Message("catalog.cell", .text(column), .message(message))
        guard let at = rows(of: kind)[key.joined(separator: "|")] else {
            return CatalogIssue(file: kind + ".csv", line: 0, column: 0, text)
        }
        return CatalogIssue(file: at.file, line: at.line, column: at.columns[column] ?? 1, text, sheet: at.sheet)
    }
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
        var found: [CatalogFinding] = []
        func error(_ issue: CatalogIssue) { found.append(CatalogFinding(.error, issue)) }
        func warning(_ issue: CatalogIssue) { found.append(CatalogFinding(.warning, issue)) }

        let regions = Set(c.cities.values.map(\.region))
        let zonesWithRoutes = Set(c.routes.keys.map(\.zone))
        let citiesWithRoutes = Set(c.routes.keys.map(\.city))

        // Prices: tiers that rise with the quantity; regional lists nobody uses.
        for sku in c.prices.keys.sorted() {
            guard let list = c.prices[sku] else { continue }
            for (region, tiers) in [("", list.base)] + list.regional.sorted(by: { $0.key < $1.key }).map({ ($0.key, $0.value) }) {
                let label = sku.rawValue + (region.isEmpty ? "" : " (\(region))")
                if !region.isEmpty && !regions.contains(region), let first = tiers.first {
                    warning(
                        rows.issue(
                            "prices", [sku.rawValue, region, String(first.minQuantity.milli)], column: "region",
                            Message("rules.region_unused", .text(region), .text(sku.rawValue), .message(didYouMean(region, among: regions)))))
                }
                for (lower, higher) in zip(tiers, tiers.dropFirst()) where higher.price > lower.price {
                    warning(
                        rows.issue(
                            "prices", [sku.rawValue, region, String(higher.minQuantity.milli)], column: "price",
                            Message(
                                "rules.tier_rises", .text(label), .listPrice(higher.price), .figure(higher.minQuantity), .listPrice(lower.price),
                                .figure(lower.minQuantity))))
                }
            }
        }

        // Products: stocked somewhere, priced above cost, carried by some vehicle.
        let flatbeds = c.vehicles.filter { $0.body == .flatbed }
        let heaviestFlatbed = flatbeds.max { $0.payloadKg < $1.payloadKg }
        for sku in c.products.keys.sorted() {
            guard let p = c.products[sku] else { continue }
            let offers = c.offers[sku] ?? []
            if offers.isEmpty {
                warning(
                    rows.issue(
                        "products", [sku.rawValue], column: "sku",
                        Message("rules.not_stocked", .text(sku.rawValue))))
            }
            if p.kind == .bulk {
                if !c.vehicles.contains(where: { $0.body == .tipper }) {
                    error(
                        rows.issue(
                            "products", [sku.rawValue], column: "kind",
                            Message("rules.no_tipper")))
                }
            } else if let perPallet = p.perPallet {
                let (grams, overflow) = perPallet.milli.multipliedReportingOverflow(by: p.unitWeightGrams)
                let palletKg = overflow ? Int64.max : grams / 1_000_000
                if let heaviest = heaviestFlatbed, palletKg > heaviest.payloadKg {
                    error(
                        rows.issue(
                            "products", [sku.rawValue], column: "per_pallet",
                            Message(
                                "rules.pallet_too_heavy", .text(sku.rawValue), .figure(perPallet), .figure(Quantity(milli: p.unitWeightGrams)),
                                .text(heaviest.id.rawValue), .whole(heaviest.payloadKg))))
                } else if heaviestFlatbed == nil {
                    error(
                        rows.issue(
                            "products", [sku.rawValue], column: "kind",
                            Message("rules.no_flatbed")))
                }
            }
            var tiers: [(region: String, tier: PriceTier)] = (c.prices[sku]?.base ?? []).map { ("", $0) }
            for (region, list) in c.prices[sku]?.regional ?? [:] { tiers += list.map { (region, $0) } }
            let lowest = tiers.min { ($0.tier.price, $0.region) < ($1.tier.price, $1.region) }
            for offer in offers {
                let key = [offer.source.rawValue, sku.rawValue]
                if let (region, tier) = lowest, UnitPrice(offer.cost) > tier.price {
                    warning(
                        rows.issue(
                            "stock", key, column: "cost",
                            Message(
                                "rules.cost_above_price", .text(offer.source.rawValue), .text(sku.rawValue), .amount(offer.cost), .listPrice(tier.price),
                                region.isEmpty ? .message(Message("rules.base_list")) : .text(region), .figure(tier.minQuantity))))
                }
            }
        }

        // Delivery: every route has a tariff for what its zone ships; every city and zone has a route.
        var bodiesByZone: [ZoneID: Set<VehicleBody>] = [:]
        var sourcesByZone: [ZoneID: [SourceID]] = [:]
        for src in c.sources.values { sourcesByZone[src.zone, default: []].append(src.id) }
        for (sku, offers) in c.offers {
            guard let p = c.products[sku] else { continue }
            for o in offers { if let zone = c.sources[o.source]?.zone { bodiesByZone[zone, default: []].insert(p.body) } }
        }
        let routes = c.routes.values.sorted { ($0.zone, $0.city) < ($1.zone, $1.city) }
        var reportedPairs = Set<String>()
        for route in routes {
            // Each vehicle's tariff on the route, looked up once for both checks (40,763 routes in a 100k catalog).
            let routeTariffs = c.vehicles.map { c.tariff(zone: route.zone, city: route.city, vehicle: $0.id) }
            for body in (bodiesByZone[route.zone] ?? []).sorted(by: { $0.rawValue < $1.rawValue }) {
                if !zip(c.vehicles, routeTariffs).contains(where: { $0.0.body == body && $0.1 != nil }) {
                    let from = (sourcesByZone[route.zone] ?? []).sorted().map(\.rawValue).joined(separator: ", ")
                    error(
                        rows.issue(
                            "routes", [route.zone.rawValue, route.city.rawValue], column: "city",
                            Message(
                                body == .tipper ? "rules.no_tariff_bulk" : "rules.no_tariff_pallets", .text(route.zone.rawValue),
                                .text(route.city.rawValue), .verbatim(body.rawValue), .verbatim(from))))
                }
            }
            // A heavier truck of the same kind that costs less per trip than a lighter one.
            let priced = zip(c.vehicles, routeTariffs).compactMap { v, t -> (Vehicle, Tariff, Money)? in
                guard let t, let price = t.tripPrice(distanceKm: route.distanceKm)
                else { return nil }
                return (v, t, price)
            }
            for (light, lightTariff, lightPrice) in priced {
                for (heavy, heavyTariff, heavyPrice) in priced
                where heavy.body == light.body && heavy.crane == light.crane && heavy.payloadKg > light.payloadKg && heavyPrice < lightPrice
                {
                    let heavyKey = [heavyTariff.key.zone.rawValue, heavyTariff.key.city?.rawValue ?? "", heavy.id.rawValue]
                    let lightKey = [lightTariff.key.zone.rawValue, lightTariff.key.city?.rawValue ?? "", light.id.rawValue]
                    guard reportedPairs.insert(heavyKey.joined(separator: "|") + "/" + lightKey.joined(separator: "|")).inserted else {
                        continue
                    }
                    let lightAt = rows.issue("tariffs", lightKey, column: "base_price", .empty)
                    warning(
                        rows.issue(
                            "tariffs", heavyKey, column: "base_price",
                            Message(
                                "rules.heavier_cheaper", .text(heavy.id.rawValue), .whole(heavy.payloadKg), .amount(heavyPrice),
                                .text(route.zone.rawValue), .text(route.city.rawValue), .whole(Int64(route.distanceKm)),
                                .text(light.id.rawValue), .whole(light.payloadKg), .amount(lightPrice),
                                .verbatim("\(lightAt.file):\(lightAt.line)"))))
                }
            }
        }
        for t in c.tariffs.values.sorted(by: {
            ($0.key.zone, $0.key.city?.rawValue ?? "", $0.key.vehicle) < ($1.key.zone, $1.key.city?.rawValue ?? "", $1.key.vehicle)
        }) {
            guard let city = t.key.city, c.routes[RouteKey(zone: t.key.zone, city: city)] == nil else { continue }
            warning(
                rows.issue(
                    "tariffs", [t.key.zone.rawValue, city.rawValue, t.key.vehicle.rawValue], column: "city",
                    Message("rules.tariff_unused", .text(t.key.zone.rawValue), .text(city.rawValue))))
        }
        for id in c.cities.keys.sorted() where !citiesWithRoutes.contains(id) {
            warning(
                rows.issue(
                    "cities", [id.rawValue], column: "id",
                    Message("rules.city_unreached", .text(id.rawValue))))
        }
        for id in c.sources.keys.sorted() {
            guard let src = c.sources[id], !zonesWithRoutes.contains(src.zone) else { continue }
            warning(
                rows.issue(
                    "sources", [id.rawValue], column: "zone",
                    Message("rules.zone_no_route", .text(src.zone.rawValue), .text(id.rawValue))))
        }

        // The clock: stale stock, an expired price list, no VAT rate.
        if let asOf {
            let limit = Int64(c.settings.stockFreshnessHours) * 3_600
            for id in c.sources.keys.sorted() {
                guard let src = c.sources[id] else { continue }
                let age = asOf.secondsSinceEpoch - src.stockAsOf.secondsSinceEpoch
                if age > limit {
                    warning(
                        rows.issue(
                            "sources", [id.rawValue], column: "stock_as_of",
                            Message(
                                "rules.stale_stock", .text(id.rawValue), .moment(src.stockAsOf), duration(age), .moment(asOf),
                                .verbatim(String(c.settings.stockFreshnessHours)))))
                } else if age < -3_600 {
                    warning(
                        rows.issue(
                            "sources", [id.rawValue], column: "stock_as_of",
                            Message("rules.future_stock", .text(id.rawValue), .moment(src.stockAsOf), duration(-age), .moment(asOf))))
                }
            }
            let today = asOf.at(offsetSeconds: c.settings.utcOffsetSeconds).local.date
            if let until = c.settings.priceListValidUntil, until < today {
                warning(
                    rows.issue(
                        "settings", ["price_list_valid_until"], column: "value",
                        Message("rules.price_list_expired", .date(until), .date(today))))
            }
            if c.vat.rate(on: today) == nil, let first = c.vat.rates.first {
                warning(
                    rows.issue(
                        "vat", [first.from.description], column: "effective_from",
                        Message("rules.no_vat_rate", .date(today), .date(first.from))))
            }
        }
        return found
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
    public static func compile(
        directory: String, asOf: (_ catalogOffsetSeconds: Int32) -> Moment?
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
        let findings = check(catalog, rows: CatalogRows(files: files), asOf: asOf(catalog.settings.utcOffsetSeconds))
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
