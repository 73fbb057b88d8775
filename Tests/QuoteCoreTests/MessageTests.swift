import Testing

@testable import QuoteCore

/// Messages as data, rendered in English and Russian: the plural rule, the number and date forms, and
/// sentences from the engine's templates.
struct MessageTests {
    /// Russian nouns after a number: 1 поддон, 2–4 поддона, 5–20 поддонов; then by the last digit,
    /// except that 11–14 always take the many form (111 поддонов, 112 поддонов); a fraction takes the few form.
    @Test(
        arguments: [
            (0, "0 поддонов"), (1, "1 поддон"), (2, "2 поддона"), (4, "4 поддона"), (5, "5 поддонов"), (11, "11 поддонов"),
            (12, "12 поддонов"), (14, "14 поддонов"), (21, "21 поддон"), (22, "22 поддона"), (25, "25 поддонов"),
            (101, "101 поддон"), (111, "111 поддонов"), (112, "112 поддонов"), (1_001, "1 001 поддон"),
        ] as [(Int64, String)])
    func russianPlurals(n: Int64, text: String) {
        #expect(Format(.ru).count(Quantity(whole: n), .pallet) == text)
    }

    @Test(arguments: [(1, "1 pallet"), (2, "2 pallets"), (21, "21 pallets")] as [(Int64, String)])
    func englishPlurals(n: Int64, text: String) {
        #expect(Format(.en).count(Quantity(whole: n), .pallet) == text)
    }

    @Test func fractionsTakeTheFewForm() {
        #expect(Format(.ru).count(Quantity(milli: 1_500), .pallet) == "1,5 поддона")
        #expect(Plural.category(Quantity(milli: 5_500)) == .few)
    }

    /// Money as each language writes it: groups of three by a space and a decimal comma with the rouble
    /// sign in Russian, commas and a point in English.
    @Test(
        arguments: [
            (123_456_789, "1 234 567,89 ₽", "1,234,567.89"), (200_000_000, "2 000 000,00 ₽", "2,000,000.00"), (5, "0,05 ₽", "0.05"),
            (-195_000_000, "-1 950 000,00 ₽", "-1,950,000.00"),
        ] as [(Int64, String, String)])
    func money(kopecks: Int64, ru: String, en: String) {
        #expect(Format(.ru).money(Money(kopecks: kopecks)) == ru)
        #expect(Format(.en).money(Money(kopecks: kopecks)) == en)
    }

    /// 2026-12-03 is a Thursday (2026-01-01 was a Thursday; 336 days later is 48 weeks on).
    @Test func datesAndWeekdays() throws {
        let d = try #require(CivilDate(year: 2026, month: 12, day: 3))
        #expect(Format(.ru).date(d) == "03.12.2026")
        #expect(Format(.en).date(d) == "2026-12-03")
        #expect(Format(.ru).weekdayDate(d) == "Чт 03.12.2026")
        #expect(Format(.ru).weekdayName(d) == "четверг")
        // 18:00 Moscow time on 2026-12-02, written as a Russian document does.
        let m = try #require(Moment.parse("2026-12-02T18:00:00+03:00", defaultOffset: 10_800))
        #expect(Format(.ru).moment(m) == "02.12.2026 18:00")
    }

    @Test(arguments: [
        (OrderUnit.pieces, "5 040 шт", "5,040 pcs"), (.pallets, "12 поддонов", "12 pallets"), (.bags, "40 мешков", "40 bags"),
        (.tonnes, "6,5 т", "6.5 t"),
    ])
    func quantitiesWithUnits(unit: OrderUnit, ru: String, en: String) {
        let q: Quantity =
            unit == .pieces
            ? Quantity(whole: 5_040) : unit == .pallets ? Quantity(whole: 12) : unit == .bags ? Quantity(whole: 40) : Quantity(milli: 6_500)
        #expect(Format(.ru).quantity(q, unit) == ru)
        #expect(Format(.en).quantity(q, unit) == en)
    }

    /// The credit-limit warning: amounts inside a message are formatted like any other
    /// (a limit of 2 000 000,00, owing 1 950 000,00, an order of 119 749,12 → over by 69 749,12).
    @Test func amountsInsideMessages() {
        let m = Message(
            "warning.credit_limit", .text("ООО «СтройДом»"), .money(Money(kopecks: 200_000_000)), .money(Money(kopecks: 195_000_000)),
            .money(Money(kopecks: 6_974_912)))
        #expect(
            MessageRenderer(.ru).render(m)
                == "С этим заказом ООО «СтройДом» превысит кредитный лимит 2 000 000,00 ₽ (долг 1 950 000,00 ₽; превышение 69 749,12 ₽): отгрузка только по предоплате или с согласия руководителя."
        )
        #expect(
            MessageRenderer(.en).render(m)
                == "This order would take ООО «СтройДом» over its credit limit of 2,000,000.00 (owes 1,950,000.00; over by 69,749.12): ship only against prepayment or a manager's approval."
        )
    }

    @Test(arguments: [
        (
            Message("product.unknown", .text("кирпчи")), "Unknown product “кирпчи”: no SKU, name or alias matches it.",
            "Неизвестный товар «кирпчи»: нет артикула, названия или синонима с таким именем."
        ),
        (
            Message("hint.truck_room.one", .text("склад в Химках"), .count(2, .morePallet)),
            "The truck from склад в Химках has room for 2 more pallets at no extra delivery cost.",
            "склад в Химках: в машину поместится ещё 2 поддона без доплаты за доставку."
        ),
        (
            Message("warning.stale_stock", .text("Склад Химки"), .count(51, .hour), .verbatim("…"), .count(48, .hour)),
            "Stock at Склад Химки was last updated 51 hours ago (…), more than the 48 hours limit: confirm it before promising.",
            "Склад Химки: остатки обновлены 51 час назад (…) — дольше допустимых 48 часов; подтвердите наличие, прежде чем обещать."
        ),
        (
            Message("city.missing"),
            "Where should it go? A delivery city is needed to price delivery: ask the customer for it, or quote pickup.",
            "Куда везти? Чтобы рассчитать доставку, нужен город: уточните его у покупателя или оформите самовывоз."
        ),
    ])
    func rendersInBothLanguages(message: Message, en: String, ru: String) {
        #expect(MessageRenderer(.en).render(message) == en)
        #expect(MessageRenderer(.ru).render(message) == ru)
    }

    /// Every template has both languages, with the same parameters: adding a key to one table and not
    /// the other fails here.
    /// The engine's, the catalog tools' and the services' tables: each key in English and in Russian, with
    /// the same parameters.
    @Test(arguments: [
        ("engine", MessageTemplates.en, MessageTemplates.ru), ("catalog", MessageTemplates.catalogEN, MessageTemplates.catalogRU),
        ("service", MessageTemplates.serviceEN, MessageTemplates.serviceRU),
    ])
    func bothLanguagesHaveEveryTemplate(table: String, en: [MessageKey: String], ru: [MessageKey: String]) {
        #expect(Set(en.keys) == Set(ru.keys), "\(table): \(Set(en.keys).symmetricDifference(ru.keys).map(\.rawValue).sorted())")
        for (key, english) in en {
            let russian = ru[key] ?? ""
            #expect(Self.placeholders(english) == Self.placeholders(russian), "\(key.rawValue)")
        }
    }

    /// A Russian template of a sentence is written in Russian: wherever the English one has words (not only
    /// `{0}:{1}` punctuation), the Russian one has Cyrillic letters.
    @Test(arguments: [
        MessageTemplates.ru, MessageTemplates.catalogRU, MessageTemplates.serviceRU,
    ])
    func russianTemplatesAreRussian(ru: [MessageKey: String]) {
        let english = MessageTemplates.en.merging(MessageTemplates.toolsEN) { first, _ in first }
        for (key, text) in ru {
            let words = (english[key] ?? "").replacing(/\{[0-9]+\}/, with: "").contains(/[A-Za-z]{2,}/)
            let cyrillic = text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
            #expect(!words || cyrillic, "\(key.rawValue): \(text)")
        }
    }

    /// The engine's keys and the tools' are apart, so one table never hides another's sentence.
    @Test func noKeyIsInTwoTables() {
        #expect(Set(MessageTemplates.en.keys).isDisjoint(with: MessageTemplates.toolsEN.keys))
        #expect(Set(MessageTemplates.catalogEN.keys).isDisjoint(with: MessageTemplates.serviceEN.keys))
    }

    /// No engine template names a CLI option or a catalog file: front ends add those.
    @Test func engineTemplatesNameNoOptionOrFile() {
        for (key, text) in MessageTemplates.en.merging(MessageTemplates.ru, uniquingKeysWith: { $0 + $1 }) {
            #expect(!text.contains("--") && !text.contains(".csv"), "\(key.rawValue): \(text)")
        }
    }

    @Test func anUnknownKeyIsShownNotLost() {
        #expect(MessageRenderer(.ru).render(Message("no.such.key", .integer(5))) == "no.such.key(5)")
    }

    @Test func frontEndTemplatesComeFirst() {
        let r = MessageRenderer(.ru, adding: [.ru: ["x": "Укажите {0}"], .en: ["x": "Use {0}"]])
        #expect(r.render(Message("x", .verbatim("--city"))) == "Укажите --city")
        #expect(MessageRenderer(.en, adding: [.en: ["x": "Use {0}"]]).render(Message("x", .verbatim("--city"))) == "Use --city")
    }

    static func placeholders(_ s: String) -> Set<String> {
        var out: Set<String> = []
        var i = s.startIndex
        while let open = s[i...].firstIndex(of: "{"), let close = s[open...].firstIndex(of: "}") {
            let inner = s[s.index(after: open)..<close]
            if Int(inner) != nil { out.insert(String(inner)) }
            i = s.index(after: open)
        }
        return out
    }
}
