import Foundation
import Testing

/// `quote catalog check|build|import` in the catalog keeper's language: `--lang ru`, or a Russian locale,
/// gives Russian diagnostics at the same `file:line:column`, with the same exit status.
@Suite struct CatalogLanguageCLITests {
    /// A demo copy with three mistakes: a misspelt SKU in stock.csv:3, a weekday written out in cities.csv:2,
    /// and "maybe" for the crane of vehicles.csv:2.
    private func broken(_ scratch: Scratch) throws -> String {
        let dir = try scratch.demoCopy()
        try scratch.edit(dir + "/stock.csv", line: 3, "BR-NF-M150-HOL", with: "BR-NF-M150-HLO")
        try scratch.edit(dir + "/cities.csv", line: 2, "Mon Tue", with: "Mon Tuesday")
        try scratch.edit(dir + "/vehicles.csv", line: 2, ",4,no", with: ",4,maybe")
        return dir
    }

    @Test func checkABrokenCatalogInRussian() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try broken(scratch)
        let r = run(["catalog", "check", dir, "--lang", "ru"])
        #expect(r.status == 3)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                ошибка: stock.csv:3:11: sku: неизвестный артикул «BR-NF-M150-HLO» (его нет в products.csv); может быть, BR-NF-M150-HOL?
                cities.csv:2:40: delivery_days: «Tuesday» — не день недели (Mon Tue Wed Thu Fri Sat Sun)
                vehicles.csv:2:48: crane: «maybe» — не «да» и не «нет»
                3 ошибки в \(dir); ничего не записано.

                """)
        // The same in English, and in Russian from the locale alone.
        let en = run(["catalog", "check", dir, "--lang", "en"])
        #expect(en.status == 3)
        #expect(
            en.stderr.hasPrefix(
                "error: stock.csv:3:11: sku: unknown SKU BR-NF-M150-HLO (not in products.csv); did you mean BR-NF-M150-HOL?\n"))
        #expect(en.stderr.hasSuffix("3 problems in \(dir); nothing was written.\n"))
        let locale = run(
            ["catalog", "build", dir, "--out", scratch.path + "/x.sqlite"], env: ["LANG": "ru_RU.UTF-8", "LC_ALL": "ru_RU.UTF-8"])
        #expect(locale.status == 3)
        #expect(locale.stderr.contains("vehicles.csv:2:48: crane: «maybe» — не «да» и не «нет»"), "\(locale.stderr)")
    }

    /// Warnings too: stock figures of 2026-12-01 checked three months on are stale, said with Russian dates.
    @Test func warningsInRussian() throws {
        let r = run(["catalog", "check", CLI.demoDirectory, "--lang", "ru", "--as-of", "2027-03-01T10:00:00+03:00"])
        #expect(r.status == 0, "\(r.stderr)")
        // 34 товара (2–4: товара), 6 источников, 52 строки, 24 города, 7 типов, 120 маршрутов, 55 тарифов.
        #expect(
            r.stdout.hasPrefix(
                "Каталог \(CLI.demoDirectory) в порядке: 34 товара, 6 источников, 52 строки остатков, 24 города, 7 типов машин, 120 маршрутов, 55 тарифов, версия "
            ), "\(r.stdout)")
        #expect(
            r.stderr.contains(
                "предупреждение: sources.csv:3:62: stock_as_of: остатки PL-TVER — на 30.11.2026 18:00, за 90 дней до 01.03.2027 10:00: это дольше допустимых 48 ч"
            ), "\(r.stderr)")
        #expect(!r.stderr.contains("warning"))
    }

    /// An import's mistakes in Russian: an unknown source, with the accepted ones.
    @Test func importInRussian() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let file = scratch.path + "/stock.csv"
        try "sku,stock\nBR-NF-M150-SOL,100\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = run(["catalog", "import", file, "--source", "PL-TVR", "--catalog", dir, "--lang", "ru"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("ошибка: Неизвестный источник «PL-TVR»: его нет среди источников каталога. [--source]\n"), "\(r.stderr)")
    }

    /// An import's report in Russian: PL-TVER's BR-NF-M150-SOL from 126 000 to 120 000 at 15.62; the other
    /// 7 SKUs it stocks are not in the file, so a dry run would set them to 0 (8 changes, 7 of them to 0).
    @Test func anImportReportInRussian() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = try scratch.demoCopy()
        let file = scratch.path + "/tver.csv"
        try "sku,stock,cost\nBR-NF-M150-SOL,120000,15.62\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = run(["catalog", "import", file, "--source", "PL-TVER", "--catalog", dir, "--dry-run", "--lang", "ru", "--as-of", CLI.asOf])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.hasPrefix(
                "Пробный запуск, ничего не записано: загрузка \(file) как остатков PL-TVER в \(dir) изменила бы 8 артикулов (добавлено 0, изменено 8, удалено 0):\n"
            ), "\(r.stdout)")
        #expect(r.stdout.contains("  BR-NF-M150-SOL    изменён   stock 126000 → 120000, cost 14.62 → 15.62\n"), "\(r.stdout)")
        #expect(
            r.stdout.hasSuffix(
                "; при загрузке остаток у них — 0 (--missing zero, по умолчанию; --missing keep или remove — чтобы иначе).\n"))
        #expect(r.stdout.contains("7 артикулов PL-TVER нет в файле ("), "\(r.stdout)")
    }

    /// `quote show` asks quote-store, which answers in quote's language (`--lang` is passed on to it).
    @Test func quoteStoreAnswersInTheLanguageOfQuote() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let db = scratch.path + "/quotes.sqlite"
        let ru = run(["show", "Q-AAAA-BBBB", "--quotes-db", db, "--lang", "ru"])
        #expect(ru.status == 2)
        #expect(
            ru.stderr
                == "ошибка: Нет сохранённого предложения с номером «Q-AAAA-BBBB»: его выдали без сохранения или сохранили в другую базу предложений. [id]\n"
        )
        let en = run(["show", "Q-AAAA-BBBB", "--quotes-db", db, "--lang", "en"])
        #expect(
            en.stderr.hasPrefix("error: No saved quote has the id \u{201C}Q-AAAA-BBBB\u{201D}: it was not issued with save"), "\(en.stderr)"
        )
    }

    @Test func anUnknownLanguageIsRefused() {
        let r = run(["catalog", "check", CLI.demoDirectory, "--lang", "de"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Unknown language \u{201C}de\u{201D}"), "\(r.stderr)")
    }
}
