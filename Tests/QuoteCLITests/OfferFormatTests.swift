import Foundation
import Testing

/// The offer in each format and language, as the built binary prints it: the table for the manager
/// (fitting the width, Russian throughout with `--lang ru`), the messenger text, the printable HTML
/// (whose figures are the JSON's), and what the customer never sees.
@Suite(.serialized) struct OfferFormatTests {
    static let order = ["brick", "--qty", "5000", "--city", "Tver", "--customer", "C-1001", "--as-of", CLI.asOf]

    func quote(_ extra: [String], env: [String: String] = [:]) -> (status: Int32, stdout: String, stderr: String) {
        run(Self.order + extra, env: env.merging(["LC_ALL": "", "LANG": "C.UTF-8"]) { $1 }, cwd: CLI.packageRoot)
    }

    /// What only the manager may see: the supplier's name and ids, the credit limit (500 000,00 for C-1001),
    /// the default-SKU remark.
    static let managerOnly = ["Тверца", "PL-TVER", "WH-KHIMKI", "500 000", "500,000", "BR-14NF-FAC-BRN"]

    @Test(arguments: ["en", "ru"])
    func textFitsAMessengerAndShowsNothingInternal(lang: String) throws {
        let r = quote(["--format", "text", "--lang", lang])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(r.stdout)")
        #expect(!r.stdout.contains("─") && !r.stdout.contains("│"))
        // The total (with VAT) and the date come first: 114 399,66 for C-1001's 5 % discount, Thursday 3 December.
        #expect(lines[1] == (lang == "ru" ? "Всего с НДС: 114 399,66 ₽" : "Total: 114,399.66"))
        #expect(lines[2] == (lang == "ru" ? "Дата доставки: Чт 03.12.2026" : "Delivery date: Thu 2026-12-03"))
        for secret in Self.managerOnly { #expect(!r.stdout.contains(secret), "\(secret) in \(r.stdout)") }
    }

    @Test func russianTableIsRussianThroughout() throws {
        let r = quote(["--lang", "ru"])
        #expect(r.status == 0, "\(r.stderr)")
        let offer = try #require(r.stdout.components(separatedBy: "── Только для менеджера").first)
        #expect(offer.range(of: #"\d{4}-\d\d-\d\dT"#, options: .regularExpression) == nil, "no ISO timestamps: \(offer)")
        #expect(!offer.contains("(fastest)") && !offer.contains("(cheapest)"))
        #expect(offer.contains("Другой вариант (быстрее всего): 129 344,66 ₽ с НДС, доставка 01.12.2026"))
        #expect(offer.contains("12 поддонов") && !offer.contains("12 под "))
        #expect(offer.contains("Дата 01.12.2026 10:00 · действительно до 02.12.2026 18:00"))
        #expect(offer.contains("откуда: с завода-изготовителя"))
        for secret in Self.managerOnly { #expect(!offer.contains(secret), "\(secret) in the offer") }
        // The manager's notes carry them, after the offer.
        #expect(r.stdout.contains("1. BR-NF-M150-SOL ← PL-TVER Кирпичный завод «Тверца» (Тверь): 5 040 шт, готово 03.12.2026"))
        #expect(r.stdout.contains("Кредитный лимит 500 000,00 ₽"))
    }

    /// COLUMNS=60: every line fits, and the Russian brick's name wraps whole — its grade and size are there.
    @Test(arguments: [60, 80, 100])
    func tableFitsTheWidth(columns: Int) throws {
        let r = quote(["--lang", "ru"], env: ["COLUMNS": String(columns)])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= columns }, "\(lines.filter { $0.count > columns })")
        #expect(r.stdout.contains("М150") && r.stdout.contains("(250×120×65)") && !r.stdout.contains("…"))
    }

    /// The HTML's figures are the JSON's: each line's net, the shipment's cost, net, VAT and gross.
    @Test(arguments: ["en", "ru"])
    func htmlNumbersAreTheJSONs(lang: String) throws {
        let html = quote(["--format", "html", "--lang", lang])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && !html.stdout.contains("<script") && !html.stdout.contains("http"))
        let json = try jsonObject(quote(["--format", "json"]).stdout)
        let totals = try #require(json["totals"] as? [String: Any])
        let lines = try #require(json["lines"] as? [[String: Any]])
        let shipments = try #require(json["shipments"] as? [[String: Any]])
        #expect(Self.fields("net", in: html.stdout) == [totals["net"] as? String])
        #expect(Self.fields("vat", in: html.stdout) == [totals["vat"] as? String])
        #expect(Self.fields("gross", in: html.stdout) == [totals["gross"] as? String])
        #expect(Self.fields("line-net", in: html.stdout) == lines.map { $0["net"] as? String })
        #expect(Self.fields("shipment-cost", in: html.stdout) == shipments.map { $0["cost"] as? String })
        #expect(html.stdout.contains("ИНН 7700000000") || lang == "en")
        for secret in Self.managerOnly { #expect(!html.stdout.contains(secret), "\(secret) in the HTML") }
        if lang == "ru" {
            // 114 399,66 ₽ in words, as Russian documents state it.
            #expect(html.stdout.contains("В том числе НДС 22 %") || html.stdout.contains("в том числе НДС 22 %"))
            #expect(html.stdout.contains("Сто четырнадцать тысяч триста девяносто девять рублей 66 копеек"))
        }
    }

    /// Printed by headless Chromium (Debian's `chromium`; .ci/run installs it), the offer is one A4 page.
    @Test(.enabled(if: OfferFormatTests.chromium != nil)) func htmlPrintsToOnePage() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [CLI.packageRoot + "/scripts/render-html.sh", scratch.path]
        p.environment = ProcessInfo.processInfo.environment.merging(["QUOTE_BINARY": CLI.binary]) { $1 }
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "more than one page, or no PDF")
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/offer.png"))
    }

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test func errorsInRussian() throws {
        let r = run(["кирпчи", "--qty", "5000", "--city", "Тврь", "--lang", "ru", "--as-of", CLI.asOf], cwd: CLI.packageRoot)
        #expect(r.status == 2)
        #expect(
            r.stderr.contains("ошибка: Неизвестный товар «кирпчи»: нет артикула, названия или синонима с таким именем. [items[0].product]"))
        #expect(r.stderr.contains("ошибка: Неизвестный город «Тврь»: в него нет доставки по каталогу. [--city]"))
        #expect(r.stderr.contains("Возможно, вы имели в виду: Tver, Тверь"))
        let missing = run(["brick", "--qty", "5000", "--lang", "ru", "--as-of", CLI.asOf], cwd: CLI.packageRoot)
        #expect(missing.stderr.contains("Укажите --city ГОРОД или --pickup."), "the front end names the option: \(missing.stderr)")
    }

    @Test func jsonRequestsChooseTheirLanguage() throws {
        let request = #"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00","lang":"ru"}"#
        let r = run(["--json"], stdin: request, cwd: CLI.packageRoot)
        #expect(r.status == 0)
        let hints = try #require(try jsonObject(r.stdout)["hints"] as? [[String: Any]])
        #expect(
            hints.first?["message"] as? String == "с завода-изготовителя (Тверь): в машину поместится ещё 1 поддон без доплаты за доставку."
        )
        let bad = run(
            ["--json"], stdin: #"{"items":[{"product":"кирпчи","quantity":"5000"}],"city":"Tver","lang":"ru"}"#, cwd: CLI.packageRoot)
        let error = try #require(try jsonObject(bad.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "unknown_product")
        #expect(error["message"] as? String == "Неизвестный товар «кирпчи»: нет артикула, названия или синонима с таким именем.")
        let wrong = run(
            ["--json"], stdin: #"{"items":[{"product":"brick","quantity":"5000"}],"city":"Tver","lang":"de"}"#, cwd: CLI.packageRoot)
        #expect(try jsonObject(wrong.stdout)["error"].flatMap { ($0 as? [String: Any])?["field"] as? String } == "lang")
    }

    @Test func helpInRussian() {
        let r = run(["--help", "--lang", "ru"], cwd: CLI.packageRoot)
        #expect(r.status == 0)
        for option in [
            "--qty", "--city", "--pickup", "--by", "--customer", "--discount", "--format text", "--format html", "--internal", "--explain",
        ] {
            #expect(r.stdout.contains(option), "\(option)")
        }
        #expect(r.stdout.contains("ИСПОЛЬЗОВАНИЕ"))
    }

    /// The `data-field` values in `html`, as JSON writes amounts ("114399.66").
    static func fields(_ name: String, in html: String) -> [String?] {
        html.components(separatedBy: "data-field=\"\(name)\">").dropFirst().map { rest in
            let value = rest.prefix { $0 != "<" }
            let digits = value.filter { $0.isNumber || $0 == "," || $0 == "." || $0 == "-" }
            // "114 399,66 ₽" → "114399.66"; "114,399.66" → "114399.66".
            return digits.contains(".") ? digits.replacingOccurrences(of: ",", with: "") : digits.replacingOccurrences(of: ",", with: ".")
        }
    }
}
