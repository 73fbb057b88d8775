import Foundation
import Testing

@testable import QuoteCatalog
@testable import QuoteCore

/// Products named as managers say them, on the demo catalog: a family name (an alias of `aliases.csv`, in any
/// word order) narrowed by the attributes its products' names state (catalogs/README.md, "Names as people
/// say them"). Each case is checked on the whole catalog in memory and on the rows the CLI reads from SQLite
/// for it (`CatalogStore.snapshot(for:)`): the two must agree.
@Suite struct ProductNameTests {
    static let found: [(String, String)] = [
        // кирпич names 14 bricks, default BR-NF-M150-SOL: М150 fits 5 of them, the default among them.
        ("кирпич м150", "BR-NF-M150-SOL"), ("кирпич М150", "BR-NF-M150-SOL"), ("кирпич m150", "BR-NF-M150-SOL"),
        ("КИРПИЧ M150", "BR-NF-M150-SOL"), ("кирпич 150", "BR-NF-M150-SOL"), ("brick M150", "BR-NF-M150-SOL"),
        // Look-alikes: a Latin p in кирпич, a Latin H in НФ.
        ("киpпич м150", "BR-NF-M150-SOL"), ("кирпич 1,4HФ м150 полнотелый", "BR-14NF-M150-SOL"),
        // "кирпич полнотелый" names NF M125/M150/M175 and 1.4NF M150 solid: М175 leaves one.
        ("кирпич полнотелый м175", "BR-NF-M175-SOL"),
        // "полуторный кирпич" is the alias "кирпич полуторный" in the other order.
        ("полуторный кирпич", "BR-14NF-M150-HOL"), ("кирпич 1.4NF м150 полнотелый", "BR-14NF-M150-SOL"),
        ("solid brick 1.4NF", "BR-14NF-M150-SOL"), ("solid brick 1,4нф", "BR-14NF-M150-SOL"),
        // "кирпич двойной" is the M150 porous brick; with М125 only "кирпич" + 2.1NF + М125 fits: one brick.
        ("двойной кирпич м125", "BR-21NF-M125-POR"), ("double brick M125", "BR-21NF-M125-POR"),
        // "кирпич пустотелый" (5 hollow bricks) + М175 + 1.4NF: one.
        ("пустотелый кирпич м175 полуторный", "BR-14NF-M175-HOL"), ("hollow brick M175 1.4NF", "BR-14NF-M175-HOL"),
        ("кирпич щелевой полуторного формата м125", "BR-14NF-M125-HOL"),
        // Facing bricks by colour and format.
        ("облицовочный кирпич коричневый", "BR-14NF-FAC-BRN"), ("facing brick brown", "BR-14NF-FAC-BRN"),
        ("кирпич облицовочный красный полуторный", "BR-14NF-FAC-RED"), ("facing brick red", "BR-NF-FAC-RED"),
        // Blocks by size (any order of the three numbers, х × x *, spaces or none) and density.
        ("газоблок 600х300х250", "BL-D500-600x300x250"), ("газоблок 600x300x250", "BL-D500-600x300x250"),
        ("газоблок 600×250×300", "BL-D500-600x300x250"), ("газобетон 600 х 400 х 250", "BL-D500-600x400x250"),
        ("газоблок 600*250*375", "BL-D500-600x375x250"), ("газоблок D600 600x200x250", "BL-D600-600x200x250"),
        ("газоблок Д600 600×300×250", "BL-D600-600x300x250"), ("aerated block D500 600x100x250", "BL-D500-600x100x250"),
        ("газосиликат d600 300", "BL-D600-600x300x250"),
        // Cement by grade (М500, 500), class and type.
        ("цемент м500", "CEM-M500-50"), ("цемент M500", "CEM-M500-50"), ("цемент 500", "CEM-M500-50"),
        ("цемент М400", "CEM-M400-50"), ("cement 400", "CEM-M400-50"), ("цемент 32,5", "CEM-M400-50"),
        ("цемент ЦЕМ I 42,5", "CEM-M500-D0-50"), ("cement CEM I 42.5N", "CEM-M500-D0-50"), ("цемент цем II 32,5Н", "CEM-M400-50"),
        ("цемент 50 кг м400", "CEM-M400-50"),
        // Crushed stone by fraction (- – / and фр.), and by the words of its name.
        ("щебень 5-20", "STONE-GR-5-20"), ("щебень 5–20", "STONE-GR-5-20"), ("щебень 5/20", "STONE-GR-5-20"),
        ("щебень фр. 5-20", "STONE-GR-5-20"), ("crushed stone 5-20 mm", "STONE-GR-5-20"),
        ("щебень гравийный 20-40", "STONE-GRAV-20-40"), ("щебень гранитный 20-40", "STONE-GR-20-40"),
        ("gravel 20-40 granite", "STONE-GR-20-40"),
        // Words in the other order; a form of a word.
        ("песок мытый", "SAND-WASH"), ("смесь кладочная зимняя", "MIX-MAS-WIN-25"),
    ]

    @Test(arguments: found)
    func aNameWithAttributesFindsOneProduct(_ typed: String, _ sku: String) throws {
        let catalog = try Demo.catalog()
        #expect(try QuoteEngine.resolveProduct(typed, field: "p", in: catalog).product.sku.rawValue == sku, "\(typed)")
        let store = try Self.store()
        let snapshot = try store.snapshot(for: Self.request(typed))
        #expect(try QuoteEngine.resolveProduct(typed, field: "p", in: snapshot).product.sku.rawValue == sku, "\(typed) from SQLite")
        // Only the families' rows: at most the 14 bricks of "кирпич", never the catalog's 34 products.
        #expect(snapshot.products.count <= 14)
        #expect(snapshot.offers.keys.map(\.rawValue) == [sku])
    }

    /// When the family's default fits, it is chosen and the other products that fit are named.
    @Test func theDefaultWinsAndTheOthersThatFitAreListed() throws {
        let r = try QuoteEngine.resolveProduct("кирпич м150", field: "p", in: Demo.catalog())
        // The bricks of "кирпич" that are М150: NF solid (the default), NF hollow, 1.4NF solid and hollow, 2.1NF porous.
        #expect(r.product.sku == "BR-NF-M150-SOL")
        #expect(r.otherSKUs.map(\.rawValue) == ["BR-14NF-M150-HOL", "BR-14NF-M150-SOL", "BR-21NF-M150-POR", "BR-NF-M150-HOL"])
    }

    static let ambiguous: [(String, [String])] = [
        // кирпич М125: 4 bricks, the default (NF М150 solid) not among them. Ranked by how much each has in common
        // with the default — NF solid 3 kinds (format, body, size), NF hollow 2, the others none — then by SKU;
        // told apart by format and body (the size follows from the format, so it is not repeated).
        (
            "кирпич м125",
            [
                "BR-NF-M125-SOL (одинарный, полнотелый)", "BR-NF-M125-HOL (одинарный, пустотелый)",
                "BR-14NF-M125-HOL (полуторный, пустотелый)",
                "BR-21NF-M125-POR (двойной, поризованный)",
            ]
        ),
        (
            "brick M125",
            [
                "BR-NF-M125-SOL (одинарный, полнотелый)", "BR-NF-M125-HOL (одинарный, пустотелый)",
                "BR-14NF-M125-HOL (полуторный, пустотелый)",
                "BR-21NF-M125-POR (двойной, поризованный)",
            ]
        ),
        // Two red facing bricks: the 1.4NF one shares the brick default's nothing, the NF one its format and size.
        ("кирпич красный", ["BR-NF-FAC-RED (одинарный)", "BR-14NF-FAC-RED (полуторный)"]),
        // 2.1NF: M150 shares the default's grade.
        ("кирпич 2,1НФ", ["BR-21NF-M150-POR (М150)", "BR-21NF-M125-POR (М125)"]),
        // Granite and gravel 20-40 differ in no attribute: told apart by their names.
        ("щебень 20-40", ["STONE-GR-20-40 (Щебень гранитный фр. 20-40)", "STONE-GRAV-20-40 (Щебень гравийный фр. 20-40)"]),
    ]

    @Test(arguments: ambiguous)
    func severalFitAndNoneIsTheDefault(_ typed: String, _ candidates: [String]) throws {
        for catalog in [try Demo.catalog(), try Self.store().snapshot(for: Self.request(typed))] {
            // The message is data (a template key and its parameters): compared as the English sentence.
            let expected = QuoteError(
                .ambiguousProduct,
                Message.plain(
                    "\u{201C}\(typed)\u{201D} fits \(candidates.count) products: name one by its SKU, or add what tells them apart."),
                field: "p", candidates: candidates)
            let thrown = #expect(throws: QuoteError.self) { try QuoteEngine.resolveProduct(typed, field: "p", in: catalog) }
            #expect(thrown?.code == expected.code)
            #expect(thrown?.description == expected.description)
            #expect(thrown?.field == expected.field)
        }
    }

    /// A candidate line, typed back as it is listed, finds that product.
    @Test(arguments: ambiguous.flatMap(\.1))
    func aListedCandidateTypedBackFindsIt(_ candidate: String) throws {
        let sku = String(candidate.prefix { $0 != " " })
        #expect(try QuoteEngine.resolveProduct(candidate, field: "p", in: Demo.catalog()).product.sku.rawValue == sku)
    }

    /// No block of "газоблок" is 600×300×200 (the demo's are 250 high): the nearest sizes are listed. The four
    /// with two of the three numbers (600 and 300, or 600 and 200) first — the default, then by SKU — then
    /// those with only 600.
    @Test func aSizeNoProductHasListsTheNearest() throws {
        let typed = "газоблок 600х300х200"
        for catalog in [try Demo.catalog(), try Self.store().snapshot(for: Self.request(typed))] {
            // The message is data (a template key and its parameters): compared as the English sentence.
            let expected = QuoteError(
                .unknownProduct,
                Message.plain(
                    "Unknown product \u{201C}газоблок 600х300х200\u{201D}: \u{201C}газоблок\u{201D} names 8 products, none of them 600х300х200. The closest are listed."
                ),
                field: "p",
                candidates: [
                    "BL-D500-600x300x250 (600×300×250, D500)", "BL-D500-600x200x250 (600×200×250, D500)",
                    "BL-D600-600x200x250 (600×200×250, D600)",
                    "BL-D600-600x300x250 (600×300×250, D600)", "BL-D500-600x100x250 (600×100×250, D500)",
                    "BL-D500-600x150x250 (600×150×250, D500)",
                    "BL-D500-600x375x250 (600×375×250, D500)", "BL-D500-600x400x250 (600×400×250, D500)",
                ])
            let thrown = #expect(throws: QuoteError.self) { try QuoteEngine.resolveProduct(typed, field: "p", in: catalog) }
            #expect(thrown?.code == expected.code)
            #expect(thrown?.description == expected.description)
            #expect(thrown?.field == expected.field)
        }
    }

    /// What the CLI reads for a family name with attributes: the family's names and product rows, and the
    /// offers and prices of the one product found.
    @Test func theSnapshotHoldsTheFamilyNotTheCatalog() throws {
        let s = try Self.store().snapshot(for: Self.request("кирпич м150"))
        // "кирпич" is the only reading that is a name ("м150" is not a word of a family name).
        #expect(s.productNames.keys.sorted() == ["kirpich"])
        #expect(s.products.count == 14)
        #expect(s.prices.keys.map(\.rawValue) == ["BR-NF-M150-SOL"])
    }

    // MARK: - Support

    static func request(_ product: String) -> QuoteRequest {
        QuoteRequest(items: [.init(product: product, quantity: Quantity(whole: 1))], city: "Tver", asOf: Demo.asOf)
    }

    /// The demo catalog written to SQLite, opened as the CLI opens it; the file is removed once opened (the
    /// open handle keeps reading it).
    static func store() throws -> CatalogStore {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let path = tmp.path + "/demo.sqlite"
        try CatalogDatabase.write(try Demo.catalog(), to: path)
        return try CatalogStore(path: path)
    }
}
