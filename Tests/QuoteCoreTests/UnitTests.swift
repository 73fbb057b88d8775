import Testing

@testable import QuoteCore

/// Every unit for every kind of product, through the same conversion the engine uses, with the
/// rounding to whole units and to the sale multiple.
@Suite struct UnitTests {
    /// NF brick: 3.6 kg, 420 a pallet, sold by the pallet.
    static let brick = Product(
        sku: "BRICK", name: "", nameEn: "Brick", group: "brick", kind: .brick, unit: .pieces, dimensionsMM: (250, 120, 65),
        unitWeightGrams: 3_600, perPallet: Quantity(whole: 420), saleMultiple: Quantity(whole: 420), densityKgM3: nil, palletDeposit: .zero)
    /// Aerated block 600×300×250: 24.8 kg, 40 a pallet, sold by the piece.
    static let block = Product(
        sku: "BLOCK", name: "", nameEn: "Block", group: "block", kind: .block, unit: .pieces, dimensionsMM: (600, 300, 250),
        unitWeightGrams: 24_800, perPallet: Quantity(whole: 40), saleMultiple: Quantity(whole: 1), densityKgM3: nil, palletDeposit: .zero)
    /// Cement: 50 kg bags, 40 a pallet.
    static let cement = Product(
        sku: "CEM", name: "", nameEn: "Cement", group: "cement", kind: .bag, unit: .bags, dimensionsMM: nil,
        unitWeightGrams: 50_000, perPallet: Quantity(whole: 40), saleMultiple: Quantity(whole: 1), densityKgM3: nil, palletDeposit: .zero)
    /// Sand: by the tonne in steps of 0.5 t, 1 500 kg/m³.
    static let sand = Product(
        sku: "SAND", name: "", nameEn: "Sand", group: "bulk", kind: .bulk, unit: .tonnes, dimensionsMM: nil,
        unitWeightGrams: 1_000_000, perPallet: nil, saleMultiple: Quantity(milli: 500), densityKgM3: 1_500, palletDeposit: .zero)

    static func convert(_ product: Product, _ quantity: String, _ unit: String?) throws -> (computed: String, sold: String) {
        let item = QuoteRequest.Item(product: product.sku.rawValue, quantity: try Quantity.parse(Substring(quantity)).get(), unit: unit)
        let c = try QuoteEngine.soldQuantity(item, of: product, catalogJoint: 10, field: "items[0]")
        return (c.computed.decimalString, c.sold.decimalString)
    }

    @Test(arguments: [
        // product, quantity, unit, computed need, sold — and how
        ("brick", "5000", nil, "5000", "5040"),  // 12 pallets of 420
        ("brick", "5040", "pcs", "5040", "5040"),  // an exact multiple stays
        ("brick", "5041", "pcs", "5041", "5460"),  // one piece over: a 13th pallet
        ("brick", "12", "pal", "5040", "5040"),  // 12 × 420
        ("brick", "18", "t", "5000", "5040"),  // 18 000 kg ÷ 3.6 = 5 000
        ("brick", "3601", "kg", "1000.278", "1260"),  // 3 601 ÷ 3.6 = 1 000.28 → 1 001 → 3 pallets
        ("brick", "10", "m3", "3940", "4200"),  // 10 m³ of masonry × 394
        ("block", "20", "m3", "444.445", "445"),  // 20 m³ ÷ 0.045 m³ = 444.444… → 444.445 → 445 pieces (sold by the piece)
        ("block", "2", "pal", "80", "80"),
        ("block", "1", "t", "40.323", "41"),  // 1 000 ÷ 24.8 = 40.32
        ("cement", "40", nil, "40", "40"),
        ("cement", "40", "pcs", "40", "40"),  // a bag is a piece
        ("cement", "3", "pal", "120", "120"),
        ("cement", "2", "t", "40", "40"),  // 2 000 ÷ 50
        ("cement", "1010", "kg", "20.2", "21"),
        ("sand", "6", "t", "6", "6"),
        ("sand", "6.2", "t", "6.2", "6.5"),  // steps of 0.5 t
        ("sand", "4500", "kg", "4.5", "4.5"),
        ("sand", "10", "m3", "15", "15"),  // 10 m³ × 1 500 kg/m³ = 15 t
    ])
    func units(product: String, quantity: String, unit: String?, computed: String, sold: String) throws {
        let p = ["brick": Self.brick, "block": Self.block, "cement": Self.cement, "sand": Self.sand][product] ?? Self.brick
        let result = try Self.convert(p, quantity, unit)
        #expect(result.computed == computed)
        #expect(result.sold == sold)
    }

    @Test(arguments: [
        ("cement", "m3"), ("cement", "m2"), ("sand", "pcs"), ("sand", "pal"), ("brick", "bag"), ("brick", "litres"),
    ])
    func unitsThatDoNotFit(product: String, unit: String) {
        let p = ["brick": Self.brick, "cement": Self.cement, "sand": Self.sand][product] ?? Self.brick
        #expect(throws: QuoteError.self) { try Self.convert(p, "10", unit) }
        do {
            _ = try Self.convert(p, "10", unit)
        } catch let e as QuoteError {
            #expect(e.code == .invalidUnit)
            #expect(!e.candidates.isEmpty)  // names the units that do fit
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func wholePiecesOnly() {
        #expect(throws: QuoteError.self) { try Self.convert(Self.brick, "10.5", "pcs") }
        #expect(throws: QuoteError.self) { try Self.convert(Self.cement, "0", nil) }
        #expect(throws: QuoteError.self) { try Self.convert(Self.brick, "999999999999", nil) }
    }
}
