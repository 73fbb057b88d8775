/// What a product can be asked by: the attributes its names state (`М150`, `полуторный`, `D500`,
/// `фр. 5-20`, `ЦЕМ I 42,5`…) plus its dimensions from the catalog, and the words of its names.
///
/// The catalog decides: a product is `полнотелый` because its name says so. Nothing is stored apart from
/// the names and dimensions the catalog already has, so an edit of a name is an edit of what it answers to
/// (see `catalogs/README.md`, "Names as people say them").
public struct ProductProfile: Sendable {
    public var sku: SKU
    public var attributes: Set<ProductAttribute>
    /// `NameKey`s of the words of its Russian and English names, and of its SKU.
    public var words: Set<String>
    /// Dimensions in the catalog's order (length × width × height), for labels.
    public var dimensions: [Int]?

    /// Whether the English name has been read too (`ProductFinder` reads it only for a product the Russian
    /// name does not already fit: the two mostly state the same attributes).
    public private(set) var hasEnglish = false

    /// - Parameter english: also read `nameEn`.
    /// - Complexity: O(n) in the length of the product's names.
    public init(_ product: Product, english: Bool = true) {
        sku = product.sku
        attributes = []
        words = [NameKey.normalize(product.sku.rawValue)]
        read(product.name)
        if english { addEnglish(product) }
        if let d = product.dimensionsMM {
            dimensions = [d.length, d.width, d.height]
            attributes.insert(.size([d.length, d.width, d.height].sorted()))
        }
    }

    /// Reads the English name as well.
    public mutating func addEnglish(_ product: Product) {
        guard !hasEnglish else { return }
        hasEnglish = true
        read(product.nameEn)
    }

    private mutating func read(_ name: String) {
        for token in NameTokens.tokens(name, splitHyphens: true) {
            if let a = token.attribute {
                if case .number = a { continue }  // a number alone in a name says nothing
                attributes.insert(a)
            } else if token.isWord {
                words.insert(token.key)
            }
        }
    }

    /// Whether one of its words is `typed` or a form of it: the same key, or one that starts the same
    /// way for all but a short ending (`гранитного` = `гранитный`, `кирпичи` = `кирпич`).
    public func hasWord(_ typed: String) -> Bool {
        if words.contains(typed) { return true }
        guard typed.count >= 4 else { return false }
        for w in words where w.count >= 4 {
            let common = zip(w.utf8, typed.utf8).prefix { $0 == $1 }.count
            if common >= max(4, min(w.utf8.count, typed.utf8.count) - 3) { return true }
        }
        return false
    }

    /// Its value of one kind of attribute, as a label (`одинарный`, `М150`, `600×300×250`), or nil.
    public func label(of kind: ProductAttribute.Kind) -> String? {
        if kind == .size, let dimensions { return dimensions.map(String.init).joined(separator: "×") }
        let labels = attributes.filter { $0.kind == kind }.map(\.label).sorted()
        return labels.isEmpty ? nil : labels.joined(separator: " ")
    }
}
