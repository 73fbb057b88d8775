import Testing

@testable import QuoteCore

/// The engine's masonry figures against the standard consumption tables.
///
/// Source of the tables: the consumption figures for ceramic bricks printed in Russian masonry
/// handbooks and repeated by every brick manufacturer's calculator (ГОСТ 530-2012 formats; mortar
/// joint 10 mm): per m³ of masonry NF 394, 1.4NF 302, 2.1NF 200 (no joints: 512, 378, 242); per m² of
/// wall ½ / 1 / 1½ / 2 / 2½ bricks thick, with joints: NF 51/102/153/204/255, 1.4NF 39/78/117/156/195,
/// 2.1NF 26/52/78/104/130; without joints: NF 61/128/189/256/317, 1.4NF 45/95/140/190/235,
/// 2.1NF 30/60/90/120/150. Aerated blocks: pieces per m³ = 1 / block volume (22.2 for 600×300×250),
/// per m² of wall 1 / face (6.67 for 600×…×250).
@Suite struct MasonryTests {
    static func brick(_ height: Int) -> Product {
        Product(
            sku: SKU("B\(height)"), name: "", nameEn: "", group: "brick", kind: .brick, unit: .pieces, dimensionsMM: (250, 120, height),
            unitWeightGrams: 3_600, perPallet: Quantity(whole: 400), saleMultiple: Quantity(whole: 1), densityKgM3: nil,
            palletDeposit: .zero)
    }

    static func block(_ length: Int, _ width: Int, _ height: Int) -> Product {
        Product(
            sku: "BL", name: "", nameEn: "", group: "block", kind: .block, unit: .pieces, dimensionsMM: (length, width, height),
            unitWeightGrams: 24_000, perPallet: Quantity(whole: 40), saleMultiple: Quantity(whole: 1), densityKgM3: nil,
            palletDeposit: .zero)
    }

    /// Per m³ of masonry with the 10 mm joint: 1 / ((l+10)(w+10)(h+10)) rounded, e.g. NF:
    /// 1 / (0.26 × 0.13 × 0.075) = 394.48 → 394. Every cell of the table matches.
    @Test(arguments: [(65, Int64(394)), (88, 302), (138, 200)])
    func perCubicMetreWithJoints(height: Int, pieces: Int64) {
        #expect(Masonry.piecesPerCubicMetre(Self.brick(height), joint: 10) == Quantity(whole: pieces))
    }

    /// Without joints: 1 / (0.25 × 0.12 × h). The engine rounds to the nearest piece: 2.1NF
    /// 241.5 → 242 as the table; NF 512.8 and 1.4NF 378.8 the table truncates (512, 378) where the engine
    /// rounds (513, 379). The engine keeps one rule; a catalog that wants the truncated figure says
    /// so with `per_m3`.
    @Test(arguments: [(65, Int64(513), Int64(512)), (88, 379, 378), (138, 242, 242)])
    func perCubicMetreWithoutJoints(height: Int, engine: Int64, published: Int64) {
        let computed = Masonry.piecesPerCubicMetre(Self.brick(height), joint: 0)
        #expect(computed == Quantity(whole: engine))
        #expect(abs(engine - published) <= 1)
    }

    /// Per m² of wall with joints: 2n half-brick layers × round(1 / ((l+10)(h+10))): NF 51 a layer
    /// (1 / (0.26 × 0.075) = 51.28), 1.4NF 39 (39.25), 2.1NF 26 (25.99). All fifteen cells match.
    @Test(arguments: [
        (65, "0.5", Int64(51)), (65, "1", 102), (65, "1.5", 153), (65, "2", 204), (65, "2.5", 255),
        (88, "0.5", 39), (88, "1", 78), (88, "1.5", 117), (88, "2", 156), (88, "2.5", 195),
        (138, "0.5", 26), (138, "1", 52), (138, "1.5", 78), (138, "2", 104), (138, "2.5", 130),
    ])
    func perSquareMetreWithJoints(height: Int, bricks: String, pieces: Int64) throws {
        let wall = Wall(area: Quantity(whole: 1), thickness: try Quantity.parse(Substring(bricks)).get())
        let (need, _) = try QuoteEngine.wallNeed(wall, of: Self.brick(height), catalogJoint: 10, field: "wall")
        #expect(need == Quantity(whole: pieces))
    }

    /// Without joints the published column counts whole-brick courses as headers (1 / (w·h)), which
    /// the half-brick model does not: the engine gives 2n × round(1 / (l·h)). The figures differ by up
    /// to 5 % (1.4NF 2 bricks: 180 against 190); a catalog can set `per_m2` for walls laid dry.
    @Test(arguments: [
        (65, "0.5", Int64(62), Int64(61)), (65, "1", 124, 128), (65, "1.5", 186, 189), (65, "2", 248, 256), (65, "2.5", 310, 317),
        (88, "0.5", 45, 45), (88, "1", 90, 95), (88, "1.5", 135, 140), (88, "2", 180, 190), (88, "2.5", 225, 235),
        (138, "0.5", 29, 30), (138, "1", 58, 60), (138, "1.5", 87, 90), (138, "2", 116, 120), (138, "2.5", 145, 150),
    ])
    func perSquareMetreWithoutJoints(height: Int, bricks: String, engine: Int64, published: Int64) throws {
        let wall = Wall(area: Quantity(whole: 1), thickness: try Quantity.parse(Substring(bricks)).get(), jointMM: 0)
        let (need, _) = try QuoteEngine.wallNeed(wall, of: Self.brick(height), catalogJoint: 10, field: "wall")
        #expect(need == Quantity(whole: engine))
        #expect(Double(abs(engine - published)) / Double(published) < 0.06)
    }

    /// Aerated blocks (glue, no joint): per m³ 1 / (l·w·h), per m² 1 / (l·h), exact to a thousandth.
    @Test(arguments: [
        (600, 300, 250, Int64(22_222), Int64(6_667)), (600, 200, 250, 33_333, 6_667), (600, 100, 250, 66_667, 6_667),
        (600, 375, 250, 17_778, 6_667), (625, 300, 250, 21_333, 6_400),
    ])
    func blocks(length: Int, width: Int, height: Int, perM3: Int64, perM2: Int64) {
        let b = Self.block(length, width, height)
        #expect(Masonry.piecesPerCubicMetre(b, joint: 0) == Quantity(milli: perM3))
        #expect(Masonry.piecesPerSquareMetre(b, joint: 0) == Quantity(milli: perM2))
    }

    /// "120 m² one and a half bricks thick, minus 6.5 m² of windows, plus 5 % waste" (NF):
    /// (120 − 6.5) × 153 = 17 365.5; × 1.05 = 18 233.775 pieces needed.
    @Test func wallWithOpeningsAndWaste() throws {
        let wall = Wall(
            area: Quantity(whole: 120), thickness: Quantity(milli: 1_500), openings: Quantity(milli: 6_500), waste: Quantity(whole: 5))
        let (need, text) = try QuoteEngine.wallNeed(wall, of: Self.brick(65), catalogJoint: 10, field: "wall")
        #expect(need == Quantity(milli: 18_233_775))
        #expect(
            MessageRenderer(.en).render(text)
                == "120 m² − 6.5 m² openings = 113.5 m² × 153 pcs/m² (10 mm joint, 1.5 bricks (380 mm) = 3 × 51) = 17,365.5 pcs + 5 % waste = 18,233.775 pcs"
        )
        #expect(
            MessageRenderer(.ru).render(text)
                == "120 м² − 6,5 м² проёмов = 113,5 м² × 153 шт/м² (шов 10 мм, 1,5 кирпича (380 мм) = 3 × 51) = 17 365,5 шт + 5 % на бой = 18 233,775 шт"
        )
    }

    @Test func catalogOverridesTheRates() throws {
        var b = Self.brick(65)
        b.perM3Override = Quantity(whole: 400)
        b.perM2Override = Quantity(whole: 50)
        #expect(Masonry.piecesPerCubicMetre(b, joint: 10) == Quantity(whole: 400))
        let (need, _) = try QuoteEngine.wallNeed(
            Wall(area: Quantity(whole: 10), thickness: Quantity(whole: 1)), of: b, catalogJoint: 10, field: "wall")
        #expect(need == Quantity(whole: 1_000))  // 10 m² × 2 layers × 50
    }

    @Test func wallErrors() {
        func code(_ wall: Wall, _ product: Product = MasonryTests.brick(65)) -> QuoteError.Code? {
            do {
                _ = try QuoteEngine.wallNeed(wall, of: product, catalogJoint: 10, field: "wall")
                return nil
            } catch { return error.code }
        }
        #expect(code(Wall(area: Quantity(whole: 10), thickness: nil)) == .missingField)
        #expect(code(Wall(area: Quantity(whole: 10), thickness: Quantity(whole: 3))) == .invalidQuantity)
        #expect(code(Wall(area: Quantity(whole: 10), thickness: Quantity(whole: 1), openings: Quantity(whole: 10))) == .invalidQuantity)
        #expect(code(Wall(area: .zero, thickness: Quantity(whole: 1))) == .invalidQuantity)
        #expect(code(Wall(area: Quantity(whole: 10), thickness: Quantity(whole: 1), waste: Quantity(whole: 101))) == .invalidQuantity)
        #expect(code(Wall(area: Quantity(whole: 10), thickness: Quantity(whole: 1), jointMM: 60)) == .invalidQuantity)
        #expect(code(Wall(area: Quantity(whole: 10), thickness: Quantity(whole: 2)), Self.block(600, 300, 250)) == .invalidQuantity)
        #expect(code(Wall(area: Quantity(whole: 10), thickness: nil), Self.block(600, 300, 250)) == nil)
    }
}
