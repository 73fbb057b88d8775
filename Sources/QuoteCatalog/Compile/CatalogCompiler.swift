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
        return compileWithWarnings(files: consume contents)
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
    /// Each table is parsed only when its section of `build` reads it, and let go once that section is done:
    /// a 100k catalog's parsed fields (6 million of them) are then never all held at once. A file that does
    /// not parse fails the build with the same issues, in the same order (file order), as if every file had
    /// been parsed first.
    public static func compileWithWarnings(files contents: consuming [String: [UInt8]]) -> Result<
        (catalog: Catalog, warnings: [CatalogIssue]), CatalogProblems
    > {
        var tables: [String: PendingTable] = [:]
        var issues: [(order: Int, issue: CatalogIssue)] = []
        var hash = Hasher64()  // FNV-1a as `FNV1a` computes it, in a loop specialised here: 61 MB for a 100k catalog
        for (order, name) in files.enumerated() {
            let book = CatalogFileName.workbook(name)
            if contents[name] != nil && contents[book] != nil {
                issues.append((order, CatalogIssue(file: name, line: 0, column: 0, Message("catalog.file_and_workbook", .text(name), .text(book)))))
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
                if case .failure(let issue) = CSVTable.parse(file: pending.file, bytes: pending.bytes) { issues.append((pending.order, issue)) }
                tables[name] = nil
            }
            return .failure(CatalogProblems(issues: issues.sorted { $0.order < $1.order }.map(\.issue)))
        }
        let log = IssueLog()
        let parsing = ParseFailures()
        let catalog = build(tables: consume tables, version: String(hash.hex.prefix(12)), log: log, parsing: parsing)
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

    // swiftlint:disable:next function_body_length
    static func build(tables: consuming [String: PendingTable], version: String, log: IssueLog, parsing: ParseFailures) -> Catalog {
        let refs = References()
        // Each table is parsed when its section reads it and let go once that section is done with its reader: a
        // 100k catalog's parsed tables are most of a build's memory, and they need not all be held at once.
        var t = consume tables
        func reader(_ name: String, _ columns: [String], optional: [String] = []) -> TableReader {
            var table = CSVTable(file: name, header: [], records: [], decimalComma: false)
            if let pending = t.removeValue(forKey: name) {
                switch CSVTable.parse(file: pending.file, bytes: pending.bytes) {
                case .success(let parsed): table = parsed
                case .failure(let issue): parsing.issues.append((pending.order, issue))
                }
            }
            return TableReader(table, columns: columns, optional: optional, log: log)
        }

        // settings.csv
        var settingsText: [String: (String, TableReader.Row)] = [:]
        let optionalSettings = ["price_list_valid_until", "crane_surcharge", "weekend_surcharge_percent", "follow_up_business_days"] + Seller.settingKeys
        for row in reader("settings.csv", ["key", "value"]).rows {
            guard let key = row.text("key") else { continue }
            if settingsText[key] != nil { row.fail("key", Message("settings.twice", .text(key))) }
            // Only the optional settings may be left empty; a required one without a value is an error here,
            // at its line, not a silent "" (or a fallback) further on.
            settingsText[key] = (row.text("value", required: !optionalSettings.contains(key)) ?? "", row)
        }
        let settingKeys = [
            "name", "currency", "time_zone", "utc_offset", "cutoff_hour", "quote_validity_days", "stock_freshness_hours", "joint_mm",
            "price_list_valid_until", "crane_surcharge", "weekend_surcharge_percent", "follow_up_business_days",
        ] + Seller.settingKeys
        for (key, (_, row)) in settingsText where !settingKeys.contains(key) {
            row.fail("key", Message("settings.unknown", .text(key), .list(settingKeys)))
        }
        func setting(_ key: String) -> (String, TableReader.Row)? {
            guard let s = settingsText[key] else {
                log.add("settings.csv", 1, 1, Message("settings.missing", .text(key)))
                return nil
            }
            return s
        }
        func intSetting(_ key: String, _ range: ClosedRange<Int>, _ fallback: Int) -> Int {
            guard let (text, row) = setting(key) else { return fallback }
            guard let v = Int(text), range.contains(v) else {
                row.fail("value", Message("settings.whole_number", .verbatim(key), .verbatim(String(range.lowerBound)), .verbatim(String(range.upperBound)), .text(text)))
                return fallback
            }
            return v
        }
        var offset: Int32 = 0
        if let (text, row) = setting("utc_offset") {
            // `03:00` without its sign is east of UTC: what a spreadsheet shows of `+03:00` once it took it for a time.
            let unsigned = text.utf8.count == 5 && text.utf8.first.map { (0x30...0x39).contains($0) } == true
            if let o = Moment.parseOffset(Substring(unsigned ? "+" + text : text)) { offset = o } else { row.fail("value", Message("settings.utc_offset", .text(text))) }
        }
        let currency = setting("currency")?.0 ?? "RUB"
        var priceListValidUntil: CivilDate?
        if let (text, row) = settingsText["price_list_valid_until"], !text.isEmpty {
            if let d = CivilDate.parse(Substring(text)) { priceListValidUntil = d } else { row.fail("value", Message("settings.not_a_date", .verbatim("price_list_valid_until"), .text(text))) }
        }
        let settings = CatalogSettings(
            name: setting("name")?.0 ?? "", currency: currency, timeZone: setting("time_zone")?.0 ?? "",
            utcOffsetSeconds: offset, cutoffHour: intSetting("cutoff_hour", 0...24, 14),
            quoteValidityDays: intSetting("quote_validity_days", 0...365, 3),
            stockFreshnessHours: intSetting("stock_freshness_hours", 1...8760, 48), jointMM: intSetting("joint_mm", 0...50, 10),
            priceListValidUntil: priceListValidUntil)

        // vat.csv
        var rates: [(from: CivilDate, rate: Rate)] = []
        for row in reader("vat.csv", ["effective_from", "rate_percent"]).rows {
            guard let from = row.date("effective_from") else { continue }
            guard let t = row.text("rate_percent") else { continue }
            guard case .success(let bp) = NumberText.parse(t, scale: 2, decimalComma: row.reader.table.decimalComma),
                (0...10_000).contains(bp)
            else {
                row.fail("rate_percent", Message("cell.not_a_percentage", .text(t)))
                continue
            }
            if rates.contains(where: { $0.from == from }) { row.fail("effective_from", Message("vat.two_rates", .date(from))) }
            rates.append((from, Rate(basisPoints: Int32(bp))))
        }
        if rates.isEmpty { log.add("vat.csv", 1, 1, Message("vat.none")) }

        // product_groups.csv
        var productGroups: [String: ProductGroup] = [:]
        func percentage(_ row: TableReader.Row, _ column: String) -> Rate? {
            guard let t = row.text(column) else { return nil }
            guard case .success(let bp) = NumberText.parse(t, scale: 2, decimalComma: row.reader.table.decimalComma), (0...10_000).contains(bp) else {
                row.fail(column, Message("cell.not_a_percentage", .text(t)))
                return nil
            }
            return Rate(basisPoints: Int32(bp))
        }
        let groupsReader = reader("product_groups.csv", ["id", "name", "max_discount_percent", "min_margin_percent"])
        for row in groupsReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let cap = percentage(row, "max_discount_percent"),
                let floor = percentage(row, "min_margin_percent")
            else { continue }
            if productGroups[id] != nil {
                row.fail("id", Message("duplicate.product_group", .text(id)))
                continue
            }
            productGroups[id] = ProductGroup(id: id, name: name, maxDiscount: cap, minMargin: floor)
        }
        refs.note("product_groups.csv", reader: groupsReader, column: "id", defined: productGroups.keys)

        // products.csv
        var products: [SKU: Product] = [:]
        var productNames: [String: [ProductName]] = [:]
        var nameRows: [String: String] = [:]  // key → what it names, for collision messages
        let productColumns = [
            "sku", "name", "name_en", "group", "kind", "unit", "length_mm", "width_mm", "height_mm", "weight_kg",
            "per_pallet", "sale_multiple", "density_kg_m3", "pallet_deposit", "joint_mm", "per_m3", "per_m2",
        ]
        let productsReader = reader("products.csv", productColumns)
        for row in productsReader.rows {
            guard let sku = row.text("sku") else { continue }
            if products[SKU(sku)] != nil {
                row.fail("sku", Message("duplicate.sku", .text(sku)))
                continue
            }
            // Every cell that does not depend on another is read first, so one run reports all of a row's mistakes.
            let name = row.text("name"), kind = row.choice("kind", ProductKind.self), unit = row.choice("unit", SellingUnit.self)
            let group = row.text("group") ?? ""
            if !group.isEmpty { refs.check(group, in: "product_groups.csv", what: "product group", row: row, column: "group") }
            guard let name, let kind, let unit else { continue }
            let nameEn = row.optionalText("name_en") ?? name
            var dims: (Int, Int, Int)?
            let l = row.integer("length_mm", required: kind == .brick || kind == .block, range: 1...10_000)
            let w = row.integer("width_mm", required: kind == .brick || kind == .block, range: 1...10_000)
            let h = row.integer("height_mm", required: kind == .brick || kind == .block, range: 1...10_000)
            if let l, let w, let h { dims = (Int(l), Int(w), Int(h)) }
            var grams: Int64 = 1_000_000
            if unit != .tonnes {
                guard let kg = row.quantity("weight_kg", positive: true) else { continue }
                grams = kg.milli  // thousandths of a kg are grams
            }
            let perPallet = row.quantity("per_pallet", required: kind != .bulk, positive: true)
            if kind != .bulk && perPallet == nil { continue }
            guard let multiple = row.quantity("sale_multiple", positive: true) else { continue }
            if unit != .tonnes && !multiple.isWhole { row.fail("sale_multiple", Message("products.multiple_whole", .verbatim(unit.rawValue))) }
            let density = row.integer("density_kg_m3", required: kind == .bulk, range: 1...10_000)
            let deposit = row.money("pallet_deposit", required: false) ?? .zero
            if kind == .bulk && unit != .tonnes { row.fail("unit", Message("products.bulk_unit")) }
            let joint = row.integer("joint_mm", required: false, range: 0...50)
            let perM3 = row.quantity("per_m3", required: false, positive: true)
            let perM2 = row.quantity("per_m2", required: false, positive: true)
            if (perM3 != nil || perM2 != nil || joint != nil) && kind != .brick && kind != .block {
                row.fail("joint_mm", Message("products.masonry_only"))
            }
            let product = Product(
                sku: SKU(sku), name: name, nameEn: nameEn, group: group, kind: kind, unit: unit, dimensionsMM: dims,
                unitWeightGrams: grams, perPallet: perPallet, saleMultiple: multiple, densityKgM3: density.map(Int.init),
                palletDeposit: deposit, jointMM: joint.map { Int($0) }, perM3Override: perM3, perM2Override: perM2)
            products[product.sku] = product
            for (label, column) in [(sku, "sku"), (name, "name"), (nameEn, "name_en")] {
                let key = NameKey.normalize(label)
                if let other = nameRows[key], other != sku {
                    row.fail(column, Message("products.name_taken", .text(label), .text("\(other)")))
                    continue
                }
                if nameRows[key] == nil {
                    nameRows[key] = sku
                    productNames[key] = [ProductName(sku: product.sku, isDefault: true, label: label)]
                }
            }
        }

        refs.note("products.csv", reader: productsReader, column: "sku", defined: products.keys.lazy.map(\.rawValue))

        // aliases.csv
        var aliasRows: [String: [(ProductName, TableReader.Row)]] = [:]
        for row in reader("aliases.csv", ["alias", "sku", "default"]).rows {
            guard let alias = row.text("alias"), let sku = row.text("sku"), let isDefault = row.bool("default") else { continue }
            guard refs.check(sku, in: "products.csv", what: "SKU", row: row, column: "sku") else { continue }
            let key = NameKey.normalize(alias)
            guard !key.isEmpty else {
                row.fail("alias", Message("aliases.no_letters", .text(alias)))
                continue
            }
            if let owner = nameRows[key] {
                row.fail("alias", Message("aliases.taken", .text(alias), .text("\(owner)")))
                continue
            }
            if aliasRows[key, default: []].contains(where: { $0.0.sku.rawValue == sku }) {
                row.fail("alias", Message("aliases.twice", .text(alias), .text(sku)))
                continue
            }
            aliasRows[key, default: []].append((ProductName(sku: SKU(sku), isDefault: isDefault, label: alias), row))
        }
        for (key, entries) in aliasRows {
            let defaults = entries.filter { $0.0.isDefault }.count
            if entries.count > 1 && defaults != 1, let first = entries.first {
                first.1.fail("default", Message("aliases.defaults", .text(first.0.label), .count(Int64(entries.count), .product), .verbatim(String(defaults))))
            }
            productNames[key] = entries.map {
                ProductName(sku: $0.0.sku, isDefault: entries.count == 1 || $0.0.isDefault, label: $0.0.label)
            }
        }

        // cities.csv
        var cities: [CityID: City] = [:]
        var cityNames: [String: CityID] = [:]
        let citiesReader = reader("cities.csv", ["id", "name", "aliases", "region", "delivery_days"])
        for row in citiesReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let region = row.text("region") else { continue }
            if cities[CityID(id)] != nil {
                row.fail("id", Message("duplicate.city", .text(id)))
                continue
            }
            let aliases = (row.optionalText("aliases") ?? "").split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            var days: [Weekday] = []
            for word in (row.optionalText("delivery_days") ?? "").split(whereSeparator: { $0 == " " || $0 == "," }) {
                if let d = Weekday(shortName: word) { days.append(d) } else {
                    row.fail("delivery_days", Message("cities.not_a_weekday", .text(String(word))))
                }
            }
            if days.isEmpty { row.fail("delivery_days", Message("cities.no_delivery_day")) }
            let city = City(id: CityID(id), name: name, aliases: aliases, region: region, deliveryDays: WeekdaySet(days))
            cities[city.id] = city
            for (label, column) in [(id, "id"), (name, "name")] + aliases.map({ ($0, "aliases") }) {
                let key = NameKey.normalize(label)
                if let other = cityNames[key], other != city.id {
                    row.fail(column, Message("cities.name_taken", .text(label), .text("\(other)")))
                } else {
                    cityNames[key] = city.id
                }
            }
        }

        refs.note("cities.csv", reader: citiesReader, column: "id", defined: cities.keys.lazy.map(\.rawValue))

        // sources.csv
        var sources: [SourceID: Source] = [:]
        var zones = Set<ZoneID>()
        let sourcesReader = reader("sources.csv", ["id", "name", "kind", "zone", "city", "lead_days", "stock_as_of"], optional: ["pickup", "public_name"])
        for row in sourcesReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let kind = row.choice("kind", SourceKind.self),
                let zone = row.text("zone"), let city = row.text("city"), let lead = row.integer("lead_days", range: 0...365),
                let asOf = row.moment("stock_as_of", defaultOffset: offset)
            else { continue }
            // Whether customers may collect there: the optional `pickup` column, warehouses by default.
            let pickup = row.optionalText("pickup") == nil ? nil : row.bool("pickup")
            if sources[SourceID(id)] != nil {
                row.fail("id", Message("duplicate.source", .text(id)))
                continue
            }
            refs.check(city, in: "cities.csv", what: "city", row: row, column: "city")
            zones.insert(ZoneID(zone))
            var source = Source(
                id: SourceID(id), name: name, kind: kind, zone: ZoneID(zone), city: CityID(city), leadDays: Int(lead), stockAsOf: asOf,
                allowsPickup: pickup)
            // What the customer is told about it (optional): "склад в Химках", "с завода-изготовителя".
            source.publicName = row.optionalText("public_name")
            sources[SourceID(id)] = source
        }

        refs.note("sources.csv", reader: sourcesReader, column: "id", defined: sources.keys.lazy.map(\.rawValue))

        // stock.csv
        var offers: [SKU: [StockOffer]] = [:]
        for row in reader("stock.csv", ["source", "sku", "stock", "cost", "min_order", "order_multiple"]).rows {
            guard let source = row.text("source"), let sku = row.text("sku") else { continue }
            let knownSource = refs.check(source, in: "sources.csv", what: "source", row: row, column: "source")
            guard refs.check(sku, in: "products.csv", what: "SKU", row: row, column: "sku"), knownSource else { continue }
            // An empty min_order or order_multiple means no constraint; a bad one is reported.
            let minOrder = row.quantity("min_order", required: false) ?? .zero
            let multiple = row.quantity("order_multiple", required: false) ?? .zero
            guard let stock = row.quantity("stock"), let cost = row.money("cost") else { continue }
            if offers[SKU(sku), default: []].contains(where: { $0.source.rawValue == source }) {
                row.fail("sku", Message("stock.twice", .text(source), .text(sku)))
                continue
            }
            offers[SKU(sku), default: []].append(
                StockOffer(source: SourceID(source), sku: SKU(sku), stock: stock, cost: cost, minOrder: minOrder, orderMultiple: multiple))
        }
        for key in offers.keys { offers[key]?.sort { $0.source < $1.source } }

        // prices.csv
        var base: [SKU: [PriceTier]] = [:]
        var regional: [SKU: [String: [PriceTier]]] = [:]
        var firstPriceRow: [String: TableReader.Row] = [:]
        let pricesReader = reader("prices.csv", ["sku", "region", "min_qty", "price"], optional: ["per"])
        var pricedRows: [String: Int] = [:]
        for row in pricesReader.rows {
            guard let sku = row.text("sku") else { continue }
            guard refs.check(sku, in: "products.csv", what: "SKU", row: row, column: "sku") else { continue }
            let region = row.optionalText("region")
            guard let minQty = row.quantity("min_qty"), let price = row.unitPrice("price", perColumn: "per") else { continue }
            let tier = PriceTier(minQuantity: minQty, price: price)
            let existing = region.map { regional[SKU(sku)]?[$0] ?? [] } ?? base[SKU(sku)] ?? []
            if existing.contains(where: { $0.minQuantity == minQty }) {
                row.fail("min_qty", Message("prices.twice", .text(sku + (region.map { " (\($0))" } ?? "")), .figure(minQty)))
                continue
            }
            if firstPriceRow[sku + "|" + (region ?? "")] == nil { firstPriceRow[sku + "|" + (region ?? "")] = row }
            pricedRows[sku, default: 0] += 1
            if let region { regional[SKU(sku), default: [:]][region, default: []].append(tier) } else { base[SKU(sku), default: []].append(tier) }
        }
        // A product whose price rows failed (or all of prices.csv, with a broken header) has those errors: not also
        // a list that starts above 0 or no base price.
        let priceRows = pricesReader.counts(of: "sku")
        func failedPrices(_ sku: SKU) -> Bool { priceRows[sku.rawValue, default: 0] != pricedRows[sku.rawValue, default: 0] }
        var prices: [SKU: PriceList] = [:]
        for sku in Set(base.keys).union(regional.keys) {
            let list = PriceList(base: base[sku] ?? [], regional: regional[sku] ?? [:])
            for (region, tiers) in [("", list.base)] + list.regional.map({ ($0.key, $0.value) }) where !tiers.isEmpty {
                if tiers[0].minQuantity != .zero, !failedPrices(sku), let row = firstPriceRow[sku.rawValue + "|" + region] {
                    row.fail("min_qty", Message("prices.lowest_tier", .text("\(sku)" + (region.isEmpty ? "" : " (\(region))")), .figure(tiers[0].minQuantity)))
                }
            }
            prices[sku] = list
        }
        for sku in products.keys.sorted() where (prices[sku]?.base ?? []).isEmpty && pricesReader.isSound && !failedPrices(sku) {
            log.add("prices.csv", 1, 1, Message("prices.no_base", .text(sku.rawValue)))
        }

        // vehicles.csv
        var vehicles: [Vehicle] = []
        let vehiclesReader = reader("vehicles.csv", ["id", "name", "body", "payload_kg", "pallet_places", "crane"])
        for row in vehiclesReader.rows {
            guard let id = row.text("id"), let name = row.text("name"), let body = row.choice("body", VehicleBody.self),
                let payload = row.integer("payload_kg", range: 1...100_000), let places = row.integer("pallet_places", range: 0...100),
                let crane = row.bool("crane")
            else { continue }
            if vehicles.contains(where: { $0.id.rawValue == id }) {
                row.fail("id", Message("duplicate.vehicle", .text(id)))
                continue
            }
            if body == .flatbed && places == 0 { row.fail("pallet_places", Message("vehicles.flatbed_places")) }
            vehicles.append(Vehicle(id: VehicleID(id), name: name, body: body, payloadKg: payload, palletPlaces: places, crane: crane))
        }
        vehicles.sort { $0.id < $1.id }
        refs.note("vehicles.csv", reader: vehiclesReader, column: "id", defined: vehicles.map(\.id.rawValue))

        // routes.csv
        var routes: [RouteKey: Route] = [:]
        let zoneList = zones.map(\.rawValue).sorted().joined(separator: ", ")
        let failedSourceZones = sourcesReader.isSound ? Set(sourcesReader.values(of: "zone")) : nil
        /// Whether `zone` is a source's; else reported, unless only a source row that failed names it (that row's
        /// error is the one to fix).
        func sourceZone(_ zone: String, _ row: TableReader.Row) -> Bool {
            if zones.contains(ZoneID(zone)) { return true }
            guard let failedSourceZones, !failedSourceZones.contains(zone) else { return false }
            row.fail("zone", Message("routes.unknown_zone", .text(zone), .verbatim(zoneList)))
            return false
        }
        for row in reader("routes.csv", ["zone", "city", "distance_km", "transit_days"]).rows {
            guard let zone = row.text("zone"), let city = row.text("city"), let km = row.integer("distance_km", range: 0...20_000),
                let days = row.integer("transit_days", range: 0...60)
            else { continue }
            let knownZone = sourceZone(zone, row)
            guard refs.check(city, in: "cities.csv", what: "city", row: row, column: "city"), knownZone else { continue }
            let key = RouteKey(zone: ZoneID(zone), city: CityID(city))
            if routes[key] != nil {
                row.fail("city", Message("routes.twice", .text(zone), .text(city)))
                continue
            }
            routes[key] = Route(zone: key.zone, city: key.city, distanceKm: km, transitDays: Int(days))
        }

        // tariffs.csv
        var tariffs: [TariffKey: Tariff] = [:]
        for row in reader("tariffs.csv", ["zone", "city", "vehicle", "base_price", "included_km", "per_km", "min_charge"]).rows {
            guard let zone = row.text("zone"), let vehicle = row.text("vehicle") else { continue }
            let city = row.optionalText("city")
            let knownZone = sourceZone(zone, row)
            let knownVehicle = refs.check(vehicle, in: "vehicles.csv", what: "vehicle", row: row, column: "vehicle")
            let knownCity = city.map { refs.check($0, in: "cities.csv", what: "city", row: row, column: "city") } ?? true
            guard knownZone, knownVehicle, knownCity else { continue }
            guard let basePrice = row.money("base_price"), let included = row.integer("included_km", required: false, range: 0...20_000) ?? Optional(0),
                let perKm = row.money("per_km", required: false) ?? Optional(.zero), let minCharge = row.money("min_charge", required: false) ?? Optional(.zero)
            else { continue }
            let key = TariffKey(zone: ZoneID(zone), city: city.map { CityID($0) }, vehicle: VehicleID(vehicle))
            if tariffs[key] != nil {
                row.fail("vehicle", Message("tariffs.twice", .text(zone), city.map { .text($0) } ?? .message(Message("tariffs.any_city")), .text(vehicle)))
                continue
            }
            tariffs[key] = Tariff(key: key, basePrice: basePrice, includedKm: included, perKm: perKm, minCharge: minCharge)
        }

        // holidays.csv
        var holidays = Set<CivilDate>()
        var workdays = Set<CivilDate>()
        for row in reader("holidays.csv", ["date", "kind", "name"]).rows {
            guard let date = row.date("date"), let kind = row.text("kind") else { continue }
            switch kind {
            case "holiday":
                // A public holiday on a weekend is listed too: it is no delivery day either.
                if workdays.contains(date) { row.fail("date", Message("holidays.also_workday", .date(date))) }
                holidays.insert(date)
            case "workday":
                if !date.weekday.isWeekend { row.fail("date", Message("holidays.working_day", .date(date), .weekdayOf(date))) }
                if holidays.contains(date) { row.fail("date", Message("holidays.also_holiday", .date(date))) }
                workdays.insert(date)
            default:
                row.fail("kind", Message("holidays.kind", .text(kind)))
            }
        }

        // customers.csv
        var customers: [String: Customer] = [:]
        for row in reader("customers.csv", ["id", "name", "group", "credit_days", "credit_limit", "balance"], optional: ["inn"]).rows {
            guard let id = row.text("id"), let name = row.text("name"), let group = row.text("group"),
                let days = row.integer("credit_days", range: 0...365)
            else { continue }
            let limit = row.money("credit_limit", required: false) ?? .zero
            let balance = row.money("balance", required: false) ?? .zero
            if customers[id] != nil {
                row.fail("id", Message("duplicate.customer", .text(id)))
                continue
            }
            if days > 0 && limit.kopecks == 0 { row.fail("credit_limit", Message("customers.no_limit")) }
            let inn = row.optionalText("inn")
            if let inn, !(inn.count == 10 || inn.count == 12) || !inn.allSatisfy({ $0.isASCII && $0.isNumber }) {
                row.fail("inn", Message("customers.inn", .text(inn)))
            }
            customers[id] = Customer(id: id, name: name, group: group, creditDays: Int(days), creditLimit: limit, balance: balance, inn: inn)
        }

        // discounts.csv
        var discounts: [DiscountKey: Rate] = [:]
        for row in reader("discounts.csv", ["customer_group", "product_group", "percent"]).rows {
            guard let customerGroup = row.text("customer_group"), let productGroup = row.text("product_group"),
                let rate = percentage(row, "percent")
            else { continue }
            guard refs.check(productGroup, in: "product_groups.csv", what: "product group", row: row, column: "product_group") else {
                continue
            }
            let key = DiscountKey(customerGroup: customerGroup, productGroup: productGroup)
            if discounts[key] != nil {
                row.fail("percent", Message("discounts.twice", .text(customerGroup), .text(productGroup)))
                continue
            }
            discounts[key] = rate
        }

        var craneSurcharge = Money.zero
        if let (text, row) = settingsText["crane_surcharge"], !text.isEmpty {
            if case .success(let m) = NumberText.parse(text, scale: 2, decimalComma: row.reader.table.decimalComma), m >= 0 { craneSurcharge = Money(kopecks: m) } else {
                row.fail("value", Message("settings.not_an_amount", .verbatim("crane_surcharge"), .text(text)))
            }
        }
        var weekendSurcharge = Rate(basisPoints: 0)
        if let (text, row) = settingsText["weekend_surcharge_percent"], !text.isEmpty {
            if case .success(let bp) = NumberText.parse(text, scale: 2, decimalComma: row.reader.table.decimalComma), (0...100_000).contains(bp) {
                weekendSurcharge = Rate(basisPoints: Int32(bp))
            } else {
                row.fail("value", Message("settings.not_a_percentage", .verbatim("weekend_surcharge_percent"), .text(text)))
            }
        }
        var settingsWithSurcharges = settings
        settingsWithSurcharges.craneSurcharge = craneSurcharge
        settingsWithSurcharges.weekendSurcharge = weekendSurcharge
        settingsWithSurcharges.seller = CatalogCompiler.seller(settingsText.mapValues(\.0))
        if let (text, row) = settingsText["follow_up_business_days"], !text.isEmpty {
            if let days = Int(text), (1...60).contains(days) { settingsWithSurcharges.followUpBusinessDays = days } else {
                row.fail("value", Message("settings.whole_number", .verbatim("follow_up_business_days"), .verbatim("1"), .verbatim("60"), .text(text)))
            }
        }

        var catalog = Catalog(
            version: version, settings: settingsWithSurcharges, vat: VATSchedule(rates), calendar: BusinessCalendar(holidays: holidays, workingWeekends: workdays),
            products: products, productNames: productNames, sources: sources, offers: offers, prices: prices, cities: cities,
            cityNames: cityNames, vehicles: vehicles, routes: routes, tariffs: tariffs)
        catalog.productGroups = productGroups
        catalog.customers = customers
        catalog.discounts = discounts
        return catalog
    }
}
