import Foundation
import Testing

/// Every way of giving a quantity, through the CLI and through JSON, against the bundled demo catalog.
@Suite struct UnitsCLITests {
    func line(_ args: [String]) throws -> [String: Any] {
        let r = run(args + ["--as-of", CLI.asOf, "--format", "json"], cwd: CLI.packageRoot)
        #expect(r.status == 0, "\(args): \(r.stdout)\(r.stderr)")
        let quote = try jsonObject(r.stdout)
        return try #require((quote["lines"] as? [[String: Any]])?.first)
    }

    /// The issue's example: 100 m² of NF brick wall 1½ bricks thick = 100 × 153 = 15 300 needed
    /// (the table's figure), sold in whole pallets of 420: 37 pallets = 15 540.
    @Test func wallFromTheStandardTable() throws {
        let l = try line(["brick", "--wall", "100", "--thickness", "1.5", "--city", "Tver"])
        #expect(l["requestedQuantity"] as? String == "100")
        #expect(l["requestedUnit"] as? String == "m2")
        #expect(l["computedQuantity"] as? String == "15300")
        #expect(l["quantity"] as? String == "15540")
        #expect(l["pallets"] as? Int == 37)
        #expect((l["conversion"] as? String)?.contains("153 pcs/m²") == true)
    }

    @Test(arguments: [
        // demo product, --qty, sold; derivations from catalogs/demo/products.csv
        ("brick", "12pal", "5040"),  // 12 × 420
        ("brick", "10m3", "4200"),  // 10 m³ × 394 = 3 940 → 10 pallets
        ("brick", "18t", "5040"),  // 18 000 kg ÷ 3.6 = 5 000 → 12 pallets
        ("газобетон", "20m3", "480"),  // 20 × 22.222 = 444.44 → pallets of 40: 12 → 480
        ("cement", "40bag", "40"),
        ("cement", "2t", "40"),  // 50 kg bags
        ("sand", "6t", "6"),
        ("sand", "10m3", "16"),  // quarry sand 1 600 kg/m³ → 16 t
    ])
    func quantities(product: String, qty: String, sold: String) throws {
        let l = try line([product, "--qty", qty, "--city", "Klin"])
        #expect(l["quantity"] as? String == sold)
    }

    @Test func wallThroughJSON() throws {
        let request =
            #"{"items":[{"product":"brick","wall":{"area":"120","thickness":"1.5","openings":"6.5","waste":"5"}}],"city":"Tver","asOf":"2026-12-01T10:00:00+03:00"}"#
        let r = run(["--json"], stdin: request, cwd: CLI.packageRoot)
        #expect(r.status == 0)
        let l = try #require((try jsonObject(r.stdout)["lines"] as? [[String: Any]])?.first)
        // (120 − 6.5) × 153 × 1.05 = 18 233.775 → 18 234 → 44 pallets = 18 480
        #expect(l["computedQuantity"] as? String == "18233.775")
        #expect(l["quantity"] as? String == "18480")
    }

    @Test(arguments: [
        (["cement", "--wall", "10", "--city", "Klin"], "invalid_unit"),
        (["brick", "--wall", "10", "--thickness", "3", "--city", "Klin"], "invalid_quantity"),
        (["brick", "--wall", "10", "--city", "Klin"], "missing_field"),
        (["brick", "--wall", "10", "--thickness", "1", "--openings", "12", "--city", "Klin"], "invalid_quantity"),
        (["brick", "--thickness", "1", "--city", "Klin"], "invalid_request"),
        (["sand", "--qty", "3pal", "--city", "Klin"], "invalid_unit"),
        (["brick", "--qty", "5parsecs", "--city", "Klin"], "invalid_unit"),
    ])
    func badQuantities(args: [String], code: String) throws {
        let r = run(args + ["--format", "json"], cwd: CLI.packageRoot)
        #expect(r.status == 2)
        let error = try #require(try jsonObject(r.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == code)
    }
}
