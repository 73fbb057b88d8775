import Foundation
import Testing

/// The offer as printed for a customer: Russian labels and amounts, customer terms, the internal view.
@Suite struct OfferTests {
    static let brickToTver = ["brick", "--qty", "5000", "--city", "Tver", "--as-of", CLI.asOf]

    /// Russian: labels, names and amounts as 1 234 567,89 ₽. The numbers are the demo quote's
    /// (PriceCommandTests): goods 87 696,00, deposit 3 000,00, delivery 8 000,00, VAT 21 053,12,
    /// total 119 749,12.
    @Test func russianOffer() {
        let r = run(Self.brickToTver + ["--lang", "ru"], cwd: CLI.packageRoot)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Коммерческое предложение Q-"))
        #expect(r.stdout.contains("Кирпич керамический полнотелый"))
        #expect(r.stdout.contains("5 040 шт"))
        #expect(r.stdout.contains("87 696,00"))
        #expect(r.stdout.contains("Всего с НДС, ₽    119 749,12"))
        #expect(r.stdout.contains("Оплата: 100 % предоплата"))
    }

    @Test func languageFollowsTheLocale() {
        let ru = run(Self.brickToTver, env: ["LANG": "ru_RU.UTF-8", "LC_ALL": ""], cwd: CLI.packageRoot)
        #expect(ru.stdout.hasPrefix("Коммерческое предложение"))
        let en = run(Self.brickToTver, env: ["LANG": "en_US.UTF-8", "LC_ALL": ""], cwd: CLI.packageRoot)
        #expect(en.stdout.hasPrefix("Quote Q-"))
        let bad = run(Self.brickToTver + ["--lang", "de"], cwd: CLI.packageRoot)
        #expect(bad.status == 2)
    }

    /// C-1001 (ООО «СтройДом», dealer) gets 5 % on bricks; with 2 % more by hand:
    /// 17.40 × 0.95 × 0.98 = 16.1994 → 16.20; 14 days of credit from the delivery on 2026-12-03 → due 2026-12-17.
    @Test func customerTermsInJSON() throws {
        let r = run(Self.brickToTver + ["--customer", "C-1001", "--discount", "2", "--format", "json"], cwd: CLI.packageRoot)
        #expect(r.status == 0, "\(r.stdout)")
        let q = try jsonObject(r.stdout)
        let line = try #require((q["lines"] as? [[String: Any]])?.first)
        #expect(line["listPrice"] as? String == "17.40")
        #expect(line["unitPrice"] as? String == "16.20")
        #expect(line["discountPercent"] as? String == "6.9")
        #expect(line["cost"] == nil)  // never without --internal
        let payment = try #require(q["payment"] as? [String: Any])
        #expect(payment["terms"] as? String == "credit")
        #expect(payment["dueDate"] as? String == "2026-12-17")
        #expect((q["customer"] as? [String: Any])?["id"] as? String == "C-1001")
    }

    /// A manual discount over the brick cap (7 %) is refused, naming the cap.
    @Test func discountOverTheCap() throws {
        let r = run(Self.brickToTver + ["--discount", "10", "--format", "json"], cwd: CLI.packageRoot)
        #expect(r.status == 2)
        let error = try #require(try jsonObject(r.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "discount_too_large")
        #expect(error["candidates"] as? [String] == ["7"])
    }

    /// Costs only with --internal: PL-TVER's cost is 14.62 a brick: 5 040 × 14.62 = 73 684.80,
    /// margin 87 696.00 − 73 684.80 = 14 011.20 (16.0 %).
    @Test func internalView() throws {
        let plain = run(Self.brickToTver, cwd: CLI.packageRoot)
        #expect(!plain.stdout.contains("73,684.80"))
        let r = run(Self.brickToTver + ["--internal"], cwd: CLI.packageRoot)
        #expect(r.stdout.contains("BR-NF-M150-SOL: cost 73,684.80, margin 14,011.20 (16.0 %)"))
        let j = run(Self.brickToTver + ["--internal", "--format", "json"], cwd: CLI.packageRoot)
        let line = try #require((try jsonObject(j.stdout)["lines"] as? [[String: Any]])?.first)
        #expect(line["cost"] as? String == "73684.80")
        #expect(line["marginPercent"] as? String == "16.0")
    }

    @Test func unknownCustomer() throws {
        let r = run(Self.brickToTver + ["--customer", "C-1010", "--format", "json"], cwd: CLI.packageRoot)
        #expect(r.status == 2)
        let error = try #require(try jsonObject(r.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "unknown_customer")
        #expect((error["candidates"] as? [String])?.contains("C-1001") == true)
    }
}
