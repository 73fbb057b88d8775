import QuoteCatalog

/// The fixed parts of a synthetic catalog: what it shares with the demo catalog (settings, VAT,
/// vehicles, the production calendar, product groups, customer groups), the demo's 24 towns and 6
/// sources (so `Tver` and the demo's source ids exist in every generated catalog), and the product
/// families every brand's SKUs are made from.
enum GeneratorData {
    // MARK: - As in catalogs/demo

    static func settings(name: String) -> [(String, String)] {
        [
            ("name", name), ("currency", "RUB"), ("time_zone", "Europe/Moscow"), ("utc_offset", "+03:00"), ("cutoff_hour", "14"),
            ("quote_validity_days", "3"), ("stock_freshness_hours", "48"), ("joint_mm", "10"), ("price_list_valid_until", "2026-12-31"),
            ("crane_surcharge", "1500.00"), ("weekend_surcharge_percent", "25"),
        ]
    }

    static let vat: [(String, String)] = [("2019-01-01", "20"), ("2026-01-01", "22")]

    /// id, name, body, payload kg, pallet places, crane; with the demo's tariff for the Moscow-north
    /// zone (base, per km, in kopecks), from which each zone's own tariff is drawn.
    static let vehicles: [(id: String, name: String, body: String, payload: Int, places: Int, crane: Bool, base: Int64, perKm: Int64)] = [
        ("GAZ-1.5", "Газель бортовая 1,5 т", "flatbed", 1500, 4, false, 350_000, 3_000),
        ("FB-5", "Бортовой 5 т", "flatbed", 5000, 8, false, 600_000, 4_500),
        ("FB-10", "Бортовой 10 т", "flatbed", 10000, 14, false, 800_000, 5_500),
        ("SEMI-20", "Фура (полуприцеп) 20 т", "flatbed", 20000, 33, false, 1_200_000, 7_500),
        ("CRANE-10", "Манипулятор 10 т", "flatbed", 10000, 12, true, 1_200_000, 8_000),
        ("TIP-10", "Самосвал 10 т", "tipper", 10000, 0, false, 700_000, 6_000),
        ("TIP-25", "Самосвал 25 т", "tipper", 25000, 0, false, 1_100_000, 8_500),
    ]

    static let holidays: [(String, String, String)] = [
        ("2026-01-01", "holiday", "Новогодние каникулы"), ("2026-01-02", "holiday", "Новогодние каникулы"),
        ("2026-01-05", "holiday", "Новогодние каникулы"), ("2026-01-06", "holiday", "Новогодние каникулы"),
        ("2026-01-07", "holiday", "Рождество Христово"), ("2026-01-08", "holiday", "Новогодние каникулы"),
        ("2026-01-09", "holiday", "Перенос выходного дня с 3 января"), ("2026-02-23", "holiday", "День защитника Отечества"),
        ("2026-03-09", "holiday", "Международный женский день (перенос с 8 марта)"), ("2026-05-01", "holiday", "Праздник Весны и Труда"),
        ("2026-05-11", "holiday", "День Победы (перенос с 9 мая)"), ("2026-06-12", "holiday", "День России"),
        ("2026-11-04", "holiday", "День народного единства"), ("2026-12-31", "holiday", "Перенос выходного дня с 4 января"),
        ("2027-01-01", "holiday", "Новогодние каникулы"), ("2027-01-04", "holiday", "Новогодние каникулы"),
        ("2027-01-05", "holiday", "Новогодние каникулы"), ("2027-01-06", "holiday", "Новогодние каникулы"),
        ("2027-01-07", "holiday", "Рождество Христово"), ("2027-01-08", "holiday", "Новогодние каникулы"),
        ("2027-02-23", "holiday", "День защитника Отечества"), ("2027-03-08", "holiday", "Международный женский день"),
        ("2027-05-03", "holiday", "Праздник Весны и Труда (перенос с 1 мая)"), ("2027-05-10", "holiday", "День Победы (перенос с 9 мая)"),
        ("2027-06-14", "holiday", "День России (перенос с 12 июня)"), ("2027-11-04", "holiday", "День народного единства"),
        ("2027-11-05", "holiday", "Перенос выходного дня с 2 января (перенос, проект)"),
        ("2027-12-31", "holiday", "Перенос выходного дня с 3 января (перенос, проект)"),
    ]

    static let productGroups: [(String, String, String, String)] = [
        ("brick", "Кирпич", "7", "8"), ("block", "Газобетонные блоки", "5", "8"), ("cement", "Цемент", "3", "5"),
        ("mix", "Сухие смеси", "5", "8"), ("bulk", "Песок и щебень", "5", "10"),
    ]

    static let customers: [(String, String, String, String, String, String)] = [
        ("C-1001", "ООО «СтройДом»", "dealer", "14", "500000.00", "120000.00"),
        ("C-1002", "ИП Петров Андрей Викторович", "retail", "0", "0.00", "0.00"),
        ("C-1003", "ООО «ТверьСтройМонтаж»", "builder", "30", "2000000.00", "1950000.00"),
        ("C-1004", "ООО «Дачный сезон»", "retail", "0", "0.00", "0.00"),
        ("C-1005", "АО «Клинский ДСК»", "builder", "45", "5000000.00", "800000.00"),
    ]

    static let discounts: [(String, String, String)] = [
        ("builder", "brick", "3"), ("builder", "block", "3"), ("builder", "cement", "1"), ("dealer", "brick", "5"),
        ("dealer", "block", "5"), ("dealer", "cement", "2"), ("dealer", "mix", "4"),
    ]

    /// The demo's towns, placed on a plane in km from Moscow (x east, y north).
    static let cities: [(id: String, name: String, aliases: String, region: String, days: String, x: Double, y: Double)] = [
        ("moscow", "Москва", "Moscow|Moskva|Moskau", "MSK", "Mon Tue Wed Thu Fri Sat", 0, 0),
        ("khimki", "Химки", "Khimki|Himki|Chimki", "MO", "Mon Tue Wed Thu Fri Sat", -12, 15),
        ("tver", "Тверь", "Tver|Tvier|Twer", "TVE", "Mon Tue Wed Thu Fri Sat", -115, 110),
        ("klin", "Клин", "Klin", "MO", "Mon Tue Wed Thu Fri", -55, 65),
        ("solnechnogorsk", "Солнечногорск", "Solnechnogorsk|Solnetchnogorsk|Solnecnogorsk", "MO", "Mon Wed Fri", -35, 40),
        ("dmitrov", "Дмитров", "Dmitrov", "MO", "Mon Tue Wed Thu Fri", 5, 60),
        ("sergiev-posad", "Сергиев Посад", "Sergiev Posad|Sergiyev Posad|Sergiev-Posad|Sergijev Posad", "MO", "Mon Wed Fri", 50, 55),
        ("istra", "Истра", "Istra", "MO", "Tue Thu Sat", -45, 20),
        ("volokolamsk", "Волоколамск", "Volokolamsk", "MO", "Tue Fri", -90, 35),
        ("mozhaysk", "Можайск", "Mozhaysk|Mozhaisk|Mozhajsk|Mozaisk", "MO", "Wed Sat", -100, -15),
        ("naro-fominsk", "Наро-Фоминск", "Naro-Fominsk|Naro Fominsk|Narofominsk", "MO", "Mon Wed Fri", -60, -45),
        ("podolsk", "Подольск", "Podolsk", "MO", "Mon Tue Wed Thu Fri Sat", -5, -35),
        ("serpukhov", "Серпухов", "Serpukhov|Serpuhov|Serpuchov", "MO", "Tue Thu", 0, -90),
        ("kolomna", "Коломна", "Kolomna", "MO", "Mon Wed Fri", 90, -75),
        ("obninsk", "Обнинск", "Obninsk", "KLU", "Tue Thu", -75, -70),
        ("kaluga", "Калуга", "Kaluga", "KLU", "Mon Tue Wed Thu Fri", -110, -135),
        ("tula", "Тула", "Tula", "TUL", "Mon Tue Wed Thu Fri", 15, -160),
        ("ryazan", "Рязань", "Ryazan|Riazan|Rjazan", "RYA", "Mon Tue Wed Thu Fri", 165, -120),
        ("vladimir", "Владимир", "Vladimir|Wladimir", "VLA", "Mon Tue Wed Thu Fri", 160, 30),
        ("yaroslavl", "Ярославль", "Yaroslavl|Jaroslavl|Iaroslavl", "YAR", "Mon Wed Fri", 75, 225),
        ("konakovo", "Конаково", "Konakovo", "TVE", "Tue Fri", -70, 100),
        ("torzhok", "Торжок", "Torzhok|Torzok|Torjok", "TVE", "Mon Thu", -180, 160),
        ("kimry", "Кимры", "Kimry|Kimri", "TVE", "Wed", -10, 110),
        ("rzhev", "Ржев", "Rzhev|Rzev|Rjev", "TVE", "Tue Fri", -195, 70),
    ]

    /// The demo's delivery zones and the town each leaves from.
    static let zones: [(id: String, city: String)] = [
        ("MSK-N", "khimki"), ("TVR", "tver"), ("KLG", "kaluga"), ("MSK-SE", "kolomna"), ("DMT", "dmitrov"),
    ]

    /// The demo's sources: what they make (nil: a warehouse of everything), zone, town, lead days.
    static let sources: [(id: String, name: String, makes: ProductLine?, zone: String, city: String, lead: Int, asOf: String)] = [
        ("WH-KHIMKI", "Склад Химки", nil, "MSK-N", "khimki", 0, "2026-12-01T08:30:00+03:00"),
        ("PL-TVER", "Кирпичный завод «Тверца» (Тверь)", .brick, "TVR", "tver", 2, "2026-11-30T18:00:00+03:00"),
        ("PL-KALUGA", "Керамический завод «Угра» (Калуга)", .brick, "KLG", "kaluga", 3, "2026-11-20T12:00:00+03:00"),
        ("PL-AERO", "Завод газобетона «Окский блок» (Коломна)", .block, "MSK-SE", "kolomna", 2, "2026-11-30T18:00:00+03:00"),
        ("SUP-CEMENT", "ТД «Цемент-Ока» (Коломна)", .bag, "MSK-SE", "kolomna", 1, "2026-11-30T18:00:00+03:00"),
        ("QRY-DMITROV", "Карьер «Яхрома» (Дмитров)", .bulk, "DMT", "dmitrov", 1, "2026-11-30T18:00:00+03:00"),
    ]

    // MARK: - Names

    /// Syllables of made-up Russian place names (brands and towns): prefix + root + suffix.
    static let prefixes = [
        "", "Верхне", "Нижне", "Ново", "Старо", "Красно", "Бело", "Черно", "Велико", "Мало", "Светло", "Сухо",
        "Зелено", "Каменно", "Высоко", "Долго", "Ясно", "Тихо", "Дальне", "Ближне",
    ]
    static let roots = [
        "озёр", "гор", "камен", "лес", "бор", "дубр", "берёз", "сосн", "луг", "холм", "ключ", "дол", "пол", "руч",
        "яр", "мост", "гран", "песч", "глин", "рыб", "лип", "ольх", "клён", "ряб", "вишн", "мельн", "кузн", "гончар",
        "сол", "рудн", "тополь", "брод", "вод", "речн", "остр", "лоз", "осин", "ельн", "кедр", "мох",
    ]
    static let suffixes = ["ск", "ово", "ино", "ка", "ец", "инск", "огорск", "овка", "ное", "ицы", "ье", "иха"]

    static let deliveryPatterns = ["Mon Wed Fri", "Tue Thu", "Tue Fri", "Wed Sat", "Mon Thu", "Tue Thu Sat", "Mon Tue Wed Thu Fri"]

    // MARK: - Product families

    /// Every SKU is one family made by one brand: `<family code>-<brand code>`.
    static let families: [Family] = bricks() + blocks() + bags() + bulk()

    private static func bricks() -> [Family] { ceramicBricks() + facingBricks() + porousBricks() }

    /// Solid and hollow house bricks: two formats, five grades each.
    private static func ceramicBricks() -> [Family] {
        var out: [Family] = []
        let grades = [("100", 0), ("125", 1), ("150", 2), ("175", 3), ("200", 4)]
        // format code, Russian word, English, height, solid per pallet/grams, hollow per pallet/grams, price steps
        let formats:
            [(
                code: String, ru: String, en: String, h: Int, solid: (Int, Int64), hollow: (Int, Int64), solidPrice: [Int64],
                hollowPrice: [Int64]
            )] = [
                (
                    "NF", "одинарный", "NF", 65, (420, 3_400), (480, 2_600), [1_580, 1_720, 1_850, 2_040, 2_200],
                    [1_380, 1_460, 1_540, 1_620, 1_700]
                ),
                (
                    "14NF", "полуторный", "1.4NF", 88, (288, 4_800), (352, 3_000), [2_380, 2_460, 2_550, 2_700, 2_850],
                    [1_800, 1_890, 1_980, 2_150, 2_300]
                ),
            ]
        for f in formats {
            let dims = (250, 120, f.h)
            let alias = f.code == "NF" ? ("кирпич одинарный", "NF brick") : ("кирпич полуторный", "1.4NF brick")
            for (g, i) in grades {
                out.append(
                    Family(
                        code: "BR-\(f.code)-M\(g)-SOL", line: .brick, group: "brick",
                        ru: "Кирпич керамический полнотелый \(f.ru) М\(g) (250×120×\(f.h))",
                        en: "Solid ceramic brick \(f.en) M\(g) (250×120×\(f.h))",
                        dims: dims, grams: f.solid.1 + Int64(i) * 100, perPallet: f.solid.0, saleMultiple: f.solid.0, density: nil,
                        deposit: 25_000,
                        price: f.solidPrice[i], tiers: [5_000, 10_000], alias: alias, common: g != "100" && g != "200",
                        preferred: f.code == "NF" && g == "150"))
            }
            for (g, i) in grades {
                out.append(
                    Family(
                        code: "BR-\(f.code)-M\(g)-HOL", line: .brick, group: "brick",
                        ru: "Кирпич керамический пустотелый \(f.ru) М\(g) (250×120×\(f.h))",
                        en: "Hollow ceramic brick \(f.en) M\(g) (250×120×\(f.h))",
                        dims: dims, grams: f.hollow.1 + Int64(i) * 50, perPallet: f.hollow.0, saleMultiple: f.hollow.0, density: nil,
                        deposit: 25_000,
                        price: f.hollowPrice[i], tiers: [5_000, 10_000], alias: alias, common: g != "100" && g != "200",
                        preferred: false))
            }
        }
        return out
    }

    /// Facing bricks: two formats, four colours.
    private static func facingBricks() -> [Family] {
        var out: [Family] = []
        let colours = [
            ("RED", "красный", "red", 0), ("BRN", "коричневый", "brown", 200), ("YEL", "жёлтый", "yellow", 300),
            ("GRY", "серый", "grey", 150),
        ]
        for f in [("NF", "одинарный", "NF", 65, 480, 2_400, 3_250), ("14NF", "полуторный", "1.4NF", 88, 352, 3_100, 3_890)] {
            for c in colours {
                out.append(
                    Family(
                        code: "BR-\(f.0)-FAC-\(c.0)", line: .brick, group: "brick",
                        ru: "Кирпич облицовочный пустотелый \(f.1) М175 \(c.1) гладкий (250×120×\(f.3))",
                        en: "Facing brick hollow \(f.2) M175 \(c.2) smooth (250×120×\(f.3))",
                        dims: (250, 120, f.3), grams: Int64(f.5), perPallet: f.4, saleMultiple: f.4, density: nil, deposit: 25_000,
                        price: Int64(f.6 + c.3), tiers: [2_000, 5_000], alias: ("кирпич облицовочный", "facing brick"), common: false,
                        preferred: f.0 == "NF" && c.0 == "RED"))
            }
        }
        return out
    }

    /// Porous double bricks: three grades.
    private static func porousBricks() -> [Family] {
        var out: [Family] = []
        for (g, p) in [("100", 3_600), ("125", 3_750), ("150", 3_990)] {
            out.append(
                Family(
                    code: "BR-21NF-M\(g)-POR", line: .brick, group: "brick",
                    ru: "Кирпич керамический поризованный двойной 2.1НФ М\(g) (250×120×138)",
                    en: "Porous ceramic brick 2.1NF M\(g) (250×120×138)",
                    dims: (250, 120, 138), grams: 5_000, perPallet: 240, saleMultiple: 240, density: nil, deposit: 25_000,
                    price: Int64(p), tiers: [2_000, 5_000], alias: ("кирпич поризованный", "porous brick"), common: g != "100",
                    preferred: g == "125"))
        }
        return out
    }

    private static func blocks() -> [Family] {
        var out: [Family] = []
        let thicknesses = [(100, 120), (150, 80), (200, 60), (250, 48), (300, 40), (375, 32), (400, 30)]
        for (d, perM3) in [(400, 5_200), (500, 5_400), (600, 5_700)] {
            for (t, pallet) in thicknesses {
                // 600 × t × 250 mm = 150·t cm³; the weight with 10 % moisture; the price from roubles per m³,
                // in kopecks rounded to 10.
                let cm3 = Int64(t) * 150
                let grams = cm3 * Int64(d) * 11 / 10_000
                let price = cm3 * Int64(perM3) / 100_000 * 10
                let kind = t <= 150 ? ("перегородочный", "partition") : ("стеновой", "wall")
                out.append(
                    Family(
                        code: "BL-D\(d)-600x\(t)x250", line: .block, group: "block",
                        ru: "Блок газобетонный \(kind.0) D\(d) 600×\(t)×250", en: "Aerated concrete \(kind.1) block D\(d) 600×\(t)×250",
                        dims: (600, t, 250), grams: grams, perPallet: pallet, saleMultiple: pallet, density: nil, deposit: 25_000,
                        price: price, tiers: [pallet * 5, pallet * 20], alias: ("газоблок D\(d)", "aerated block D\(d)"), common: d == 500,
                        preferred: d == 500 && t == 300))
            }
        }
        return out
    }

    private static func bags() -> [Family] {
        var out: [Family] = []
        let cements = [
            ("CEM-M500", "Цемент ЦЕМ II/А-Ш 42,5Н (М500)", "Cement CEM II/A-S 42.5N (M500)", 48_000),
            ("CEM-M500-D0", "Цемент ЦЕМ I 42,5Н (ПЦ500-Д0)", "Cement CEM I 42.5N (M500 D0)", 54_000),
            ("CEM-M400", "Цемент ЦЕМ II/В-Ш 32,5Н (М400)", "Cement CEM II/B-S 32.5N (M400)", 40_900),
        ]
        for c in cements {
            for (kg, pallet, share) in [(50, 40, 100), (25, 56, 55)] {
                out.append(
                    Family(
                        code: "\(c.0)-\(kg)", line: .bag, group: "cement", ru: "\(c.1) \(kg) кг", en: "\(c.2) \(kg) kg",
                        dims: nil, grams: Int64(kg) * 1_000, perPallet: pallet, saleMultiple: 1, density: nil, deposit: 0,
                        price: Int64(c.3 * share / 100), tiers: [pallet, pallet * 10], alias: ("цемент", "cement"), common: true,
                        preferred: c.0 == "CEM-M500" && kg == 50))
            }
        }
        let mixes: [(String, String, String, Int, Int, Int)] = [
            ("MIX-MAS-25", "Смесь кладочная цементная М150 25 кг", "Masonry mortar mix M150 25 kg", 25, 56, 26_400),
            (
                "MIX-MAS-WIN-25", "Смесь кладочная цементная М150 зимняя (до −15 °C) 25 кг",
                "Masonry mortar mix M150 winter grade (down to −15 °C) 25 kg", 25, 56, 30_100
            ),
            ("MIX-GLUE-25", "Клей для газобетонных блоков 25 кг", "Thin-bed adhesive for aerated concrete blocks 25 kg", 25, 48, 33_800),
            ("MIX-GYP-30", "Штукатурка гипсовая 30 кг", "Gypsum plaster 30 kg", 30, 40, 38_900),
            ("MIX-CEMPL-25", "Штукатурка цементная 25 кг", "Cement plaster 25 kg", 25, 56, 29_500),
            ("MIX-SCREED-40", "Стяжка для пола 40 кг", "Floor screed 40 kg", 40, 35, 34_500),
            ("MIX-TILE-25", "Клей плиточный 25 кг", "Tile adhesive 25 kg", 25, 48, 36_000),
        ]
        for m in mixes {
            out.append(
                Family(
                    code: m.0, line: .bag, group: "mix", ru: m.1, en: m.2, dims: nil, grams: Int64(m.3) * 1_000, perPallet: m.4,
                    saleMultiple: 1,
                    density: nil, deposit: 0, price: Int64(m.5), tiers: [m.4, m.4 * 10], alias: ("сухая смесь", "dry mix"),
                    common: m.0 == "MIX-MAS-25",
                    preferred: m.0 == "MIX-MAS-25"))
        }
        return out
    }

    private static func bulk() -> [Family] {
        let sands: [(String, String, String, Int, Int64)] = [
            ("SAND-QRY", "Песок карьерный", "Quarry sand", 1_600, 78_000),
            ("SAND-WASH", "Песок строительный мытый", "Washed construction sand", 1_500, 102_000),
            ("SAND-RIV", "Песок речной", "River sand", 1_550, 95_000),
        ]
        let stones: [(String, String, String, Int, Int64)] = [
            ("STONE-GR-5-20", "Щебень гранитный фр. 5-20", "Crushed granite 5-20 mm", 1_380, 235_000),
            ("STONE-GR-20-40", "Щебень гранитный фр. 20-40", "Crushed granite 20-40 mm", 1_370, 215_000),
            ("STONE-GR-40-70", "Щебень гранитный фр. 40-70", "Crushed granite 40-70 mm", 1_360, 205_000),
            ("STONE-GRAV-5-20", "Щебень гравийный фр. 5-20", "Crushed gravel 5-20 mm", 1_420, 175_000),
            ("STONE-GRAV-20-40", "Щебень гравийный фр. 20-40", "Crushed gravel 20-40 mm", 1_400, 165_000),
        ]
        var out: [Family] = []
        for (list, alias) in [(sands, ("песок", "sand")), (stones, ("щебень", "crushed stone"))] {
            for s in list {
                out.append(
                    Family(
                        code: s.0, line: .bulk, group: "bulk", ru: s.1, en: s.2, dims: nil, grams: nil, perPallet: nil, saleMultiple: 1,
                        density: s.3, deposit: 0, price: s.4, tiers: [25, 100], alias: alias, common: true,
                        preferred: s.0 == "SAND-QRY" || s.0 == "STONE-GR-20-40"))
            }
        }
        return out
    }
}

/// What a plant or supplier makes; warehouses stock every line.
enum ProductLine: Int, CaseIterable, Sendable {
    case brick, block, bag, bulk
}

/// A product family: one kind of brick, block, bag or bulk good, made by many brands.
struct Family {
    var code: String
    var line: ProductLine
    var group: String
    var ru: String
    var en: String
    var dims: (Int, Int, Int)?
    /// One selling unit's weight; nil for goods sold by the tonne.
    var grams: Int64?
    var perPallet: Int?
    var saleMultiple: Int
    var density: Int?
    /// Pallet deposit, kopecks.
    var deposit: Int64
    /// Typical list price per selling unit, kopecks.
    var price: Int64
    /// Quantities from which the second and third price tiers start.
    var tiers: [Int]
    /// The family's alias group, Russian and English ("кирпич одинарный" / "NF brick").
    var alias: (String, String)
    /// Named by the house brand's top-level alias (`brick`, `cement`…).
    var common: Bool
    /// The default SKU of its alias group when the brand makes it.
    var preferred: Bool

    var kind: String {
        switch line {
        case .brick: "brick"
        case .block: "block"
        case .bag: "bag"
        case .bulk: "bulk"
        }
    }

    var unit: String {
        switch line {
        case .brick, .block: "pcs"
        case .bag: "bag"
        case .bulk: "t"
        }
    }
}
