import Testing

@testable import QuoteCore

/// How a product name, typed or from the catalog, is read into attributes (catalogs/README.md, "Names as
/// people say them").
@Suite struct NameTokensTests {
    static let attributes: [(String, [ProductAttribute])] = [
        ("М150", [.grade(150)]), ("m150", [.grade(150)]), ("M150", [.grade(150)]), ("ПЦ500", [.grade(500)]),
        ("150", [.number(150)]),
        ("NF", [.format(.nf)]), ("одинарный", [.format(.nf)]), ("single", [.format(.nf)]),
        ("1,4НФ", [.format(.nf14)]), ("1.4NF", [.format(.nf14)]), ("полуторного", [.format(.nf14)]),
        ("2.1нф", [.format(.nf21)]), ("двойной", [.format(.nf21)]), ("double", [.format(.nf21)]),
        // A Latin H among Cyrillic letters (one each: Cyrillic wins the tie) is the Cyrillic Н.
        ("HФ", [.format(.nf)]),
        ("полнотелый", [.body(.solid)]), ("пустотелого", [.body(.hollow)]), ("щелевой", [.body(.hollow)]), ("hollow", [.body(.hollow)]),
        ("поризованный", [.body(.porous)]), ("облицовочный", [.facing]), ("лицевой", [.facing]), ("facing", [.facing]),
        ("красного", [.colour(.red)]), ("жёлтый", [.colour(.yellow)]), ("серый", [.colour(.grey)]), ("grey", [.colour(.grey)]),
        // Sizes sorted, whatever the sign and the spacing.
        ("600х300х200", [.size([200, 300, 600])]), ("600x300x200", [.size([200, 300, 600])]),
        ("600×300×200", [.size([200, 300, 600])]), ("600*300*200", [.size([200, 300, 600])]),
        ("600 х 300 х 200", [.size([200, 300, 600])]), ("600 x 300", [.size([300, 600])]),
        ("D500", [.density(500)]), ("Д500", [.density(500)]), ("d600", [.density(600)]),
        ("5-20", [.fraction(5, 20)]), ("5–20", [.fraction(5, 20)]), ("5/20", [.fraction(5, 20)]), ("фр. 20-40 мм", [.fraction(20, 40)]),
        ("ЦЕМ I 42,5Н", [.cementType("I"), .cementClass(425)]), ("CEM II/A-S 32.5N", [.cementType("II"), .cementClass(325)]),
        ("цем II/А-Ш", [.cementType("II")]), ("52,5R", [.cementClass(525)]),
        ("50 кг", [.packKg(50)]), ("25kg", [.packKg(25)]),
        // Not attributes: Д0 (under D100), 20-5 (not a fraction: the larger first), a size with a 1 mm side.
        ("Д0", []), ("20-5", []), ("600x1", []),
    ]

    @Test(arguments: attributes)
    func readsTheAttribute(_ text: String, _ expected: [ProductAttribute]) {
        #expect(NameTokens.tokens(text).compactMap(\.attribute) == expected, "\(text)")
    }

    /// A catalog name's hyphenated parts are read too (`ПЦ500-Д0` is grade 500); a typed hyphenated word stays
    /// whole, so a SKU can be part of a query.
    @Test func hyphenatedWords() {
        let name = NameTokens.tokens("Цемент ЦЕМ I 42,5Н (ПЦ500-Д0) 50 кг", splitHyphens: true).compactMap(\.attribute)
        #expect(name == [.cementType("I"), .cementClass(425), .grade(500), .packKg(50)])
        let typed = NameTokens.tokens("BR-NF-M150-SOL")
        #expect(typed.map(\.key) == ["brnfm150sol"])
        #expect(typed.map(\.attribute) == [nil])
    }

    /// What a brick of the demo is asked by: its name's attributes and its dimensions.
    @Test func aProductsProfile() {
        let brick = Product(
            sku: "BR-14NF-FAC-BRN", name: "Кирпич облицовочный пустотелый полуторный М175 коричневый гладкий (250×120×88)",
            nameEn: "Facing brick hollow 1.4NF M175 brown smooth (250×120×88)", group: "brick", kind: .brick, unit: .pieces,
            dimensionsMM: (250, 120, 88), unitWeightGrams: 2_800, perPallet: Quantity(whole: 352), saleMultiple: Quantity(whole: 352),
            densityKgM3: nil, palletDeposit: .zero)
        let p = ProductProfile(brick)
        #expect(p.attributes == [.facing, .body(.hollow), .format(.nf14), .grade(175), .colour(.brown), .size([88, 120, 250])])
        // The words left: кирпич, гладкий, brick, smooth and the SKU.
        #expect(p.words == ["kirpich", "gladkiy", "brick", "smooth", "br14nffacbrn"])
        #expect(p.hasWord("kirpichi") && p.hasWord("gladkogo") && !p.hasWord("kir"))
        #expect(p.label(of: .size) == "250×120×88")
        #expect(p.label(of: .format) == "полуторный")
    }

    /// Readings of a query: every subset of its words in every order, the most words first; the numbers are
    /// no part of a family name.
    @Test func readingsOfAQuery() {
        let q = ProductQuery("полуторный кирпич м150")
        // 2 phraseable words: 2 orders of both, then each alone = 4 keys.
        #expect(q.phrases.map(\.key) == ["polutornyykirpich", "kirpichpolutornyy", "polutornyy", "kirpich"])
        // 12 phraseable words: runs of neighbours only, 12 + 11 + … + 1 = 78 keys.
        let long = ProductQuery((1...12).map { "слово\(String(UnicodeScalar(UInt8(96 + $0))))" }.joined(separator: " "))
        #expect(long.phrases.count == 78)
        // More than 32 words is not a name: no readings.
        #expect(ProductQuery(Array(repeating: "кирпич", count: 33).joined(separator: " ")).phrases.isEmpty)
    }
}
