/// One word of a product name, typed or from the catalog, as `NameTokens` reads it.
public struct NameToken: Sendable, Equatable {
    /// The word as written (look-alike letters folded, lower-cased), for messages.
    public var text: String
    /// Its `NameKey`: what family names are looked up by.
    public var key: String
    /// What it says about the product, if it is an attribute (`м150`, `полуторный`, `600х300х200`).
    public var attribute: ProductAttribute?
    /// A word that may be part of a family name as the catalog spells it (`кирпич полуторный`): a word,
    /// or an attribute written as one word of letters. Not a number, a size or a merged `ЦЕМ I`.
    public var isPhraseable: Bool
    /// A word that says nothing on its own when left over (`фр.`, `мм`, `марки`, `для`).
    public var isFiller: Bool

    public init(text: String, key: String, attribute: ProductAttribute?, isPhraseable: Bool, isFiller: Bool) {
        self.text = text
        self.key = key
        self.attribute = attribute
        self.isPhraseable = isPhraseable
        self.isFiller = isFiller
    }

    /// A word that must be found in a product's names (not an attribute, not a filler).
    public var isWord: Bool { attribute == nil && !isFiller && !key.isEmpty }
}
