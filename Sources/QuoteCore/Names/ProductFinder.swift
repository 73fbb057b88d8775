/// Finds the product a manager means by a family name and attributes: `кирпич м150`, `полуторный кирпич`,
/// `цемент 500`, `щебень 5-20`, `газоблок D500 600х300х250`.
///
/// Each reading of the query (`ProductQuery.phrases`) that the catalog knows as a name is tried: the family
/// it names, narrowed to the products that have every other attribute and word typed. A reading settles on
/// one product when exactly one fits, or when several fit and the family's default is one of them. The first
/// reading that settles wins (readings with more words first). Otherwise the error lists the candidates,
/// ranked, each with what tells it apart (`BR-NF-M150-SOL (одинарный, полнотелый)`); such a line typed back
/// finds that product.
///
/// It reads only `catalog.productNames` for the readings' keys and `catalog.products` for the families'
/// members, which is what `CatalogStore` loads for a query.
public enum ProductFinder {
    public struct Found: Sendable, Equatable {
        public var sku: SKU
        /// The other products that fit what was typed.
        public var others: [SKU]
    }

    /// At most this many candidates are listed in an error.
    static let listed = 8

    /// The product `query` means, an error listing candidates, or nil when no reading of it is a name in
    /// the catalog (the caller then suggests names that look alike).
    /// - Complexity: O(r · m · a) for r readings, m members of the families they name and a attributes each.
    public static func find(_ query: ProductQuery, in catalog: Catalog, field: String) -> Result<Found, QuoteError>? {
        var profiles = catalog.productProfiles
        return find(query, in: catalog, field: field, profiles: &profiles)
    }

    /// The same, reading the names of products not in `profiles` and leaving them there.
    public static func find(
        _ query: ProductQuery, in catalog: Catalog, field: String, profiles: inout [SKU: ProductProfile]
    ) -> Result<Found, QuoteError>? {
        var readings: [Reading] = []
        for phrase in query.phrases {
            guard let names = catalog.productNames[phrase.key], !names.isEmpty else { continue }
            let reading = Reading(phrase: phrase, names: names, query: query, catalog: catalog, profiles: &profiles)
            if let found = reading.found { return .success(found) }
            readings.append(reading)
        }
        guard let first = readings.first else { return nil }
        if let ambiguous = readings.first(where: { $0.fits.count > 1 }) {
            return .failure(ambiguity(ambiguous, query: query, profiles: profiles, catalog: catalog, field: field))
        }
        return .failure(noFit(first, query: query, profiles: profiles, catalog: catalog, field: field))
    }

    /// One reading: a family and the attributes and words left to narrow it.
    struct Reading {
        var phrase: ProductQuery.Phrase
        var family: String
        var defaultSKU: SKU?
        var members: [SKU]
        var filters: [ProductAttribute]
        var words: [NameToken]
        /// The members that have every filter and word, sorted with the default first.
        var fits: [SKU]

        init(
            phrase: ProductQuery.Phrase, names: [ProductName], query: ProductQuery, catalog: Catalog, profiles: inout [SKU: ProductProfile]
        ) {
            self.phrase = phrase
            family = names.first?.label ?? ""
            let chosen = ProductName.chosen(from: names)
            defaultSKU = names.count == 1 || names.contains(where: \.isDefault) ? chosen?.sku : nil
            members = Array(Set(names.map(\.sku))).sorted()
            let rest = query.tokens.indices.filter { !phrase.tokens.contains($0) }.map { query.tokens[$0] }
            filters = rest.compactMap(\.attribute)
            words = rest.filter(\.isWord)
            var found: [SKU] = []
            let (filters, words) = (filters, words)
            for sku in members {
                guard var profile = ProductFinder.profile(sku, catalog: catalog, cache: &profiles) else { continue }
                let fits = { (p: ProductProfile) in Reading.fits(p, filters: filters, words: words) }
                if !fits(profile), !profile.hasEnglish, !Reading.ruledOut(profile, filters: filters), let product = catalog.products[sku] {
                    profile.addEnglish(product)
                    profiles[sku] = profile
                }
                if fits(profile) { found.append(sku) }
            }
            self.fits = ProductFinder.defaultFirst(found, defaultSKU)
        }

        /// Whether a name already read states another value of a kind a filter asks for (`М125` where `М150` is
        /// typed): the English name states the same product, so reading it cannot make it fit.
        static func ruledOut(_ profile: ProductProfile, filters: [ProductAttribute]) -> Bool {
            filters.contains { f in
                switch f.kind {
                case .grade, .format, .body, .density, .fraction, .cementType, .cementClass, .packKg:
                    return !f.fits(profile.attributes) && profile.attributes.contains { $0.kind == f.kind }
                case .facing, .colour, .size, .number:
                    return false
                }
            }
        }

        static func fits(_ profile: ProductProfile, filters: [ProductAttribute], words: [NameToken]) -> Bool {
            filters.allSatisfy { $0.fits(profile.attributes) } && words.allSatisfy { profile.hasWord($0.key) }
        }

        /// One fits, or several and the family's default among them.
        var found: Found? {
            if fits.count == 1, let only = fits.first { return Found(sku: only, others: []) }
            guard fits.count > 1, let d = defaultSKU, fits.contains(d) else { return nil }
            return Found(sku: d, others: fits.filter { $0 != d })
        }

        /// How near a member comes: 10 points for each filter and word it has, 3 for each dimension of a
        /// typed size it has.
        func score(_ profile: ProductProfile) -> Int {
            var s = 0
            for f in filters { s += f.fits(profile.attributes) ? 10 : 3 * f.partialSizeFit(profile.attributes) }
            for w in words where profile.hasWord(w.key) { s += 10 }
            return s
        }
    }

    static func profile(_ sku: SKU, catalog: Catalog, cache: inout [SKU: ProductProfile]) -> ProductProfile? {
        if let p = cache[sku] { return p }
        guard let product = catalog.products[sku] else { return nil }
        let p = ProductProfile(product, english: false)
        cache[sku] = p
        return p
    }

    static func defaultFirst(_ skus: [SKU], _ defaultSKU: SKU?) -> [SKU] {
        guard let d = defaultSKU, let i = skus.firstIndex(of: d) else { return skus }
        var out = skus
        out.remove(at: i)
        return [d] + out
    }

    // MARK: - Errors

    static func ambiguity(_ r: Reading, query: ProductQuery, profiles: [SKU: ProductProfile], catalog: Catalog, field: String) -> QuoteError
    {
        let listed = Array(ranked(r.fits, defaultSKU: r.defaultSKU, profiles: profiles).prefix(listed))
        let fits = MessageArg.count(Int64(r.fits.count), .product)
        let text =
            r.fits.count > listed.count
            ? Message("product.fits_listed", .text(query.text), fits, .integer(Int64(listed.count)))
            : Message("product.fits", .text(query.text), fits)
        return QuoteError(
            .ambiguousProduct, text,
            field: field, candidates: describe(listed, profiles: profiles, catalog: catalog))
    }

    static func noFit(_ r: Reading, query: ProductQuery, profiles: [SKU: ProductProfile], catalog: Catalog, field: String) -> QuoteError {
        let ranked = r.members.compactMap { sku in profiles[sku].map { (sku, r.score($0)) } }
            .sorted { a, b in
                if a.1 != b.1 { return a.1 > b.1 }
                if (a.0 == r.defaultSKU) != (b.0 == r.defaultSKU) { return a.0 == r.defaultSKU }
                return a.0 < b.0
            }
            .map(\.0)
        let asked = query.tokens.indices.filter { !r.phrase.tokens.contains($0) && !query.tokens[$0].isFiller }.map {
            query.tokens[$0].text
        }
        .joined(separator: " ")
        return QuoteError(
            .unknownProduct,
            Message("product.no_fit", .text(query.text), .text(r.family), .count(Int64(r.members.count), .product), .text(asked)),
            field: field, candidates: describe(Array(ranked.prefix(listed)), profiles: profiles, catalog: catalog))
    }

    /// The kinds of attribute that tell `listed` apart, each one only if it splits products the kinds before it
    /// left together (the size of a brick follows from its format, so it is not listed again).
    static func distinguishingKinds(_ listed: [ProductProfile]) -> [ProductAttribute.Kind] {
        var kinds: [ProductAttribute.Kind] = []
        var keys = listed.map { _ in "" }
        for kind in ProductAttribute.Kind.allCases {
            let refined = zip(keys, listed).map { $0 + "|" + ($1.label(of: kind) ?? "") }
            if Set(refined).count > Set(keys).count {
                kinds.append(kind)
                keys = refined
            }
        }
        return kinds
    }

    /// The members that fit, most like the family's default first (the most kinds of attribute in common
    /// with it), then by SKU.
    static func ranked(_ fits: [SKU], defaultSKU: SKU?, profiles: [SKU: ProductProfile]) -> [SKU] {
        guard let d = defaultSKU, let base = profiles[d] else { return fits }
        func likeness(_ sku: SKU) -> Int {
            if sku == d { return Int.max }
            guard let p = profiles[sku] else { return 0 }
            return ProductAttribute.Kind.allCases.filter { p.label(of: $0) != nil && p.label(of: $0) == base.label(of: $0) }.count
        }
        let scored = fits.map { ($0, likeness($0)) }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }

    /// `SKU (what tells it apart from the others listed)`: the labels of the kinds of attribute in which the
    /// listed products differ; the product's name when they differ in none.
    static func describe(_ skus: [SKU], profiles: [SKU: ProductProfile], catalog: Catalog) -> [String] {
        let listed = skus.compactMap { profiles[$0] }
        guard listed.count == skus.count else { return skus.map(\.rawValue) }
        let kinds = distinguishingKinds(listed)
        let texts = listed.map { p in kinds.compactMap { p.label(of: $0) }.joined(separator: ", ") }
        let distinct = Set(texts).count == texts.count && !texts.contains("")
        return zip(listed, texts).map { p, text in
            let what = distinct ? text : (catalog.products[p.sku]?.name ?? text)
            return what.isEmpty ? p.sku.rawValue : "\(p.sku.rawValue) (\(what))"
        }
    }
}
