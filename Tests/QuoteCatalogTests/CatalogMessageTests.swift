import QuoteCore
import Testing

@testable import QuoteCatalog

/// Catalog diagnostics in the catalog keeper's language: the same finding, at the same `file:line:column`,
/// written in English and in Russian (`quote catalog check --lang ru`), amounts and dates as each writes them.
@Suite struct CatalogMessageTests {
    /// The issue of `files` at `file:line`, in English and Russian.
    private func issue(_ files: CatalogFiles, _ file: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> (
        en: String, ru: String
    ) {
        let issue = try #require(
            files.issues().first { $0.file == file && $0.line == line }, "\(files.issues())", sourceLocation: sourceLocation)
        return (issue.description(in: .en), issue.description(in: .ru))
    }

    private func warnings(_ files: CatalogFiles, asOf: Moment?) throws -> [CatalogIssue] {
        let catalog = try files.compile()
        return CatalogRules.sorted(CatalogRules.check(catalog, rows: CatalogRows(files: files.contents), asOf: asOf).map(\.issue))
    }

    /// stock.csv:3 names BR-NF-M150-HLO, a typo of BR-NF-M150-HOL (one letter swapped): did-you-mean in both.
    @Test func anUnknownSKUWithDidYouMean() throws {
        var files = try Demo.files()
        try files.replace("stock.csv", line: 3, "BR-NF-M150-HOL", with: "BR-NF-M150-HLO")
        let m = try issue(files, "stock.csv", line: 3)
        #expect(m.en == "stock.csv:3:11: sku: unknown SKU BR-NF-M150-HLO (not in products.csv); did you mean BR-NF-M150-HOL?")
        #expect(m.ru == "stock.csv:3:11: sku: неизвестный артикул «BR-NF-M150-HLO» (его нет в products.csv); может быть, BR-NF-M150-HOL?")
    }

    @Test func aBadWeekdayAndABadFlag() throws {
        var files = try Demo.files()
        try files.replace("cities.csv", line: 2, "Mon Tue", with: "Mon Tuesday")
        try files.replace("vehicles.csv", line: 2, ",4,no", with: ",4,maybe")
        let day = try issue(files, "cities.csv", line: 2)
        #expect(day.en == "cities.csv:2:40: delivery_days: \u{201C}Tuesday\u{201D} is not a weekday (Mon Tue Wed Thu Fri Sat Sun)")
        #expect(day.ru == "cities.csv:2:40: delivery_days: «Tuesday» — не день недели (Mon Tue Wed Thu Fri Sat Sun)")
        let crane = try issue(files, "vehicles.csv", line: 2)
        #expect(crane.en == "vehicles.csv:2:48: crane: \u{201C}maybe\u{201D} is not yes or no")
        #expect(crane.ru == "vehicles.csv:2:48: crane: «maybe» — не «да» и не «нет»")
    }

    /// A decimal comma in a `,` file: the hint to write a dot, in both languages.
    @Test func aNumberWithADecimalCommaInACommaFile() throws {
        var files = try Demo.files()
        try files.replace("products.csv", line: 3, ",65,3.6,420,", with: ",65,\"3,6\",420,")
        let m = try issue(files, "products.csv", line: 3)
        #expect(m.en == "products.csv:3:143: weight_kg: \u{201C}3,6\u{201D} is not a number (use a dot: 3.6)")
        #expect(m.ru == "products.csv:3:143: weight_kg: «3,6» — не число (пишите с точкой: 3.6)")
    }

    /// The cost warning: 17.00 bought against a lowest list price of 16.90 (Tver's list from 10 000) — in
    /// Russian as amounts are written there, 17,00 ₽ and 16,90 ₽, and the tier's quantity 10 000.
    @Test func amountsInAWarning() throws {
        var files = try Demo.files()
        try files.replace("stock.csv", line: 18, ",126000,14.62,", with: ",126000,17.00,")
        let w = try #require(try warnings(files, asOf: nil).first)
        #expect(
            w.description(in: .en)
                == "stock.csv:18:31: cost: PL-TVER buys BR-NF-M150-SOL at 17.00, more than its lowest list price 16.90 (TVE from 10000): a sale at that price loses money"
        )
        #expect(
            w.description(in: .ru)
                == "stock.csv:18:31: cost: PL-TVER закупает BR-NF-M150-SOL по 17,00 ₽ — дороже самой низкой цены прайса 16,90 ₽ (TVE от 10 000): продажа по этой цене убыточна"
        )
    }

    /// Stock dated 2026-12-03 08:30 seen on 2026-12-01 10:00 is 46 hours in the future: dates as Russian writes them.
    @Test func datesAndHoursInAWarning() throws {
        var files = try Demo.files()
        try files.replace("sources.csv", line: 2, ",0,2026-12-01T08:30:00+03:00", with: ",0,2026-12-03T08:30:00+03:00")
        let asOf = try #require(Moment.parse("2026-12-01T10:00:00+03:00", defaultOffset: 10_800))
        let w = try #require(try warnings(files, asOf: asOf).first)
        #expect(
            w.description(in: .ru)
                == "sources.csv:2:48: stock_as_of: остатки WH-KHIMKI датированы 03.12.2026 08:30 — на 46 ч позже 01.12.2026 10:00: неверная дата или смещение UTC?"
        )
    }

    /// A row cut short: the count of its fields agrees with the number (1 поле, 3 поля, 5 полей).
    @Test func aShortRowCountsItsFields() throws {
        var files = try Demo.files()
        files.setLines("vehicles.csv", ["id,name,body,payload_kg,pallet_places,crane", "GAZ-1.5,Газель,flatbed", ""])
        let m = try issue(files, "vehicles.csv", line: 2)
        #expect(m.en.contains("the row has 3 fields where the header has 6 (no payload_kg, pallet_places, crane)"), "\(m.en)")
        #expect(m.ru.contains("в строке 3 поля, а в заголовке 6 (нет: payload_kg, pallet_places, crane)"), "\(m.ru)")
    }

    /// A damaged database, said in Russian down to the row: a price stored as text where a whole number of
    /// ten-thousandths belongs.
    @Test func aDamagedDatabaseInRussian() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let path = tmp.path + "/demo.sqlite"
        try CatalogDatabase.write(try Demo.catalog(), to: path)
        try SQLiteDatabase(path: path, readOnly: false).execute(
            "UPDATE prices SET price = '17,90' WHERE sku = 'BR-NF-M150-SOL' AND region = 'TVE' AND min_qty = 0")
        let request = QuoteRequest(
            items: [QuoteRequest.Item(product: "brick", quantity: Quantity(whole: 5000), unit: nil)], city: "Tver", asOf: Demo.asOf)
        let error = try #require(throws: QuoteError.self) { _ = try CatalogStore(path: path).snapshot(for: request) }
        #expect(error.code == .catalogUnavailable)
        #expect(error.message.contains("table prices, row BR-NF-M150-SOL/TVE: price is text, not a whole number"), "\(error.message)")
        #expect(
            error.message(in: .ru).hasSuffix(
                "не читается (база повреждена или правилась вручную: таблица prices, строка BR-NF-M150-SOL/TVE: price — текст, а не целое число): пересоберите его командой `quote catalog build`."
            ), "\(error.message(in: .ru))")
    }

    /// A catalog broken in many ways at once: not one of its diagnostics, rendered in Russian, keeps a word of
    /// its English sentence (the words of the English templates it is made of that the Russian ones do not
    /// also use, such as column names).
    @Test func noDiagnosticIsEnglishUnderRussian() throws {
        var files = try Demo.files()
        try files.replace("stock.csv", line: 3, "BR-NF-M150-HOL", with: "BR-NF-M150-HLO")
        try files.replace("stock.csv", line: 4, ",16.63,", with: ",-16.63,")
        try files.replace("cities.csv", line: 2, "Mon Tue", with: "Mon Tuesday")
        try files.replace("vehicles.csv", line: 2, ",4,no", with: ",4,maybe")
        try files.replace("products.csv", line: 3, ",65,3.6,420,", with: ",65,3.5x,420,")
        files.append("cities.csv", files.lines("cities.csv")[3])
        files.append("holidays.csv", "2026-12-02,workday,Тест")
        files.append("settings.csv", "colour,red")
        files.append("customers.csv", "C-9,Тест,dealer,14,0,0,12345")
        let issues = files.issues()
        #expect(issues.count >= 8, "\(issues.map(\.description))")
        for issue in issues {
            let russian = issue.description(in: .ru)
            for word in Self.englishWords(issue.text) {
                #expect(
                    russian.range(of: "\\b\(word)\\b", options: [.regularExpression, .caseInsensitive]) == nil, "“\(word)” in \(russian)")
            }
        }
    }

    /// The words of four letters or more in the English templates of `m` and its nested messages that the
    /// Russian templates do not use themselves.
    static func words(_ s: String?) -> Set<String> { Set((s ?? "").lowercased().matches(of: /[a-z]{4,}/).map { String($0.output) }) }

    static func englishWords(_ m: Message) -> Set<String> {
        let en = MessageTemplates.en.merging(MessageTemplates.toolsEN) { first, _ in first }
        let ru = MessageTemplates.ru.merging(MessageTemplates.toolsRU) { first, _ in first }
        var out = words(en[m.key]).subtracting(words(ru[m.key]))
        for arg in m.args {
            if case .message(let inner) = arg { out.formUnion(englishWords(inner)) }
            if case .messages(let inner, _) = arg { for i in inner { out.formUnion(englishWords(i)) } }
        }
        return out.subtracting(values(m).flatMap { words($0) })
    }

    /// The values `m` echoes (a column's name, a cell's text): words that are the catalog's, not the sentence's.
    static func values(_ m: Message) -> [String] {
        m.args.flatMap { arg -> [String] in
            switch arg {
            case .text(let s), .verbatim(let s): return [s]
            case .list(let items), .orList(let items): return items
            case .message(let inner): return values(inner)
            case .messages(let inner, _): return inner.flatMap(values)
            default: return []
            }
        }
    }
}
