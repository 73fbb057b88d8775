import QuoteCatalog
import QuoteCore
import SeededRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Synthetic catalogs of any size, for the benchmarks and the scale tests: `quote catalog generate`.
///
/// The output is a catalog folder in the format of `catalogs/README.md`, byte-identical for the same
/// options on every machine, and shaped like a real distributor's data rather than uniform noise:
///
/// - **Products**: 73 families (bricks by format, type and grade; aerated blocks by density and
///   thickness; cements and dry mixes; sands and crushed stone), each made by many brands; a SKU is
///   `<family>-<brand>` (`BR-NF-M150-SOL-K00000`). Brand 0 is the house brick of the Tver plant.
/// - **Names**: every SKU has its Russian and English name; each brand's family group has an alias in
///   both languages (`кирпич одинарный Тверца`, `NF brick Tvertsa`) naming its SKUs with one default;
///   the house brands answer to the demo's words (`brick`, `кирпич`, `block`, `cement`, `sand`…), so
///   `brick` means `BR-NF-M150-SOL-K00000` as it means `BR-NF-M150-SOL` in the demo.
/// - **Stock**: Zipf-like: SKUs ranked by popularity, stock falling as (1 + rank/20)^-0.875 with
///   noise, over the 0–8 pallets a plant keeps of most of what it makes; 6 % of offers out of stock;
///   stock figures of 10 % of the sources are days old;
///   warehouses hold a quarter of what plants hold of the popular SKUs and nothing of the tail;
///   plants sell whole pallets from a minimum of 2–6 pallets, warehouses from one.
/// - **Prices**: 2 or 3 quantity tiers per SKU, regional lists for 12 % of SKUs (and the house brick
///   in Tver's region, as in the demo), purchase costs 62–82 % of the base list price.
/// - **Geography**: the demo's 24 towns and 6 sources, then towns clustered in regions on a
///   1,300 × 1,100 km plane; sources grouped in zones of about three; a route from each zone to every
///   town within 900 km of road (1.25 × the straight line), with transit days by distance; a tariff
///   per zone and vehicle class, flat local fares in each zone's own town and a Moscow surcharge.
/// - **As in the demo**: settings, VAT, vehicle classes, holidays, product groups, the demo's customers
///   and discounts (plus generated customers: one per 200 SKUs).
public enum CatalogGenerator {
    /// Changes whenever the output for the same options changes: the benchmarks cache the 100k catalog
    /// as `.build-bench/bench-catalog-100k-g<version>.sqlite` (scripts/startup.sh and
    /// scripts/jsonl-throughput.sh name that file too), and GeneratorTests pins the output.
    public static let version = 2

    public struct Options: Sendable, Equatable {
        public var skus: Int
        public var sources: Int
        public var cities: Int
        /// The mean number of sources offering a SKU (each SKU has 1 … 2 × this − 1).
        public var offersPerSKU: Int
        public var seed: UInt64

        public init(skus: Int = 100_000, sources: Int = 200, cities: Int = 1_000, offersPerSKU: Int = 3, seed: UInt64 = 1) {
            self.skus = skus
            self.sources = sources
            self.cities = cities
            self.offersPerSKU = offersPerSKU
            self.seed = seed
        }

        /// What is wrong with these options, or nil.
        public var problem: String? { problemText.map { MessageRenderer(.en).render($0) } }

        /// What is wrong with these options, as a message, or nil.
        public var problemText: Message? {
            if !(100...5_000_000).contains(skus) { return Message("generator.skus") }
            if !(6...100_000).contains(sources) { return Message("generator.sources") }
            if !(24...1_000_000).contains(cities) { return Message("generator.cities") }
            if !(1...50).contains(offersPerSKU) { return Message("generator.offers") }
            return nil
        }
    }

    /// Generates the catalog's files in memory.
    public static func generate(_ options: Options) -> GeneratedCatalog {
        var g = Generation(options)
        return g.run()
    }
}

/// A generated catalog: its files, and how many records each has.
public struct GeneratedCatalog: Sendable {
    /// File name → contents, as `CatalogCompiler.compile(files:)` takes them.
    public var files: [String: [UInt8]]
    /// Records (lines after the header) per file, in `CatalogCompiler.files` order.
    public var records: [(file: String, count: Int)]

    public var totalBytes: Int { files.values.reduce(0) { $0 + $1.count } }

    /// Writes every file into `directory` (created, with its parents, if missing; files of the same
    /// names are replaced).
    public func write(to directory: String) throws(CatalogIssue) {
        guard GeneratorIO.makeDirectories(directory) else {
            throw CatalogIssue(
                file: directory, line: 0, column: 0, Message("generator.cannot_create", .verbatim(String(cString: strerror(errno)))))
        }
        for name in CatalogCompiler.files {
            guard GeneratorIO.write(files[name] ?? [], to: directory + "/" + name) else {
                throw CatalogIssue(
                    file: directory + "/" + name, line: 0, column: 0,
                    Message("generator.cannot_write", .verbatim(String(cString: strerror(errno)))))
            }
        }
    }
}

enum GeneratorIO {
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let f = fopen(path, "wb") else { return false }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        return fclose(f) == 0 && written == bytes.count
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func makeDirectories(_ path: String) -> Bool {
        if isDirectory(path) { return true }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if !isDirectory(prefix) && mkdir(prefix, 0o755) != 0 && !isDirectory(prefix) { return false }
            prefix += "/"
        }
        return isDirectory(path)
    }
}

// MARK: - The generation

private struct Place {
    var ru: String
    var latin: String
    var key: String
}

private struct GCity {
    var id: String
    var name: String
    var aliases: [String]
    var region: String
    var days: String
    var x: Double
    var y: Double
}

private struct GZone {
    var id: String
    var city: Int
}

private struct GSource {
    var id: String
    var name: String
    /// nil: a warehouse, stocking every line.
    var line: ProductLine?
    var zone: Int
    var city: Int
    var lead: Int
    var asOf: String
}

private struct GBrand {
    var place: Place
    var code: String
    var line: ProductLine
    var home: Int
    var families: [Int]
}

private struct GProduct {
    var sku: String
    var family: Int
    var brand: Int
    /// Base list price, kopecks.
    var price: Int64
}

private struct Generation {
    let o: Options
    typealias Options = CatalogGenerator.Options
    let families = GeneratorData.families

    var cities: [GCity] = []
    var regions: [String] = []
    var zones: [GZone] = []
    var sources: [GSource] = []
    var brands: [GBrand] = []
    var products: [GProduct] = []
    var rank: [Int] = []

    init(_ options: Options) { o = options }

    mutating func run() -> GeneratedCatalog {
        makeCities()
        makeZonesAndSources()
        makeBrandsAndProducts()
        rankProducts()

        var files: [String: [UInt8]] = [:]
        var counts: [String: Int] = [:]
        func put(_ name: String, _ csv: CSVBuilder) {
            files[name] = csv.bytes
            counts[name] = csv.records
        }
        put("settings.csv", settingsCSV())
        put("vat.csv", fixedCSV(["effective_from", "rate_percent"], GeneratorData.vat.map { [$0.0, $0.1] }))
        put("products.csv", productsCSV())
        put("aliases.csv", aliasesCSV())
        put("sources.csv", sourcesCSV())
        put("stock.csv", stockCSV())
        put("prices.csv", pricesCSV())
        put("cities.csv", citiesCSV())
        put("vehicles.csv", vehiclesCSV())
        let (routes, tariffs) = routesAndTariffsCSV()
        put("routes.csv", routes)
        put("tariffs.csv", tariffs)
        put("holidays.csv", fixedCSV(["date", "kind", "name"], GeneratorData.holidays.map { [$0.0, $0.1, $0.2] }))
        put(
            "product_groups.csv",
            fixedCSV(
                ["id", "name", "max_discount_percent", "min_margin_percent"], GeneratorData.productGroups.map { [$0.0, $0.1, $0.2, $0.3] }))
        put("customers.csv", customersCSV())
        put("discounts.csv", fixedCSV(["customer_group", "product_group", "percent"], GeneratorData.discounts.map { [$0.0, $0.1, $0.2] }))
        return GeneratedCatalog(files: files, records: CatalogCompiler.files.map { ($0, counts[$0] ?? 0) })
    }

    // MARK: Names

    /// A made-up Russian place name whose key is not in `used` (then added to it).
    static func place(_ rng: inout SplitMix64, used: inout Set<String>) -> Place {
        var ru = ""
        for _ in 0..<40 {
            ru = rng.pick(GeneratorData.prefixes) + rng.pick(GeneratorData.roots) + rng.pick(GeneratorData.suffixes)
            if ru.first?.isLowercase == true { ru = ru.prefix(1).uppercased() + ru.dropFirst() }
            let key = NameKey.normalize(ru)
            if used.insert(key).inserted { return Place(ru: ru, latin: latin(key), key: key) }
        }
        var n = 2
        while true {
            let numbered = ru + "-" + String(n)
            let key = NameKey.normalize(numbered)
            if used.insert(key).inserted { return Place(ru: numbered, latin: latin(key), key: key) }
            n += 1
        }
    }

    static func latin(_ key: String) -> String { key.prefix(1).uppercased() + key.dropFirst() }

    // MARK: Towns

    mutating func makeCities() {
        var rng = SplitMix64(seed: o.seed, stream: "cities")
        var used = Set<String>()
        for c in GeneratorData.cities {
            cities.append(
                GCity(
                    id: c.id, name: c.name, aliases: c.aliases.split(separator: "|").map(String.init), region: c.region, days: c.days,
                    x: c.x, y: c.y))
            for label in [c.id, c.name] + c.aliases.split(separator: "|").map(String.init) { used.insert(NameKey.normalize(label)) }
            if !regions.contains(c.region) { regions.append(c.region) }
        }
        let extra = o.cities - cities.count
        guard extra > 0 else { return }
        let regionCount = max(1, extra / 25)
        let firstRegion = regions.count
        let width = max(2, String(regionCount).count)
        var centres: [(Double, Double)] = []
        for i in 0..<regionCount {
            regions.append("R" + GeneratorFormat.padded(i + 1, width))
            centres.append((rng.double(-650, 650), rng.double(-500, 600)))
        }
        for _ in 0..<extra {
            let p = Generation.place(&rng, used: &used)
            let r = rng.below(regionCount)
            let x = min(700, max(-700, centres[r].0 + 60 * rng.normal()))
            let y = min(650, max(-550, centres[r].1 + 60 * rng.normal()))
            var aliases = [p.latin]
            // A second Latin spelling for some towns, as people type them (kh → h, zh → j, y → i).
            let variant = p.latin.replacing("kh", with: "h").replacing("zh", with: "j").replacing("yy", with: "y")
            if variant != p.latin && rng.chance(0.4) && used.insert(NameKey.normalize(variant)).inserted { aliases.append(variant) }
            let days = rng.chance(0.15) ? "Mon Tue Wed Thu Fri Sat" : rng.pick(GeneratorData.deliveryPatterns)
            cities.append(GCity(id: p.key, name: p.ru, aliases: aliases, region: regions[firstRegion + r], days: days, x: x, y: y))
        }
    }

    // MARK: Zones and sources

    mutating func makeZonesAndSources() {
        var rng = SplitMix64(seed: o.seed, stream: "sources")
        func cityIndex(_ id: String) -> Int { cities.firstIndex { $0.id == id } ?? 0 }
        for z in GeneratorData.zones { zones.append(GZone(id: z.id, city: cityIndex(z.city))) }
        for s in GeneratorData.sources {
            sources.append(
                GSource(
                    id: s.id, name: s.name, line: s.makes, zone: zones.firstIndex { $0.id == s.zone } ?? 0, city: cityIndex(s.city),
                    lead: s.lead,
                    asOf: s.asOf))
        }
        let extra = o.sources - sources.count
        guard extra > 0 else { return }
        let zoneCount = (extra + 2) / 3
        let firstGenerated = GeneratorData.cities.count
        let centres =
            cities.count > firstGenerated
            ? rng.sample(Array(firstGenerated..<cities.count), count: zoneCount) : rng.sample(Array(cities.indices), count: zoneCount)
        let width = max(3, String(zoneCount).count)
        for i in 0..<zoneCount {
            zones.append(GZone(id: "Z" + GeneratorFormat.padded(i + 1, width), city: centres[i % centres.count]))
        }
        var placeNames = Set<String>()
        let idWidth = max(4, String(o.sources).count)
        for i in 0..<extra {
            let zone = GeneratorData.zones.count + (i < zoneCount ? i : rng.below(zoneCount))
            let city = zones[zone].city
            let town = cities[city].name
            let line: ProductLine? = rng.chance(0.15) ? nil : ProductLine(rawValue: rng.weighted([0.40, 0.20, 0.25, 0.15]))
            let n = GeneratorFormat.padded(sources.count + 1, idWidth)
            let brand = Generation.place(&rng, used: &placeNames).ru
            let (id, name): (String, String)
            switch line {
            case nil: (id, name) = ("WH-" + n, "Склад \(town) №\(sources.count + 1)")
            case .brick: (id, name) = ("PL-" + n, "Кирпичный завод «\(brand)» (\(town))")
            case .block: (id, name) = ("PL-" + n, "Завод газобетона «\(brand)» (\(town))")
            case .bag: (id, name) = ("SUP-" + n, "ТД «\(brand)» (\(town))")
            case .bulk: (id, name) = ("QRY-" + n, "Карьер «\(brand)» (\(town))")
            }
            let lead = line == nil ? rng.int(in: 0...1) : rng.int(in: 1...4)
            // Most stock figures are from last night; some are days old (the quote then warns).
            let day = rng.chance(0.9) ? 30 : rng.int(in: 22...28)
            let asOf = "2026-11-\(day)T\(GeneratorFormat.padded(rng.int(in: 8...20), 2)):00:00+03:00"
            sources.append(GSource(id: id, name: name, line: line, zone: zone, city: city, lead: lead, asOf: asOf))
        }
    }

    // MARK: Brands and products

    mutating func makeBrandsAndProducts() {
        var rng = SplitMix64(seed: o.seed, stream: "products")
        var used = Set<String>()
        // The demo's makers are the house brands: brick, blocks, cement and mixes, sand and stone.
        let house: [(String, ProductLine, Int)] = [
            ("Тверца", .brick, 1), ("Окский", .block, 3), ("Цемент-Ока", .bag, 4), ("Яхрома", .bulk, 5),
        ]
        for h in house { used.insert(NameKey.normalize(h.0)) }
        var makers: [[Int]] = Array(repeating: [], count: ProductLine.allCases.count)
        for (i, s) in sources.enumerated() { if let l = s.line { makers[l.rawValue].append(i) } }
        let lines = BrandLines(
            families: ProductLine.allCases.map { l in families.indices.filter { families[$0].line == l } }, makers: makers,
            suppliers: sources.indices.filter { sources[$0].line != nil })
        let codeWidth = max(5, String(o.skus / 4).count)
        products.reserveCapacity(o.skus)
        var seenKeys = Set<String>()
        seenKeys.reserveCapacity(o.skus * 3)

        var b = 0
        while products.count < o.skus {
            let brand: BrandDraft
            if b < house.count {
                let key = NameKey.normalize(house[b].0)
                let line = house[b].1
                brand = BrandDraft(
                    place: Place(ru: house[b].0, latin: Generation.latin(key), key: key), line: line,
                    families: lines.families[line.rawValue],
                    home: house[b].2)
            } else {
                brand = newBrand(&rng, used: &used, lines)
            }
            let code = "K" + GeneratorFormat.padded(b, codeWidth)
            // Money stays in integers: factors in basis points (1.0 = 10 000).
            let factor = Int64(b < house.count ? 10_000 : rng.int(in: 8_500...12_500))
            addProducts(of: brand, number: b, code: code, factor: factor, &rng, seen: &seenKeys)
            brands.append(GBrand(place: brand.place, code: code, line: brand.line, home: brand.home, families: brand.families))
            b += 1
        }
    }

    /// Each product line's families, the sources making it, and every source that makes anything.
    struct BrandLines {
        var families: [[Int]]
        var makers: [[Int]]
        var suppliers: [Int]
    }

    /// A brand before its code: its place name, its line, the families it makes and its home source.
    struct BrandDraft {
        var place: Place
        var line: ProductLine
        var families: [Int]
        var home: Int
    }

    /// A brand that is not a house brand: a new place name, a line, some of the line's families, a maker.
    func newBrand(_ rng: inout SplitMix64, used: inout Set<String>, _ lines: BrandLines) -> BrandDraft {
        let place = Generation.place(&rng, used: &used)
        let line = ProductLine(rawValue: rng.weighted([0.22, 0.22, 0.36, 0.20])) ?? .brick
        let all = lines.families[line.rawValue]
        var chosen: [Int]
        switch line {
        case .brick:
            chosen = all.filter { _ in rng.chance(0.6) }
        case .block:
            let densities = ["D400", "D500", "D600"].filter { _ in rng.chance(0.5) }
            chosen = all.filter { f in densities.contains { families[f].code.contains($0) } && rng.chance(0.85) }
        case .bag:
            let cement = rng.chance(0.5)
            chosen = all.filter { (families[$0].group == "cement") == cement && rng.chance(0.7) }
        case .bulk:
            chosen = all.filter { _ in rng.chance(0.6) }
        }
        if chosen.isEmpty { chosen = [rng.pick(all)] }
        let candidates = lines.makers[line.rawValue]
        let home = candidates.isEmpty ? (lines.suppliers.isEmpty ? 0 : rng.pick(lines.suppliers)) : rng.pick(candidates)
        return BrandDraft(place: place, line: line, families: chosen, home: home)
    }

    /// The SKUs of brand number `b` (while fewer than `o.skus`), one per family it makes, priced at `factor`
    /// (basis points) of the family's price with noise.
    mutating func addProducts(
        of brand: BrandDraft, number b: Int, code: String, factor: Int64, _ rng: inout SplitMix64, seen seenKeys: inout Set<String>
    ) {
        for f in brand.families where products.count < o.skus {
            let family = families[f]
            let price = GeneratorFormat.roundedPrice(family.price * factor * Int64(rng.int(in: 9_700...10_300)) / 100_000_000)
            let sku = family.code + "-" + code
            // Names must tell products apart (the compiler refuses a shared name): a brand name is
            // unique, so this only guards against a family's words running into a brand's.
            guard seenKeys.insert(NameKey.normalize(sku)).inserted,
                seenKeys.insert(NameKey.normalize(productName(family, brand.place))).inserted,
                seenKeys.insert(NameKey.normalize(productNameEn(family, brand.place))).inserted
            else { continue }
            products.append(GProduct(sku: sku, family: f, brand: b, price: price))
        }
    }

    func productName(_ f: Family, _ p: Place) -> String { f.ru + " «" + p.ru + "»" }
    func productNameEn(_ f: Family, _ p: Place) -> String { f.en + ", " + p.latin }

    /// Popularity: the house brands' SKUs first (the house brick, `brick`, first of all), then the rest
    /// in random order.
    mutating func rankProducts() {
        var rng = SplitMix64(seed: o.seed, stream: "rank")
        var house = products.indices.filter { products[$0].brand < 4 }
        var rest = products.indices.filter { products[$0].brand >= 4 }
        rng.shuffle(&house)
        rng.shuffle(&rest)
        if let top = house.firstIndex(where: { families[products[$0].family].preferred && products[$0].brand == 0 }) {
            house.swapAt(0, top)
        }
        rank = Array(repeating: 0, count: products.count)
        for (r, p) in (house + rest).enumerated() { rank[p] = r }
    }

    // MARK: Files

    func fixedCSV(_ header: [String], _ rows: [[String]]) -> CSVBuilder {
        var csv = CSVBuilder(header)
        for r in rows { csv.append(r) }
        return csv
    }

    func settingsCSV() -> CSVBuilder {
        let name = "Synthetic: \(o.skus) SKUs, \(o.sources) sources, \(o.cities) towns (seed \(o.seed))"
        return fixedCSV(["key", "value"], GeneratorData.settings(name: name).map { [$0.0, $0.1] })
    }

    func vehiclesCSV() -> CSVBuilder {
        var csv = CSVBuilder(["id", "name", "body", "payload_kg", "pallet_places", "crane"])
        for v in GeneratorData.vehicles { csv.row(v.id, v.name, v.body, String(v.payload), String(v.places), v.crane ? "yes" : "no") }
        return csv
    }

    func productsCSV() -> CSVBuilder {
        var csv = CSVBuilder(
            [
                "sku", "name", "name_en", "group", "kind", "unit", "length_mm", "width_mm", "height_mm", "weight_kg", "per_pallet",
                "sale_multiple", "density_kg_m3", "pallet_deposit", "joint_mm", "per_m3", "per_m2",
            ], reserve: products.count * 220)
        for p in products {
            let f = families[p.family]
            let place = brands[p.brand].place
            csv.row(
                p.sku, productName(f, place), productNameEn(f, place), f.group, f.kind, f.unit,
                f.dims.map { String($0.0) } ?? "", f.dims.map { String($0.1) } ?? "", f.dims.map { String($0.2) } ?? "",
                f.grams.map(GeneratorFormat.kilograms) ?? "", f.perPallet.map { String($0) } ?? "", String(f.saleMultiple),
                f.density.map { String($0) } ?? "", GeneratorFormat.money(f.deposit), "", "", "")
        }
        return csv
    }

    func aliasesCSV() -> CSVBuilder {
        var csv = CSVBuilder(["alias", "sku", "default"], reserve: products.count * 90)
        func family(_ names: [String], _ members: [Int]) {
            guard !members.isEmpty else { return }
            let preferred = members.first { families[products[$0].family].preferred } ?? members[0]
            for name in names {
                for m in members { csv.row(name, products[m].sku, m == preferred ? "yes" : "no") }
            }
        }
        // The house brands answer to the demo's words.
        var byBrand: [[Int]] = Array(repeating: [], count: brands.count)
        for (i, p) in products.enumerated() { byBrand[p.brand].append(i) }
        func house(_ brand: Int, _ test: (Family) -> Bool) -> [Int] {
            brand < byBrand.count ? byBrand[brand].filter { test(families[products[$0].family]) } : []
        }
        family(["кирпич", "brick", "кирпич рядовой", "common brick"], house(0) { $0.common && !$0.code.contains("FAC") })
        family(["кирпич облицовочный", "facing brick"], house(0) { $0.code.contains("FAC") })
        family(["газоблок", "газобетон", "block", "aerated block"], house(1) { $0.common })
        family(["цемент", "cement"], house(2) { $0.group == "cement" && $0.code.hasSuffix("-50") })
        family(["кладочная смесь", "mortar"], house(2) { $0.code.hasPrefix("MIX-MAS") })
        family(["песок", "sand"], house(3) { $0.code.hasPrefix("SAND") })
        family(["щебень", "crushed stone"], house(3) { $0.code.hasPrefix("STONE") })
        // Each brand's family groups: "кирпич одинарный Тверца", "NF brick Tvertsa".
        for (b, brand) in brands.enumerated() {
            var groups: [(String, String)] = []
            for m in byBrand[b] {
                let a = families[products[m].family].alias
                if !groups.contains(where: { $0 == a }) { groups.append(a) }
            }
            for g in groups {
                let members = byBrand[b].filter { families[products[$0].family].alias == g }
                family([g.0 + " " + brand.place.ru, g.1 + " " + brand.place.latin], members)
            }
        }
        return csv
    }

    func sourcesCSV() -> CSVBuilder {
        var csv = CSVBuilder(["id", "name", "kind", "zone", "city", "lead_days", "stock_as_of"])
        for s in sources {
            csv.row(s.id, s.name, s.line == nil ? "warehouse" : "supplier", zones[s.zone].id, cities[s.city].id, String(s.lead), s.asOf)
        }
        return csv
    }

    func stockCSV() -> CSVBuilder {
        var rng = SplitMix64(seed: o.seed, stream: "stock")
        var csv = CSVBuilder(
            ["source", "sku", "stock", "cost", "min_order", "order_multiple"], reserve: products.count * o.offersPerSKU * 45)
        let warehouses = sources.indices.filter { sources[$0].line == nil }
        let eligible = ProductLine.allCases.map { l in warehouses + sources.indices.filter { sources[$0].line == l } }
        for (i, p) in products.enumerated() {
            let f = families[p.family]
            let brand = brands[p.brand]
            var pool = eligible[f.line.rawValue].filter { $0 != brand.home }
            var chosen = [brand.home]
            if p.brand < 4, let main = warehouses.first, main != brand.home {
                chosen.append(main)  // the house brands are also at the company's own warehouse
                pool.removeAll { $0 == main }
            }
            let want = rng.int(in: 1...(2 * o.offersPerSKU - 1))
            chosen += rng.sample(pool, count: max(0, want - chosen.count))
            chosen.sort { sources[$0].id < sources[$1].id }
            // Zipf-like: stock falls as (1 + rank/20)^-0.875 (square roots only: exact on every machine),
            // on top of the few pallets a plant keeps of everything it makes.
            let x = 1 + Double(rank[i]) / 20
            let r2 = x.squareRoot()
            let r4 = r2.squareRoot()
            let popularity = 1 / (r2 * r4 * r4.squareRoot())
            for s in chosen {
                let warehouse = sources[s].line == nil
                let share = (warehouse ? 0.25 : 1.0) * rng.double(0.4, 1.6)
                let empty = rank[i] >= 100 && rng.chance(0.06)
                var stock: Int64
                var minOrder: Int64
                var multiple: Int64
                switch f.line {
                case .brick, .block, .bag:
                    let pallet = Int64(f.perPallet ?? 1)
                    let scale = f.line == .bag ? 120.0 : 300.0
                    let kept = warehouse || rng.chance(0.2) ? 0 : rng.double(0, f.line == .bag ? 4 : 8)
                    stock = empty ? 0 : Int64(scale * popularity * share + kept) * pallet
                    if f.line == .bag {
                        (minOrder, multiple) = warehouse ? (1, 1) : (pallet, pallet)
                    } else {
                        (minOrder, multiple) = warehouse ? (pallet, pallet) : (pallet * Int64(rng.int(in: 2...6)), pallet)
                        // A plant with less than its usual minimum left sells what it has, in whole pallets.
                        if stock >= pallet && stock < minOrder { minOrder = stock }
                    }
                case .bulk:
                    let kept = warehouse || rng.chance(0.2) ? 0 : rng.double(0, 200)
                    stock = empty ? 0 : Int64(6_000 * popularity * share + kept)
                    (minOrder, multiple) = (warehouse ? 5 : Int64(rng.pick([5, 10, 20])), 1)
                    if stock >= 1 && stock < minOrder { minOrder = stock }
                }
                // Below the lowest price any list gives (regional lists go down to 0.93 × base, tiers to 0.93 × that).
                let cost = p.price * Int64(rng.int(in: 6_200...7_800)) * (warehouse ? 10_500 : 10_000) / 100_000_000
                csv.row(sources[s].id, p.sku, String(stock), GeneratorFormat.money(cost), String(minOrder), String(multiple))
            }
        }
        return csv
    }

    func pricesCSV() -> CSVBuilder {
        var rng = SplitMix64(seed: o.seed, stream: "prices")
        var csv = CSVBuilder(["sku", "region", "min_qty", "price"], reserve: products.count * 110)
        for p in products {
            let f = families[p.family]
            let tiers = rng.chance(0.6) ? 3 : 2
            // Tier steps and regional factors in basis points.
            let steps: [Int64] = [0, Int64(rng.int(in: 200...350)), Int64(rng.int(in: 200...350))]
            func list(_ region: String, _ factor: Int64) {
                var discount: Int64 = 0
                for t in 0..<tiers {
                    discount += steps[t]
                    let price = GeneratorFormat.roundedPrice(p.price * factor * (10_000 - discount) / 100_000_000)
                    csv.row(p.sku, region, t == 0 ? "0" : String(f.tiers[t - 1]), GeneratorFormat.money(price))
                }
            }
            list("", 10_000)
            var own: [String] = []
            if p.brand == 0 { own.append("TVE") }  // the Tver plant's bricks are cheaper in its own region, as in the demo
            if rng.chance(0.12) {
                for r in rng.sample(regions, count: rng.int(in: 1...2)) where !own.contains(r) { own.append(r) }
            }
            for r in own { list(r, r == "TVE" && p.brand == 0 ? 9_700 : Int64(rng.int(in: 9_300...10_500))) }
        }
        return csv
    }

    func citiesCSV() -> CSVBuilder {
        var csv = CSVBuilder(["id", "name", "aliases", "region", "delivery_days"], reserve: cities.count * 80)
        for c in cities { csv.row(c.id, c.name, c.aliases.joined(separator: "|"), c.region, c.days) }
        return csv
    }

    func routesAndTariffsCSV() -> (CSVBuilder, CSVBuilder) {
        var rng = SplitMix64(seed: o.seed, stream: "routes")
        var routes = CSVBuilder(["zone", "city", "distance_km", "transit_days"], reserve: zones.count * cities.count * 20)
        var tariffs = CSVBuilder(["zone", "city", "vehicle", "base_price", "included_km", "per_km", "min_charge"])
        let moscow = cities.firstIndex { $0.id == "moscow" }
        // kopecks × factor (basis points), rounded half up to 100 roubles or to whole roubles.
        func roubles(_ kopecks: Int64, _ factor: Int64) -> String {
            GeneratorFormat.money((kopecks * factor + 50_000_000) / 100_000_000 * 10_000)
        }
        func perKm(_ kopecks: Int64, _ factor: Int64) -> String { GeneratorFormat.money((kopecks * factor + 500_000) / 1_000_000 * 100) }
        for z in zones {
            let home = cities[z.city]
            var reachesMoscow = false
            for (j, c) in cities.enumerated() {
                let dx = c.x - home.x
                let dy = c.y - home.y
                let km = j == z.city ? 15 : (Int((dx * dx + dy * dy).squareRoot() * 1.25 + 8) + 4) / 5 * 5
                guard km <= 900 else { continue }
                if j == moscow { reachesMoscow = true }
                routes.row(z.id, c.id, String(km), km <= 300 ? "0" : km <= 700 ? "1" : "2")
            }
            let factor = Int64(rng.int(in: 8_500...11_500))
            for v in GeneratorData.vehicles {
                let base = roubles(v.base, factor)
                tariffs.row(z.id, "", v.id, base, "40", perKm(v.perKm, factor), base)
            }
            // Local deliveries in the zone's own town: a flat fare.
            for v in GeneratorData.vehicles {
                let base = roubles(v.base, factor * 7_000 / 10_000)
                tariffs.row(z.id, home.id, v.id, base, "0", "0.00", base)
            }
            if reachesMoscow, let moscow, moscow != z.city {
                for v in GeneratorData.vehicles {
                    let base = roubles(v.base, factor * 14_500 / 10_000)
                    tariffs.row(z.id, "moscow", v.id, base, "40", perKm(v.perKm, factor * 12_000 / 10_000), base)
                }
            }
        }
        return (routes, tariffs)
    }

    func customersCSV() -> CSVBuilder {
        var rng = SplitMix64(seed: o.seed, stream: "customers")
        var csv = CSVBuilder(["id", "name", "group", "credit_days", "credit_limit", "balance"])
        for c in GeneratorData.customers { csv.row(c.0, c.1, c.2, c.3, c.4, c.5) }
        var used = Set<String>()
        let extra = min(5_000, max(0, o.skus / 200 - GeneratorData.customers.count))
        for i in 0..<extra {
            let place = Generation.place(&rng, used: &used)
            let id = "C-" + String(1_006 + i)
            switch rng.weighted([0.5, 0.3, 0.2]) {
            case 0:
                csv.row(id, "ИП «\(place.ru)»", "retail", "0", "0.00", "0.00")
            case 1:
                let limit = Int64(rng.int(in: 10...50)) * 100_000_00
                csv.row(
                    id, "ООО «\(place.ru)строй»", "builder", String(rng.pick([30, 45, 60])), GeneratorFormat.money(limit),
                    GeneratorFormat.money(limit * Int64(rng.int(in: 0...10_000)) / 10_000))
            default:
                let limit = Int64(rng.int(in: 5...20)) * 100_000_00
                csv.row(
                    id, "ООО «ТД \(place.ru)»", "dealer", "14", GeneratorFormat.money(limit),
                    GeneratorFormat.money(limit * Int64(rng.int(in: 0...10_000)) / 10_000))
            }
        }
        return csv
    }
}
